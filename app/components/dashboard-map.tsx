// Server-safe parts of the linkage map: the lazy wrapper (Leaflet loads only in the browser,
// after hydration), the shading and outline toggles and the legend, which the page shows even
// before the map.
import { Form, useNavigate } from "@remix-run/react";
import { lazy, Suspense } from "react";
import type { FeatureCollection } from "geojson";
import type { PathOptions } from "leaflet";
import type { MapData } from "~/domain/map.server";
import { placeKey } from "~/domain/places/fold";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { ClientOnly } from "./client-only";
import type { LinkageMapProps } from "./linkage-map.client";

export type Shade = "area" | "volume";

/**
 * Which province outlines the map draws: the 34 in force since 1 July 2025, or the 63 before
 * (for a season recorded in the old units). docs/decisions/0020-province-outlines-2025.md.
 */
export type Outlines = "2025" | "2019";
export const OUTLINE_FILES: Record<Outlines, string> = { "2025": "/geo/vn-provinces-2025.json", "2019": "/geo/vn-provinces.json" };
export const outlinesParam = (v: string | null): Outlines => (v === "2019" ? "2019" : "2025");

/** What an outline carries: its name, and on the 34 the old provinces it was made of, on the 63 where it went. */
export type ProvinceProps = { name: string; formerNames?: string[]; now?: string };

/**
 * The shading value of each outline (by feature name) from the server's rows. Rows are joined on
 * folded names (placeKey) and summed, since stored names vary ("Hoà Bình", "Hòa Bình"). A name
 * that is no outline's goes where it unambiguously lies: on the 34, an old province's name to the
 * new one made from it (records not yet moved to the new units); on the 63, a current name that
 * is no old one ("Thành phố Huế") to the one old province now in it.
 */
export function outlineValues(fc: FeatureCollection | null, rows: MapData["a"], col: 1 | 2): Map<string, number> {
  const values = new Map<string, number>();
  if (!fc) return values;
  const byKey = new Map<string, string>();
  const elsewhere = new Map<string, string[]>();
  for (const f of fc.features) {
    const p = f.properties as ProvinceProps;
    byKey.set(placeKey(p.name), p.name);
    for (const other of [...(p.formerNames ?? []), ...(p.now ? [p.now] : [])]) {
      const k = placeKey(other);
      elsewhere.set(k, [...(elsewhere.get(k) ?? []), p.name]);
    }
  }
  for (const r of rows) {
    const k = placeKey(r[0]);
    const only = elsewhere.get(k);
    const name = byKey.get(k) ?? (only?.length === 1 ? only[0] : undefined);
    if (name !== undefined) values.set(name, (values.get(name) ?? 0) + r[col]);
  }
  return values;
}

/** Province fills, lightest to darkest, per shading: hues apart from the green points and lines drawn on top. */
export const SHADES: Record<Shade, string[]> = {
  area: ["#fff7bc", "#fee391", "#fec44f", "#fe9929", "#e8761a"],
  volume: ["#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba"],
};

/** How a buyer–group pair moved between the previous season and this one (MapData.l's third number). */
export const LINK_KINDS = ["continued", "new", "lapsed"] as const;

/** Line styles by continuance, in the order of LINK_KINDS. */
export const LINE_STYLE: { label: MessageKey; hint: MessageKey; path: PathOptions }[] = [
  { label: "map.kind.continued", hint: "map.kind.continuedHint", path: { color: "#17602a", weight: 3, opacity: 0.9 } },
  { label: "map.kind.new", hint: "map.kind.newHint", path: { color: "#1f5fbf", weight: 3, opacity: 0.9, dashArray: "8 6" } },
  { label: "map.kind.lapsed", hint: "map.kind.lapsedHint", path: { color: "#8c2f28", weight: 3.5, opacity: 0.9, dashArray: "1 7", lineCap: "round" } },
];

const LazyLinkageMap = lazy(() => import("./linkage-map.client").then((m) => ({ default: m.LinkageMap })));

export function LinkageMapBox(props: LinkageMapProps) {
  const fallback = <div className="map map-placeholder linkage-map" />;
  return (
    <ClientOnly fallback={fallback}>
      {() => (
        <Suspense fallback={fallback}>
          <LazyLinkageMap {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}

export function ShadeToggle({ shade, onChange }: { shade: Shade; onChange: (s: Shade) => void }) {
  const t = useT();
  return (
    <fieldset className="shade-toggle">
      <legend>{t("map.shadeBy")}</legend>
      {(["area", "volume"] as const).map((s) => (
        <label key={s} className={shade === s ? "on" : undefined}>
          <input type="radio" name="shade" value={s} checked={shade === s} onChange={() => onChange(s)} />
          {t(s === "area" ? "map.shadeArea" : "map.shadeVolume")}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The outlines as a plain GET form (the choice lives in the URL, `?outlines=2019`), keeping the
 * scope and the shading; with JavaScript a click is enough.
 */
export function OutlinesToggle({ outlines, query, shade }: { outlines: Outlines; query: string; shade: Shade }) {
  const t = useT();
  const navigate = useNavigate();
  const params = [...new URLSearchParams(query).entries()].filter(([k]) => k !== "outlines" && k !== "shade");
  const href = (o: Outlines) => {
    const q = new URLSearchParams(params);
    q.set("shade", shade);
    if (o !== "2025") q.set("outlines", o);
    return `/map?${q.toString()}`;
  };
  return (
    <Form method="get" action="/map">
      {params.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="shade" value={shade} />
      <fieldset className="shade-toggle outlines-toggle">
        <legend>{t("map.outlines")}</legend>
        {(["2025", "2019"] as const).map((o) => (
          <label key={o} className={outlines === o ? "on" : undefined}>
            <input type="radio" name="outlines" value={o} checked={outlines === o} onChange={() => navigate(href(o), { preventScrollReset: true })} />
            {t(o === "2025" ? "map.outlines.2025" : "map.outlines.2019")}
          </label>
        ))}
        <noscript>
          <button type="submit" className="btn btn-small">
            {t("map.outlines.show")}
          </button>
        </noscript>
      </fieldset>
      {outlines === "2019" ? <p className="muted hint">{t("map.outlines.hint2019")}</p> : null}
    </Form>
  );
}

export function MapLegend({ season, prevSeason }: { season: string | null; prevSeason: string | null }) {
  const t = useT();
  const dash = (p: PathOptions) => ({ stroke: p.color, strokeWidth: 3, strokeDasharray: p.dashArray as string | undefined, strokeLinecap: p.lineCap });
  return (
    <section className="card map-legend" aria-labelledby="legend-h" id="map-legend">
      <h2 id="legend-h">{t("map.legend")}</h2>
      <ul>
        {LINE_STYLE.map((s) => (
          <li key={s.label}>
            <svg width="44" height="12" aria-hidden="true">
              <line x1="2" y1="6" x2="42" y2="6" {...dash(s.path)} />
            </svg>
            <span>
              <strong>{t(s.label)}</strong> — {t(s.hint, { season: season ?? "—", prev: prevSeason ?? "—" })}
            </span>
          </li>
        ))}
        <li>
          <svg width="44" height="18" aria-hidden="true">
            <circle cx="22" cy="9" r="6" fill="#1d5c2e" stroke="#fff" strokeWidth="2" />
          </svg>
          <span>{t("map.legend.group")}</span>
        </li>
        <li>
          <svg width="44" height="18" aria-hidden="true">
            <circle cx="22" cy="9" r="6" fill="#93ad93" stroke="#fff" strokeWidth="2" />
          </svg>
          <span>{t("map.legend.groupIdle")}</span>
        </li>
        <li>
          <svg width="44" height="26" aria-hidden="true">
            <circle cx="22" cy="13" r="12" fill="#1d5c2e" opacity="0.85" />
            <text x="22" y="17" textAnchor="middle" fontSize="11" fill="#fff" fontWeight="700">
              12
            </text>
          </svg>
          <span>{t("map.legend.cluster")}</span>
        </li>
        <li>
          <svg width="44" height="20" aria-hidden="true">
            <circle cx="22" cy="10" r="8" fill="#8a3b12" stroke="#fff" strokeWidth="2" />
          </svg>
          <span>{t("map.legend.buyer")}</span>
        </li>
      </ul>
    </section>
  );
}
