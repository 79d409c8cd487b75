// Pass 1 of the generator: decide the whole programme in memory (organisations, groups,
// contracts, the dates and sizes of pickups, which pickups go on which invoice) before a row
// is written. Knowing every invoice up front lets numbers run gap-free AND chronologically per
// buyer per year, as the app's issueInvoice() would have given them; the lot details (weights,
// grades, hashes) are drawn in pass 2 while writing, so memory stays small.
import { addDays } from "~/domain/money";
import { PRODUCT_SHARE, PRODUCT_WORD, SCALES, seasonsFor, type SeasonDef, type Size } from "./chains";
import { communesOf, DISTRICTS, hamletWord, near, placeOf, PRODUCT_PROVINCES, provinceCentroid, writtenCommune, type BenchPlace } from "./places";
import { clamp, daysBetween, pad, rngFor, round1, slug } from "./rng";

export type BuyerPlan = {
  idx: number;
  ref: string;
  code: string;
  name: string;
  kind: "cooperative" | "enterprise";
  product: string;
  /** The province and district as the programme's documents name them (before July 2025). */
  province: string;
  district: string;
  commune: string;
  /** Where it is held now (the columns). */
  place: BenchPlace;
  lat: number;
  lng: number;
  phone: string;
  plates: string[];
  staff: string[];
  cashShare: number;
};
export type GroupPlan = {
  idx: number;
  ref: string;
  name: string;
  product: string;
  /** The province and district as the programme's documents name them (before July 2025). */
  province: string;
  district: string;
  commune: string;
  /** Where it is held now (the columns); one group in ten was registered in the current units. */
  place: BenchPlace;
  hamlet: string;
  lat: number;
  lng: number;
  projectOwner: number | null;
  foundedOn: string;
  baseAreaHa: number;
  collectionPoint: string;
  households: number;
  firstHh: number;
};
export type PickupPlan = { date: string; lots: number; witnesses: number };
export type InvoicePlan = { first: number; count: number; issuedOn: string; year: number; number: number };
export type ContractStatus = "completed" | "active" | "signed" | "breached" | "cancelled" | "draft";
export type ContractPlan = {
  idx: number;
  ref: string;
  group: GroupPlan;
  buyer: BuyerPlan;
  season: SeasonDef;
  status: ContractStatus;
  signedOn: string | null;
  areaHa: number;
  volumeTonnes: number;
  paymentTermsDays: number;
  renews: ContractPlan | null;
  participants: number;
  weight: number;
  pickups: PickupPlan[];
  invoices: InvoicePlan[];
};
export type Plan = {
  size: Size;
  today: string;
  yesterday: string;
  products: string[];
  seasons: Map<string, SeasonDef[]>;
  buyers: BuyerPlan[];
  groups: GroupPlan[];
  contracts: ContractPlan[];
  /** Current provinces with groups or buyers, by code: one authority each. */
  provinceCodes: string[];
  households: number;
  pickups: number;
  lots: number;
  invoices: number;
  counters: Map<string, number>;
};

export const PROJECT_OWNERS = [
  { ref: "hlhpn-sinh-ke", name: "Dự án Sinh kế bền vững – Hội LHPN", share: 0.7, province: "Hà Nội" },
  { ref: "ifad-cssp", name: "Dự án Hỗ trợ kinh doanh nông hộ (CSSP)", share: 0.15, province: "Hà Nội" },
  { ref: "helvetas-cafe", name: "Dự án Cà phê bền vững – Helvetas", share: 0.05, province: "Đắk Lắk" },
];

const PLATE: Record<string, string> = {
  "Đắk Lắk": "47",
  "Lâm Đồng": "49",
  "Gia Lai": "81",
  "Sơn La": "26",
  "Bắc Giang": "98",
  "Quảng Trị": "74",
  "Hà Giang": "23",
  "Nghệ An": "37",
};
const STAFF_NAMES = ["Lê Thị Thu", "Hồ Văn Phúc", "Lò Văn Tuấn", "Phạm Thị Hằng", "Nguyễn Văn Đức", "Hoàng Thị Yến", "Trần Văn Hải", "Vũ Thị Nga"];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function planBuyers(size: Size, products: string[]): BuyerPlan[] {
  const n = SCALES[size].buyers;
  const out: BuyerPlan[] = [];
  const names = new Set<string>();
  // Buyers per product by share (at least two each), interleaved.
  const quota = products.map((p) => Math.max(2, Math.round(n * PRODUCT_SHARE[p])));
  const order = rngFor("buyers")
    .shuffle(products.flatMap((p, k) => Array<string>(quota[k]).fill(p)))
    .slice(0, n);
  for (let i = 0; i < n; i++) {
    const r = rngFor(`buyer:${i}`);
    const product = order[i] ?? products[i % products.length];
    const province = r.weighted(PRODUCT_PROVINCES[product]);
    const district = r.pick(DISTRICTS[province]);
    const former = r.pick(communesOf(province, district));
    const commune = writtenCommune(former);
    const kind = r.next() < 0.6 ? "cooperative" : "enterprise";
    let name =
      kind === "cooperative"
        ? `HTX ${cap(PRODUCT_WORD[product])} ${district}`
        : `Công ty CP Nông sản ${r.pick(["sạch", "xanh", "an toàn", ""])} ${district}`.replace(/ {2}/g, " ");
    for (let k = 2; names.has(name); k++) name = `${name.replace(/ \d+$/, "")} ${k}`;
    names.add(name);
    const pos = near(near(provinceCentroid(province), `${province}/${district}`, 0.35), `${province}/${district}/${commune}`, 0.08);
    const plate = PLATE[province] ?? String(10 + (i % 89));
    out.push({
      idx: i,
      ref: `buyer-${pad(i + 1, 4)}`,
      code: `b${pad(i + 1, 3)}`,
      name,
      kind,
      product,
      province,
      district,
      commune,
      place: placeOf(province, district, former, false),
      ...pos,
      phone: `0${r.int(200, 299)} ${r.int(3800000, 3899999)}`,
      plates: [0, 1].map(() => `${plate}C-${pad(r.int(0, 999), 3)}.${pad(r.int(0, 99), 2)}`),
      staff: [r.pick(STAFF_NAMES), r.pick(STAFF_NAMES)],
      cashShare: r.between(0.05, 0.4),
    });
  }
  return out;
}

function hamletName(province: string, r: ReturnType<typeof rngFor>): string {
  const w = hamletWord(province);
  if (w === "Bản")
    return `Bản ${r.pick(["Nà", "Pá", "Huổi", "Co", "Hua", "Nậm", "Phiêng"])} ${r.pick(["Lốc", "Khoang", "Sáy", "Mường", "Nong", "Pàn", "Tòng"])}`;
  if (w === "Buôn") return `Buôn ${r.pick(["Ea", "Kô", "Ja", "Cư"])} ${r.pick(["Tiêu", "Sim", "Kmar", "Bông", "Pơng"])}`;
  if (w === "Làng") return `Làng ${r.pick(["Plei", "Ia", "Kon"])} ${r.pick(["Bông", "Rơng", "Ktu", "Klăh", "Pơng"])}`;
  return `${w} ${r.int(1, 14)}`;
}

function planGroups(size: Size, products: string[]): GroupPlan[] {
  const s = SCALES[size];
  const out: GroupPlan[] = [];
  let hh = 1;
  for (let i = 0; i < s.groups; i++) {
    const r = rngFor(`group:${i}`);
    const product = r.weighted(products.map((p) => [p, PRODUCT_SHARE[p]] as const));
    const province = r.weighted(PRODUCT_PROVINCES[product]);
    const district = r.pick(DISTRICTS[province]);
    const former = r.pick(communesOf(province, district));
    const commune = writtenCommune(former);
    const hamlet = hamletName(province, r);
    const pos = near(near(near(provinceCentroid(province), `${province}/${district}`, 0.35), `${province}/${district}/${commune}`, 0.08), `g${i}`, 0.02);
    const x = r.next();
    let acc = 0;
    const po = PROJECT_OWNERS.findIndex((p) => x < (acc += p.share));
    const households = r.int(...s.householdsPerGroup);
    const name = `${r.pick(["Tổ hợp tác", "Tổ hợp tác", "Tổ sản xuất"])} ${PRODUCT_WORD[product]} ${hamlet.replace(/^(Thôn|Ấp) /, "thôn ")}, ${commune}`;
    const foundedOn = `${r.int(2015, 2022)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
    const baseAreaHa = Math.round(r.between(3, 16) * 2) / 2;
    out.push({
      idx: i,
      ref: `tg-${pad(i + 1, 5)}`,
      product,
      province,
      district,
      commune,
      place: placeOf(province, district, former, r.next() < 0.1),
      hamlet,
      ...pos,
      name,
      projectOwner: po >= 0 ? po : null,
      foundedOn,
      baseAreaHa,
      collectionPoint: `Điểm thu mua ${hamlet}, xã ${commune}`,
      households,
      firstHh: hh,
    });
    hh += households;
  }
  return out;
}

const PAST: [ContractStatus | null, number][] = [
  ["completed", 86],
  ["breached", 4],
  ["cancelled", 3],
  ["draft", 2],
  [null, 5],
];
const RUNNING: [ContractStatus | null, number][] = [
  ["active", 84],
  ["signed", 4],
  ["draft", 4],
  ["cancelled", 2],
  [null, 6],
];
const IN_FORCE = new Set(["signed", "active", "completed", "breached"]);

/** Harvest window of a season: pickups start after 12% of it and stop 10% before its end. */
export function harvest(season: SeasonDef) {
  const len = daysBetween(season.start, season.end);
  const from = addDays(season.start, Math.round(len * 0.12));
  return { from, span: len - Math.round(len * 0.12) - Math.round(len * 0.1) };
}

function planContracts(groups: GroupPlan[], buyers: BuyerPlan[], seasons: Map<string, SeasonDef[]>, today: string, yesterday: string): ContractPlan[] {
  const byProduct = new Map<string, BuyerPlan[]>();
  for (const b of buyers) byProduct.set(b.product, [...(byProduct.get(b.product) ?? []), b]);
  const rows: Omit<ContractPlan, "idx" | "ref">[] = [];
  for (const g of groups) {
    const r = rngFor(`contracts:${g.ref}`);
    const candidates = byProduct.get(g.product)!;
    const local = candidates.filter((b) => b.province === g.province);
    const choose = () => (local.length && r.next() < 0.8 ? r.pick(local) : r.pick(candidates));
    let buyer = choose();
    let prev: Omit<ContractPlan, "idx" | "ref"> | null = null;
    for (const season of seasons.get(g.product)!) {
      const running = season.end >= today;
      const status = r.weighted(running ? RUNNING : PAST);
      if (prev && !(IN_FORCE.has(prev.status) && r.next() < 0.85)) buyer = choose(); // most pairs continue
      if (!status) {
        prev = null;
        continue;
      }
      const areaHa = clamp(Math.round(g.baseAreaHa * (1 + 0.07 * season.index) * r.between(0.95, 1.05) * 2) / 2, 2, 25);
      const tonnesPerHa = { "coffee-cherry": 0.9, "safe-veg": 1.1, "bamboo-shoot": 0.5, orange: 1.2 }[g.product]!;
      const participants = Math.max(4, Math.ceil(g.households * r.between(0.7, 0.95)));
      const { from, span } = harvest(season);
      let weight = 0;
      if (status === "completed") weight = 1;
      else if (status === "breached") weight = 0.5;
      else if (status === "active") weight = clamp(daysBetween(from, yesterday) / span, 0, 1);
      const row: Omit<ContractPlan, "idx" | "ref"> = {
        group: g,
        buyer,
        season,
        status,
        areaHa,
        volumeTonnes: round1(areaHa * tonnesPerHa),
        signedOn: status === "draft" ? null : addDays(season.start, -r.int(15, 40)),
        paymentTermsDays: r.pick([7, 7, 15, 30]),
        renews: prev && IN_FORCE.has(prev.status) && prev.buyer === buyer ? (prev as ContractPlan) : null,
        participants,
        weight,
        pickups: [],
        invoices: [],
      };
      rows.push(row);
      prev = row;
    }
  }
  rows.sort((a, b) => a.season.start.localeCompare(b.season.start) || a.group.idx - b.group.idx);
  const perYear = new Map<string, number>();
  return rows.map((row, idx) => {
    const year = row.season.start.slice(0, 4);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    return Object.assign(row, { idx, ref: `c-${year}-${pad(perYear.get(year)!, 5)}` }) as ContractPlan;
  });
}

/** Pickup dates and sizes so the lots add up to the scale's target. */
function planPickups(contracts: ContractPlan[], target: number, yesterday: string) {
  const totalWeight = contracts.reduce((s, c) => s + c.weight, 0);
  const perWeight = target / 1.01 / totalWeight; // ≈1% more lots come from corrections
  for (const c of contracts) {
    if (c.weight <= 0) continue;
    const r = rngFor(`pickups:${c.ref}`);
    const maxLots = Math.min(12, c.participants);
    const avg = (4 + maxLots) / 2;
    const n = Math.max(1, Math.round((perWeight * c.weight * r.between(0.75, 1.25)) / avg));
    const { from, span } = harvest(c.season);
    const days = c.status === "active" ? Math.max(0, daysBetween(from, yesterday)) : c.status === "breached" ? Math.round(span / 2) : span;
    for (let i = 0; i < n; i++) {
      const date = addDays(from, clamp(Math.round(((i + 0.5 + (r.next() - 0.5) * 0.6) * days) / n), 0, days));
      c.pickups.push({ date: date > yesterday ? yesterday : date, lots: r.int(4, maxLots), witnesses: r.next() < 0.1 ? 0 : r.int(1, 2) });
    }
    c.pickups.sort((a, b) => a.date.localeCompare(b.date));
  }
}

/** Consecutive pickups (1–3 within three weeks) per invoice, issued a day or two later; numbered per buyer per year by date. */
function planInvoices(contracts: ContractPlan[], today: string) {
  const all: { c: ContractPlan; inv: InvoicePlan }[] = [];
  for (const c of contracts) {
    const r = rngFor(`invoices:${c.ref}`);
    const n = c.status === "active" ? Math.max(0, c.pickups.length - 2) : c.pickups.length;
    for (let i = 0; i < n;) {
      let size = r.weighted([
        [1, 0.5],
        [2, 0.35],
        [3, 0.15],
      ] as const);
      while (size > 1 && (i + size > n || daysBetween(c.pickups[i].date, c.pickups[i + size - 1].date) > 21)) size--;
      const issuedOn = addDays(c.pickups[i + size - 1].date, r.int(1, 2));
      if (issuedOn < today) {
        const inv = { first: i, count: size, issuedOn, year: Number(issuedOn.slice(0, 4)), number: 0 };
        c.invoices.push(inv);
        all.push({ c, inv });
      }
      i += size;
    }
  }
  all.sort((a, b) => a.c.buyer.idx - b.c.buyer.idx || a.inv.issuedOn.localeCompare(b.inv.issuedOn) || a.c.idx - b.c.idx || a.inv.first - b.inv.first);
  const counters = new Map<string, number>();
  for (const { c, inv } of all) {
    const key = `${c.buyer.idx}:${inv.year}`;
    counters.set(key, (counters.get(key) ?? 0) + 1);
    inv.number = counters.get(key)!;
  }
  return { count: all.length, counters };
}

export function planProgramme(size: Size, today: string): Plan {
  const products = Object.keys(PRODUCT_SHARE);
  const seasons = new Map(products.map((p) => [p, seasonsFor(p, today)]));
  const yesterday = addDays(today, -1);
  const buyers = planBuyers(size, products);
  const groups = planGroups(size, products);
  const contracts = planContracts(groups, buyers, seasons, today, yesterday);
  planPickups(contracts, SCALES[size].lots, yesterday);
  const { count, counters } = planInvoices(contracts, today);
  const pickups = contracts.reduce((s, c) => s + c.pickups.length, 0);
  const lots = contracts.reduce((s, c) => s + c.pickups.reduce((t, p) => t + p.lots, 0), 0);
  const provinceCodes = [...new Set([...groups.map((g) => g.place.provinceCode), ...buyers.map((b) => b.place.provinceCode)])].sort();
  const households = groups.reduce((s, g) => s + g.households, 0);
  return { size, today, yesterday, products, seasons, buyers, groups, contracts, provinceCodes, households, pickups, lots, invoices: count, counters };
}

/** A current province's authority, by its short name: "Sơn La" → ubnd-son-la. */
export const provinceRef = (p: string) => `ubnd-${slug(p.replace(/^(Tỉnh|Thành phố)\s+/u, ""))}`;
