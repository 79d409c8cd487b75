// Who gets what, in words a person chooses by (docs/decisions/0032-receipts-and-consent.md):
// the events come in groups ("pickups and their receipts"), each group a list of notice kinds;
// what is stored is the kinds, so a kind added to a group later reaches those who chose it
// only when they save again, never silently. Shared by the settings form and the server.
import type { NotificationKind } from "~/domain/notifications.server";

/**
 * Every kind of message the app sends outside the inbox: the inbox's kinds, plus those only a
 * phone receives or that other parts add: a household's pickup receipt (this folder), a
 * certificate nearing expiry (trace), a payment statement and a payment (statements/payouts).
 */
export type ReachKind = NotificationKind | "certificate_expiring" | "pickup_receipt" | "statement_issued" | "payment_recorded";

export const EVENT_GROUPS = {
  offers: ["offer_published"],
  takeUp: ["acceptance_submitted", "acceptance_confirmed", "acceptance_declined"],
  pickups: ["pickup_recorded", "pickup_unwitnessed", "pickup_receipt", "lot_corrected"],
  disputes: ["dispute_opened", "dispute_resolved"],
  statements: ["statement_issued"],
  payments: ["payment_recorded"],
  certificates: ["certificate_expiring"],
  renewal: ["renewal_due", "renewal_created", "contract_status"],
  projects: ["project_request", "project_accepted", "project_declined", "membership_invitation"],
} as const satisfies Record<string, readonly ReachKind[]>;

export type EventGroup = keyof typeof EVENT_GROUPS;
export const EVENT_GROUP_NAMES = Object.keys(EVENT_GROUPS) as EventGroup[];

/** What a household without an account can receive: its receipts and its payments. */
export const HOUSEHOLD_KINDS: readonly ReachKind[] = ["pickup_receipt", "payment_recorded", "statement_issued"];

export const ALL_REACH_KINDS: readonly ReachKind[] = EVENT_GROUP_NAMES.flatMap((g) => EVENT_GROUPS[g]);

export function kindsOfGroups(groups: readonly EventGroup[]): ReachKind[] {
  return groups.flatMap((g) => EVENT_GROUPS[g]);
}

/** The groups a stored list covers (a group counts as chosen if any of its kinds is). Null: all. */
export function groupsOfKinds(kinds: readonly string[] | null): EventGroup[] {
  if (kinds === null) return [...EVENT_GROUP_NAMES];
  const set = new Set(kinds);
  return EVENT_GROUP_NAMES.filter((g) => EVENT_GROUPS[g].some((k) => set.has(k)));
}

/** The stored `events` column: a JSON list of kinds, or null for "everything" (the default). */
export function parseEvents(stored: string | null | undefined): ReachKind[] | null {
  if (!stored) return null;
  try {
    const v: unknown = JSON.parse(stored);
    return Array.isArray(v) ? v.filter((k): k is ReachKind => typeof k === "string") : null;
  } catch {
    return null;
  }
}

export function wantsKind(stored: string | null | undefined, kind: string): boolean {
  const kinds = parseEvents(stored);
  return kinds === null || kinds.includes(kind as ReachKind);
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message held back by quiet hours may go: null if `now` is outside them. Quiet hours
 * are Vietnam time (UTC+7 all year) and may run over midnight (21:00–06:00).
 */
export function quietUntil(quiet: { quietStart: string | null; quietEnd: string | null }, now: Date): Date | null {
  if (!quiet.quietStart || !quiet.quietEnd || quiet.quietStart === quiet.quietEnd) return null;
  const start = minutes(quiet.quietStart);
  const end = minutes(quiet.quietEnd);
  const local = new Date(now.getTime() + 7 * 3600_000);
  const m = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  const wait = (end - m + 24 * 60) % (24 * 60);
  const until = new Date(now.getTime() + wait * 60_000);
  until.setUTCSeconds(0, 0);
  return until;
}
