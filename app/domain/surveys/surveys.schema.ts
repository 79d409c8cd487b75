// The forms of a project's survey rounds (issue 14), shared by the pages and the server.
import * as z from "zod";
import { certificationDate, POVERTY_STATUSES } from "../groups.schema";
import { intField, isoDate, optionalIntField, text, whenValid } from "../fields";

export const ROUND_KINDS = ["baseline", "midline", "endline", "other"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** A round is held within the project's dates when it has them (either end may be open). */
export function roundSchema(project: { startedOn: string | null; endsOn: string | null }) {
  return z.object({
    kind: z.enum(ROUND_KINDS, "error.required"),
    name: text(120),
    heldOn: z
      .string()
      .trim()
      .min(1, "error.required")
      .pipe(isoDate)
      .refine((d) => (!project.startedOn || d >= project.startedOn) && (!project.endsOn || d <= project.endsOn), "error.outsideProject"),
  });
}
export type RoundInput = z.output<ReturnType<typeof roundSchema>>;

export const INCOME_SOURCES = ["incomeCropsVnd", "incomeLivestockVnd", "incomeWagesVnd", "incomeBusinessVnd", "incomeOtherVnd"] as const;

// A blank income is none (a phone form with five money fields is mostly blanks); below zero is an
// error. At most 2 tỷ ₫ a source: the column is a 32-bit integer, and more is a typo in a poverty programme.
export const MAX_INCOME_VND = 2_000_000_000;
const income = optionalIntField(0, MAX_INCOME_VND).transform((v) => v ?? 0);
const people = intField(0, 30);

const answerBase = z.object({
  incomeCropsVnd: income,
  incomeLivestockVnd: income,
  incomeWagesVnd: income,
  incomeBusinessVnd: income,
  incomeOtherVnd: income,
  povertyStatus: z.enum(POVERTY_STATUSES, "error.required"),
  povertyCertifiedOn: certificationDate,
  membersMale: people,
  membersFemale: people,
  membersUnder16: people,
  members16to60: people,
  membersOver60: people,
  participantsFemale: people,
  participantsMale: people,
});

export const answerSchema = answerBase
  .refine((a) => a.membersMale + a.membersFemale >= 1, {
    path: ["membersFemale"],
    message: "error.noMembers",
    ...whenValid(answerBase, ["membersMale", "membersFemale"]),
  })
  .refine((a) => a.membersUnder16 + a.members16to60 + a.membersOver60 === a.membersMale + a.membersFemale, {
    path: ["membersOver60"],
    message: "error.ageBandsSum",
    ...whenValid(answerBase, ["membersMale", "membersFemale", "membersUnder16", "members16to60", "membersOver60"]),
  })
  .refine((a) => a.participantsFemale <= a.membersFemale, {
    path: ["participantsFemale"],
    message: "error.participantsAboveMembers",
    ...whenValid(answerBase, ["participantsFemale", "membersFemale"]),
  })
  .refine((a) => a.participantsMale <= a.membersMale, {
    path: ["participantsMale"],
    message: "error.participantsAboveMembers",
    ...whenValid(answerBase, ["participantsMale", "membersMale"]),
  });
export type AnswerInput = z.output<typeof answerSchema>;

export const totalIncome = (a: Record<(typeof INCOME_SOURCES)[number], number>) => INCOME_SOURCES.reduce((s, k) => s + a[k], 0);
