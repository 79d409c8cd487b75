// The report as rows a spreadsheet opens as is — section, item, value, unit — with every figure
// a plain number rounded once (format.ts: tonnes 3 decimals, ha 2, shares as ratios 0–1 with 4
// decimals, money in whole đồng) and every section present, written or not.
import type { Translator } from "~/i18n";
import type { CsvCell } from "~/utils/csv.server";
import type { ReportDocument } from "./document";
import { isFigure, plain, type Cell, type Unit } from "./format";

export type ReportRow = { section: string; item: string; value: string | number | null; unit: Unit | null };

function value(c: Cell): { value: string | number | null; unit: Unit | null } {
  if (c === null) return { value: null, unit: null };
  return isFigure(c) ? { value: plain(c), unit: c.unit } : { value: c, unit: null };
}

export function reportRows(d: ReportDocument): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const s of d.sections) {
    const key = s.section.key;
    const before = rows.length;
    for (const b of s.blocks) {
      if (b.kind === "facts") for (const f of b.rows) rows.push({ section: key, item: f.item, ...value(f.value) });
      else if (b.kind === "table")
        for (const r of b.rows) r.cells.forEach((c, i) => rows.push({ section: key, item: `${b.title} — ${r.item} — ${b.columns[i + 1]}`, ...value(c) }));
      else if (b.kind === "text") rows.push({ section: key, item: s.heading, value: b.text, unit: null });
    }
    // A heading with nothing under it (a part of the template) still has its row.
    if (rows.length === before) rows.push({ section: key, item: s.heading, value: null, unit: null });
  }
  return rows;
}

/** Header, the period, then the rows; numbers stay numbers. */
export function reportTable(d: ReportDocument, t: Translator): CsvCell[][] {
  const unit = (u: Unit | null) => (u ? t.dynamic(`report.unit.${u}`) : "");
  return [
    [t("report.csv.section"), t("report.csv.item"), t("report.csv.value"), t("report.csv.unit")],
    ["", t("report.orgName"), d.organisation, ""],
    ["", t("report.period"), d.period, ""],
    ...(d.areaNote ? [["", t("report.scopeItem"), d.areaNote, ""]] : []),
    ...reportRows(d).map((r) => [r.section, r.item, r.value, unit(r.unit)]),
  ];
}

const NUM_FMT: Record<Unit, string> = { t: "0.000", ha: "0.00", vnd: "#,##0", ratio: "0.0000", count: "0", kg: "0.0", kgPerHa: "0.0" };

export async function reportXlsx(d: ReportDocument, t: Translator): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = d.organisation;
  const sheet = book.addWorksheet(d.locale === "en" ? "Report" : "Báo cáo");
  const [header, ...meta] = reportTable(d, t).slice(0, d.areaNote ? 4 : 3);
  sheet.addRow(header).font = { bold: true };
  for (const m of meta) sheet.addRow(m.map((c) => c ?? ""));
  for (const r of reportRows(d)) {
    const row = sheet.addRow([r.section, r.item, r.value ?? "", r.unit ? t.dynamic(`report.unit.${r.unit}`) : ""]);
    // Text stays text: a section key like "1.1" must not become a number, nor a name a formula.
    row.getCell(1).numFmt = "@";
    if (typeof r.value === "number" && r.unit) row.getCell(3).numFmt = NUM_FMT[r.unit];
  }
  sheet.columns.forEach((c, i) => (c.width = [12, 60, 40, 14][i] ?? 12));
  return Buffer.from(await book.xlsx.writeBuffer());
}
