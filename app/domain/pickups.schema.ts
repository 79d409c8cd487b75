// The pickup form, typed by buyer staff at the collection point: shared by the phone form,
// its offline-tolerant submit (api.pickups) and the server.
import { z } from "zod";
import { decimalField, isoDate, optionalText, text, whenValid } from "./fields";

const lotBase = z.object({
  householdId: z.string().min(1, "error.required").max(40),
  grossKg: decimalField(0.001, 100_000),
  tareKg: decimalField(0, 100_000),
  grade: z.string().trim().min(1, "error.required").max(8, "error.tooLong"),
  measurements: z.record(z.string().max(40), z.string().trim().max(40, "error.tooLong")),
});
const lotSchema = lotBase.refine((l) => l.tareKg <= l.grossKg, {
  path: ["tareKg"],
  message: "error.tareAboveGross",
  ...whenValid(lotBase, ["grossKg", "tareKg"]),
});

export const pickupSchema = z.object({
  // Made on the device when the form is opened: a retry of the same pickup carries the same key.
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "error.invalid"),
  date: isoDate,
  collectionPoint: optionalText(120),
  vehicle: optionalText(20),
  staffName: optionalText(80),
  witnesses: z.array(z.string().min(1).max(40)).max(50, "error.tooLong"),
  lots: z.array(lotSchema).min(1, "error.oneLot").max(300, "error.tooLong"),
});
export type PickupFormInput = z.output<typeof pickupSchema>;

/** Parallel lot fields (lot.householdId, lot.grossKg, lot.m.ripePct…) → rows; blank rows dropped. */
export function pickupFormValues(form: Record<string, unknown>): Record<string, unknown> {
  const all = (k: string): string[] => {
    const v = form[k];
    return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  };
  const measureKeys = Object.keys(form)
    .filter((k) => k.startsWith("lot.m."))
    .map((k) => k.slice(6));
  const cols = { householdId: all("lot.householdId"), grossKg: all("lot.grossKg"), tareKg: all("lot.tareKg"), grade: all("lot.grade") };
  const n = Math.max(0, ...Object.values(cols).map((c) => c.length));
  const lots = Array.from({ length: n }, (_, i) => ({
    householdId: cols.householdId[i] ?? "",
    grossKg: cols.grossKg[i] ?? "",
    tareKg: cols.tareKg[i] ?? "",
    grade: cols.grade[i] ?? "",
    measurements: Object.fromEntries(measureKeys.map((k) => [k, all(`lot.m.${k}`)[i] ?? ""]).filter(([, v]) => v.trim() !== "")),
  })).filter((l) => l.grossKg.trim() !== "" || l.tareKg.trim() !== "");
  const rest = Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith("lot.")));
  return { ...rest, witnesses: all("witnesses"), lots };
}

export const disputeSchema = z.object({ reason: text(500) });

export const correctionSchema = z
  .object({
    explanation: text(500),
    grossKg: decimalField(0.001, 100_000),
    tareKg: decimalField(0, 100_000),
    grade: z.string().trim().min(1, "error.required").max(8),
  })
  .refine((c) => c.tareKg <= c.grossKg, { path: ["tareKg"], message: "error.tareAboveGross" });

export const upholdSchema = z.object({ explanation: text(500) });
