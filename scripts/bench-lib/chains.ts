// The benchmark programme's shape: the demo's four value chains (app/domain/demo-data.ts)
// scaled up, three seasons per product ending with the one running (or last finished) today.
import { PRODUCTS, type ProductRow } from "~/domain/demo-data";

export type Size = "small" | "large";

export type Scale = {
  groups: number;
  householdsPerGroup: [number, number]; // mean 20
  buyers: number;
  lots: number; // target, corrections included
  staffUsers: number; // buyer staff accounts (one per buyer up to this many)
};

export const SCALES: Record<Size, Scale> = {
  large: { groups: 10_000, householdsPerGroup: [17, 23], buyers: 300, lots: 2_000_000, staffUsers: 300 },
  small: { groups: 100, householdsPerGroup: [17, 23], buyers: 12, lots: 20_000, staffUsers: 12 },
};

/** Share of groups (and buyers) per product. */
export const PRODUCT_SHARE: Record<string, number> = { "coffee-cherry": 0.35, "safe-veg": 0.2, "bamboo-shoot": 0.15, orange: 0.3 };

export const PASSWORD = "caunoi-bench-2026";

export type SeasonDef = { ref: string; name: string; start: string; end: string; priceFactor: number; index: number };

type Calendar = { starts: { md: string; endMd: string; nextYearEnd: boolean; name: (y: number) => string; suffix: string }[]; refBase: string };

const CALENDARS: Record<string, Calendar> = {
  "coffee-cherry": { refBase: "coffee", starts: [{ md: "09-01", endMd: "01-31", nextYearEnd: true, name: (y) => `Vụ cà phê ${y}–${y + 1}`, suffix: "" }] },
  "safe-veg": {
    refBase: "veg",
    starts: [
      { md: "02-01", endMd: "05-31", nextYearEnd: false, name: (y) => `Vụ xuân ${y}`, suffix: "a" },
      { md: "09-15", endMd: "12-31", nextYearEnd: false, name: (y) => `Vụ đông ${y}`, suffix: "b" },
    ],
  },
  "bamboo-shoot": { refBase: "bamboo", starts: [{ md: "05-01", endMd: "09-30", nextYearEnd: false, name: (y) => `Vụ măng ${y}`, suffix: "" }] },
  orange: { refBase: "orange", starts: [{ md: "10-15", endMd: "01-31", nextYearEnd: true, name: (y) => `Vụ cam ${y}–${y + 1}`, suffix: "" }] },
};

const PRICE_FACTORS = [0.95, 1.05, 1.15];

/** The product's three most recent seasons that have started by `today`, oldest first. */
export function seasonsFor(productRef: string, today: string): SeasonDef[] {
  const cal = CALENDARS[productRef];
  const year = Number(today.slice(0, 4));
  const all: Omit<SeasonDef, "index" | "priceFactor">[] = [];
  for (let y = year - 4; y <= year; y++) {
    for (const s of cal.starts) {
      all.push({
        ref: `${cal.refBase}-${y}${s.suffix}`,
        name: s.name(y),
        start: `${y}-${s.md}`,
        end: `${s.nextYearEnd ? y + 1 : y}-${s.endMd}`,
      });
    }
  }
  const started = all.filter((s) => s.start <= today).sort((a, b) => a.start.localeCompare(b.start));
  return started.slice(-3).map((s, index) => ({ ...s, index, priceFactor: PRICE_FACTORS[index] }));
}

export function productRow(ref: string): ProductRow {
  const p = PRODUCTS.find((x) => x.ref === ref);
  if (!p) throw new Error(`unknown product ${ref}`);
  return p;
}

export const PRODUCT_WORD: Record<string, string> = {
  "coffee-cherry": "cà phê",
  "safe-veg": "rau an toàn",
  "bamboo-shoot": "măng tre",
  orange: "cam",
};

export function gradesFor(p: ProductRow, s: SeasonDef) {
  return p.grades.map((g) => ({
    code: g.code,
    label: g.label,
    criteria: g.criteria,
    priceVndPerKg: Math.round((g.price * s.priceFactor) / 100) * 100,
    share: g.share,
  }));
}
