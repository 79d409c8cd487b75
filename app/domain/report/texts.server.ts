// The words of the report the project owner writes and keeps per period (ReportText): the
// narrative sections, the representative, their position and the report's date. A field left
// empty removes its text; the figures are never stored here.
import * as z from "zod";
import { db, write } from "~/utils/db.server";
import { optionalIsoDate, optionalText } from "../fields";
import { TEXT_KEYS } from "./sections";

export const TEXT_MAX = 5000;

/** Shared by the form and the action: each text at most 5,000 characters, a real date, and a representative once there is a date. */
export const reportTextsSchema = z
  .object({
    ...Object.fromEntries(TEXT_KEYS.filter((k) => k !== "reportDate").map((k) => [k, optionalText(TEXT_MAX)])),
    reportDate: optionalIsoDate,
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, string | null>;
    if (values.reportDate && !values.signer) ctx.addIssue({ code: "custom", path: ["signer"], message: "error.reportSigner" });
  });

export type ReportTextValues = Record<string, string | null>;

export async function readTexts(projectOwnerId: string, period: string): Promise<Record<string, string>> {
  const rows = await db.reportText.findMany({ where: { projectOwnerId, period }, select: { section: true, text: true } });
  return Object.fromEntries(rows.map((r) => [r.section, r.text]));
}

/** Writes the keys the form sent in one transaction: a text is stored, an emptied one removed. */
export async function saveTexts(projectOwnerId: string, period: string, values: ReportTextValues, userId: string, sent: Set<string>): Promise<void> {
  await write(async (tx) => {
    for (const section of TEXT_KEYS.filter((k) => sent.has(k))) {
      const text = values[section] ?? null;
      const key = { projectOwnerId_period_section: { projectOwnerId, period, section } };
      if (text)
        await tx.reportText.upsert({
          where: key,
          create: { projectOwnerId, period, section, text, updatedById: userId },
          update: { text, updatedById: userId },
        });
      else await tx.reportText.deleteMany({ where: { projectOwnerId, period, section } });
    }
  });
}
