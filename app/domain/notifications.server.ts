// The in-app inbox. Every notification goes through notify(), inside the write that caused
// it, so a notice exists exactly when its event committed. A delivery channel (SMS, Zalo)
// would hang off this one function (docs/decisions/0006-marketplace.md).
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead, sqliteNow, txAll, txRun, type Tx } from "~/utils/db.server";
import { newId } from "./refs";
import { acceptedMembership } from "./access.server";

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
  | "project_request"
  | "project_accepted"
  | "project_declined"
  | "membership_invitation";

export async function notify(
  tx: Tx,
  n: { userIds: string[]; kind: NotificationKind; params: Record<string, string | number>; link: string; exceptUserId?: string },
): Promise<void> {
  const ids = [...new Set(n.userIds)].filter((id) => id !== n.exceptUserId);
  if (!ids.length) return;
  // One fixed statement whatever the number of recipients (it runs inside busy writes).
  await txRun(
    tx,
    Prisma.sql`INSERT INTO "Notification" ("id", "userId", "kind", "params", "link", "createdAt")
      SELECT j ->> '$.id', j ->> '$.userId', ${n.kind}, ${JSON.stringify(n.params)}, ${n.link}, ${sqliteNow()}
      FROM (SELECT "value" AS j FROM json_each(${JSON.stringify(ids.map((userId) => ({ id: newId(), userId })))}) ORDER BY "key")`,
  );
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
    Prisma.sql`SELECT "userId" FROM "Membership" WHERE "groupId" IN (SELECT "value" FROM json_each(${JSON.stringify(groupIds)}))
               AND "role" = 'group_leader' AND "acceptedAt" IS NOT NULL ORDER BY "createdAt", "id"`,
  );
  return ms.map((m) => m.userId);
}

/** The inbox badge, asked by every page: fixed SQL on the hot connection (docs/decisions/0017). */
export async function unreadCount(userId: string): Promise<number> {
  const [row] = hotRead<{ n: number }>(Prisma.sql`SELECT COUNT(*) AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`);
  return row?.n ?? 0;
}

export async function inbox(userId: string) {
  const rows = await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, string | number> }));
}

/** Marks the caller's own notifications read (all of them when `ids` is empty). */
export async function markRead(tx: Tx, userId: string, ids: string[]): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: { userId, readAt: null, ...(ids.length ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
