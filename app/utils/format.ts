// Vietnamese conventions in both languages: money 1.250.000 ₫, dates dd/mm/yyyy.
// Hand-rolled rather than Intl so server (Node ICU) and phone browsers print identically.

export function groupDigits(n: number, sep = "."): string {
  const sign = n < 0 ? "-" : "";
  return (
    sign +
    Math.abs(Math.trunc(n))
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, sep)
  );
}

export function formatVnd(n: number): string {
  return `${groupDigits(Math.round(n))} ₫`;
}

/** Decimal comma, as Vietnamese writes it: 12,5 ha. */
export function formatNumber(n: number, maxDecimals = 2): string {
  // Trailing zeros go only after a decimal point: 12.50 → 12,5 but 10 stays 10.
  const fixed = maxDecimals > 0 ? n.toFixed(maxDecimals).replace(/\.?0+$/, "") : n.toFixed(0);
  const [int, frac] = fixed.split(".");
  return groupDigits(Number(int)) + (frac ? `,${frac}` : "");
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
export function formatPercent(pct: number, maxDecimals = 1): string {
  return `${formatNumber(pct, maxDecimals)}%`;
}
