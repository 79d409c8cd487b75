// The linkage map (browser only): provinces (the 34 since July 2025, or the 63 before on request)
// shaded by area or volume under contract, farmer groups clustered with supercluster (only what
// is in view is drawn, so 10,000 groups stay smooth), buyers, and buyer–group lines styled by
// continuance. Needs no tile server.
import type { Feature, FeatureCollection } from "geojson";
import type { LatLngTuple, Map as LeafletMap, PathOptions } from "leaflet";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CircleMarker, GeoJSON, MapContainer, Pane, Polyline, Popup, TileLayer, Tooltip, useMap, useMapEvents } from "react-leaflet";
import Supercluster from "supercluster";
import type { MapData } from "~/domain/map.server";
import { placeKey } from "~/domain/places/fold";
import { placeLine, type PlaceNames } from "~/domain/places/place";
import { useT } from "~/i18n/use-t";
import { formatNumber, groupDigits } from "~/utils/format";
import { LINE_STYLE, LINK_KINDS, OUTLINE_FILES, outlineValues, SHADES, type Outlines, type ProvinceProps, type Shade } from "./dashboard-map";

export type LinkageMapProps = { dataUrl: string; tileUrl: string | null; tileAttribution: string | null; shade: Shade; outlines: Outlines };

const outlinePromises = new Map<string, Promise<FeatureCollection>>();
function loadOutlines(url: string) {
  let p = outlinePromises.get(url);
  if (!p) {
    p = fetch(url).then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : Promise.reject(new Error(String(r.status)))));
    p.catch(() => outlinePromises.delete(url)); // a failed load is tried again next time
    outlinePromises.set(url, p);
  }
  return p;
}

function useOutlines(outlines: Outlines) {
  const [geo, setGeo] = useState<{ outlines: Outlines; fc: FeatureCollection } | null>(null);
  useEffect(() => {
    let live = true;
    loadOutlines(OUTLINE_FILES[outlines])
      .then((fc) => live && setGeo({ outlines, fc }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [outlines]);
  return geo?.outlines === outlines ? geo.fc : null;
}

function ShadedProvinces({
  fc,
  values,
  shade,
  outlines,
  translucent,
}: {
  fc: FeatureCollection;
  values: Map<string, number>;
  shade: Shade;
  outlines: Outlines;
  translucent: boolean;
}) {
  const t = useT();
  const max = Math.max(0, ...values.values());
  const style = (f?: Feature): PathOptions => {
    const v = values.get((f?.properties as ProvinceProps | undefined)?.name ?? "") ?? 0;
    const step = v > 0 && max > 0 ? Math.min(4, Math.floor((v / max) * 5 - 1e-9)) : -1;
    return {
      color: "#6b7f6b",
      weight: 1,
      fillColor: step < 0 ? "#f3f4ef" : SHADES[shade][step],
      fillOpacity: translucent ? 0.5 : 0.9,
      className: "lm-province",
    };
  };
  const unit = shade === "area" ? "ha" : t("dash.unit.tonnes");
  // What a reader used to the other set of provinces needs: what a new one was made of, where an old one went.
  const note = (p: ProvinceProps) =>
    p.formerNames && p.formerNames.length > 1
      ? ` (${t("map.province.formerly", { names: p.formerNames.join(", ") })})`
      : p.now && placeKey(p.now) !== placeKey(p.name)
        ? ` (${t("map.province.now", { name: p.now })})`
        : "";
  return (
    <Pane name="provinces" style={{ zIndex: 250 }}>
      <GeoJSON
        key={`${outlines}-${shade}-${[...values].join()}`}
        data={fc}
        style={style}
        onEachFeature={(f, layer) => {
          const p = f.properties as ProvinceProps;
          const v = values.get(p.name);
          layer.bindTooltip(`${p.name}${note(p)}${v ? ` — ${formatNumber(v, shade === "area" ? 2 : 3)} ${unit}` : ""}`, { sticky: true });
        }}
      />
    </Pane>
  );
}

type Line = { key: string; from: LatLngTuple; to: LatLngTuple; kind: number; count: number; buyer: string };

/** SVG stays smooth with a few hundred lines; beyond that the strongest are drawn and the rest wait for a zoom. */
const MAX_LINES = 400;

function snapshot(map: LeafletMap) {
  const b = map.getBounds().pad(0.25); // a margin, so a short pan has its points ready
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  return {
    bbox: [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -85, 85), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -85, 85)] as [
      number,
      number,
      number,
      number,
    ],
    zoom: Math.round(map.getZoom()),
  };
}

function Linkages({ data, detailUrl, onLines }: { data: MapData; detailUrl: (id: string) => string; onLines: (drawn: number, total: number) => void }) {
  const t = useT();
  const map = useMap();
  const [view, setView] = useState(() => snapshot(map));
  const [selected, setSelected] = useState<number | null>(null);
  useMapEvents({ moveend: () => setView(snapshot(map)) });

  // extent 256 is Leaflet's tile size, so `radius` is in screen pixels.
  const index = useMemo(
    () =>
      new Supercluster<{ i: number }>({ radius: 50, extent: 256, maxZoom: 13 }).load(
        data.g.map(([lat, lng], i) => ({ type: "Feature", properties: { i }, geometry: { type: "Point", coordinates: [lng, lat] } })),
      ),
    [data],
  );
  const linksOf = useMemo(() => {
    const m = new Map<number, [number, number][]>();
    for (const [gi, bi, k] of data.l) m.set(gi, [...(m.get(gi) ?? []), [bi, k]]);
    return m;
  }, [data]);

  // Fit the map to what the data holds, once per data set.
  useEffect(() => {
    const pts: LatLngTuple[] = [...data.g.map(([a, b]) => [a, b] as LatLngTuple), ...data.b.map(([a, b]) => [a, b] as LatLngTuple)];
    if (pts.length === 1) map.setView(pts[0], 10);
    else if (pts.length > 1) map.fitBounds(pts, { padding: [24, 24], maxZoom: 11 });
  }, [data, map]);

  const features = useMemo(() => index.getClusters(view.bbox, view.zoom), [index, view]);
  // One line per drawn point or cluster, buyer and kind: a cluster's lines carry its groups' count.
  const lines = useMemo(() => {
    const out: Line[] = [];
    const linked = new Set<number>(); // clusters with at least one linked group
    for (const f of features) {
      const [lng, lat] = f.geometry.coordinates;
      const p = f.properties;
      const members = "cluster" in p && p.cluster ? index.getLeaves(p.cluster_id, Infinity).map((l) => l.properties.i) : [(p as { i: number }).i];
      const agg = new Map<number, number>();
      for (const gi of members) for (const [bi, k] of linksOf.get(gi) ?? []) agg.set(bi * 3 + k, (agg.get(bi * 3 + k) ?? 0) + 1);
      if (agg.size && "cluster" in p && p.cluster) linked.add(p.cluster_id);
      for (const [key, count] of agg) {
        const b = data.b[Math.floor(key / 3)];
        out.push({ key: `${lat},${lng}:${key}`, from: [lat, lng], to: [b[0], b[1]], kind: key % 3, count, buyer: b[3] });
      }
    }
    const drawn = out.length > MAX_LINES ? out.sort((a, b) => b.count - a.count).slice(0, MAX_LINES) : out;
    return { drawn, total: out.length, linked };
  }, [features, index, linksOf, data.b]);
  useEffect(() => onLines(lines.drawn.length, lines.total), [lines, onLines]);

  const kindLabel = (k: number) => t(LINE_STYLE[k].label);
  const sel = selected === null ? null : data.g[selected];
  return (
    <>
      {lines.drawn.map((l) => (
        <Polyline
          key={l.key}
          positions={[l.from, l.to]}
          className={`lm-line lm-line-${LINK_KINDS[l.kind]}`}
          pathOptions={{ ...LINE_STYLE[l.kind].path, weight: LINE_STYLE[l.kind].path.weight! + Math.min(4, Math.log2(l.count)) }}
        >
          <Tooltip sticky>{t("map.lineTip", { buyer: l.buyer, n: l.count, kind: kindLabel(l.kind) })}</Tooltip>
        </Polyline>
      ))}
      <Pane name="points" style={{ zIndex: 450 }}>
        {features.map((f) => {
          const [lng, lat] = f.geometry.coordinates;
          const p = f.properties;
          if ("cluster" in p && p.cluster) {
            const n = p.point_count;
            return (
              <CircleMarker
                key={`c${p.cluster_id}`}
                center={[lat, lng]}
                radius={11 + Math.min(13, Math.log10(n) * 5)}
                className="lm-cluster"
                pathOptions={{ color: "#fff", weight: 2, fillColor: lines.linked.has(p.cluster_id) ? "#1d5c2e" : "#7f9a7f", fillOpacity: 0.9 }}
                eventHandlers={{ click: () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(p.cluster_id), 16)) }}
              >
                <Tooltip permanent direction="center" className="cluster-count" interactive={false} pane="tooltipPane">
                  {groupDigits(n)}
                </Tooltip>
              </CircleMarker>
            );
          }
          const i = (p as { i: number }).i;
          return (
            <CircleMarker
              key={`g${i}`}
              center={[lat, lng]}
              radius={7}
              className="lm-group"
              pathOptions={{ color: "#fff", weight: 2, fillColor: linksOf.has(i) ? "#1d5c2e" : "#93ad93", fillOpacity: 1 }}
              eventHandlers={{ click: () => setSelected(i) }}
            />
          );
        })}
        {data.b.map(([lat, lng, id, name]) => (
          <CircleMarker
            key={id}
            center={[lat, lng]}
            radius={9}
            className="lm-buyer"
            pathOptions={{ color: "#fff", weight: 2, fillColor: "#8a3b12", fillOpacity: 1 }}
          >
            <Tooltip>{name}</Tooltip>
          </CircleMarker>
        ))}
      </Pane>
      {sel ? (
        <Popup position={[sel[0], sel[1]]} eventHandlers={{ remove: () => setSelected(null) }}>
          <GroupPopup url={detailUrl(sel[2])} id={sel[2]} />
        </Popup>
      ) : null}
    </>
  );
}

function GroupPopup({ url, id }: { url: string; id: string }) {
  const t = useT();
  const [g, setG] = useState<({ name: string } & PlaceNames) | null>(null);
  useEffect(() => {
    let live = true;
    fetch(url)
      .then((r) => (r.ok ? r.json() : null))
      .then((d) => live && setG(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="lm-popup">
      <strong>{g ? g.name : t("map.loading")}</strong>
      {g ? <div className="muted">{placeLine(g)}</div> : null}
      <a href={`/groups/${id}`}>{t("map.openGroup")}</a>
    </div>
  );
}

export function LinkageMap({ dataUrl, tileUrl, tileAttribution, shade, outlines }: LinkageMapProps) {
  const t = useT();
  const fc = useOutlines(outlines);
  const [state, setState] = useState<{ url: string; data: MapData | null; failed: boolean }>({ url: dataUrl, data: null, failed: false });
  useEffect(() => {
    let live = true;
    setState({ url: dataUrl, data: null, failed: false });
    fetch(dataUrl, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<MapData>) : Promise.reject(new Error(String(r.status)))))
      .then((data) => live && setState({ url: dataUrl, data, failed: false }))
      .catch(() => live && setState({ url: dataUrl, data: null, failed: true }));
    return () => {
      live = false;
    };
  }, [dataUrl]);
  const [drawn, setDrawn] = useState<[number, number]>([0, 0]);
  const onLines = useCallback((d: number, total: number) => setDrawn([d, total]), []);
  const { data, failed } = state;
  const rows = data?.a;
  const values = useMemo(() => outlineValues(fc, rows ?? [], shade === "area" ? 1 : 2), [fc, rows, shade]);
  const counts = [0, 0, 0];
  for (const l of data?.l ?? []) counts[l[2]]++;
  return (
    <>
      <MapContainer center={[16.2, 106.0]} zoom={5} className="map linkage-map" attributionControl={!!tileUrl} id="linkage-map">
        {tileUrl ? <TileLayer url={tileUrl} attribution={tileAttribution ?? undefined} /> : null}
        {fc ? <ShadedProvinces fc={fc} values={values} shade={shade} outlines={outlines} translucent={!!tileUrl} /> : null}
        {data ? <Linkages data={data} detailUrl={(id) => `${dataUrl}&group=${encodeURIComponent(id)}`} onLines={onLines} /> : null}
      </MapContainer>
      <p className="map-status muted" role="status">
        {failed
          ? t("map.failed")
          : !data
            ? t("map.loading")
            : data.g.length === 0
              ? t("map.noGroups")
              : t("map.summary", { groups: groupDigits(data.g.length), buyers: data.b.length, continued: counts[0], fresh: counts[1], lapsed: counts[2] })}
        {data && drawn[1] > drawn[0] ? ` ${t("map.linesCapped", { drawn: groupDigits(drawn[0]), total: groupDigits(drawn[1]) })}` : null}
      </p>
      {data ? <ShadeScale values={values} shade={shade} /> : null}
    </>
  );
}

function ShadeScale({ values, shade }: { values: Map<string, number>; shade: Shade }) {
  const t = useT();
  const max = Math.max(0, ...values.values());
  if (max <= 0) return null;
  const unit = shade === "area" ? "ha" : t("dash.unit.tonnes");
  const dp = shade === "area" ? 1 : 2;
  return (
    <div className="shade-scale" aria-label={t(shade === "area" ? "map.shadeArea" : "map.shadeVolume")}>
      <span>{t(shade === "area" ? "map.shadeArea" : "map.shadeVolume")}:</span>
      <ol>
        {SHADES[shade].map((c, i) => (
          <li key={c}>
            <span className="swatch" style={{ background: c }} aria-hidden="true" />
            {i === 0 ? "≤ " : ""}
            {formatNumber((max * (i + 1)) / 5, dp)} {i === SHADES[shade].length - 1 ? unit : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
