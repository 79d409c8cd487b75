// A figure of the report carries its unit, so each reader gets it their way: the PDF and the page
// in the reader's locale (vi: 10,75 tấn; 1.250.000 ₫; 38,9% — en: 10.75 t; 1,250,000 ₫; 38.9%),
// the CSV and XLSX as plain numbers rounded once, here (tonnes 3 decimals, ha 2, shares as
// ratios 0–1 with 4 decimals, money in whole đồng).
import { formatNumber, formatPercent, formatVnd, groupDigits } from "~/utils/format";

export type Unit = "t" | "ha" | "vnd" | "ratio" | "count" | "kg" | "kgPerHa";
export type Figure = { n: number | null; unit: Unit };
/** A cell of a report table: words, a figure, or nothing ("—"). */
export type Cell = string | Figure | null;

export const fig = (n: number | null | undefined, unit: Unit): Figure => ({ n: n ?? null, unit });
export const isFigure = (c: Cell): c is Figure => c !== null && typeof c === "object";

const DECIMALS: Record<Unit, number> = { t: 3, ha: 2, vnd: 0, ratio: 4, count: 0, kg: 1, kgPerHa: 1 };

/** The plain number a spreadsheet gets. */
export function plain(f: Figure): number | null {
  if (f.n === null || !Number.isFinite(f.n)) return null;
  const k = 10 ** DECIMALS[f.unit];
  return Math.round(f.n * k) / k;
}

function englishNumber(n: number, maxDecimals: number): string {
  const sign = n < 0 ? "-" : "";
  const fixed = Math.abs(n).toFixed(maxDecimals);
  const trimmed = maxDecimals > 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  const [int, frac] = trimmed.split(".");
  return sign + groupDigits(Number(int), ",") + (frac ? `.${frac}` : "");
}

/** A number in the locale's way, without a unit. */
export function localNumber(n: number, maxDecimals: number, locale: "vi" | "en"): string {
  return locale === "en" ? englishNumber(n, maxDecimals) : formatNumber(n, maxDecimals);
}

const UNIT_WORDS: Record<"vi" | "en", Partial<Record<Unit, string>>> = {
  vi: { t: "tấn", ha: "ha", kg: "kg", kgPerHa: "kg/ha" },
  en: { t: "t", ha: "ha", kg: "kg", kgPerHa: "kg/ha" },
};

/** A figure for a reader: "10,75 tấn", "1.250.000 ₫", "38,9%", "—" when there is none. */
export function formatFigure(f: Figure, locale: "vi" | "en"): string {
  if (f.n === null || !Number.isFinite(f.n)) return "—";
  const n = f.n;
  switch (f.unit) {
    case "vnd":
      return locale === "en" ? `${groupDigits(Math.round(n), ",")} ₫` : formatVnd(n);
    case "ratio":
      return locale === "en" ? `${englishNumber(n * 100, 1)}%` : formatPercent(n * 100);
    case "count":
      return localNumber(n, 0, locale);
    default:
      return `${localNumber(n, DECIMALS[f.unit], locale)} ${UNIT_WORDS[locale][f.unit]}`;
  }
}

export function formatCell(c: Cell, locale: "vi" | "en"): string {
  if (c === null) return "—";
  return isFigure(c) ? formatFigure(c, locale) : c;
}
