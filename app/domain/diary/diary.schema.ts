// A household diary line as the phone form posts it (sổ ghi chép nông hộ, seeds/002). One form
// for the four kinds: the fields a kind needs are required for it, the others are dropped.
// Shared by the form and the action; errors are catalogue keys shown in the reader's language.
import * as z from "zod";
import { todayInVietnam } from "~/utils/dates";
import { blankOr, decimalField, intField, isoDate, optionalText } from "../fields";

export const DIARY_KINDS = ["cost", "labour", "harvest", "sale"] as const;
export type DiaryKind = (typeof DIARY_KINDS)[number];
export const COST_CATEGORIES = ["seed", "fertiliser", "pesticide", "feed", "hired_labour", "tools", "transport", "other"] as const;
export const LABOUR_CATEGORIES = ["family", "hired"] as const;

/**
 * Upper bounds a household's line cannot sensibly pass: one line is a week's cost or work, or
 * one harvest or sale. A typo of three extra zeros is refused, a big harvest is not.
 */
export const DIARY_LIMITS = { amountVnd: 2_000_000_000, kg: 500_000, days: 1_000, priceVnd: 10_000_000 } as const;

/** Strictly more than zero: "0" and "-3" are refused with the same words. */
const positive = (max: number) => blankOr(decimalField(0, max, "error.diaryRange").refine((v) => v > 0, "error.diaryPositive")).transform((v) => v ?? null);
const positiveInt = (max: number) => blankOr(intField(0, max).refine((v) => v > 0, "error.diaryPositive")).transform((v) => v ?? null);

const base = z.object({
  kind: z.enum(DIARY_KINDS, "error.required"),
  on: isoDate.refine((v) => v <= todayInVietnam(), "error.diaryFuture"),
  category: optionalText(20),
  productId: optionalText(40),
  quantityKg: positive(DIARY_LIMITS.kg),
  days: positive(DIARY_LIMITS.days),
  amountVnd: positiveInt(DIARY_LIMITS.amountVnd),
  priceVnd: positiveInt(DIARY_LIMITS.priceVnd),
  buyer: optionalText(120),
  note: optionalText(300),
});

const NEEDS: Record<DiaryKind, (keyof z.output<typeof base>)[]> = {
  cost: ["category", "amountVnd"],
  labour: ["category", "days"],
  harvest: ["productId", "quantityKg"],
  sale: ["productId", "quantityKg", "priceVnd"],
};

export const diaryEntrySchema = base
  .superRefine((v, ctx) => {
    for (const field of NEEDS[v.kind]) if (v[field] === null) ctx.addIssue({ code: "custom", path: [field], message: "error.required" });
    const categories: readonly string[] | null = v.kind === "cost" ? COST_CATEGORIES : v.kind === "labour" ? LABOUR_CATEGORIES : null;
    if (categories && v.category !== null && !categories.includes(v.category)) ctx.addIssue({ code: "custom", path: ["category"], message: "error.invalid" });
  })
  .transform((v) => {
    const keep = new Set<string>([...NEEDS[v.kind], "kind", "on", "note", ...(v.kind === "sale" ? ["buyer"] : [])]);
    const out = { ...v };
    for (const k of Object.keys(out) as (keyof typeof out)[]) if (!keep.has(k)) (out as Record<string, unknown>)[k] = null;
    // A sale's amount is kg × price, worked out here and never typed.
    if (v.kind === "sale") out.amountVnd = Math.round(v.quantityKg! * v.priceVnd!);
    return out;
  });

export type DiaryEntryInput = z.output<typeof diaryEntrySchema>;

/** The Monday of the week a day falls in (weeks run Monday to Sunday, as Vietnamese calendars print them). */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** First and last day of a "yyyy-mm" month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export const isMonth = (v: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
