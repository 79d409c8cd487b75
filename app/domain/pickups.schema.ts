// The pickup form, typed by buyer staff at the collection point: shared by the phone form,
// its offline-tolerant submit (api.pickups) and the server.
import * as z from "zod";
import { decimalField, isoDate, optionalText, text, whenValid } from "./fields";

export { netWarnings, pickupFormValues, typedKg, type NetWarning } from "./pickups/form-values";

const lotBase = z.object({
  householdId: z.string().min(1, "error.required").max(40),
  grossKg: decimalField(0.001, 100_000),
  tareKg: decimalField(0, 100_000),
  grade: z.string().trim().min(1, "error.required").max(8, "error.tooLong"),
  measurements: z.record(z.string().max(40), z.string().trim().max(40, "error.tooLong")),
});
// A lot weighs something: a tare equal to the gross (or above it) is a mistyped weight, and
// its zero or negative net must never reach the totals.
const lotSchema = lotBase.refine((l) => l.tareKg < l.grossKg, {
  path: ["tareKg"],
  message: "error.netNotPositive",
  ...whenValid(lotBase, ["grossKg", "tareKg"]),
});

type LotValues = { householdId: string; grossKg: string; tareKg: string; grade: string; measurements: Record<string, string> };
const isBlankLot = (l: LotValues) =>
  !l.householdId.trim() && !l.grossKg.trim() && !l.tareKg.trim() && !l.grade.trim() && Object.values(l.measurements).every((v) => !v.trim());

// Rows left empty are skipped, but every error keeps the index of the row the person typed it
// in (lots.2.tareKg is the form's third row whatever is blank above it), and each lot carries
// that row so errors found later (the ledger's) land on it too.
const lotRows = z
  .array(z.preprocess((v) => (v && typeof v === "object" && isBlankLot(v as LotValues) ? null : v), lotSchema.nullable()))
  .max(300, "error.tooLong")
  .transform((rows) => rows.flatMap((l, row) => (l ? [{ ...l, row }] : [])))
  .refine((lots) => lots.length > 0, "error.oneLot");

export const pickupSchema = z.object({
  // Made on the device when the form is opened: a retry of the same pickup carries the same key.
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "error.invalid"),
  date: isoDate,
  collectionPoint: optionalText(120),
  vehicle: optionalText(20),
  staffName: optionalText(80),
  witnesses: z.array(z.string().min(1).max(40)).max(50, "error.tooLong"),
  lots: lotRows,
});
export type PickupFormInput = z.output<typeof pickupSchema>;

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
