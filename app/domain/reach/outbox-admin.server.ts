// What a site administrator sees of the outbox: how many messages are where, by channel; the
// ones given up on with every attempt and the provider's answers; what was spent; and a way
// to try failed messages again once the cause (a gateway's key, a template) is fixed.
import * as z from "zod";
import { todayInVietnam } from "~/utils/dates";
import { db, type Tx } from "~/utils/db.server";
import { CHANNELS } from "./channel";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "skipped"] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const costPeriodSchema = z
  .object({ from: day, to: day })
  .refine((p) => !Number.isNaN(Date.parse(p.from)) && !Number.isNaN(Date.parse(p.to)) && p.from <= p.to, { path: ["to"], message: "outbox.badPeriod" });

/** The cost period from the page's query (Vietnam calendar days, both included); the last 30 days by default. */
export function costPeriod(q: URLSearchParams, now = new Date()): { from: string; to: string; invalid: boolean } {
  const to = todayInVietnam(now);
  const fallback = { from: todayInVietnam(new Date(now.getTime() - 29 * 86400_000)), to };
  if (!q.has("from") && !q.has("to")) return { ...fallback, invalid: false };
  const parsed = costPeriodSchema.safeParse({ from: q.get("from"), to: q.get("to") });
  return parsed.success ? { ...parsed.data, invalid: false } : { ...fallback, invalid: true };
}

const vietnamMidnight = (d: string) => new Date(`${d}T00:00:00+07:00`);

export async function outboxOverview(period: { from: string; to: string }) {
  const until = new Date(vietnamMidnight(period.to).getTime() + 86400_000);
  const [byStatus, costs, failed] = await Promise.all([
    db.outboxMessage.groupBy({ by: ["channel", "status"], _count: { _all: true } }),
    db.outboxMessage.groupBy({
      by: ["channel"],
      where: { status: "sent", sentAt: { gte: vietnamMidnight(period.from), lt: until } },
      _sum: { costVnd: true },
      _count: { _all: true },
    }),
    db.outboxMessage.findMany({
      where: { status: "failed" },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 50,
      select: {
        id: true,
        kind: true,
        channel: true,
        address: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        attemptsLog: { orderBy: { id: "asc" }, select: { id: true, at: true, ok: true, httpStatus: true, answer: true, durationMs: true } },
      },
    }),
  ]);
  const counts = CHANNELS.map((channel) => ({
    channel,
    byStatus: Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, byStatus.find((r) => r.channel === channel && r.status === s)?._count._all ?? 0])) as Record<
      (typeof OUTBOX_STATUSES)[number],
      number
    >,
  }));
  const failedTotal = counts.reduce((n, c) => n + c.byStatus.failed, 0);
  return {
    counts,
    costs: CHANNELS.map((channel) => {
      const r = costs.find((c) => c.channel === channel);
      return { channel, sent: r?._count._all ?? 0, costVnd: r?._sum.costVnd ?? 0 };
    }),
    failed: failed.map((m) => ({ ...m, address: maskAddress(m.address) })),
    failedTotal,
  };
}

/**
 * Failed messages go back to the queue, due now, with a fresh count of attempts (the attempts
 * log keeps the earlier ones). Only failed ones: a message sent or under way is left alone.
 */
export async function retryFailed(tx: Tx, ids: string[] | "all", now = new Date()): Promise<number> {
  const { count } = await tx.outboxMessage.updateMany({
    where: { status: "failed", ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null },
  });
  return count;
}

/** A phone number or email as far as an administrator needs it to tell messages apart (Decree 13/2023). */
export function maskAddress(address: string): string {
  const at = address.indexOf("@");
  if (at > 0) return `${address.slice(0, Math.min(2, at))}…${address.slice(at)}`;
  return address.length > 7 ? `${address.slice(0, 4)}…${address.slice(-3)}` : address;
}
