// The report as a PDF (pdfkit, the app's embedded font): the organisation and the title, the
// period on the first page, every section of the template in order with its figures and words,
// then the date, the representative and their position.
import { translator } from "~/i18n";
import { facts, heading, MARGIN, newDocument, pageNumbers, table, toBuffer } from "../pdf.server";
import type { ReportDocument } from "./document";
import { formatCell } from "./format";

export async function reportPdf(d: ReportDocument): Promise<Buffer> {
  const t = translator(d.locale);
  const doc = newDocument({ title: `${d.title} — ${d.organisation}`, author: d.organisation });
  const width = doc.page.width - 2 * MARGIN;
  const cell = (c: Parameters<typeof formatCell>[0]) => formatCell(c, d.locale);

  doc.font("bold").fontSize(11).text(d.organisation.toUpperCase(), { align: "center", width }).moveDown(0.8);
  doc.font("bold").fontSize(14).text(d.title.toUpperCase(), { align: "center", width }).moveDown(0.3);
  doc.font("body").fontSize(9).fillColor("#333333").text(`(${d.basis})`, { align: "center", width }).fillColor("black").moveDown(0.6);
  doc
    .font("bold")
    .fontSize(11)
    .text(t("report.periodLine", { period: d.period }), { align: "center", width });
  doc
    .font("body")
    .fontSize(9)
    .text(t("report.asOfLine", { date: dateOf(d.asOf) }), { align: "center", width });
  if (d.areaNote) doc.text(d.areaNote, { align: "center", width });
  doc.moveDown(1);

  for (const s of d.sections) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    if (s.section.kind === "part" && !s.section.number) heading(doc, s.heading, 12);
    else heading(doc, s.heading, s.section.kind === "part" ? 11.5 : 10.5);
    for (const b of s.blocks) {
      if (b.kind === "facts")
        facts(
          doc,
          b.rows.map((r) => [r.item, cell(r.value)]),
        );
      else if (b.kind === "table") {
        doc.font("bold").fontSize(9.5).text(b.title, { width }).moveDown(0.2);
        doc.fontSize(8.5);
        const n = b.columns.length;
        table(
          doc,
          b.columns.map((header, i) => ({ header, width: i === 0 ? Math.max(30, 100 - 17 * (n - 1)) : 17, align: i === 0 ? "left" : "right" })),
          b.rows.map((r) => [r.item, ...r.cells.map(cell)]),
          { boldRows: new Set(b.rows.flatMap((r, i) => (r.flag ? [i] : []))) },
        );
        doc.fontSize(10);
      } else if (b.kind === "text") {
        if (b.text) doc.font("body").fontSize(10).text(b.text, { width, align: "justify" });
        else doc.font("body").fontSize(10).fillColor("#555555").text(t("report.notWritten"), { width }).fillColor("black");
        doc.moveDown(0.6);
      } else {
        doc.font("body").fontSize(8.5).fillColor("#444444").text(b.text, { width }).fillColor("black").fontSize(10).moveDown(0.5);
      }
    }
    doc.moveDown(0.3);
  }

  // The signature block: date, position, "(signature and full name)", room to sign, the name.
  if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const x = MARGIN + width / 2;
  const w = width / 2;
  const y0 = doc.y + 10;
  doc
    .font("body")
    .fontSize(10)
    .text(d.signature.date ? dateLine(d.signature.date, t) : `${t("report.reportDate")}: ……/……/……`, x, y0, { width: w, align: "center" });
  doc.font("bold").text(d.signature.title ?? t("report.signerTitle"), x, doc.y + 4, { width: w, align: "center" });
  doc.font("body").fontSize(8.5).text(t("report.signHint"), x, doc.y, { width: w, align: "center" });
  doc
    .font("bold")
    .fontSize(10)
    .text(d.signature.signer ?? "", x, doc.y + 50, { width: w, align: "center" });
  doc.x = MARGIN;

  pageNumbers(doc, (n, total) => `${d.organisation} — ${t("pdf.page", { n, total })}`);
  return toBuffer(doc);
}

const dateOf = (iso: string) => iso.split("-").reverse().join("/");

function dateLine(iso: string, t: ReturnType<typeof translator>): string {
  const [y, m, d] = iso.split("-");
  return t("report.dateLine", { d, m, y });
}
