// What graders measure on a lot of a product (Product.measures, JSON), and the one check of a
// lot's measurements against it. Every door that records a lot — the pickup form, its offline
// API, a correction, the bundle import, the ledger itself — uses measurementProblems(), so a
// lot carries only the measures its product defines, each with a value of the right kind.
import * as z from "zod";

const MAX_TEXT = 40;

const measureSchema = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
  label: z.string().max(120),
  /** The label for an English reader (as Product.nameEn); the Vietnamese one when absent. */
  labelEn: z.string().max(120).optional(),
  /** What a number is counted in ("%", "cm", "°Brix"), shown after the label and the value. */
  unit: z.string().max(20).optional(),
  /** number: a figure (typed as 12,5 or 12.5), kept as a number, within min–max when given;
   *  text: a short answer, one of `options` when given. Definitions written before types
   *  existed have none: any number or short text, as the form always accepted. */
  type: z.enum(["number", "text"]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.string().max(MAX_TEXT)).optional(),
});
export type MeasureDef = z.output<typeof measureSchema>;

export { measureLabel } from "./measure-label";

/** A product's measure definitions; an unreadable definition defines nothing. */
export function productMeasures(product: { measures: string }): MeasureDef[] {
  try {
    const parsed = z.array(measureSchema).safeParse(JSON.parse(product.measures));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export type MeasurementValue = number | string;
export type MeasurementProblem = {
  key: string;
  /** A catalogue key for forms. */
  error: "error.unknownMeasure" | "error.number" | "error.range" | "error.measureOption" | "error.tooLong" | "error.invalid";
  /** In English, naming the key: for import problem lists and logs. */
  reason: string;
};

const NUMBER = /^-?\d+(\.\d+)?$/;

function checkOne(def: MeasureDef, raw: unknown): { value: MeasurementValue } | Omit<MeasurementProblem, "key"> {
  const { key } = def;
  if (typeof raw === "number" && !Number.isFinite(raw)) return { error: "error.number", reason: `measurement "${key}" is not a finite number` };
  if (typeof raw !== "number" && typeof raw !== "string") return { error: "error.invalid", reason: `measurement "${key}" must be a number or a short text` };
  if (def.type === "number") {
    const typed = typeof raw === "string" ? raw.trim().replace(",", ".") : "";
    const n = typeof raw === "number" ? raw : NUMBER.test(typed) ? Number(typed) : Number.NaN;
    if (Number.isNaN(n)) return { error: "error.number", reason: `measurement "${key}" must be a number` };
    if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
      return { error: "error.range", reason: `measurement "${key}" must be between ${def.min ?? "-∞"} and ${def.max ?? "∞"}` };
    }
    return { value: n };
  }
  const value = typeof raw === "string" ? raw.trim() : raw;
  if (typeof value === "string" && value.length > MAX_TEXT)
    return { error: "error.tooLong", reason: `measurement "${key}" is longer than ${MAX_TEXT} characters` };
  if (def.type === "text") {
    const s = String(value);
    if (def.options && !def.options.includes(s))
      return { error: "error.measureOption", reason: `measurement "${key}" must be one of: ${def.options.join(", ")}` };
    return { value: s };
  }
  return { value };
}

/**
 * Checks a lot's measurements against its product's definitions. `values` holds them as they
 * are stored (numbers for number measures); `problems` names each key that is unknown or
 * whose value is of the wrong kind. Nothing may be written while there are problems.
 */
export function checkMeasurements(
  defs: MeasureDef[],
  measurements: Record<string, unknown> | null | undefined,
): { values: Record<string, MeasurementValue>; problems: MeasurementProblem[] } {
  const values: Record<string, MeasurementValue> = {};
  const problems: MeasurementProblem[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, raw] of Object.entries(measurements ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      const known = defs.map((d) => d.key).join(", ") || "none";
      problems.push({ key, error: "error.unknownMeasure", reason: `measurement "${key}" is not one this product defines (${known})` });
      continue;
    }
    const r = checkOne(def, raw);
    if ("value" in r) values[key] = r.value;
    else problems.push({ key, ...r });
  }
  return { values, problems };
}

/** The problems only: for the bundle import's validator, which reports them with their path. */
export function measurementProblems(product: { measures: string }, measurements: Record<string, unknown> | null | undefined): MeasurementProblem[] {
  return checkMeasurements(productMeasures(product), measurements).problems;
}
