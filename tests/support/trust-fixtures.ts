// Helpers for the trust suites: a dump of every table that holds the programme's records, to
// prove a refused request wrote nothing (sessions, tokens' last use and the audit log are left
// out: signing in and being refused may touch them).
import Database from "better-sqlite3";

const DOMAIN_TABLES = [
  "Organisation",
  "Membership",
  "Product",
  "Season",
  "FarmerGroup",
  "Household",
  "PurchaseOffer",
  "Contract",
  "ContractGrade",
  "ContractEvent",
  "Pickup",
  "PickupWitness",
  "Lot",
  "LotDispute",
  "Invoice",
  "InvoiceCounter",
  "InvoiceLine",
  "InvoiceDeduction",
  "Payment",
  "InputAdvance",
  "GroupFundEntry",
  "Notification",
];

export function domainDump(file: string): Record<string, unknown[]> {
  const raw = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(DOMAIN_TABLES.map((t) => [t, raw.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
  } finally {
    raw.close();
  }
}
