// zod building blocks for form fields (strings in, typed values out), shared by every
// schema so a number, a date or a coordinate is validated the same way everywhere.
import { z } from "zod";

export const text = (max = 160) => z.string().trim().min(1, "error.required").max(max, "error.tooLong");

export const optionalText = (max = 160) =>
  z
    .string()
    .trim()
    .max(max, "error.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** Whole numbers typed by people: "28.000.000", "28 000 000" and "28000000" are the same. */
export const intField = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "error.required")
    .transform((v) => v.replace(/[.\s]/g, ""))
    .pipe(z.string().regex(/^-?\d+$/, "error.integer"))
    .transform(Number)
    .pipe(z.number().min(min, "error.range").max(max, "error.range"));

export const optionalIntField = (min: number, max: number) =>
  z.union([z.literal("").transform(() => null), intField(min, max)]).optional().transform((v) => v ?? null);

/** Decimal numbers accept a comma as Vietnamese writes them: 12,5. */
export const decimalField = (min: number, max: number, rangeMessage = "error.range") =>
  z
    .string()
    .trim()
    .min(1, "error.required")
    .transform((v) => v.replace(",", "."))
    .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, "error.number"))
    .transform(Number)
    .pipe(z.number().min(min, rangeMessage).max(max, rangeMessage));

export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "error.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "error.date");

export const optionalIsoDate = z.union([z.literal("").transform(() => null), isoDate]).optional().transform((v) => v ?? null);

export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

// Vietnam's bounding box, with the islands: a typo'd coordinate is caught, not mapped into the sea.
const coordinate = (min: number, max: number) =>
  z.union([z.literal("").transform(() => null), decimalField(min, max, "error.outsideVietnam")]).optional().transform((v) => v ?? null);
export const latField = coordinate(8, 24);
export const lngField = coordinate(102, 118);
