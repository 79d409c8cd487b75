// A resource put into a project (MARD template 2.7), as the project's staff record it: who put it
// in, in what form, its value in money, when, and optionally for which group or household.
import * as z from "zod";
import { intField, isoDate, optionalText } from "../fields";

export const CONTRIBUTION_PARTIES = ["project", "household", "commune", "other"] as const;
export const CONTRIBUTION_KINDS = ["cash", "inputs", "labour", "land", "training", "equipment", "other"] as const;

export const contributionSchema = z.object({
  party: z.enum(CONTRIBUTION_PARTIES, "error.required"),
  kind: z.enum(CONTRIBUTION_KINDS, "error.required"),
  valueVnd: intField(1, 100_000_000_000),
  on: isoDate,
  groupId: optionalText(40),
  householdId: optionalText(40),
  description: optionalText(500),
});

export type ContributionInput = z.output<typeof contributionSchema>;
