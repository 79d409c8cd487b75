// The delivery worker (docs/decisions/0031-outbox.md): takes due messages from the outbox by a
// lease, hands each to its channel with the message's id as the provider's idempotency key,
// records every attempt and what the provider answered, and retries with backoff.
//
// Safety against sending twice rests on two things. Here: a message is taken by one UPDATE
// that only succeeds on a pending message or a lease that has run out, so two workers (in two
// processes) or a restart never both hold it. At the provider: if a worker dies after the
// provider accepted a message but before the answer was recorded, the lease runs out and the
// message is sent again with the same id, which the provider recognises (eSMS RequestId, ZNS
// tracking_id, an SMTP Message-ID); only that stops a second text in that window.
import { Prisma } from "~/generated/prisma/client";
import { hotRead, txAll, txRun, write } from "~/utils/db.server";
import { dbTime, jsonElements, jsonField, jsonTextValues } from "~/utils/sql-dialect.server";
import type { Channel, ChannelName, DeliveryResult } from "./channel";
import { quietUntil } from "./preferences";

export type WorkerOptions = {
  channels: Partial<Record<ChannelName, Channel>>;
  /** Messages taken at once (sent side by side). */
  batch?: number;
  /** How long a taken message is ours: longer than any send can take (sendTimeoutMs). */
  leaseMs?: number;
  sendTimeoutMs?: number;
  /** Attempts before a message is given up on (failed). */
  maxAttempts?: number;
  random?: () => number;
  log?: (line: string) => void;
};

export type RunSummary = { sent: number; retrying: number; failed: number; postponed: number; skipped: number; interrupted: number };

export const DEFAULTS = { batch: 10, leaseMs: 5 * 60_000, sendTimeoutMs: 60_000, maxAttempts: 8 } as const;

// 2 min × 3ⁿ, at most 8 h: eight attempts span about 20 hours, so a gateway down for a day's
// working hours is waited out, and a number that never works is given up on by the next day.
const BACKOFF_BASE_MS = 2 * 60_000;
const BACKOFF_CAP_MS = 8 * 3600_000;

/** When to try again after the n-th failed attempt: ±20 % jitter so a burst does not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 3 ** Math.max(0, attempts - 1));
  return Math.max(Math.round(base * (0.8 + 0.4 * random())), retryAfterMs ?? 0);
}

// Quiet hours are a phone's: a text or a Zalo message buzzes, an email waits in its box.
const QUIET_CHANNELS = new Set<string>(["sms", "zalo"]);

/** A timestamp as Prisma stores DateTime in SQLite, so fixed SQL compares it with stored ones. */
const stamp = dbTime;

type Due = { id: string; status: string; quietStart: string | null; quietEnd: string | null; stoppedAt: string | null; channel: string };
type Claimed = {
  id: string;
  kind: string;
  channel: ChannelName;
  address: string;
  subject: string | null;
  body: string;
  html: string | null;
  params: string | null;
  attempts: number;
};

const INTERRUPTED = "interrupted: the worker stopped before the provider's answer was recorded; sent again with the same idempotency key";
const STOPPED = "stopped: the recipient asked for no more messages";

export function createWorker(opts: WorkerOptions) {
  const o = { ...DEFAULTS, random: Math.random, log: (line: string) => console.log(line), ...opts };
  const configured = JSON.stringify(Object.keys(o.channels));
  let stopping = false;
  let running: Promise<RunSummary> | null = null;
  let timer: NodeJS.Timeout | null = null;

  /** Due messages of the configured channels, oldest first, with their recipient's quiet hours. */
  async function due(now: Date): Promise<Due[]> {
    const at = stamp(now);
    return await hotRead<Due>(
      Prisma.sql`SELECT m."id", m."status", m."channel",
          COALESCE(pu."quietStart", ph."quietStart") AS "quietStart", COALESCE(pu."quietEnd", ph."quietEnd") AS "quietEnd",
          COALESCE(pu."stoppedAt", ph."stoppedAt") AS "stoppedAt"
        FROM "OutboxMessage" m
        LEFT JOIN "ContactPreference" pu ON m."userId" IS NOT NULL AND pu."userId" = m."userId"
        LEFT JOIN "ContactPreference" ph ON m."householdId" IS NOT NULL AND ph."householdId" = m."householdId"
        WHERE ((m."status" = 'pending' AND m."nextAttemptAt" <= ${at}) OR (m."status" = 'sending' AND m."lockedUntil" < ${at}))
          AND m."channel" IN (SELECT "value" FROM ${jsonTextValues(configured)})
        ORDER BY m."nextAttemptAt", m."id" LIMIT ${o.batch}`,
    );
  }

  /**
   * In one write: gives back messages whose worker died (the lease ran out), drops those whose
   * recipient stopped, moves those in quiet hours to the end of them, and takes the rest.
   * Every statement only touches a message still in the state it was read in, so another
   * worker that got there first wins and this one takes nothing it already has. The summary
   * counts the rows the statements changed, once the write committed: not the other worker's,
   * and not twice when PostgreSQL retries the write.
   */
  async function claim(now: Date, rows: Due[]): Promise<Claimed[]> {
    const at = stamp(now);
    // A STOP ends the texts, not the email (as deliveryTargets in preferences.server.ts decides).
    const stopped = rows.filter((r) => r.stoppedAt && QUIET_CHANNELS.has(r.channel)).map((r) => r.id);
    const postponed = rows.flatMap((r) => {
      const until = !r.stoppedAt && QUIET_CHANNELS.has(r.channel) ? quietUntil(r, now) : null;
      return until ? [{ id: r.id, at: stamp(until) }] : [];
    });
    const later = new Set([...stopped, ...postponed.map((p) => p.id)]);
    const take = rows.filter((r) => !later.has(r.id)).map((r) => r.id);
    const all = JSON.stringify(rows.map((r) => r.id));
    const { claimed, counts } = await write(async (tx) => {
      const counts = { interrupted: 0, skipped: 0, postponed: 0 };
      const recovered = await txAll<{ id: string; attempts: number }>(
        tx,
        Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'pending', "lockedUntil" = NULL, "lastError" = ${INTERRUPTED}
          WHERE "id" IN (SELECT "value" FROM ${jsonTextValues(all)}) AND "status" = 'sending' AND "lockedUntil" < ${at}
          RETURNING "id", "attempts"`,
      );
      if (recovered.length) {
        const ids = JSON.stringify(recovered.map((r) => r.id));
        await txRun(
          tx,
          Prisma.sql`INSERT INTO "DeliveryAttempt" ("messageId", "at", "ok", "answer") SELECT "value", ${at}, FALSE, ${INTERRUPTED} FROM ${jsonTextValues(ids)}`,
        );
        // A message that stops the worker every time it is sent must not stop it for ever.
        await txRun(
          tx,
          Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'failed' WHERE "id" IN (SELECT "value" FROM ${jsonTextValues(ids)}) AND "attempts" >= ${o.maxAttempts}`,
        );
        counts.interrupted = recovered.length;
      }
      if (stopped.length) {
        const skipped = await txAll<{ id: string }>(
          tx,
          Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'skipped', "lastError" = ${STOPPED}
            WHERE "id" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(stopped))}) AND "status" = 'pending'
            RETURNING "id"`,
        );
        counts.skipped = skipped.length;
      }
      if (postponed.length) {
        const moved = await txAll<{ id: string }>(
          tx,
          Prisma.sql`UPDATE "OutboxMessage" SET "nextAttemptAt" = ${jsonField("q.j", "at", "timestamp(3)")}
            FROM ${jsonElements(JSON.stringify(postponed))}
            WHERE "OutboxMessage"."id" = ${jsonField("q.j", "id")} AND "OutboxMessage"."status" = 'pending'
              AND "OutboxMessage"."nextAttemptAt" <= ${at}
            RETURNING "OutboxMessage"."id"`,
        );
        counts.postponed = moved.length;
      }
      if (!take.length) return { claimed: [], counts };
      const claimed = await txAll<Claimed>(
        tx,
        Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'sending', "lockedUntil" = ${stamp(new Date(now.getTime() + o.leaseMs))}, "attempts" = "attempts" + 1
          WHERE "id" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(take))}) AND "status" = 'pending' AND "nextAttemptAt" <= ${at}
          RETURNING "id", "kind", "channel", "address", "subject", "body", "html", "params", "attempts"`,
      );
      return { claimed, counts };
    });
    summary.interrupted += counts.interrupted;
    summary.skipped += counts.skipped;
    summary.postponed += counts.postponed;
    return claimed;
  }

  async function send(m: Claimed, now: Date): Promise<void> {
    const channel = o.channels[m.channel]!;
    const started = performance.now();
    let r: DeliveryResult;
    try {
      r = await channel.send(
        { id: m.id, kind: m.kind, address: m.address, subject: m.subject, body: m.body, html: m.html, params: m.params ? JSON.parse(m.params) : null },
        AbortSignal.timeout(o.sendTimeoutMs),
      );
    } catch (e) {
      // A client that throws (a bug, an abort) is a failed attempt like any other, tried again.
      r = { ok: false, retryable: true, answer: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    const durationMs = Math.round(performance.now() - started);
    const answer = r.answer?.slice(0, 1000) ?? null;
    const at = stamp(now);
    const lease = stamp(new Date(now.getTime() + o.leaseMs));
    const outcome = r.ok ? "sent" : !r.retryable || m.attempts >= o.maxAttempts ? "failed" : "pending";
    const error = r.ok ? null : [r.httpStatus, answer ?? "no answer"].filter((x) => x !== undefined).join(" ");
    const next = outcome === "pending" ? stamp(new Date(now.getTime() + backoffMs(m.attempts, o.random, r.retryAfterMs))) : at;
    await write(async (tx) => {
      await txRun(
        tx,
        Prisma.sql`INSERT INTO "DeliveryAttempt" ("messageId", "at", "ok", "httpStatus", "answer", "durationMs")
          VALUES (${m.id}, ${at}, ${r.ok}, ${r.httpStatus ?? null}, ${answer}, ${durationMs})`,
      );
      // Only while the message is still ours: if the lease ran out and another worker took it,
      // the attempt is logged but that worker decides the message's state.
      await txRun(
        tx,
        Prisma.sql`UPDATE "OutboxMessage" SET "status" = ${outcome}, "lockedUntil" = NULL, "lastError" = ${error},
            "sentAt" = ${r.ok ? at : null}, "providerId" = ${r.providerId ?? null}, "costVnd" = ${r.ok ? (r.costVnd ?? null) : null},
            "nextAttemptAt" = ${next}
          WHERE "id" = ${m.id} AND "status" = 'sending' AND "lockedUntil" = ${lease}`,
      );
    });
    if (outcome === "sent") summary.sent++;
    else if (outcome === "failed") summary.failed++;
    else summary.retrying++;
    if (!r.ok) o.log(`delivery: ${m.channel} ${m.id} ${outcome === "failed" ? "failed" : "will retry"}: ${error}`);
  }

  let summary: RunSummary = empty();

  /**
   * Sends everything due at `now` (default: the clock), a batch at a time, until nothing is
   * due or the worker is stopping; the current batch is always finished and recorded.
   */
  async function runOnce({ now }: { now?: Date } = {}): Promise<RunSummary> {
    if (running) await running.catch(() => undefined);
    summary = empty();
    const pass = (async () => {
      while (!stopping) {
        const at = now ?? new Date();
        const rows = await due(at);
        if (!rows.length) break;
        const claimed = await claim(at, rows);
        await Promise.all(claimed.map((m) => send(m, at)));
        if (rows.length < o.batch) break;
      }
      return summary;
    })();
    running = pass;
    try {
      return await pass;
    } finally {
      if (running === pass) running = null;
    }
  }

  return {
    runOnce,
    /** Runs every `intervalMs` until stop(). unref: the timer alone does not keep the process alive. */
    start({ intervalMs, unref = true }: { intervalMs: number; unref?: boolean }) {
      stopping = false;
      const tick = async () => {
        timer = null;
        try {
          await runOnce();
        } catch (e) {
          o.log(`delivery: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (stopping) return;
        timer = setTimeout(tick, intervalMs);
        if (unref) timer.unref();
      };
      timer = setTimeout(tick, 0);
      if (unref) timer.unref();
    },
    /** Stops taking messages; resolves once the sends under way are finished and recorded. */
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;

function empty(): RunSummary {
  return { sent: 0, retrying: 0, failed: 0, postponed: 0, skipped: 0, interrupted: 0 };
}
