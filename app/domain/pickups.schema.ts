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

/** Parallel lot fields (lot.householdId, lot.grossKg, lot.m.ripePct…) → one object per form row. */
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
  }));
  const rest = Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith("lot.")));
  return { ...rest, witnesses: all("witnesses"), lots };
}

/** A typed weight as the form reads it (12,5 or 12.5); null when blank or not a number. */
export function typedKg(s: string): number | null {
  const v = s.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null;
}

export type NetWarning = { row: number; kind: "aboveBound" | "aboveMedian"; limitKg: number };

/**
 * Nets that are possible but unlikely, so the person confirms them before the pickup is sent:
 * a lot above what its household agreed to deliver in the whole season (`boundKg`: its
 * allocation, or the contract's volume shared among the group), or a lot more than three
 * times the median of the pickup's lots (from three lots on, where a median means something).
 * A net of zero or less is not here: it is an error (pickupSchema).
 */
export function netWarnings(lots: { row: number; householdId: string; netKg: number }[], boundKg: (householdId: string) => number | null): NetWarning[] {
  const positive = lots.filter((l) => l.netKg > 0);
  const sorted = positive.map((l) => l.netKg).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length >= 3 ? (sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2) : null;
  const out: NetWarning[] = [];
  for (const l of positive) {
    const bound = l.householdId ? boundKg(l.householdId) : null;
    if (bound !== null && bound > 0 && l.netKg > bound) out.push({ row: l.row, kind: "aboveBound", limitKg: bound });
    else if (median !== null && l.netKg > 3 * median) out.push({ row: l.row, kind: "aboveMedian", limitKg: 3 * median });
  }
  return out;
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
