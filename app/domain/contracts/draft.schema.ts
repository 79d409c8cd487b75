// The draft contract form (a renewal prefilled from last season, or a draft from an import):
// what the buyer may still change before it is signed. Shared by the form and the action.
import * as z from "zod";
import { parseWith, type FormResult } from "~/utils/forms";
import { decimalField, intField, whenValid } from "../fields";
import { acceptanceFormValues, GRADE_PRICE } from "../offers.schema";

const draftBase = z.object({
  areaHa: decimalField(0.01, 100_000),
  volumeTonnes: decimalField(0.001, 1_000_000),
  paymentTermsDays: intField(0, 365),
  grades: z
    .array(z.object({ code: z.string().trim().min(1, "error.required"), priceVndPerKg: intField(GRADE_PRICE.min, GRADE_PRICE.max) }))
    .min(1, "error.oneGrade"),
  allocations: z.array(z.object({ householdId: z.string().min(1), tonnes: decimalField(0, 1_000_000) })).min(1, "error.oneAllocation"),
});

export const draftContractSchema = draftBase.refine((d) => Math.abs(d.allocations.reduce((s, x) => s + x.tonnes, 0) - d.volumeTonnes) < 0.0005, {
  path: ["allocations"],
  message: "error.allocationSum",
  ...whenValid(draftBase, ["volumeTonnes", "allocations"]),
});
export type DraftContractInput = z.output<typeof draftContractSchema>;

/** Grades arrive as parallel fields (grade.code, grade.priceVndPerKg), shares as alloc.<householdId>. */
export function draftFormValues(form: Record<string, unknown>): Record<string, unknown> {
  const list = (k: string) => (form[k] === undefined ? [] : Array.isArray(form[k]) ? (form[k] as unknown[]).map(String) : [String(form[k])]);
  const codes = list("grade.code");
  const prices = list("grade.priceVndPerKg");
  return { ...acceptanceFormValues(form), grades: codes.map((code, i) => ({ code, priceVndPerKg: prices[i] ?? "" })) };
}

export function parseDraftContract(values: Record<string, unknown>): FormResult<DraftContractInput> {
  return parseWith(draftContractSchema, values);
}
