// The small map of a trace page: Vietnam's outline, the province shaded and a dot where the
// produce was collected, as inline SVG paths. No Leaflet, no tiles, no script: a cheap phone on
// a poor connection draws it with the page. Built once from the committed province outlines
// (public/geo/vn-provinces-2025.json, docs/decisions/0020) at a coarse resolution.
import fs from "node:fs";
import path from "node:path";

type Ring = [number, number][];
type Feature = { properties: { code: string; name: string; formerNames?: string[] }; geometry: { type: string; coordinates: unknown } };

const SCALE = 16; // SVG units per degree of latitude
const COS = Math.cos((16 * Math.PI) / 180); // Vietnam's middle latitude: keeps shapes near true
const MIN_LNG = 102;
const MAX_LAT = 23.5;
export const SKETCH_VIEWBOX = `0 0 ${Math.ceil((109.6 - MIN_LNG) * COS * SCALE)} ${Math.ceil((MAX_LAT - 8.3) * SCALE)}`;

const project = ([lng, lat]: [number, number]): [number, number] => [
  Math.round((lng - MIN_LNG) * COS * SCALE * 10) / 10,
  Math.round((MAX_LAT - lat) * SCALE * 10) / 10,
];

/** Douglas–Peucker on a ring (degrees). */
function simplify(ring: Ring, tolerance: number): Ring {
  if (ring.length < 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a];
    const [bx, by] = ring[b];
    const len = Math.hypot(bx - ax, by - ay);
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      // A closed ring starts and ends at one point: there, the distance to that point.
      const d = len ? Math.abs((bx - ax) * (ay - ring[i][1]) - (ax - ring[i][0]) * (by - ay)) / len : Math.hypot(ring[i][0] - ax, ring[i][1] - ay);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

function rings(feature: Feature): Ring[] {
  const { type, coordinates } = feature.geometry;
  const polygons = (type === "MultiPolygon" ? coordinates : [coordinates]) as Ring[][];
  return polygons.map((p) => p[0]); // outer rings: holes are invisible at this size
}

function pathOf(rs: Ring[], tolerance: number, minSpan: number): string {
  const parts: string[] = [];
  for (const r of rs) {
    const lngs = r.map((p) => p[0]);
    const lats = r.map((p) => p[1]);
    if (Math.max(...lngs) - Math.min(...lngs) < minSpan && Math.max(...lats) - Math.min(...lats) < minSpan) continue; // small islands
    const pts = simplify(r, tolerance).map(project);
    if (pts.length >= 3) parts.push(`M${pts.map(([x, y]) => `${x} ${y}`).join("L")}Z`);
  }
  return parts.join("");
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/^(tinh|thanh pho)\s+/, "")
    .replace(/[^a-z]/g, "");

type Outlines = { country: string; byCode: Map<string, string>; byName: Map<string, string> };
let outlines: Outlines | null = null;

function load(): Outlines {
  if (outlines) return outlines;
  const file = path.resolve("public/geo/vn-provinces-2025.json");
  const features = (JSON.parse(fs.readFileSync(file, "utf8")) as { features: Feature[] }).features;
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  const country: string[] = [];
  for (const f of features) {
    country.push(pathOf(rings(f), 0.08, 0.15));
    const own = pathOf(rings(f), 0.02, 0.05);
    byCode.set(f.properties.code, own);
    for (const n of [f.properties.name, ...(f.properties.formerNames ?? [])]) byName.set(fold(n), own);
  }
  return (outlines = { country: country.join(""), byCode, byName });
}

export type Sketch = { viewBox: string; country: string; province: string | null; point: [number, number] | null };

/** The sketch for a place: province by official code, else by its (current or former) name. */
export function placeSketch(place: { provinceCode: string | null; province: string; lat: number | null; lng: number | null }): Sketch | null {
  let o: Outlines;
  try {
    o = load();
  } catch {
    return null; // the outlines are missing from this install: the page goes without a map
  }
  const province = (place.provinceCode && o.byCode.get(place.provinceCode)) || o.byName.get(fold(place.province)) || null;
  const point = place.lat != null && place.lng != null ? project([place.lng, place.lat]) : null;
  return { viewBox: SKETCH_VIEWBOX, country: o.country, province, point };
}
