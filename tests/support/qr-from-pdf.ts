// Reads label sheets back as a phone would: each PDF page rendered to pixels with MuPDF (WASM),
// cut along the label grid the sheet was printed on (jsQR finds one code per image), and every
// QR decoded. Also the text MuPDF finds on the pages, with where it sits, to check labels keep
// their text inside their own edges.
import jsQR from "jsqr";
import * as mupdf from "mupdf";
import { labelCell, perPage, type LabelSize } from "../../app/domain/trace/label-sizes";

const MM_PER_PT = 25.4 / 72;

export type ReadLabel = { page: number; cell: number; url: string; /** the symbol's side, quiet zone excluded */ symbolMm: number };

function open(pdf: Uint8Array): mupdf.Document {
  return mupdf.Document.openDocument(pdf, "application/pdf");
}

export function pageCount(pdf: Uint8Array): number {
  const doc = open(pdf);
  try {
    return doc.countPages();
  } finally {
    doc.destroy();
  }
}

/** Every QR on the sheet, page by page and label by label (cells without one are left out). */
export function readLabelSheet(pdf: Uint8Array, size: LabelSize, dpi = 150): ReadLabel[] {
  const doc = open(pdf);
  const pxPerMm = dpi / 25.4;
  const found: ReadLabel[] = [];
  try {
    for (let p = 0; p < doc.countPages(); p++) {
      const page = doc.loadPage(p);
      const pix = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false);
      const width = pix.getWidth();
      const height = pix.getHeight();
      const n = pix.getNumberOfComponents();
      const rgb = pix.getPixels();
      for (let i = 0; i < perPage(size); i++) {
        const c = labelCell(size, i);
        const x0 = Math.max(0, Math.floor(c.x * pxPerMm));
        const y0 = Math.max(0, Math.floor(c.y * pxPerMm));
        const w = Math.min(width - x0, Math.floor(c.w * pxPerMm));
        const h = Math.min(height - y0, Math.floor(c.h * pxPerMm));
        const rgba = new Uint8ClampedArray(w * h * 4);
        let ink = false;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const s = ((y0 + y) * width + (x0 + x)) * n;
            const d = (y * w + x) * 4;
            rgba[d] = rgb[s];
            rgba[d + 1] = rgb[s + 1];
            rgba[d + 2] = rgb[s + 2];
            rgba[d + 3] = 255;
            ink ||= rgb[s] < 128;
          }
        }
        // An empty label has nothing to read (and jsQR takes long to find that out).
        const qr = ink ? jsQR(rgba, w, h, { inversionAttempts: "dontInvert" }) : null;
        if (!qr) continue;
        const { topLeftCorner: a, topRightCorner: b } = qr.location;
        found.push({ page: p, cell: i, url: qr.data, symbolMm: Math.hypot(b.x - a.x, b.y - a.y) / pxPerMm });
      }
      pix.destroy();
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
  return found;
}

export type TextLine = { page: number; text: string; x: number; y: number; w: number; h: number };

/** The lines of text on every page, with their boxes in millimetres from the page's top-left corner. */
export function textLines(pdf: Uint8Array): TextLine[] {
  const doc = open(pdf);
  const lines: TextLine[] = [];
  try {
    for (let p = 0; p < doc.countPages(); p++) {
      const page = doc.loadPage(p);
      const st = page.toStructuredText("preserve-whitespace");
      const json = JSON.parse(st.asJSON()) as { blocks: { type: string; lines?: { text: string; bbox: { x: number; y: number; w: number; h: number } }[] }[] };
      for (const block of json.blocks)
        for (const line of block.lines ?? [])
          lines.push({
            page: p,
            text: line.text,
            x: line.bbox.x * MM_PER_PT,
            y: line.bbox.y * MM_PER_PT,
            w: line.bbox.w * MM_PER_PT,
            h: line.bbox.h * MM_PER_PT,
          });
      st.destroy();
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
  return lines;
}
