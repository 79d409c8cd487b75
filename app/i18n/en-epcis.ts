// English words for the EPCIS export on a buyer's page (issue 16; merged into en.ts).
import type { viEpcis } from "./vi-epcis";

export const enEpcis: Record<keyof typeof viEpcis, string> = {
  "epcis.title": "Share traceability data (EPCIS 2.0)",
  "epcis.intro":
    "Your pickups as EPCIS 2.0 events (the GS1 standard) for your customers' traceability systems: lots by code, net weight, date, collection point and certificates. No household names or personal data.",
  "epcis.season": "Season",
  "epcis.bySeason": "Download the season",
  "epcis.from": "From",
  "epcis.to": "To",
  "epcis.byDates": "Download the dates",
  "epcis.noSeasons": "No pickups to share yet.",
  "epcis.apiHint": "Other systems can fetch the same from /api/v1/epcis with this organisation's API token.",
  "epcis.tokenIntro":
    "Lets another system fetch this organisation's pickups as traceability events (EPCIS 2.0) from /api/v1/epcis. A token reaches only this organisation's data.",
};
