// Certificate expiry reminders (issue 16): 60 and 15 days before a certificate's validTo, the
// people who rely on it are told, each reminder once.
//  - a group's certificate: the group's leaders, and the staff of every buyer holding a signed or
//    active contract with the group (they sell its produce as certified);
//  - an organisation's own certificate: its buyer_admins.
// A run that was missed catches up: a certificate with 16–60 days left that has had no 60-day
// reminder gets it now; one with 0–15 days left gets the 15-day one (and never the 60-day one
// late, which would only repeat it). Withdrawn certificates are not reminded of.
//
// Idempotent when two runs overlap (the CLI while the server's timer fires): each reminder's row
// (primary key certificationId + daysBefore) is inserted first, in the same write as its notice,
// and the notice goes out only when this run's insert was the one that took.
import { Prisma } from "~/generated/prisma/client";
import { dbNow, write, type Tx } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { groupLeaderIds, notify } from "../notifications.server";

export const REMINDER_DAYS = [60, 15] as const;

const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

type Due = {
  id: string;
  groupId: string | null;
  orgId: string | null;
  scheme: string;
  schemeName: string | null;
  number: string;
  validTo: string;
  holder: string;
};

/** The certificates due a `days` reminder today: ending within (next, days] days (next: the smaller reminder, or -1). */
function dueFor(tx: Tx, today: string, days: number, next: number): Promise<Due[]> {
  return tx.$queryRaw<Due[]>(Prisma.sql`
    SELECT c."id", c."groupId", c."orgId", c."scheme", c."schemeName", c."number", c."validTo", COALESCE(g."name", o."name", '') AS "holder"
    FROM "Certification" c
    LEFT JOIN "FarmerGroup" g ON g."id" = c."groupId"
    LEFT JOIN "Organisation" o ON o."id" = c."orgId"
    WHERE c."withdrawnAt" IS NULL AND c."validTo" > ${plusDays(today, next)} AND c."validTo" <= ${plusDays(today, days)}
      AND NOT EXISTS (SELECT 1 FROM "CertificationReminder" r WHERE r."certificationId" = c."id" AND r."daysBefore" = ${days})
    ORDER BY c."validTo", c."id"`);
}

async function recipients(tx: Tx, c: Due): Promise<string[]> {
  if (c.groupId) {
    const buyers = await tx.$queryRaw<{ userId: string }[]>(Prisma.sql`
      SELECT DISTINCT m."userId" FROM "Contract" k
      JOIN "Membership" m ON m."organisationId" = k."buyerId" AND m."role" IN ('buyer_admin', 'buyer_staff') AND m."acceptedAt" IS NOT NULL
      WHERE k."groupId" = ${c.groupId} AND k."status" IN ('signed', 'active')`);
    return [...(await groupLeaderIds(tx, [c.groupId])), ...buyers.map((b) => b.userId)];
  }
  if (!c.orgId) return [];
  const admins = await tx.$queryRaw<{ userId: string }[]>(Prisma.sql`
    SELECT "userId" FROM "Membership" WHERE "organisationId" = ${c.orgId} AND "role" = 'buyer_admin' AND "acceptedAt" IS NOT NULL`);
  return admins.map((a) => a.userId);
}

/** Sends the reminders due at `now` (Vietnam's calendar day); returns how many reminders (certificate × days) were sent. */
export async function sendCertificateReminders(now: Date = new Date()): Promise<{ reminders: number; notices: number }> {
  const today = todayInVietnam(now);
  return write(async (tx) => {
    let reminders = 0;
    let notices = 0;
    for (const [i, days] of REMINDER_DAYS.entries()) {
      const next = REMINDER_DAYS[i + 1] ?? -1;
      for (const c of await dueFor(tx, today, days, next)) {
        const taken = await tx.$executeRaw(
          Prisma.sql`INSERT INTO "CertificationReminder" ("certificationId", "daysBefore", "sentAt") VALUES (${c.id}, ${days}, ${dbNow()}) ON CONFLICT DO NOTHING`,
        );
        if (taken !== 1) continue;
        reminders++;
        const userIds = [...new Set(await recipients(tx, c))];
        notices += userIds.length;
        await notify(tx, {
          userIds,
          kind: "certificate_expiring",
          params: {
            scheme: c.scheme,
            ...(c.schemeName ? { schemeName: c.schemeName } : {}),
            number: c.number,
            holder: c.holder,
            date: c.validTo,
            days: daysBetween(today, c.validTo),
          },
          link: c.groupId ? `/groups/${c.groupId}` : `/orgs/${c.orgId}`,
        });
      }
    }
    return { reminders, notices };
  });
}

const HOUR = 60 * 60 * 1000;
let timer: NodeJS.Timeout | null = null;

/**
 * In the server process: a run at boot, then every hour. Nothing else in this app runs on a clock
 * (no job runner to hang it on), and a reminder a day late is harmless, so a plain timer does:
 * unref'd, so it never keeps the process alive, and a failing run is logged and tried next hour.
 */
export function startCertificateReminders(): void {
  if (timer || env.DATABASE_READ_ONLY === "true") return; // a read-only replica sends nothing
  const run = () =>
    sendCertificateReminders().catch((e: unknown) => {
      console.error("certificate reminders failed:", e);
    });
  void run();
  timer = setInterval(run, HOUR);
  timer.unref();
}
