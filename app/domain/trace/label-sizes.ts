// The label stock a buyer prints QR labels on (issue 16), in millimetres as the makers publish
// them: two common A4 sheets and a thermal roll. Shared by the PDF, the choice form and the
// tests, which cut a rendered page along the same grid to read each QR back.
import * as z from "zod";

export const LABEL_SIZES = ["a4-3x8", "a4-2x7", "thermal-50x30"] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];

/** What one label stands for: each lot of the pickup, the pickup as a whole, or every lot of the contract's pickups that day. */
export const LABEL_SCOPES = ["lots", "pickup", "day"] as const;
export type LabelScope = (typeof LABEL_SCOPES)[number];

export type LabelLayout = {
  page: { w: number; h: number };
  cols: number;
  rows: number;
  label: { w: number; h: number };
  /** Top-left corner of the first label. */
  origin: { x: number; y: number };
  /** From one label's corner to the next one's, across and down. */
  pitch: { x: number; y: number };
};

export const LAYOUTS: Record<LabelSize, LabelLayout> = {
  // Avery L7159 and its equivalents: 24 labels of 63,5 × 33,9 mm, no gap between rows.
  "a4-3x8": { page: { w: 210, h: 297 }, cols: 3, rows: 8, label: { w: 63.5, h: 33.9 }, origin: { x: 7.25, y: 12.9 }, pitch: { x: 66, y: 33.9 } },
  // Avery L7163: 14 labels of 99,1 × 38,1 mm.
  "a4-2x7": { page: { w: 210, h: 297 }, cols: 2, rows: 7, label: { w: 99.1, h: 38.1 }, origin: { x: 4.65, y: 15.15 }, pitch: { x: 101.6, y: 38.1 } },
  // A 50 × 30 mm label on a thermal printer's roll: one label a page.
  "thermal-50x30": { page: { w: 50, h: 30 }, cols: 1, rows: 1, label: { w: 50, h: 30 }, origin: { x: 0, y: 0 }, pitch: { x: 50, y: 30 } },
};

export const perPage = (size: LabelSize) => LAYOUTS[size].cols * LAYOUTS[size].rows;

/** The label in cell `i` of a page (row by row), in millimetres from the page's top-left corner. */
export function labelCell(size: LabelSize, i: number): { x: number; y: number; w: number; h: number } {
  const l = LAYOUTS[size];
  const col = i % l.cols;
  const row = Math.floor(i / l.cols);
  return { x: l.origin.x + col * l.pitch.x, y: l.origin.y + row * l.pitch.y, w: l.label.w, h: l.label.h };
}

/** The query of a label sheet: /pickups/:id/labels/pdf?size=a4-3x8&scope=lots. */
export const labelRequestSchema = z.object({
  size: z.enum(LABEL_SIZES, "error.invalid"),
  scope: z.enum(LABEL_SCOPES, "error.invalid").default("lots"),
});
