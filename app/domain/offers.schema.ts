// The purchase offer form: shared by the offer editor (client) and the action (server).
import * as z from "zod";
import { parseWith, type FormResult } from "~/utils/forms";
import { decimalField, intField, isoDate, optionalText, text, whenValid } from "./fields";
import { CERT_SCHEMES } from "./certifications/schemes";

export const OFFER_STATUSES = ["draft", "published", "paused", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const PRICE_MECHANISMS = ["fixed", "floor_plus_market"] as const;

/** "Quảng Trị, Sơn La" → ["Quảng Trị", "Sơn La"]; ticked boxes arrive as several values. */
export const nameList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : [v ?? ""])
      .flatMap((x) => x.split(/[,;\n]/))
      .map((s) => s.normalize("NFC").trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(80, "error.tooLong")).max(80, "error.tooLong"));

/** The price a grade may carry, ₫/kg: the editor names this range in a row's error. */
export const GRADE_PRICE = { min: 1, max: 100_000_000 } as const;
export const GRADE_CODE_MAX = 8;

const gradeSchema = z.object({
  code: z.string().trim().min(1, "error.required").max(GRADE_CODE_MAX, "error.tooLong"),
  label: text(80),
  criteria: optionalText(300),
  priceVndPerKg: intField(GRADE_PRICE.min, GRADE_PRICE.max),
});

const pointSchema = z.object({
  name: text(120),
  lat: decimalField(8, 24, "error.outsideVietnam"),
  lng: decimalField(102, 118, "error.outsideVietnam"),
});

const offerBase = z.object({
  title: text(160),
  seasonId: z.string().min(1, "error.required"),
  minTonnes: decimalField(0, 1_000_000),
  maxTonnes: decimalField(0.001, 1_000_000),
  windowStart: isoDate,
  windowEnd: isoDate,
  priceMechanism: z.enum(PRICE_MECHANISMS, "error.invalid"),
  marketReference: optionalText(300),
  paymentTermsDays: intField(0, 365),
  groupFundPct: decimalField(0, 20)
    .optional()
    .transform((v) => v ?? 0),
  inputsAdvanced: optionalText(500),
  inputRecovery: optionalText(500),
  eligibleProvinces: nameList,
  eligibleDistricts: nameList,
  notes: optionalText(1000),
  // The certification a group must hold to take the offer up ("" = none; issue 16).
  requiredScheme: z
    .union([z.literal(""), z.enum(CERT_SCHEMES, "error.invalid")], "error.invalid")
    .optional()
    .transform((v) => v || null),
  grades: z.array(gradeSchema).min(1, "error.oneGrade").max(12, "error.tooLong"),
  points: z.array(pointSchema).min(1, "error.onePoint").max(20, "error.tooLong"),
});

export const offerSchema = offerBase
  .refine((o) => o.maxTonnes >= o.minTonnes, { path: ["maxTonnes"], message: "error.maxBelowMin", ...whenValid(offerBase, ["minTonnes", "maxTonnes"]) })
  .refine((o) => o.windowEnd >= o.windowStart, { path: ["windowEnd"], message: "error.endBeforeStart", ...whenValid(offerBase, ["windowStart", "windowEnd"]) })
  .refine((o) => o.priceMechanism === "fixed" || !!o.marketReference, {
    path: ["marketReference"],
    message: "error.required",
    ...whenValid(offerBase, ["priceMechanism", "marketReference"]),
  });
export type OfferInput = z.output<typeof offerSchema>;

/**
 * A code used twice (as stored: upper case) is flagged on every row after the first that uses
 * it, whatever else is wrong with the form, so the editor can say which row and which code.
 */
export function duplicateGradeRows(grades: { code?: unknown }[]): number[] {
  const seen = new Set<string>();
  return grades.flatMap((g, i) => {
    const code = String(g.code ?? "")
      .trim()
      .toUpperCase();
    if (!code) return [];
    if (seen.has(code)) return [i];
    seen.add(code);
    return [];
  });
}

/** The offer form checked: the schema's errors and, on their rows, the duplicate grade codes. */
export function parseOffer(values: Record<string, unknown>): FormResult<OfferInput> {
  const parsed = parseWith(offerSchema, values);
  const dupes = duplicateGradeRows(Array.isArray(values.grades) ? (values.grades as { code?: unknown }[]) : []);
  if (!dupes.length) return parsed;
  const errors = parsed.ok ? {} : { ...parsed.errors };
  for (const i of dupes) (errors[`grades.${i}.code`] ??= []).push("error.duplicateGrade");
  return { ok: false, errors, values };
}

/**
 * The editor posts rows as parallel fields (grade.code, grade.label…); blank rows are the
 * spare ones the form shows, not mistakes, so they are dropped before validation.
 */
export function offerFormValues(form: Record<string, unknown>): Record<string, unknown> {
  const all = (k: string): string[] => {
    const v = form[k];
    return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  };
  const rows = <K extends string>(prefix: string, keys: K[]) => {
    const cols = keys.map((k) => all(`${prefix}.${k}`));
    const n = Math.max(0, ...cols.map((c) => c.length));
    return Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k, j) => [k, cols[j][i] ?? ""])) as Record<K, string>).filter((r) =>
      Object.values(r).some((v) => (v as string).trim() !== ""),
    );
  };
  const { ...rest } = form;
  for (const k of Object.keys(rest)) if (k.startsWith("grade.") || k.startsWith("point.")) delete rest[k];
  return {
    ...rest,
    grades: rows("grade", ["code", "label", "criteria", "priceVndPerKg"]),
    points: rows("point", ["name", "lat", "lng"]),
  };
}

const acceptanceBase = z.object({
  areaHa: decimalField(0.01, 100_000),
  volumeTonnes: decimalField(0.001, 1_000_000),
  acceptTerms: z.literal("on", "error.acceptTerms"),
  allocations: z.array(z.object({ householdId: z.string().min(1), tonnes: decimalField(0, 1_000_000) })).min(1, "error.oneAllocation"),
});

export const acceptanceSchema = acceptanceBase.refine((a) => Math.abs(a.allocations.reduce((s, x) => s + x.tonnes, 0) - a.volumeTonnes) < 0.0005, {
  path: ["allocations"],
  message: "error.allocationSum",
  ...whenValid(acceptanceBase, ["volumeTonnes", "allocations"]),
});
export type AcceptanceInput = z.output<typeof acceptanceSchema>;

/** Allocation inputs are named alloc.<householdId>; empty or zero means "not this time". */
export function acceptanceFormValues(form: Record<string, unknown>): Record<string, unknown> {
  const allocations = Object.entries(form)
    .filter(([k, v]) => k.startsWith("alloc.") && typeof v === "string" && v.trim() !== "" && Number(v.replace(",", ".")) !== 0)
    .map(([k, v]) => ({ householdId: k.slice(6), tonnes: v }));
  return { ...form, allocations };
}

export const declineSchema = z.object({ reason: text(500) });
