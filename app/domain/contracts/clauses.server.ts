// Storing an offer's wording of the contract articles. The contract takes its own copy when it
// is made (acceptances.server.ts), so later changes to the offer never reach a signed contract.
import { write } from "~/utils/db.server";
import { clausesJson, type ClauseSet } from "./clauses";

export function saveOfferClauses(offerId: string, set: ClauseSet): Promise<unknown> {
  return write((tx) => tx.purchaseOffer.update({ where: { id: offerId }, data: { clauses: clausesJson(set) } }));
}
