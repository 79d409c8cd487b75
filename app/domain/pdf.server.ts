// Shared PDF plumbing (pdfkit): an embedded Unicode font that draws every Vietnamese
// diacritic and ₫, read from disk once per process, A4 pages, and tables whose rows never
// split across pages. Black on white with grey rules: legible when printed in black and white.
import fs from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const fontFile = (weight: string) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
// Parsed once per process and shared by every document: pdfkit accepts a fontkit font, and
// re-parsing the TTF for each document was most of the cost of a statement.
const FONTS = {
  regular: fontkit.create(fs.readFileSync(fontFile("400Regular"))),
  bold: fontkit.create(fs.readFileSync(fontFile("700Bold"))),
  italic: fontkit.create(fs.readFileSync(fontFile("400Regular_Italic"))),
};

export type Doc = InstanceType<typeof PDFDocument>;
export const MARGIN = 48;

/** An A4 document with the shared fonts; label sheets ask for their own page size and no margin. */
export function newDocument(meta: { title: string; author: string }, page: { size?: [number, number]; margin?: number } = {}): Doc {
  const doc = new PDFDocument({ size: page.size ?? "A4", margin: page.margin ?? MARGIN, info: { Title: meta.title, Author: meta.author }, bufferPages: true });
  doc.registerFont("body", FONTS.regular as unknown as Buffer);
  doc.registerFont("bold", FONTS.bold as unknown as Buffer);
  doc.registerFont("italic", FONTS.italic as unknown as Buffer);
  doc.font("body").fontSize(10).fillColor("black");
  return doc;
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

export function heading(doc: Doc, text: string, size = 14) {
  doc.font("bold").fontSize(size).text(text, { align: "left" }).moveDown(0.3);
  doc.font("body").fontSize(10);
}

/** Label: value lines, two columns wide. */
/** Label and value in two columns; a form whose labels are long (01/TNDN) asks for a wider first one. */
export function facts(doc: Doc, rows: [string, string][], opts: { labelWidth?: number } = {}) {
  const x = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const lw = opts.labelWidth ?? 150;
  for (const [label, raw] of rows) {
    const value = raw || "—";
    const h = Math.max(doc.font("bold").heightOfString(label, { width: lw }), doc.font("body").heightOfString(value, { width: width - lw - 10 })) + 2;
    ensureSpace(doc, h);
    const y = doc.y;
    doc.font("bold").text(label, x, y, { width: lw });
    doc.font("body").text(value, x + lw + 10, y, { width: width - lw - 10 });
    doc.x = x;
    doc.y = y + h;
  }
  doc.moveDown(0.5);
}

function ensureSpace(doc: Doc, h: number) {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export type Column = { header: string; width: number; align?: "left" | "right" };

/** A table; a row that does not fit moves whole to the next page, headers repeated. */
export function table(doc: Doc, columns: Column[], rows: string[][], opts: { boldLast?: boolean; boldRows?: Set<number> } = {}) {
  const x0 = doc.page.margins.left;
  const total = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const scale = total / columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => c.width * scale);
  const pad = 4;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (shade) doc.rect(x0, y, total, h).fill("#eeeeee").fillColor("black");
    let x = x0;
    doc.font(font);
    cells.forEach((c, i) => {
      doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? "left" });
      x += widths[i];
    });
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + total, y + h)
      .lineWidth(0.5)
      .strokeColor("#888888")
      .stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(doc, rowHeight(header, "bold") + (rows[0] ? rowHeight(rows[0], "body") : 0));
  drawRow(header, "bold", true);
  rows.forEach((r, i) => {
    const font = (opts.boldLast && i === rows.length - 1) || opts.boldRows?.has(i) ? "bold" : "body";
    const h = rowHeight(r, font);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(header, "bold", true);
    }
    drawRow(r, font, false);
  });
  doc.font("body").moveDown(0.8);
}

/** "Page n / N" on every page, once the document is complete. */
export function pageNumbers(doc: Doc, label: (n: number, total: number) => string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("body")
      .fontSize(8)
      .fillColor("#444444")
      .text(label(i + 1, range.count), doc.page.margins.left, doc.page.height - 30, { align: "center", width: doc.page.width - 2 * MARGIN });
    doc.page.margins.bottom = bottom;
  }
}
