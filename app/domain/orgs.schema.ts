import * as z from "zod";
import { normaliseLogin, notOwnLogin, passwordSchema } from "./accounts.schema";
import { blankOr, latField, lngField, optionalIsoDate, optionalText, taxCodeField, text } from "./fields";
import { ORG_ROLES } from "./roles";
import { bankAccountSchema } from "./payouts/bank-account.schema";

// The account the buyer pays from, optional: each field checked as a household's is.
const orgBankFields = {
  bankBin: blankOr(bankAccountSchema.shape.bankBin),
  bankAccount: blankOr(bankAccountSchema.shape.bankAccount),
  bankHolder: blankOr(bankAccountSchema.shape.bankHolder),
};

export const orgSchema = z.object({
  name: text(160),
  // Authorities read every group in their area, so only a site administrator creates them.
  kind: z.enum(["cooperative", "enterprise", "project_owner"], "error.invalid"),
  // A place is optional (a company may name none, or a province only); see groups.schema.ts.
  provinceCode: optionalText(10),
  communeCode: optionalText(10),
  commune: optionalText(80),
  phone: optionalText(20),
  // Printed on payment statements (issue 13). A tax code is 10 digits, a branch's 10-3.
  taxCode: taxCodeField,
  ...orgBankFields,
  // Named as Bên A's representative in the linkage contracts it signs.
  representativeName: optionalText(120),
  representativeTitle: optionalText(80),
  lat: latField,
  lng: lngField,
});
export type OrgInput = z.output<typeof orgSchema>;

export const authoritySchema = orgSchema.extend({
  kind: z.literal("authority"),
  // Its area: a province, or a commune of it.
  provinceCode: text(10),
});

export const addMemberSchema = z
  .object({
    login: text(200).transform(normaliseLogin),
    role: z.enum(ORG_ROLES, "error.invalid"),
    name: optionalText(120),
    password: blankOr(passwordSchema),
  })
  .refine(notOwnLogin, { message: "error.passwordPersonal", path: ["password"] });

export const projectProfileSchema = z.object({
  objectives: optionalText(2000),
  beneficiarySelection: optionalText(2000),
  startedOn: optionalIsoDate,
  endsOn: optionalIsoDate,
});

export const tokenSchema = z.object({ name: text(80) });
