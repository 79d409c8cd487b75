// A household's bank account, as the buyer's bank needs it for a VietQR transfer: the bank by
// its NAPAS BIN (from the list), the account number (digits, 6–19 as Vietnamese banks issue
// them) and the holder's name as banks print it (upper case, no diacritics).
import * as z from "zod";
import { bankByBin } from "./banks";

/** "Nguyễn Thị Đào" → "NGUYEN THI DAO": how the bank prints the name on the account. */
export function bankHolderName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();
}

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

export const bankAccountSchema = z.object({
  bankBin: z.preprocess(
    trimmed,
    z.string({ message: "error.bankBin" }).refine((v) => bankByBin(v) !== null, { message: "error.bankBin" }),
  ),
  // Spaces and dots as people write them (0123 456 789) are not part of the number.
  bankAccount: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s.]/g, "") : v),
    z.string({ message: "error.bankAccount" }).regex(/^\d{6,19}$/, { message: "error.bankAccount" }),
  ),
  bankHolder: z.preprocess(
    (v) => (typeof v === "string" ? bankHolderName(v) : v),
    z.string({ message: "error.bankHolder" }).regex(/^[A-Z][A-Z ]{1,69}$/, { message: "error.bankHolder" }),
  ),
});

export type BankAccountInput = z.infer<typeof bankAccountSchema>;
