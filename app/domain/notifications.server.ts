// The in-app inbox. Every notification goes through notify(), inside the write that caused
// it, so a notice exists exactly when its event committed (docs/decisions/0006-marketplace.md).
// The delivery channels (SMS, Zalo, email) hang off this one function through the outbox.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead, dbNow, txAll, txRun, type Tx } from "~/utils/db.server";
import { jsonElements, jsonFields, jsonTextValues } from "~/utils/sql-dialect.server";
import { newId } from "./refs";
import { acceptedMembership } from "./access.server";
import { enqueueOutbox } from "./reach/outbox.server";

export type NotificationKind =
  | "offer_published"
  | "acceptance_submitted"
  | "acceptance_confirmed"
  | "acceptance_declined"
  | "contract_status"
  | "renewal_created"
  | "renewal_due"
  | "pickup_recorded"
  | "pickup_unwitnessed"
  | "dispute_opened"
  | "dispute_resolved"
  | "lot_corrected"
  | "project_request"
  | "project_accepted"
  | "project_declined"
  | "membership_invitation"
  | "certificate_expiring";

export async function notify(
  tx: Tx,
  n: {
    userIds: string[];
    kind: NotificationKind;
    params: Record<string, string | number>;
    link: string;
    exceptUserId?: string;
    /** Households without an account to reach by SMS or Zalo (pickup receipts, payments). */
    householdIds?: string[];
    /** Tells apart two events of one kind about one record, for the outbox (reach/outbox.server.ts). */
    discriminator?: string;
  },
): Promise<void> {
  const ids = [...new Set(n.userIds)].filter((id) => id !== n.exceptUserId);
  if (ids.length) {
    // One fixed statement whatever the number of recipients (it runs inside busy writes).
    await txRun(
      tx,
      Prisma.sql`INSERT INTO "Notification" ("id", "userId", "kind", "params", "link", "createdAt")
        SELECT ${jsonFields("j", ["id", "userId"])}, ${n.kind}, ${JSON.stringify(n.params)}, ${n.link}, ${dbNow()}
        FROM ${jsonElements(JSON.stringify(ids.map((userId) => ({ id: newId(), userId }))))}`,
    );
  }
  // The same people (and the households named), by SMS, Zalo or email as they asked: in this
  // write, so a message exists exactly when its event committed (docs/decisions/0031-outbox.md).
  await enqueueOutbox(tx, { kind: n.kind, params: n.params, link: n.link, userIds: ids, householdIds: n.householdIds, discriminator: n.discriminator });
}

export async function buyerUserIds(tx: Tx, buyerId: string): Promise<string[]> {
  const ms = await tx.membership.findMany({
    where: { organisationId: buyerId, role: { in: ["buyer_admin", "buyer_staff"] }, ...acceptedMembership },
    select: { userId: true },
  });
  return ms.map((m) => m.userId);
}

export async function groupLeaderIds(tx: Tx, groupIds: string[]): Promise<string[]> {
  // acceptedMembership, in SQL: a pending invitation receives no notices.
  const ms = await txAll<{ userId: string }>(
    tx,
    Prisma.sql`SELECT "userId" FROM "Membership" WHERE "groupId" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(groupIds))})
               AND "role" = 'group_leader' AND "acceptedAt" IS NOT NULL ORDER BY "createdAt", "id"`,
  );
  return ms.map((m) => m.userId);
}

/** The inbox badge, asked by every page: fixed SQL on the hot connection (docs/decisions/0017). */
export async function unreadCount(userId: string): Promise<number> {
  const [row] = await hotRead<{ n: number }>(Prisma.sql`SELECT COUNT(*) AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`);
  return row?.n ?? 0;
}

type NoticeParams = Record<string, string | number>;

/**
 * The caller's notices, with what they name as the reader knows it. A notice keeps the refs it
 * was written with (a lot's ref is a random key nobody reads); the inbox adds the household and
 * weighing day of the lot, the buyer and group of the contract, read now.
 */
export async function inbox(userId: string) {
  const rows = await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 100 });
  const items = rows.map((r) => ({ ...r, params: JSON.parse(r.params) as NoticeParams }));
  const refs = (key: string) => [...new Set(items.map((i) => i.params[key]).filter((v): v is string => typeof v === "string"))];
  const lotRefs = refs("lot");
  const contractRefs = refs("contract");
  const [lots, contracts] = await Promise.all([
    lotRefs.length
      ? db.lot.findMany({
          where: { ref: { in: lotRefs } },
          select: { ref: true, household: { select: { headName: true } }, pickup: { select: { date: true } }, _count: { select: { disputes: true } } },
        })
      : [],
    contractRefs.length
      ? db.contract.findMany({
          where: { ref: { in: contractRefs } },
          select: { ref: true, buyer: { select: { name: true } }, group: { select: { name: true } } },
        })
      : [],
  ]);
  const lotByRef = new Map(lots.map((l) => [l.ref, l]));
  const contractByRef = new Map(contracts.map((c) => [c.ref, c]));
  return items.map((i) => {
    const lot = lotByRef.get(String(i.params.lot));
    const contract = contractByRef.get(String(i.params.contract));
    const params: NoticeParams = { ...i.params };
    if (lot) Object.assign(params, { household: lot.household.headName, pickupDate: lot.pickup.date });
    if (contract) Object.assign(params, { buyer: contract.buyer.name, group: i.params.group ?? contract.group.name });
    // Before "lot_corrected" existed a buyer's own correction was written as a dispute answer:
    // a lot that was never disputed had no dispute to answer.
    const kind = i.kind === "dispute_resolved" && lot && lot._count.disputes === 0 ? "lot_corrected" : i.kind;
    return { id: i.id, kind, link: i.link, readAt: i.readAt, createdAt: i.createdAt, params };
  });
}

/** Marks the caller's own notifications read (all of them when `ids` is empty). */
export async function markRead(tx: Tx, userId: string, ids: string[]): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: { userId, readAt: null, ...(ids.length ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
