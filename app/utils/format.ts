// Vietnamese conventions by default: money 1.250.000 ₫, dates dd/mm/yyyy, 12,5 ha. Pages that
// follow the reader's language pass its locale, so an English reader sees 10.748 t and 38.9%
// (a Vietnamese reader would take "10.748" for ten thousand). Hand-rolled rather than Intl so
// server (Node ICU) and phone browsers print identically.

/** The reader's language as far as numbers go: "en" writes 1,234.5, anything else 1.234,5. */
export type NumberLocale = "vi" | "en";

const SEPARATORS: Record<NumberLocale, { group: string; decimal: string }> = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

export function groupDigits(n: number, sep = "."): string {
  const sign = n < 0 ? "-" : "";
  return (
    sign +
    Math.abs(Math.trunc(n))
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, sep)
  );
}

export function formatVnd(n: number, locale: NumberLocale = "vi"): string {
  return `${groupDigits(Math.round(n), SEPARATORS[locale].group)} ₫`;
}

/** Decimal comma, as Vietnamese writes it: 12,5 ha (12.5 ha for an English reader). */
export function formatNumber(n: number, maxDecimals = 2, locale: NumberLocale = "vi"): string {
  // Trailing zeros go only after a decimal point: 12.50 → 12,5 but 10 stays 10.
  const fixed = maxDecimals > 0 ? n.toFixed(maxDecimals).replace(/\.?0+$/, "") : n.toFixed(0);
  const [int, frac] = fixed.split(".");
  const sep = SEPARATORS[locale];
  // -0.4 has the integer part "-0", which groupDigits cannot tell from 0.
  return (frac && int === "-0" ? "-" : "") + groupDigits(Number(int), sep.group) + (frac ? `${sep.decimal}${frac}` : "");
}

/**
 * A figure for a machine (CSV, JSON): rounded to `decimals`, point decimal, no grouping, so a
 * spreadsheet reads 0.3897 rather than 0.3896688524590164. Minus zero is written 0.
 */
export function plainNumber(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f + 0;
}

/** "YYYY-MM-DD" or a Date → dd/mm/yyyy. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "";
  const iso = typeof value === "string" ? value : value.toISOString();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

export function formatDateTime(value: string | Date): string {
  const d = typeof value === "string" ? new Date(value) : value;
  // Vietnam is UTC+7 all year.
  const local = new Date(d.getTime() + 7 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, "0");
  const mm = String(local.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(local)} ${hh}:${mm}`;
}

/** 95,6% — the one way a percentage is written, on screen and in PDFs (no space before %). */
export function formatPercent(pct: number, maxDecimals = 1, locale: NumberLocale = "vi"): string {
  return `${formatNumber(pct, maxDecimals, locale)}%`;
}
