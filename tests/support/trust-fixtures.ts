// Helpers for the trust suites: a dump of every table that holds the programme's records, to
// prove a refused request wrote nothing (sessions, tokens' last use and the audit log are left
// out: signing in and being refused may touch them).
import Database from "better-sqlite3";
import { storageOrder } from "./bundle-fixtures";

const DOMAIN_TABLES = [
  "Organisation",
  "Membership",
  "OpenInvitation",
  "Product",
  "Season",
  "FarmerGroup",
  "Household",
  "PurchaseOffer",
  "OfferGrade",
  "CollectionPoint",
  "OfferAcceptance",
  "Contract",
  "ContractGrade",
  "ContractAllocation",
  "ContractEvent",
  "Pickup",
  "PickupWitness",
  "WitnessRota",
  "Lot",
  "LotDispute",
  "Invoice",
  "InvoiceCounter",
  "InvoicePickup",
  "InvoiceLine",
  "InvoiceDeduction",
  "Payment",
  "InputAdvance",
  "GroupFundEntry",
  "Notification",
];

/** `extra`: more tables a suite knows stay still while it runs (e.g. "User", "ApiToken"). */
export function domainDump(file: string, extra: string[] = []): Record<string, unknown[]> {
  const raw = new Database(file, { readonly: true });
  try {
    return Object.fromEntries([...DOMAIN_TABLES, ...extra].map((t) => [t, raw.prepare(`SELECT * FROM "${t}" ORDER BY ${storageOrder(raw, t)}`).all()]));
  } finally {
    raw.close();
  }
}
