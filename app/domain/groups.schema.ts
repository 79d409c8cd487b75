import * as z from "zod";
import { normaliseLogin, notOwnLogin, passwordSchema } from "./accounts.schema";
import { todayInVietnam } from "~/utils/dates";
import {
  blankOr,
  checkbox,
  intField,
  isoDate,
  latField,
  lngField,
  optionalIntField,
  optionalIsoDate,
  optionalText,
  taxCodeField,
  text,
  whenValid,
} from "./fields";

export const POVERTY_STATUSES = ["poor", "near_poor", "newly_escaped", "non_poor"] as const;
export const SEXES = ["female", "male"] as const;

export const groupSchema = z.object({
  name: text(160),
  // The place by code, as the pickers send it. `commune` is the commune as typed: the server
  // reads it within the province when none was picked (no JavaScript, or typed and sent as is).
  provinceCode: text(10),
  communeCode: optionalText(10),
  commune: optionalText(80),
  hamlet: optionalText(80),
  lat: latField,
  lng: lngField,
  projectOwnerId: optionalText(40),
  foundedOn: optionalIsoDate,
  // Printed under Bên B on its contracts and beside it on payment statements, when it has one.
  taxCode: taxCodeField,
});
export type GroupInput = z.output<typeof groupSchema>;

/**
 * The commune's certification date of a poverty status: required, and not after today (a
 * certification cannot come from the future; a date typed a year ahead would move no season yet
 * and silently become the status "valid" later).
 */
export const certificationDate = z
  .string()
  .trim()
  .min(1, "error.required")
  .pipe(isoDate)
  .refine((v) => v <= todayInVietnam(), "error.dateInFuture");

const householdBase = z.object({
  headName: text(120),
  headSex: z.enum(SEXES, "error.required"),
  ethnicMinority: checkbox,
  ethnicity: optionalText(60),
  members: intField(1, 30),
  membersFemale: optionalIntField(0, 30),
  workers: optionalIntField(0, 30),
  baselineIncomeVnd: optionalIntField(0, 10_000_000_000),
  phone: optionalText(20),
  // CCCD (12 digits) or the old CMND (9); spaces and dots as people type them are dropped.
  idNumber: optionalText(20).transform((v) => (v ? v.replace(/[\s.]/g, "") : null)),
  idConsent: checkbox,
});

export const ID_NUMBER_SHAPE = /^(\d{12}|\d{9})$/;

type BaseOutput = z.output<typeof householdBase>;

// The rules of the household form, shared by registration (which also takes the poverty status
// and its date) and editing (which does not: a change of status is a dated record, see below).
function householdRules<S extends z.ZodType<BaseOutput>>(schema: S) {
  return (
    schema
      .refine((h) => !h.ethnicMinority || !!h.ethnicity, {
        path: ["ethnicity"],
        message: "error.ethnicityRequired",
        ...whenValid(householdBase, ["ethnicMinority", "ethnicity"]),
      })
      .refine((h) => h.workers === null || h.workers <= h.members, {
        path: ["workers"],
        message: "error.workersAboveMembers",
        ...whenValid(householdBase, ["workers", "members"]),
      })
      .refine((h) => h.membersFemale === null || h.membersFemale <= h.members, {
        path: ["membersFemale"],
        message: "error.femaleAboveMembers",
        ...whenValid(householdBase, ["membersFemale", "members"]),
      })
      .refine((h) => h.idNumber === null || ID_NUMBER_SHAPE.test(h.idNumber), {
        path: ["idNumber"],
        message: "error.idNumberShape",
        ...whenValid(householdBase, ["idNumber"]),
      })
      // Decree 13/2023: the number is kept only with the household's consent, recorded with it.
      .refine((h) => h.idNumber === null || h.idConsent, {
        path: ["idConsent"],
        message: "error.idConsentRequired",
        ...whenValid(householdBase, ["idNumber", "idConsent"]),
      })
  );
}

/** Registering a household: its status comes with the date the commune certified it. */
export const householdSchema = householdRules(
  householdBase.extend({ povertyStatus: z.enum(POVERTY_STATUSES, "error.required"), povertyCertifiedOn: certificationDate }),
);
/** Editing a household: everything but its poverty status, which changes through povertyUpdateSchema. */
export const householdEditSchema = householdRules(householdBase);

/** "Cập nhật tình trạng nghèo": a new dated record appended to the household's history. */
export const povertyUpdateSchema = z.object({
  povertyStatus: z.enum(POVERTY_STATUSES, "error.required"),
  povertyCertifiedOn: certificationDate,
});

// The ID number, its consent, the certification date and the women's count are optional for
// callers other than the form (fixtures, demo, import): without a date the status stays as
// registered, undated.
type HouseholdOutput = z.output<typeof householdSchema>;
type Optional = "idNumber" | "idConsent" | "povertyCertifiedOn" | "membersFemale";
export type HouseholdInput = Omit<HouseholdOutput, Optional> & Partial<Pick<HouseholdOutput, Optional>>;
export type HouseholdEditInput = Omit<z.output<typeof householdEditSchema>, "idConsent"> & { idConsent?: boolean };

export const groupMemberSchema = z
  .object({
    login: text(200).transform(normaliseLogin),
    role: z.enum(["group_leader", "group_member"], "error.invalid"),
    householdId: optionalText(40),
    name: optionalText(120),
    password: blankOr(passwordSchema),
  })
  .refine(notOwnLogin, { message: "error.passwordPersonal", path: ["password"] });
