// The notification settings form and the household phone form, checked the same way in the
// browser's round trip and on the server. Phone numbers are kept as 84xxxxxxxxx.
import * as z from "zod";
import { EVENT_GROUP_NAMES, type EventGroup } from "./preferences";
import { normaliseVnMobile, PHONE_ERROR } from "./phone";

// An empty or absent field is "none".
const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : typeof v === "string" ? v.trim() : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());

/** An optional mobile number: empty is none; anything else must be a Vietnamese mobile. */
export const optionalMobile = z.preprocess(
  blankToNull,
  z
    .string()
    .max(40, { message: PHONE_ERROR })
    .transform((v, ctx) => {
      const n = normaliseVnMobile(v);
      if (!n) ctx.addIssue({ code: "custom", message: PHONE_ERROR });
      return n ?? v;
    })
    .nullable(),
);

const requiredMobile = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string({ message: PHONE_ERROR })
    .min(1, { message: PHONE_ERROR })
    .max(40, { message: PHONE_ERROR })
    .transform((v, ctx) => {
      const n = normaliseVnMobile(v);
      if (!n) ctx.addIssue({ code: "custom", message: PHONE_ERROR });
      return n ?? v;
    }),
);

const hhmm = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "error.quietTime" })
    .nullable(),
);

const groups = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(EVENT_GROUP_NAMES as [EventGroup, ...EventGroup[]])));

export const userPreferencesSchema = z
  .object({
    smsPhone: optionalMobile,
    smsPlain: checkbox,
    zaloPhone: optionalMobile,
    email: z.preprocess(blankToNull, z.email({ message: "error.email" }).max(254, { message: "error.email" }).nullable()),
    quietStart: hhmm,
    quietEnd: hhmm,
    groups,
  })
  .superRefine((v, ctx) => {
    // Both ends or neither: half a quiet period means nothing.
    if ((v.quietStart === null) !== (v.quietEnd === null)) {
      ctx.addIssue({ code: "custom", path: [v.quietStart === null ? "quietStart" : "quietEnd"], message: "error.quietBoth" });
    }
  });

export type UserPreferencesInput = z.output<typeof userPreferencesSchema>;

/** The leader records a household's phone: only with the household's consent, ticked each time. */
export const householdContactSchema = z.object({
  smsPhone: requiredMobile,
  smsPlain: checkbox,
  consent: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.literal(true, { message: "error.consentRequired" })),
});

export type HouseholdContactInput = z.output<typeof householdContactSchema>;
