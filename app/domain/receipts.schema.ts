// A receipt check: the chain position printed on a pickup receipt, passbook or statement
// (docs/decisions/0013-chain-anchors.md), typed back in by whoever holds the paper.
import * as z from "zod";

export const receiptSchema = z.object({
  contract: z.string().trim().min(1, "error.required").max(80, "error.tooLong"),
  seq: z.coerce.number().int().positive().max(1_000_000_000),
  hash: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{4,64}$/)
    .transform((s) => s.toLowerCase()),
});

/** Where a receipt sends its holder: the check page, filled in. */
export function receiptCheckPath(contractRef: string, seq: number, shortHash: string): string {
  return `/verify?${new URLSearchParams({ contract: contractRef, seq: String(seq), hash: shortHash })}`;
}

/** The short form of a head printed on receipts and statements: 32 bits, enough to tell. */
export const shortHead = (hash: string | null | undefined) => (hash ?? "").slice(0, 8);
