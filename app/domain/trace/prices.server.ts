// A buyer's choice to show its grade prices on the public trace pages of its lots (issue 16).
// Off by default: prices are commercial terms, shown only when the buyer decides so.
import { write } from "~/utils/db.server";

export async function setTraceShowPrices(orgId: string, show: boolean): Promise<void> {
  await write((tx) => tx.organisation.update({ where: { id: orgId }, data: { traceShowPrices: show } }));
}
