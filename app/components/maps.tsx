// Server-safe wrappers: the Leaflet module loads only in the browser, after hydration.
import { lazy, Suspense, useState } from "react";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { ClientOnly } from "./client-only";
import { Field } from "./form";
import type { MapPoint } from "./map.client";

const LazyPoints = lazy(() => import("./map.client").then((m) => ({ default: m.PointsMap })));
const LazyPicker = lazy(() => import("./map.client").then((m) => ({ default: m.PickerMap })));
const LazyPointPicker = lazy(() => import("./map.client").then((m) => ({ default: m.PointPickerMap })));

export function PointsMap({ points, height }: { points: MapPoint[]; height?: number }) {
  const fallback = <div className="map map-placeholder" style={{ height: height ?? 360 }} />;
  return (
    <ClientOnly fallback={fallback}>
      {() => (
        <Suspense fallback={fallback}>
          <LazyPoints points={points} height={height} />
        </Suspense>
      )}
    </ClientOnly>
  );
}

/** Latitude/longitude fields that always work, plus a map to click where JavaScript runs. */
export function LocationPicker({ lat, lng, errors, label }: { lat: string; lng: string; errors?: FieldErrors; label: string }) {
  const t = useT();
  const [pos, setPos] = useState({ lat, lng });
  const num = (s: string) => (s.trim() === "" || Number.isNaN(Number(s.replace(",", "."))) ? null : Number(s.replace(",", ".")));
  return (
    <fieldset className="location">
      <legend>{t("location.legend")}</legend>
      <p className="hint">{t("location.hint")}</p>
      <ClientOnly fallback={<div className="map map-placeholder" style={{ height: 300 }} />}>
        {() => (
          <Suspense fallback={<div className="map map-placeholder" style={{ height: 300 }} />}>
            <LazyPicker lat={num(pos.lat)} lng={num(pos.lng)} label={label} onPick={(la, ln) => setPos({ lat: String(la), lng: String(ln) })} />
          </Suspense>
        )}
      </ClientOnly>
      <div className="row">
        <Field
          label={t("location.lat")}
          name="lat"
          inputMode="decimal"
          value={pos.lat}
          onChange={(e) => setPos((p) => ({ ...p, lat: e.target.value }))}
          errors={errors}
        />
        <Field
          label={t("location.lng")}
          name="lng"
          inputMode="decimal"
          value={pos.lng}
          onChange={(e) => setPos((p) => ({ ...p, lng: e.target.value }))}
          errors={errors}
        />
      </div>
    </fieldset>
  );
}

const coordinate = (s: string) => (s.trim() === "" || Number.isNaN(Number(s.replace(",", "."))) ? null : Number(s.replace(",", ".")));

/**
 * One collection point of an offer: its name, and latitude/longitude fields that always work,
 * with a map (once JavaScript runs) to click or tap where the point is and drag the pin.
 * The fields post as point.name / point.lat / point.lng rows (offerFormValues).
 */
export function CollectionPointRow({
  row,
  name,
  lat: initialLat,
  lng: initialLng,
  errors,
}: {
  row: number;
  name: string;
  lat: string;
  lng: string;
  errors?: FieldErrors;
}) {
  const t = useT();
  const [pos, setPos] = useState({ lat: initialLat, lng: initialLng });
  const [label, setLabel] = useState(name);
  // Vietnamese readers type decimal commas; the map writes what the field would show.
  const show = (n: number) => (t.locale === "vi" ? String(n).replace(".", ",") : String(n));
  return (
    <div className="point-row" data-point-row={row}>
      <Field label={t("offer.pointName")} name="point.name" value={label} onChange={(e) => setLabel(e.target.value)} errors={errors} />
      <Field
        label={t("location.lat")}
        name="point.lat"
        inputMode="decimal"
        value={pos.lat}
        onChange={(e) => {
          const v = e.target.value;
          setPos((p) => ({ ...p, lat: v }));
        }}
        errors={errors}
      />
      <Field
        label={t("location.lng")}
        name="point.lng"
        inputMode="decimal"
        value={pos.lng}
        onChange={(e) => {
          const v = e.target.value;
          setPos((p) => ({ ...p, lng: v }));
        }}
        errors={errors}
      />
      <ClientOnly>
        {() => (
          <div className="point-map" style={{ gridColumn: "1 / -1" }}>
            <p className="hint">{t("offer.pointMapHint")}</p>
            <Suspense fallback={<div className="map map-placeholder" style={{ height: 260 }} />}>
              <LazyPointPicker
                lat={coordinate(pos.lat)}
                lng={coordinate(pos.lng)}
                label={label || t("offer.pointName")}
                onPick={(la, ln) => setPos({ lat: show(la), lng: show(ln) })}
              />
            </Suspense>
          </div>
        )}
      </ClientOnly>
    </div>
  );
}
