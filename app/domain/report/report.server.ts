// One report for a reader: the figures of their scope and period, the texts kept for that period,
// as the document the page, the PDF and the spreadsheets render.
import type { Translator } from "~/i18n";
import { todayInVietnam } from "~/utils/dates";
import type { ReportReader } from "./access.server";
import { reportDocument, type ReportDocument } from "./document";
import { reportFigures } from "./figures.server";
import { readTexts } from "./texts.server";

export async function reportFor(reader: ReportReader, t: Translator): Promise<ReportDocument | null> {
  if (!reader.period) return null;
  const [figures, texts] = await Promise.all([
    reportFigures(reader.org, reader.period, reader.scope, todayInVietnam()),
    readTexts(reader.org.id, reader.period.key),
  ]);
  return reportDocument(figures, texts, t, { areaName: reader.areaName });
}

/** "bao-cao-hlhpn-sinh-ke-coffee-2025" */
export const reportFileName = (reader: ReportReader) => `bao-cao-${reader.org.ref}-${reader.period?.key.replace(":", "-") ?? ""}`;
