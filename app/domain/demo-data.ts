// Static tables for the demo programme (app/domain/demo.server.ts). The value chains are the
// ones the evaluation reports in shared/seeds/ name: coffee in Hướng Hóa (Quảng Trị), safe
// vegetables and bamboo shoots in Vân Hồ / Mộc Châu (Sơn La), fruit in Lục Ngạn (then Bắc
// Giang, now Bắc Ninh). Places are the units of July 2025 by official code (34 provinces,
// communes without districts, docs/decisions/0019-places-2025.md); what was registered before
// then keeps the province, district and commune its documents wrote, so the older seasons read
// as they did. Coordinates are approximate but real.

import type { MeasureDef } from "./measures";

/** "Today" for the demo: nothing may be dated on or after it. */
export const DEMO_TODAY = "2026-11-22";

/** Where a record was before July 2025, as the programme's documents wrote it. */
export type FormerPlace = { province: string; district: string | null; commune: string | null };

/**
 * A place in the current units: the province and commune by official code (see placeUnits()),
 * and the former place of a record registered before July 2025. `communeCode: null` with a
 * former commune is an old commune split between several current ones, awaiting a person's pick.
 */
export type DemoPlace = { provinceCode: string; communeCode: string | null; former: FormerPlace | null };

export type OrgRow = {
  ref: string;
  kind: "cooperative" | "enterprise" | "project_owner" | "authority";
  name: string;
  place: DemoPlace;
  lat: number;
  lng: number;
  phone?: string;
  /** Buyers only: short code for invoice refs, truck plate prefix, staff who weigh. */
  buyer?: { code: string; plates: string[]; staff: string[]; cashShare: number };
};

export const ORGS: OrgRow[] = [
  {
    ref: "htx-khe-sanh",
    kind: "cooperative",
    name: "HTX Cà phê Khe Sanh",
    place: { provinceCode: "44", communeCode: "19429", former: { province: "Quảng Trị", district: "Hướng Hóa", commune: "Khe Sanh" } }, // Xã Khe Sanh
    lat: 16.62,
    lng: 106.73,
    phone: "0233 3880 123",
    buyer: { code: "ks", plates: ["74C-123.45", "74C-086.21"], staff: ["Lê Thị Thu", "Hồ Văn Phúc"], cashShare: 0.35 },
  },
  {
    ref: "cty-rau-moc-chau",
    kind: "enterprise",
    name: "Công ty CP Nông sản sạch Mộc Châu",
    // Đông Sang was split in 2025; the company's office is in the part that went to Mộc Sơn.
    place: { provinceCode: "14", communeCode: "03979", former: { province: "Sơn La", district: "Mộc Châu", commune: "Đông Sang" } }, // Phường Mộc Sơn
    lat: 20.85,
    lng: 104.63,
    phone: "0212 3866 456",
    buyer: { code: "mc", plates: ["26C-045.67", "26H-011.82"], staff: ["Lò Văn Tuấn", "Phạm Thị Hằng"], cashShare: 0.1 },
  },
  {
    ref: "htx-luc-ngan",
    kind: "cooperative",
    name: "HTX Cây ăn quả Lục Ngạn",
    place: { provinceCode: "24", communeCode: "07612", former: { province: "Bắc Giang", district: "Lục Ngạn", commune: "Phượng Sơn" } }, // Phường Phượng Sơn, Bắc Ninh
    lat: 21.38,
    lng: 106.6,
    phone: "0204 3882 789",
    buyer: { code: "ln", plates: ["98C-217.30", "98C-302.14"], staff: ["Nguyễn Văn Đức", "Hoàng Thị Yến"], cashShare: 0.25 },
  },
  // The Women's Union project runs from Hà Nội and spans all three provinces.
  {
    ref: "hlhpn-sinh-ke",
    kind: "project_owner",
    name: "Dự án Sinh kế bền vững – Hội LHPN",
    place: { provinceCode: "01", communeCode: null, former: null },
    lat: 21.015,
    lng: 105.857,
  },
  // The former district's people's committee: it reads the groups recorded in Hướng Hóa.
  {
    ref: "ubnd-huong-hoa",
    kind: "authority",
    name: "UBND huyện Hướng Hóa",
    place: { provinceCode: "44", communeCode: null, former: { province: "Quảng Trị", district: "Hướng Hóa", commune: null } },
    lat: 16.624,
    lng: 106.728,
  },
];

export type GradeRow = { code: string; label: string; criteria: string; price: number; share: number };

/** A grade's quality measurement, drawn inside the band that defines the grade. */
export type Measure = (grade: string, r: () => number) => Record<string, number | string>;
const between = (r: () => number, lo: number, hi: number, dp = 0) => Math.round((lo + r() * (hi - lo)) * 10 ** dp) / 10 ** dp;

export type ProductRow = {
  ref: string;
  name: string;
  nameEn: string;
  measures: MeasureDef[]; // what graders measure (the pickup form asks for these, the ledger checks them)
  grades: GradeRow[]; // prices at priceFactor 1
  measure: Measure;
  lotKg: [number, number]; // gross kg one household brings to one pickup
  tonnesPerHa: number; // contracted volume per hectare under linkage (not whole-farm yield)
  pickups: [number, number];
  seasons: { ref: string; name: string; start: string; end: string; priceFactor: number; current?: boolean }[];
};

export const PRODUCTS: ProductRow[] = [
  {
    ref: "coffee-cherry",
    name: "Cà phê quả tươi",
    nameEn: "Fresh coffee cherry",
    measures: [
      { key: "ripePct", label: "Quả chín", labelEn: "Ripe cherries", unit: "%", type: "number", min: 0, max: 100 },
      { key: "foreignPct", label: "Tạp chất", labelEn: "Foreign matter", unit: "%", type: "number", min: 0, max: 100 },
    ],
    grades: [
      { code: "A", label: "Chín ≥ 95%", criteria: "Tỷ lệ quả chín ≥ 95%, tạp chất (lá, cành, đất) ≤ 1%", price: 14500, share: 0.55 },
      { code: "B", label: "Chín 85–95%", criteria: "Tỷ lệ quả chín từ 85% đến dưới 95%, tạp chất ≤ 2%", price: 13000, share: 0.35 },
      { code: "C", label: "Chín < 85%", criteria: "Tỷ lệ quả chín dưới 85% hoặc tạp chất trên 2%", price: 10500, share: 0.1 },
    ],
    measure: (g, r) =>
      g === "A"
        ? { ripePct: between(r, 95, 99), foreignPct: between(r, 0.2, 1, 1) }
        : g === "B"
          ? { ripePct: between(r, 85, 94), foreignPct: between(r, 0.5, 2, 1) }
          : { ripePct: between(r, 70, 84), foreignPct: between(r, 1, 3.5, 1) },
    lotKg: [80, 600],
    tonnesPerHa: 0.9,
    pickups: [4, 6],
    // Fresh cherry prices roughly doubled between the 2023 and 2025 harvests.
    seasons: [
      { ref: "coffee-2023", name: "Vụ cà phê 2023–2024", start: "2023-09-01", end: "2024-01-31", priceFactor: 0.8 },
      { ref: "coffee-2024", name: "Vụ cà phê 2024–2025", start: "2024-09-01", end: "2025-01-31", priceFactor: 1 },
      { ref: "coffee-2025", name: "Vụ cà phê 2025–2026", start: "2025-09-01", end: "2026-01-31", priceFactor: 1.3 },
      { ref: "coffee-2026", name: "Vụ cà phê 2026–2027", start: "2026-09-01", end: "2027-01-31", priceFactor: 1.25, current: true },
      // Announced ahead so this season's contracts can be renewed into it.
      { ref: "coffee-2027", name: "Vụ cà phê 2027–2028", start: "2027-09-01", end: "2028-01-31", priceFactor: 1.25 },
    ],
  },
  {
    ref: "safe-veg",
    name: "Rau an toàn",
    nameEn: "Safe vegetables",
    measures: [
      { key: "damagedPct", label: "Dập nát", labelEn: "Damaged", unit: "%", type: "number", min: 0, max: 100 },
      { key: "residueTest", label: "Test nhanh thuốc BVTV", labelEn: "Rapid pesticide residue test", type: "text", options: ["đạt", "không đạt"] },
    ],
    grades: [
      { code: "A", label: "Loại 1", criteria: "Tươi, đúng kích cỡ, dập nát ≤ 3%, test nhanh tồn dư thuốc BVTV đạt", price: 9000, share: 0.55 },
      { code: "B", label: "Loại 2", criteria: "Hơi héo hoặc lệch kích cỡ, dập nát 4–10%, test nhanh đạt", price: 6500, share: 0.35 },
      { code: "C", label: "Loại 3", criteria: "Dập nát 11–20%, chỉ dùng cho bếp ăn tập thể", price: 3500, share: 0.1 },
    ],
    measure: (g, r) => ({
      damagedPct: g === "A" ? between(r, 0, 3) : g === "B" ? between(r, 4, 10) : between(r, 11, 20),
      residueTest: "đạt",
    }),
    lotKg: [40, 250],
    tonnesPerHa: 1.1,
    pickups: [4, 6],
    seasons: [
      { ref: "veg-2025a", name: "Vụ xuân 2025", start: "2025-02-01", end: "2025-05-31", priceFactor: 1 },
      { ref: "veg-2025b", name: "Vụ đông 2025", start: "2025-09-15", end: "2025-12-31", priceFactor: 1.05 },
      { ref: "veg-2026a", name: "Vụ xuân 2026", start: "2026-02-01", end: "2026-05-31", priceFactor: 1.1 },
    ],
  },
  {
    ref: "bamboo-shoot",
    name: "Măng tre",
    nameEn: "Bamboo shoots",
    measures: [
      { key: "lengthCm", label: "Chiều dài", labelEn: "Length", unit: "cm", type: "number", min: 0, max: 300 },
      { key: "hoursSinceCut", label: "Thời gian từ khi cắt", labelEn: "Time since cutting", unit: "h", type: "number", min: 0, max: 240 },
    ],
    grades: [
      { code: "A", label: "Măng loại 1", criteria: "Măng tươi dài 25–40 cm, không sâu, cắt trong vòng 24 giờ", price: 12000, share: 0.5 },
      { code: "B", label: "Măng loại 2", criteria: "Dài dưới 25 cm hoặc trên 40 cm, vết sâu nhỏ, cắt trong 36 giờ", price: 9000, share: 0.38 },
      { code: "C", label: "Măng chế biến", criteria: "Già, xơ hoặc dập; dùng làm măng khô, măng ớt", price: 5000, share: 0.12 },
    ],
    measure: (g, r) =>
      g === "A"
        ? { lengthCm: between(r, 25, 40), hoursSinceCut: between(r, 4, 24) }
        : g === "B"
          ? { lengthCm: r() < 0.5 ? between(r, 15, 24) : between(r, 41, 50), hoursSinceCut: between(r, 12, 36) }
          : { lengthCm: between(r, 30, 60), hoursSinceCut: between(r, 24, 60) },
    lotKg: [50, 300],
    tonnesPerHa: 0.5,
    pickups: [3, 6],
    seasons: [
      { ref: "bamboo-2024", name: "Vụ măng 2024", start: "2024-05-01", end: "2024-09-30", priceFactor: 1 },
      { ref: "bamboo-2025", name: "Vụ măng 2025", start: "2025-05-01", end: "2025-09-30", priceFactor: 1.05 },
      { ref: "bamboo-2026", name: "Vụ măng 2026", start: "2026-05-01", end: "2026-09-30", priceFactor: 1.1 },
    ],
  },
  {
    ref: "orange",
    name: "Cam Lục Ngạn",
    nameEn: "Luc Ngan orange",
    measures: [
      { key: "avgFruitG", label: "Trọng lượng quả TB", labelEn: "Average fruit weight", unit: "g", type: "number", min: 1, max: 5000 },
      { key: "brix", label: "Độ ngọt", labelEn: "Sweetness", unit: "°Brix", type: "number", min: 0, max: 40 },
    ],
    grades: [
      { code: "A", label: "Loại 1 (≥ 250 g/quả)", criteria: "Quả ≥ 250 g, vỏ sáng, không sâu bệnh, độ Brix ≥ 10", price: 22000, share: 0.5 },
      { code: "B", label: "Loại 2 (180–250 g)", criteria: "Quả 180–250 g, vỏ có vết nhẹ, độ Brix ≥ 9", price: 16000, share: 0.38 },
      { code: "C", label: "Loại 3 (< 180 g)", criteria: "Quả dưới 180 g hoặc vỏ xấu; dùng ép nước", price: 9000, share: 0.12 },
    ],
    measure: (g, r) =>
      g === "A"
        ? { avgFruitG: between(r, 250, 320), brix: between(r, 10, 12.5, 1) }
        : g === "B"
          ? { avgFruitG: between(r, 180, 249), brix: between(r, 9, 11, 1) }
          : { avgFruitG: between(r, 130, 179), brix: between(r, 8, 10, 1) },
    lotKg: [100, 600],
    tonnesPerHa: 1.2,
    pickups: [3, 6],
    seasons: [
      { ref: "orange-2023", name: "Vụ cam 2023–2024", start: "2023-10-15", end: "2024-01-31", priceFactor: 1 },
      { ref: "orange-2024", name: "Vụ cam 2024–2025", start: "2024-10-15", end: "2025-01-31", priceFactor: 1.1 },
      { ref: "orange-2025", name: "Vụ cam 2025–2026", start: "2025-10-15", end: "2026-01-31", priceFactor: 0.95 },
    ],
  },
];

export type Ethnicity = "Vân Kiều" | "Pa Kô" | "Kinh" | "Thái" | "Mông" | "Mường" | "Nùng" | "Tày" | "Sán Dìu";

// Name parts per ethnicity: surnames, then given names for women and men (with the middle name
// customary for that group: "Thị"/"Văn" for most, "A" for Mông men).
export const NAMES: Record<Ethnicity, { surnames: string[]; female: string[]; male: string[] }> = {
  "Vân Kiều": {
    surnames: ["Hồ", "Hồ", "Côn", "Hồ", "Lê", "Ăm"],
    female: ["Thị Lan", "Thị Xoan", "Thị Bích", "Thị Ngọc", "Thị Tuyết", "Thị Hiền", "Thị Xuân", "Thị Thảo", "Thị Pâu", "Thị Liên"],
    male: ["Văn Thanh", "Văn Sơn", "Văn Ba", "Văn Kỳ", "Văn Lực", "Văn Phong", "Văn Bình", "Văn Prăm", "Văn Chưi", "Văn Hùng"],
  },
  "Pa Kô": {
    surnames: ["Hồ", "Kăn", "Pả", "Pi", "Côn"],
    female: ["Thị Nga", "Thị Xanh", "Thị A Lin", "Thị Hoa", "Thị Kiêm", "Thị Vân", "Thị Nhâm", "Thị Bôn"],
    male: ["Văn Sóc", "Văn Xi", "Văn Cường", "Văn Tâm", "Văn A Vô", "Văn Ta", "Văn Thiên", "Văn Đôn"],
  },
  Kinh: {
    surnames: ["Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đỗ", "Ngô", "Bùi", "Đặng"],
    female: ["Thị Hoa", "Thị Hồng", "Thị Mai", "Thị Lan", "Thị Hương", "Thị Thủy", "Thị Nga", "Thị Hạnh", "Thị Yến", "Thị Nhung"],
    male: ["Văn Hùng", "Văn Nam", "Văn Long", "Văn Thắng", "Văn Hải", "Văn Tuấn", "Văn Dũng", "Văn Quang", "Đức Minh", "Văn Tiến"],
  },
  Thái: {
    surnames: ["Lò", "Lường", "Cầm", "Quàng", "Tòng", "Vì", "Lò"],
    female: ["Thị Ánh", "Thị Xuân", "Thị Pọm", "Thị Ín", "Thị Thoan", "Thị Lả", "Thị Hoa", "Thị Ơn", "Thị Khăm", "Thị Biên"],
    male: ["Văn Pành", "Văn Ẻn", "Văn Khun", "Văn Tuấn", "Văn Hặc", "Văn Chiến", "Văn Piếng", "Văn Ngọc", "Văn Ún", "Văn Lả"],
  },
  Mông: {
    surnames: ["Giàng", "Sùng", "Mùa", "Vàng", "Thào", "Lầu", "Hờ"],
    female: ["Thị Mỷ", "Thị Chi", "Thị Sua", "Thị Dợ", "Thị Mai", "Thị Say", "Thị Pằng", "Thị Ly"],
    male: ["A Pao", "A Sử", "A Chứ", "A Dình", "A Lử", "A Tủa", "A Vàng", "A Của"],
  },
  Mường: {
    surnames: ["Hà", "Đinh", "Bùi", "Xa", "Quách"],
    female: ["Thị Hương", "Thị Nhàn", "Thị Thơm", "Thị Lụa", "Thị Điệp", "Thị Mến"],
    male: ["Văn Toản", "Văn Khánh", "Văn Mạnh", "Văn Sang", "Văn Bảo", "Công Thịnh"],
  },
  Nùng: {
    surnames: ["Hoàng", "Nông", "Lương", "Vi", "Chu"],
    female: ["Thị Hoa", "Thị Lìu", "Thị Sinh", "Thị Thu", "Thị Dung", "Thị Mơ"],
    male: ["Văn Páo", "Văn Slính", "Văn Lục", "Văn Thành", "Văn Định", "Văn Cường"],
  },
  Tày: {
    surnames: ["Hoàng", "Nông", "Ma", "Triệu", "Lục"],
    female: ["Thị Nhị", "Thị Hiên", "Thị Thắm", "Thị Luyến", "Thị Hằng"],
    male: ["Văn Kiên", "Văn Chức", "Văn Hưng", "Văn Tới", "Văn Thuận"],
  },
  "Sán Dìu": {
    surnames: ["Diệp", "Lỷ", "Trương", "Lam", "Tạ"],
    female: ["Thị Lành", "Thị Sáu", "Thị Phương", "Thị Mùi", "Thị Hòa"],
    male: ["Văn Sinh", "Văn Hòa", "Văn Quý", "Văn Trường", "Văn Hiếu"],
  },
};

export type GroupRow = {
  ref: string;
  name: string;
  place: DemoPlace;
  hamlet: { name: string; lat: number; lng: number };
  product: string;
  buyer: string;
  foundedOn: string;
  baseAreaHa: number; // committed area in its first season (grows slowly afterwards)
  collectionPoint: string;
  ethnicMix: [Ethnicity, number][]; // weights
  projectOwned: boolean;
  /** Fixed head names for the first households (leaders and demo logins). */
  namedHeads?: { name: string; sex: "female" | "male"; ethnicity: Ethnicity; phone?: string }[];
};

const QT_MIX: [Ethnicity, number][] = [
  ["Vân Kiều", 0.55],
  ["Pa Kô", 0.35],
  ["Kinh", 0.1],
];
const SL_MIX: [Ethnicity, number][] = [
  ["Thái", 0.5],
  ["Mông", 0.25],
  ["Mường", 0.17],
  ["Kinh", 0.08],
];
const BG_MIX: [Ethnicity, number][] = [
  ["Kinh", 0.45],
  ["Nùng", 0.25],
  ["Tày", 0.17],
  ["Sán Dìu", 0.13],
];

export const GROUPS: GroupRow[] = [
  {
    ref: "tg-huong-phung-1",
    name: "Tổ hợp tác cà phê Hướng Phùng 1",
    place: { provinceCode: "44", communeCode: "19441", former: { province: "Quảng Trị", district: "Hướng Hóa", commune: "Hướng Phùng" } }, // Xã Hướng Phùng
    hamlet: { name: "Thôn Cheng", lat: 16.7, lng: 106.62 },
    product: "coffee-cherry",
    buyer: "htx-khe-sanh",
    foundedOn: "2019-04-12",
    baseAreaHa: 12,
    collectionPoint: "Điểm thu mua thôn Cheng, xã Hướng Phùng",
    ethnicMix: QT_MIX,
    projectOwned: true,
    namedHeads: [
      { name: "Hồ Thị Lan", sex: "female", ethnicity: "Vân Kiều", phone: "0912000010" },
      { name: "Côn Thị Hiền", sex: "female", ethnicity: "Vân Kiều", phone: "0912000001" },
    ],
  },
  {
    ref: "tg-tan-hop",
    name: "Tổ hợp tác cà phê Tân Hợp",
    place: { provinceCode: "44", communeCode: "19429", former: { province: "Quảng Trị", district: "Hướng Hóa", commune: "Tân Hợp" } }, // Xã Khe Sanh
    hamlet: { name: "Thôn Tân Liên", lat: 16.665, lng: 106.757 },
    product: "coffee-cherry",
    buyer: "htx-khe-sanh",
    foundedOn: "2020-02-20",
    baseAreaHa: 9.5,
    collectionPoint: "Nhà văn hóa thôn Tân Liên, xã Tân Hợp",
    ethnicMix: QT_MIX,
    projectOwned: true,
  },
  {
    ref: "tg-huong-tan",
    name: "Tổ hợp tác cà phê Hướng Tân",
    place: { provinceCode: "44", communeCode: "19429", former: { province: "Quảng Trị", district: "Hướng Hóa", commune: "Hướng Tân" } }, // Xã Khe Sanh
    hamlet: { name: "Bản Xa Re", lat: 16.646, lng: 106.801 },
    product: "coffee-cherry",
    buyer: "htx-khe-sanh",
    foundedOn: "2021-03-05",
    baseAreaHa: 8,
    collectionPoint: "Điểm thu mua bản Xa Re, xã Hướng Tân",
    ethnicMix: [
      ["Pa Kô", 0.6],
      ["Vân Kiều", 0.3],
      ["Kinh", 0.1],
    ],
    projectOwned: false,
  },
  {
    ref: "tg-tan-xuan-rau",
    name: "Tổ hợp tác rau an toàn Hang Trùng",
    place: { provinceCode: "14", communeCode: "04057", former: { province: "Sơn La", district: "Vân Hồ", commune: "Tân Xuân" } }, // Xã Xuân Nha
    hamlet: { name: "Bản Hang Trùng", lat: 20.733, lng: 104.772 },
    product: "safe-veg",
    buyer: "cty-rau-moc-chau",
    foundedOn: "2020-09-10",
    baseAreaHa: 4,
    collectionPoint: "Điểm tập kết bản Hang Trùng, xã Tân Xuân",
    ethnicMix: SL_MIX,
    projectOwned: true,
    namedHeads: [{ name: "Lò Thị Ánh", sex: "female", ethnicity: "Thái", phone: "0912000020" }],
  },
  {
    ref: "tg-dong-sang-rau",
    name: "Tổ sản xuất rau an toàn bản Áng",
    place: { provinceCode: "14", communeCode: null, former: { province: "Sơn La", district: "Mộc Châu", commune: "Đông Sang" } }, // split: Phường Mộc Sơn or Xã Chiềng Sơn
    hamlet: { name: "Bản Áng", lat: 20.855, lng: 104.618 },
    product: "safe-veg",
    buyer: "cty-rau-moc-chau",
    foundedOn: "2021-08-01",
    baseAreaHa: 3.5,
    collectionPoint: "Nhà văn hóa bản Áng, xã Đông Sang",
    ethnicMix: [
      ["Thái", 0.45],
      ["Mường", 0.3],
      ["Kinh", 0.25],
    ],
    projectOwned: true,
  },
  {
    ref: "tg-tan-xuan-mang",
    name: "Tổ hợp tác măng tre Bó Nhàng",
    place: { provinceCode: "14", communeCode: "04057", former: { province: "Sơn La", district: "Vân Hồ", commune: "Tân Xuân" } }, // Xã Xuân Nha
    hamlet: { name: "Bản Bó Nhàng", lat: 20.751, lng: 104.79 },
    product: "bamboo-shoot",
    buyer: "cty-rau-moc-chau",
    foundedOn: "2021-02-15",
    baseAreaHa: 11,
    collectionPoint: "Đầu bản Bó Nhàng, xã Tân Xuân",
    ethnicMix: [
      ["Mông", 0.5],
      ["Thái", 0.4],
      ["Kinh", 0.1],
    ],
    projectOwned: true,
  },
  {
    ref: "tg-chieng-yen-mang",
    name: "Tổ hợp tác măng tre Lũng Xá",
    place: { provinceCode: "14", communeCode: "04048", former: { province: "Sơn La", district: "Vân Hồ", commune: "Chiềng Yên" } }, // Xã Vân Hồ
    hamlet: { name: "Bản Lũng Xá", lat: 20.806, lng: 104.694 },
    product: "bamboo-shoot",
    buyer: "cty-rau-moc-chau",
    foundedOn: "2022-01-20",
    baseAreaHa: 9,
    collectionPoint: "Điểm thu mua bản Lũng Xá, xã Chiềng Yên",
    ethnicMix: [
      ["Thái", 0.55],
      ["Mường", 0.3],
      ["Mông", 0.15],
    ],
    projectOwned: true,
  },
  {
    ref: "tg-phuong-son-cam",
    name: "Tổ hợp tác cam Thanh Hùng",
    place: { provinceCode: "24", communeCode: "07612", former: { province: "Bắc Giang", district: "Lục Ngạn", commune: "Phượng Sơn" } }, // Phường Phượng Sơn
    hamlet: { name: "Thôn Thanh Hùng", lat: 21.357, lng: 106.553 },
    product: "orange",
    buyer: "htx-luc-ngan",
    foundedOn: "2018-11-02",
    baseAreaHa: 10,
    collectionPoint: "Sân kho thôn Thanh Hùng, xã Phượng Sơn",
    ethnicMix: BG_MIX,
    projectOwned: true,
  },
  {
    ref: "tg-quy-son-cam",
    name: "Tổ hợp tác cam Trại Ba",
    place: { provinceCode: "24", communeCode: "07612", former: { province: "Bắc Giang", district: "Lục Ngạn", commune: "Quý Sơn" } }, // Phường Phượng Sơn
    hamlet: { name: "Thôn Trại Ba", lat: 21.405, lng: 106.637 },
    product: "orange",
    buyer: "htx-luc-ngan",
    foundedOn: "2019-10-18",
    baseAreaHa: 8,
    collectionPoint: "Điểm thu mua thôn Trại Ba, xã Quý Sơn",
    ethnicMix: [
      ["Nùng", 0.4],
      ["Tày", 0.3],
      ["Kinh", 0.3],
    ],
    projectOwned: false,
  },
  {
    ref: "tg-bao-son-cam",
    name: "Tổ hợp tác cây ăn quả Làng Thân",
    place: { provinceCode: "24", communeCode: "07462", former: { province: "Bắc Giang", district: "Lục Nam", commune: "Bảo Sơn" } }, // Xã Bảo Đài
    hamlet: { name: "Thôn Làng Thân", lat: 21.334, lng: 106.447 },
    product: "orange",
    buyer: "htx-luc-ngan",
    foundedOn: "2020-06-25",
    baseAreaHa: 6.5,
    collectionPoint: "Nhà văn hóa thôn Làng Thân, xã Bảo Sơn",
    ethnicMix: [
      ["Sán Dìu", 0.4],
      ["Kinh", 0.4],
      ["Nùng", 0.2],
    ],
    projectOwned: true,
  },
  // Registered in July 2025, after the reform, in the current units only: no former place.
  {
    ref: "tg-tan-lap-ca-phe",
    name: "Tổ hợp tác cà phê Tân Lập",
    place: { provinceCode: "44", communeCode: "19462", former: null }, // Xã Tân Lập
    hamlet: { name: "Thôn Tân Hữu", lat: 16.705, lng: 106.771 },
    product: "coffee-cherry",
    buyer: "htx-khe-sanh",
    foundedOn: "2025-07-10",
    baseAreaHa: 7,
    collectionPoint: "Điểm thu mua thôn Tân Hữu, xã Tân Lập",
    ethnicMix: [
      ["Vân Kiều", 0.6],
      ["Kinh", 0.25],
      ["Pa Kô", 0.15],
    ],
    projectOwned: true,
  },
];

export type PlanStatus = "completed" | "active" | "signed" | "breached" | "cancelled" | "draft" | null;

/**
 * Contract status per group per season, in the product's season order (null = no contract).
 * The gaps and the cancelled/draft rows are deliberate: contract continuance must not be 100%.
 */
export const CONTRACT_PLAN: Record<string, PlanStatus[]> = {
  "tg-huong-phung-1": ["completed", "completed", "completed", "active"],
  "tg-tan-hop": ["completed", "completed", "completed", "active"],
  "tg-huong-tan": ["completed", null, "completed", "signed"], // lapsed in 2024, back in 2025
  "tg-tan-xuan-rau": ["completed", "completed", "completed"],
  "tg-dong-sang-rau": ["completed", "breached", "draft"], // side-sold in winter 2025, renegotiating
  "tg-tan-xuan-mang": ["completed", "completed", "completed"],
  "tg-chieng-yen-mang": ["completed", "cancelled", "completed"], // drought year
  "tg-phuong-son-cam": ["completed", "completed", "completed"],
  "tg-quy-son-cam": ["completed", "completed", "completed"],
  "tg-bao-son-cam": ["completed", null, "completed"], // lapsed in 2024
  "tg-tan-lap-ca-phe": [null, null, "completed", "active"], // founded in 2025
};

export const EVENT_REASONS = {
  breached: "Tổ bán phần lớn sản lượng cho thương lái khi giá thị trường tăng, không giao đủ khối lượng cam kết",
  cancelled: "Hạn hán kéo dài, măng không lên; hai bên thỏa thuận hủy hợp đồng trước vụ",
};

export const CORRECTION_REASONS: { reason: string; kind: "weight" | "grade" }[] = [
  { reason: "Cân lại do cân chưa hiệu chỉnh", kind: "weight" },
  { reason: "Nhập nhầm khối lượng bì", kind: "weight" },
  { reason: "Phân loại lại sau khi tổ khiếu nại, kiểm tra lại mẫu có đại diện tổ", kind: "grade" },
];

export const UPHELD_RESOLUTION = "Kiểm tra lại mẫu cùng đại diện tổ và người chứng kiến; giữ nguyên kết quả phân loại";

export type DemoLogin = { role: string; login: string; name: string; orgRef?: string; groupRef?: string };

export const DEMO_LOGINS: DemoLogin[] = [
  { role: "site_admin", login: "admin@caunoi.vn", name: "Quản trị hệ thống" },
  { role: "buyer_admin", login: "buyer@caunoi.vn", name: "Trần Văn Minh", orgRef: "htx-khe-sanh" },
  { role: "buyer_staff", login: "staff@caunoi.vn", name: "Lê Thị Thu", orgRef: "htx-khe-sanh" },
  { role: "buyer_admin", login: "buyer2@caunoi.vn", name: "Phạm Thị Hằng", orgRef: "cty-rau-moc-chau" },
  { role: "group_leader", login: "leader@caunoi.vn", name: "Hồ Thị Lan", groupRef: "tg-huong-phung-1" },
  { role: "group_leader", login: "leader2@caunoi.vn", name: "Lò Thị Ánh", groupRef: "tg-tan-xuan-rau" },
  { role: "group_member", login: "0912000001", name: "Côn Thị Hiền", groupRef: "tg-huong-phung-1" },
  { role: "project_admin", login: "project@caunoi.vn", name: "Nguyễn Thị Mai", orgRef: "hlhpn-sinh-ke" },
  { role: "authority_viewer", login: "authority@caunoi.vn", name: "Hồ Văn Dũng", orgRef: "ubnd-huong-hoa" },
];
