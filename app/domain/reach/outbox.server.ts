// The outbox (issue 17, docs/decisions/0031-outbox.md): notify() writes one message per
// recipient and channel here, in the write that records the event, so a message exists if and
// only if its event committed. The delivery worker (worker.server.ts) sends them afterwards.
import type { ReachKind } from "./preferences";
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { isLocale, type Locale } from "~/i18n";
import { sqliteNow, txAll, txRun, type Tx } from "~/utils/db.server";
import { newId } from "../refs";
import { CHANNELS, type ChannelName } from "./channel";
import { renderMessage } from "./messages.server";

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

type Recipient = {
  userId: string | null;
  householdId: string | null;
  smsPhone: string | null;
  smsPlain: number;
  zaloPhone: string | null;
  email: string | null;
  events: string | null;
  locale: string | null;
};

/**
 * Writes the event's messages: for each recipient with a contact preference that is not
 * stopped and wants this kind of event, one per channel it has an address for. Call inside the
 * write() that records the event. Two fixed statements whatever the number of recipients: this
 * runs inside hot writes (a pickup).
 */
export async function enqueueOutbox(tx: Tx, e: OutboxEvent): Promise<void> {
  const userIds = [...new Set(e.userIds)];
  const householdIds = [...new Set(e.householdIds ?? [])];
  if (!userIds.length && !householdIds.length) return;
  // A disabled account gets nothing; a household only once someone recorded its consent.
  const recipients = await txAll<Recipient>(
    tx,
    Prisma.sql`SELECT p."userId", p."householdId", p."smsPhone", p."smsPlain", p."zaloPhone", p."email", p."events", u."locale"
      FROM "ContactPreference" p LEFT JOIN "User" u ON u."id" = p."userId"
      WHERE p."stoppedAt" IS NULL
        AND ((p."userId" IN (SELECT "value" FROM json_each(${JSON.stringify(userIds)})) AND u."disabledAt" IS NULL)
          OR (p."householdId" IN (SELECT "value" FROM json_each(${JSON.stringify(householdIds)})) AND p."consentAt" IS NOT NULL))
      ORDER BY p."id"`,
  );
  const rows = recipients.filter((r) => wantsEvent(r.events, e.kind)).flatMap((r) => messagesFor(r, e));
  if (!rows.length) return;
  const now = sqliteNow();
  await txRun(
    tx,
    Prisma.sql`INSERT OR IGNORE INTO "OutboxMessage"
        ("id", "eventKey", "kind", "channel", "address", "userId", "householdId", "subject", "body", "html", "params", "status", "attempts", "nextAttemptAt", "createdAt")
      SELECT j ->> '$.id', ${eventKeyOf(e)}, ${e.kind}, j ->> '$.channel', j ->> '$.address', j ->> '$.userId', j ->> '$.householdId',
             j ->> '$.subject', j ->> '$.body', j ->> '$.html', j ->> '$.params', 'pending', 0, ${now}, ${now}
      FROM (SELECT "value" AS j FROM json_each(${JSON.stringify(rows)}) ORDER BY "key")`,
  );
}

/** `events` is a JSON list of event kinds; none recorded means every event addressed to them. */
export function wantsEvent(events: string | null, kind: string): boolean {
  if (events === null) return true;
  try {
    const list: unknown = JSON.parse(events);
    return !Array.isArray(list) || list.includes(kind);
  } catch {
    return true; // unreadable: the defaults, as if none were recorded
  }
}

function messagesFor(r: Recipient, e: OutboxEvent) {
  const locale: Locale = isLocale(r.locale) ? r.locale : "vi";
  const addresses: Record<ChannelName, string | null> = {
    sms: vietnameseMobile(r.smsPhone),
    zalo: vietnameseMobile(r.zaloPhone),
    email: r.email?.trim() || null,
  };
  return CHANNELS.flatMap((channel) => {
    const address = addresses[channel];
    if (!address) return [];
    const m = renderMessage(e.kind, e.params, { channel, locale, plain: channel === "sms" && !!r.smsPlain });
    return [
      {
        id: newId(),
        channel,
        address,
        userId: r.userId,
        householdId: r.householdId,
        subject: m.subject ?? null,
        body: m.body,
        html: m.html ?? null,
        params: m.params ? JSON.stringify(m.params) : null,
      },
    ];
  });
}

/**
 * A Vietnamese mobile number as providers take it, 84 and nine digits ("0912 345 678",
 * "+84912345678" → "84912345678"); anything else is not an address to send to. The preference
 * pages check what a person types; this only keeps a bad stored value from reaching a provider.
 */
export function vietnameseMobile(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s.()-]/g, "").replace(/^\+/, "");
  const national = digits.startsWith("84") ? digits.slice(2) : digits.startsWith("0") ? digits.slice(1) : null;
  return national && /^[35789]\d{8}$/.test(national) ? `84${national}` : null;
}
