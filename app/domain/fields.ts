// zod building blocks for form fields (strings in, typed values out), shared by every
// schema so a number, a date or a coordinate is validated the same way everywhere.
import * as z from "zod";

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

// Optional fields are written without unions so an error names the real problem
// ("not a whole number") rather than "matches no alternative".
export const optionalIntField = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[.\s]/g, "") : ""))
    .refine((v) => v === "" || /^-?\d+$/.test(v), "error.integer")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= min && v <= max), "error.range");

const optionalDecimal = (min: number, max: number, rangeMessage: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(",", ".") : ""))
    .refine((v) => v === "" || /^-?\d+(\.\d+)?$/.test(v), "error.number")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= min && v <= max), rangeMessage);

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

export const optionalIsoDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isoDate.safeParse(v).success, "error.date")
  .transform((v) => (v ? v : null));

export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

// Vietnam's bounding box, with the islands: a typo'd coordinate is caught, not mapped into the sea.
export const latField = optionalDecimal(8, 24, "error.outsideVietnam");
export const lngField = optionalDecimal(102, 118, "error.outsideVietnam");

/** A blank form field counts as absent, and otherwise must pass `schema` (its own error shows). */
export const blankOr = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** A Vietnamese tax code (mã số thuế), optional: 10 digits, or 10-3 for a branch. Buyers' and groups'. */
export const taxCodeField = blankOr(
  z
    .string()
    .trim()
    .regex(/^\d{10}(-\d{3})?$/, "error.taxCode"),
);

/**
 * For a cross-field refine: run it as soon as the fields it reads are valid, even when other
 * fields are not, so a form shows every problem at once (zod skips it otherwise). The payload
 * holds transformed values, so validity is read from its issues, not by parsing again.
 */
export function whenValid<S extends z.ZodObject>(_base: S, keys: (keyof S["shape"] & string)[]) {
  return {
    when: (payload: { issues: { path?: PropertyKey[] }[] }) => !payload.issues.some((i) => keys.includes(String(i.path?.[0]) as never)),
  };
}

/** A form field that may be sent once, many times or not at all, as a list. */
export const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
