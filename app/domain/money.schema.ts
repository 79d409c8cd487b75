// Forms for money: issuing invoices, recording payments, advances and the group fund.
import * as z from "zod";
import { asList, decimalField, intField, isoDate, optionalText, text } from "./fields";

export const issueSchema = z.object({
  pickupIds: z.preprocess(asList, z.array(z.string().min(1).max(40)).min(1, "error.onePickup").max(200, "error.tooLong")),
  issuedOn: isoDate,
});

export const PAYMENT_METHODS = ["bank_transfer", "cash"] as const;
export const paymentSchema = z.object({
  paidOn: isoDate,
  amountVnd: intField(1, 100_000_000_000),
  method: z.enum(PAYMENT_METHODS, "error.required"),
  reference: optionalText(120),
});

export const cancelSchema = z.object({ reason: text(500) });

export const RECOVERY_PLANS = ["per_invoice_pct", "lump_sum", "none"] as const;
export const advanceSchema = z.object({
  providerId: z.string().min(1, "error.required").max(40),
  householdId: z.string().min(1, "error.required").max(40),
  contractId: optionalText(40),
  item: text(120),
  quantity: z
    .union([z.literal("").transform(() => null), decimalField(0, 1_000_000)])
    .optional()
    .transform((v) => v ?? null),
  unit: optionalText(20),
  valueVnd: intField(1, 10_000_000_000),
  advancedOn: isoDate,
  recoveryPlan: z.enum(RECOVERY_PLANS, "error.required"),
  recoveryPct: decimalField(0, 100)
    .optional()
    .transform((v) => v ?? 0),
});

// Signs are the fund's: money in is positive, out is negative (done by the server from `kind`).
export const FUND_KINDS = ["contribution", "counterpart", "loan_out", "repayment"] as const;
export const fundEntrySchema = z.object({
  kind: z.enum(FUND_KINDS, "error.required"),
  householdId: optionalText(40),
  amountVnd: intField(1, 10_000_000_000),
  inKind: optionalText(120),
  on: isoDate,
  note: optionalText(300),
});
