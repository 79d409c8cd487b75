// Reading and saving who gets what (app/domain/reach/preferences.ts): a user's own channels,
// a household's phone recorded by its leader with the household's consent, and STOP by reply.
// The outbox (app/domain/reach/outbox.server.ts) asks deliveryTargets() inside notify()'s write.
import { Prisma } from "~/generated/prisma/client";
import { db, txAll, write, type Tx } from "~/utils/db.server";
import { jsonTextValues } from "~/utils/sql-dialect.server";
import { withoutDiacritics } from "./messages.server";
import { normaliseVnMobile } from "./phone";
import { HOUSEHOLD_KINDS, kindsOfGroups, parseEvents, wantsKind, type ReachKind } from "./preferences";
import type { HouseholdContactInput, UserPreferencesInput } from "./preferences.schema";

export async function userPreferences(userId: string) {
  const p = await db.contactPreference.findUnique({ where: { userId } });
  return {
    smsPhone: p?.smsPhone ?? null,
    smsPlain: p?.smsPlain ?? false,
    zaloPhone: p?.zaloPhone ?? null,
    email: p?.email ?? null,
    quietStart: p?.quietStart ?? null,
    quietEnd: p?.quietEnd ?? null,
    events: parseEvents(p?.events),
    stoppedAt: p?.stoppedAt ?? null,
  };
}

/**
 * The person saved their own settings: that is their consent to what they entered, and saving
 * again after a STOP reply is how they start again.
 */
export async function saveUserPreferences(userId: string, input: UserPreferencesInput): Promise<void> {
  const data = {
    smsPhone: input.smsPhone,
    smsPlain: input.smsPlain,
    zaloPhone: input.zaloPhone,
    email: input.email,
    quietStart: input.quietStart,
    quietEnd: input.quietEnd,
    events: JSON.stringify(kindsOfGroups(input.groups)),
    consentAt: new Date(),
    consentById: userId,
    stoppedAt: null,
  };
  await write((tx) => tx.contactPreference.upsert({ where: { userId }, create: { userId, ...data }, update: data }));
}

export function householdContact(householdId: string) {
  return db.contactPreference.findUnique({
    where: { householdId },
    select: { smsPhone: true, smsPlain: true, consentAt: true, stoppedAt: true },
  });
}

/** The leader records the household's phone; the caller has checked who the leader is and the consent box. */
export async function saveHouseholdContact(householdId: string, byUserId: string, input: HouseholdContactInput): Promise<void> {
  const data = { smsPhone: input.smsPhone, smsPlain: input.smsPlain, consentAt: new Date(), consentById: byUserId, stoppedAt: null };
  await write((tx) => tx.contactPreference.upsert({ where: { householdId }, create: { householdId, ...data }, update: data }));
}

/** "Ngừng nhắn tin": the household asked the leader to stop. Kept, not deleted: when and who. */
export async function stopHouseholdContact(householdId: string): Promise<number> {
  const { count } = await write((tx) => tx.contactPreference.updateMany({ where: { householdId, stoppedAt: null }, data: { stoppedAt: new Date() } }));
  return count;
}

// What people reply to stop texts: the Vietnamese carriers' usual "TC" (từ chối) and "HUY",
// "DUNG"/"DỪNG", and the English STOP. The whole message, any case, diacritics removed.
const STOP_WORDS = new Set(["TC", "STOP", "HUY", "DUNG", "NGUNG", "TU CHOI"]);

export function isStopMessage(message: string): boolean {
  return STOP_WORDS.has(
    withoutDiacritics(message)
      .toUpperCase()
      .replace(/[^A-Z ]/g, "")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

/** A STOP reply from a phone: every preference texting that number stops. Returns how many. */
export async function stopByPhone(phone: string): Promise<number> {
  const { count } = await write((tx) =>
    tx.contactPreference.updateMany({ where: { OR: [{ smsPhone: phone }, { zaloPhone: phone }], stoppedAt: null }, data: { stoppedAt: new Date() } }),
  );
  return count;
}

export type DeliveryTarget = {
  userId: string | null;
  householdId: string | null;
  channel: "sms" | "zalo" | "email";
  /** 84xxxxxxxxx for SMS and Zalo (phone.ts), the address as entered for email. */
  address: string;
  plain: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  /** The account's language; households without an account read Vietnamese. */
  locale: string | null;
};

type PrefRow = {
  userId: string | null;
  householdId: string | null;
  smsPhone: string | null;
  smsPlain: number | boolean;
  zaloPhone: string | null;
  email: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  events: string | null;
  consentAt: string | null;
  stoppedAt: string | null;
  locale: string | null;
};

/**
 * Where a notice of `kind` goes outside the inbox, for these users and households: one fixed
 * query whatever their number (it runs inside the write that caused the notice, through
 * enqueueOutbox). A disabled account gets nothing. A STOP or the leader's "stop" ends the texts
 * (SMS and Zalo) to that phone, not the person's email; a household is texted only with its
 * recorded consent, and only its receipts, payments and statements. A stored number that is not
 * a Vietnamese mobile number (phone.ts) is no address.
 */
export async function deliveryTargets(tx: Tx, to: { userIds: string[]; householdIds: string[]; kind: ReachKind }): Promise<DeliveryTarget[]> {
  if (!to.userIds.length && !to.householdIds.length) return [];
  const rows = await txAll<PrefRow>(
    tx,
    Prisma.sql`SELECT p."userId", p."householdId", p."smsPhone", p."smsPlain", p."zaloPhone", p."email", p."quietStart", p."quietEnd", p."events",
        p."consentAt", p."stoppedAt", u."locale"
      FROM "ContactPreference" p LEFT JOIN "User" u ON u."id" = p."userId"
      WHERE (p."userId" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(to.userIds))}) AND u."disabledAt" IS NULL)
         OR p."householdId" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(to.householdIds))})
      ORDER BY p."userId" NULLS FIRST, p."householdId" NULLS FIRST`,
  );
  const out: DeliveryTarget[] = [];
  for (const r of rows) {
    if (!wantsKind(r.events, to.kind)) continue;
    // A household agreed to receipts and payment notices, nothing else.
    if (r.householdId && !HOUSEHOLD_KINDS.includes(to.kind)) continue;
    const base = {
      userId: r.userId,
      householdId: r.householdId,
      plain: !!Number(r.smsPlain),
      quietStart: r.quietStart,
      quietEnd: r.quietEnd,
      locale: r.locale,
    };
    const phonesOk = !r.stoppedAt && (r.userId !== null || r.consentAt !== null);
    const sms = phonesOk && r.smsPhone ? normaliseVnMobile(r.smsPhone) : null;
    const zalo = phonesOk && r.zaloPhone ? normaliseVnMobile(r.zaloPhone) : null;
    const email = r.userId ? r.email?.trim() : null;
    if (sms) out.push({ ...base, channel: "sms", address: sms });
    if (zalo) out.push({ ...base, channel: "zalo", address: zalo });
    if (email) out.push({ ...base, channel: "email", address: email });
  }
  return out;
}
