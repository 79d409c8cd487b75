// A buyer's GTIN for one product it buys (issue 16), as the settings form posts it and the server
// checks it: blank clears it; otherwise 8, 12, 13 or 14 digits with a valid GS1 check digit,
// kept as the 14 digits a GS1 Digital Link carries.
import * as z from "zod";
import { normaliseGtin } from "./links";

export const gtinSchema = z.object({
  productId: z.string().trim().min(1, "error.required"),
  gtin: z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/[\s-]/g, ""))
    .refine((v) => v === "" || /^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(v), "error.gtinShape")
    .refine((v) => v === "" || !/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(v) || normaliseGtin(v) !== null, "error.gtinCheckDigit")
    .transform((v) => (v === "" ? null : normaliseGtin(v))),
});
export type GtinInput = z.output<typeof gtinSchema>;
