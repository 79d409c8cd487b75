// Leaflet maps that work with no tile server: Vietnam's provinces (the 34 in force since July
// 2025) are drawn from a bundled GeoJSON file (public/geo/vn-provinces-2025.json), points as
// CircleMarkers (no icon images).
import type { FeatureCollection } from "geojson";
import { useEffect, useState } from "react";
import { divIcon } from "leaflet";
import { CircleMarker, GeoJSON, MapContainer, Marker, Pane, Tooltip, useMap, useMapEvents } from "react-leaflet";

let provincesPromise: Promise<FeatureCollection> | null = null;
function loadProvinces() {
  provincesPromise ??= fetch("/geo/vn-provinces-2025.json").then((r) => r.json() as Promise<FeatureCollection>);
  return provincesPromise;
}

function Provinces() {
  const [geo, setGeo] = useState<FeatureCollection | null>(null);
  useEffect(() => {
    let live = true;
    loadProvinces()
      .then((g) => live && setGeo(g))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  // Its own pane below the markers: the outlines arrive after the points and must not cover them.
  return geo ? (
    <Pane name="provinces" style={{ zIndex: 250 }}>
      <GeoJSON
        data={geo}
        style={{ color: "#6b7f6b", weight: 1, fillColor: "#eef3e8", fillOpacity: 1 }}
        onEachFeature={(f, layer) => layer.bindTooltip(String(f.properties?.name ?? ""), { sticky: true })}
      />
    </Pane>
  ) : null;
}

export type MapPoint = { id: string; lat: number; lng: number; label: string; kind?: "group" | "buyer" };

const VIETNAM_CENTER: [number, number] = [16.2, 106.0];

export function PointsMap({ points, height = 360 }: { points: MapPoint[]; height?: number }) {
  const center: [number, number] = points.length ? [points[0].lat, points[0].lng] : VIETNAM_CENTER;
  return (
    <MapContainer center={center} zoom={points.length ? 7 : 5} style={{ height }} className="map" attributionControl={false}>
      <Provinces />
      {points.map((p) => (
        <CircleMarker key={p.id} center={[p.lat, p.lng]} radius={7} pathOptions={{ color: p.kind === "buyer" ? "#8a3b12" : "#1d5c2e", fillOpacity: 0.85 }}>
          <Tooltip>{p.label}</Tooltip>
        </CircleMarker>
      ))}
    </MapContainer>
  );
}

function ClickToPlace({ onPick }: { onPick: (lat: number, lng: number) => void }) {
  useMapEvents({ click: (e) => onPick(Number(e.latlng.lat.toFixed(5)), Number(e.latlng.lng.toFixed(5))) });
  return null;
}

export function PickerMap({ lat, lng, onPick, label }: { lat: number | null; lng: number | null; onPick: (lat: number, lng: number) => void; label: string }) {
  const has = lat !== null && lng !== null;
  return (
    <MapContainer center={has ? [lat, lng] : VIETNAM_CENTER} zoom={has ? 8 : 5} style={{ height: 300 }} className="map" attributionControl={false}>
      <Provinces />
      <ClickToPlace onPick={onPick} />
      {has ? (
        <CircleMarker center={[lat, lng]} radius={9} pathOptions={{ color: "#b3261e", fillOpacity: 0.9 }}>
          <Tooltip permanent>{label}</Tooltip>
        </CircleMarker>
      ) : null}
    </MapContainer>
  );
}

// A pin drawn with CSS (no icon image to fetch), its tip on the point.
const pin = divIcon({
  className: "map-pin",
  html: '<span style="display:block;width:22px;height:22px;border-radius:50% 50% 50% 0;background:#b3261e;border:2px solid #fff;transform:rotate(-45deg);box-shadow:0 1px 3px #0006"></span>',
  iconSize: [22, 22],
  iconAnchor: [11, 24],
});

const round5 = (n: number) => Number(n.toFixed(5));

/** Follows coordinates typed in the fields, so the pin stays in view. */
function FollowPoint({ lat, lng }: { lat: number | null; lng: number | null }) {
  const map = useMap();
  useEffect(() => {
    if (lat !== null && lng !== null && !map.getBounds().contains([lat, lng])) map.panTo([lat, lng]);
  }, [map, lat, lng]);
  return null;
}

/**
 * A collection point placed by a click or tap, then dragged where it belongs. Works on the
 * province outlines alone: no tile server is needed, and the latitude/longitude fields beside
 * it remain the way to type a point (and the only one without JavaScript).
 */
export function PointPickerMap({
  lat,
  lng,
  onPick,
  label,
  height = 260,
}: {
  lat: number | null;
  lng: number | null;
  onPick: (lat: number, lng: number) => void;
  label: string;
  height?: number;
}) {
  const has = lat !== null && lng !== null;
  return (
    <MapContainer center={has ? [lat, lng] : VIETNAM_CENTER} zoom={has ? 9 : 5} style={{ height }} className="map point-picker" attributionControl={false}>
      <Provinces />
      <ClickToPlace onPick={onPick} />
      <FollowPoint lat={lat} lng={lng} />
      {has ? (
        <Marker
          position={[lat, lng]}
          icon={pin}
          draggable
          title={label}
          alt={label}
          eventHandlers={{
            dragend: (e) => {
              const p = (e.target as { getLatLng: () => { lat: number; lng: number } }).getLatLng();
              onPick(round5(p.lat), round5(p.lng));
            },
          }}
        />
      ) : null}
    </MapContainer>
  );
}
