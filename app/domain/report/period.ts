// What a report covers in time and produce: one season, or a calendar year (the seasons that
// start in it) of one product or of all. Every figure of the report is for the same seasons,
// and the texts the project owner writes are kept under the period's key.
import { formatDate } from "~/utils/format";
import { productName } from "../product-name";

export type PeriodSeason = {
  id: string;
  ref: string;
  name: string;
  start: string;
  end: string;
  productId: string;
  productRef: string;
  productName: string;
  productNameEn: string | null;
};
export type PeriodProduct = { id: string; ref: string; name: string; nameEn: string | null };

export type Period = {
  projectOwnerId: string;
  kind: "season" | "year";
  /** "coffee-2025" (a season), "2026" (a year, every product), "2026:orange" (a year, one product). */
  key: string;
  year: number | null;
  /** The one product covered, or null for every product. */
  product: PeriodProduct | null;
  /** Oldest first. */
  seasons: PeriodSeason[];
  /** The dates the period stands for: the season's, or the calendar year. */
  from: string;
  to: string;
};

/** A period's key as a link carries it (?period=…); `season`, `year` and `product` are read too. */
export function periodKeyFrom(q: URLSearchParams): string | null {
  const period = q.get("period");
  if (period) return period;
  const year = q.get("year");
  if (year) return q.get("product") ? `${year}:${q.get("product")}` : year;
  return q.get("season");
}

const YEAR = /^(\d{4})(?::(.+))?$/;

/**
 * The period a key names among the seasons a project has contracts in (oldest first), or null
 * when it names none of them. No key: the latest season.
 */
export function resolvePeriod(projectOwnerId: string, key: string | null, seasons: PeriodSeason[]): Period | null {
  if (!seasons.length) return null;
  if (!key) return seasonPeriod(projectOwnerId, seasons[seasons.length - 1]);
  const y = YEAR.exec(key);
  if (y) {
    const year = Number(y[1]);
    const productRef = y[2] ?? null;
    const of = seasons.filter((s) => s.start.startsWith(y[1]) && (!productRef || s.productRef === productRef));
    if (!of.length) return null;
    const first = of[0];
    return {
      projectOwnerId,
      kind: "year",
      key: productRef ? `${year}:${productRef}` : String(year),
      year,
      product: productRef ? { id: first.productId, ref: first.productRef, name: first.productName, nameEn: first.productNameEn } : null,
      seasons: of,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    };
  }
  const season = seasons.find((s) => s.ref === key);
  return season ? seasonPeriod(projectOwnerId, season) : null;
}

function seasonPeriod(projectOwnerId: string, s: PeriodSeason): Period {
  return {
    projectOwnerId,
    kind: "season",
    key: s.ref,
    year: null,
    product: { id: s.productId, ref: s.productRef, name: s.productName, nameEn: s.productNameEn },
    seasons: [s],
    from: s.start,
    to: s.end,
  };
}

/** The choices a reader has: each season (newest first), then each year with all products and with each product. */
export function periodChoices(seasons: PeriodSeason[]): { key: string; season?: PeriodSeason; year?: number; product?: PeriodProduct }[] {
  const out: { key: string; season?: PeriodSeason; year?: number; product?: PeriodProduct }[] = [];
  for (const s of [...seasons].reverse()) out.push({ key: s.ref, season: s });
  const years = [...new Set(seasons.map((s) => Number(s.start.slice(0, 4))))].sort((a, b) => b - a);
  for (const year of years) {
    const of = seasons.filter((s) => s.start.startsWith(String(year)));
    out.push({ key: String(year), year });
    const products = new Map(of.map((s) => [s.productRef, { id: s.productId, ref: s.productRef, name: s.productName, nameEn: s.productNameEn }]));
    if (products.size > 1) for (const p of products.values()) out.push({ key: `${year}:${p.ref}`, year, product: p });
  }
  return out;
}

type Label = (key: string, params?: Record<string, string | number>) => string;

/** "Vụ cà phê 2025–2026 (Cà phê quả tươi)", "Năm 2026 — mọi sản phẩm", "Năm 2026 — Cam Lục Ngạn". */
export function periodLabel(
  p: { season?: PeriodSeason; year?: number | null; product?: PeriodProduct | null; kind?: string },
  label: Label,
  en: boolean,
): string {
  const locale = en ? "en" : "vi";
  if (p.season)
    return `${p.season.name} (${productName({ name: p.season.productName, nameEn: p.season.productNameEn }, locale)}, ${formatDate(p.season.start)} – ${formatDate(p.season.end)})`;
  return label("report.period.year", { year: p.year ?? "", products: p.product ? productName(p.product, locale) : label("report.period.allProducts") });
}

/** The label of a resolved period, as the first page states it. */
export function describePeriod(p: Period, label: Label, en: boolean): string {
  if (p.kind === "season") return periodLabel({ season: p.seasons[0] }, label, en);
  return periodLabel({ year: p.year, product: p.product }, label, en);
}
