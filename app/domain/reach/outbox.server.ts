// The outbox (issue 17, docs/decisions/0031-outbox.md): notify() writes one message per
// recipient and channel here, in the write that records the event, so a message exists if and
// only if its event committed. The delivery worker (worker.server.ts) sends them afterwards.
import type { ReachKind } from "./preferences";
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { isLocale } from "~/i18n";
import { dbNow, txRun, type Tx } from "~/utils/db.server";
import { jsonElements, jsonFields } from "~/utils/sql-dialect.server";
import { newId } from "../refs";
import type { ChannelName } from "./channel";
import { renderMessage } from "./messages.server";
import { deliveryTargets } from "./preferences.server";
import type { HouseholdReceipt } from "./receipt-code.server";

export type OutboxEvent = {
  kind: ReachKind;
  params: Record<string, string | number>;
  link: string;
  /** Accounts to reach (the same people notify() writes inbox rows for). */
  userIds: string[];
  /** Households without an account, at the phone their leader recorded with their consent. */
  householdIds?: string[];
  /**
   * What tells two events of one kind about one record apart (a lot's id for its receipt, a
   * statement's version). Without it the event is known by its parameters.
   */
  discriminator?: string;
};

/**
 * The event's key: the same event written twice (a retried write, a replayed form) gets the
 * same key, and the unique (eventKey, channel, address) keeps its message single.
 */
export function eventKeyOf(e: Pick<OutboxEvent, "kind" | "link" | "params" | "discriminator">): string {
  const tail = e.discriminator ?? crypto.createHash("sha256").update(canonicalJson(e.params)).digest("base64url").slice(0, 16);
  return `${e.kind}|${e.link}|${tail}`;
}

function canonicalJson(params: Record<string, string | number>): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  );
}

/**
 * Writes the event's messages: one per channel for each recipient who wants this kind of event
 * (deliveryTargets in preferences.server.ts decides who gets what). Call inside the write() that
 * records the event. Two fixed statements whatever the number of recipients: this runs inside
 * hot writes (a pickup).
 */
export async function enqueueOutbox(tx: Tx, e: OutboxEvent): Promise<void> {
  const userIds = [...new Set(e.userIds)];
  const householdIds = [...new Set(e.householdIds ?? [])];
  if (!userIds.length && !householdIds.length) return;
  const targets = await deliveryTargets(tx, { userIds, householdIds, kind: e.kind });
  const eventKey = eventKeyOf(e);
  await insertMessages(
    tx,
    targets.map((t) => ({
      ...t,
      eventKey,
      kind: e.kind,
      ...renderMessage(e.kind, e.params, { channel: t.channel, locale: isLocale(t.locale) ? t.locale : "vi", plain: t.channel === "sms" && t.plain }),
    })),
  );
}

/**
 * Households' pickup receipts (receipt-code.server.ts), their texts already made with the code:
 * one SMS each, keyed by pickup and household so writing the pickup again writes no second one.
 * One statement for all of them, none when no household has a phone.
 */
export async function enqueueReceipts(tx: Tx, receipts: HouseholdReceipt[]): Promise<void> {
  await insertMessages(
    tx,
    receipts.map((r) => ({ eventKey: r.eventKey, kind: r.kind, userId: null, householdId: r.householdId, channel: "sms", address: r.address, body: r.body })),
  );
}

type NewMessage = {
  eventKey: string;
  kind: ReachKind;
  userId: string | null;
  householdId: string | null;
  channel: ChannelName;
  address: string;
  subject?: string;
  body: string;
  html?: string;
  params?: Record<string, string>;
};

async function insertMessages(tx: Tx, messages: NewMessage[]): Promise<void> {
  if (!messages.length) return;
  const rows = messages.map((m) => ({
    id: newId(),
    eventKey: m.eventKey,
    kind: m.kind,
    channel: m.channel,
    address: m.address,
    userId: m.userId,
    householdId: m.householdId,
    subject: m.subject ?? null,
    body: m.body,
    html: m.html ?? null,
    params: m.params ? JSON.stringify(m.params) : null,
  }));
  const now = dbNow();
  await txRun(
    tx,
    // WHERE TRUE: SQLite would read ON CONFLICT as a join's ON otherwise.
    Prisma.sql`INSERT INTO "OutboxMessage"
        ("id", "eventKey", "kind", "channel", "address", "userId", "householdId", "subject", "body", "html", "params", "status", "attempts", "nextAttemptAt", "createdAt")
      SELECT ${jsonFields("j", ["id", "eventKey", "kind", "channel", "address", "userId", "householdId", "subject", "body", "html", "params"])}, 'pending', 0, ${now}, ${now}
      FROM ${jsonElements(JSON.stringify(rows))} WHERE TRUE
      ON CONFLICT DO NOTHING`,
  );
}
