// The app's one CSV writer. Every CSV download goes through it, so each gets the same rules:
// RFC 4180 quoting with CRLF line ends, a UTF-8 byte-order mark (without it Excel reads
// Vietnamese as mojibake), and the formula guard — text that a spreadsheet would run as a
// formula (a group named =HYPERLINK("http://evil","x")) is written with a leading apostrophe,
// which spreadsheets show as plain text. Numbers are written as numbers, so -5 stays -5.

export type CsvCell = string | number | null | undefined;

// OWASP's list (=, +, -, @, tab, CR), and LF, which some readers also strip before a formula.
const FORMULA_START = /^[=+\-@\t\r\n]/;
// Comma and the line ends per RFC 4180; semicolon because Excel with Vietnamese regional
// settings splits on it.
const NEEDS_QUOTES = /[",;\r\n]/;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: CsvCell[][]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** A CSV download, never cached: an ASCII file name for old clients, the Vietnamese one for the rest. */
export function csvResponse(name: string, rows: CsvCell[][]): Response {
  // Refs can come from imported bundles: a lone surrogate would make encodeURIComponent throw.
  const fileName = name.replace(/[\uD800-\uDFFF]/gu, "");
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\w.-]+/g, "-");
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}.csv`,
      "Cache-Control": "private, no-store", // nosniff: helmet, on every response (server.js)
    },
  });
}
