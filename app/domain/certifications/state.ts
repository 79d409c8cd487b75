// Where a certificate stands on a given day, for lists and badges. Both dates count as valid
// days. "Expiring" is the 60 days in which the holder is reminded to renew (issue 16).
import { addDays } from "../money";

export const CERT_STATES = ["upcoming", "valid", "expiring", "expired", "withdrawn"] as const;
export type CertState = (typeof CERT_STATES)[number];

export const EXPIRING_WITHIN_DAYS = 60;

export function certState(c: { validFrom: string; validTo: string; withdrawnAt: Date | string | null }, today: string): CertState {
  if (c.withdrawnAt) return "withdrawn";
  if (c.validTo < today) return "expired";
  if (c.validFrom > today) return "upcoming";
  return c.validTo <= addDays(today, EXPIRING_WITHIN_DAYS) ? "expiring" : "valid";
}

/** Whether a certificate in this state may be relied on today. */
export const inForce = (s: CertState) => s === "valid" || s === "expiring";
