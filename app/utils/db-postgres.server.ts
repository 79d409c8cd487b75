// The PostgreSQL side of app/utils/db.server.ts (docs/decisions/0033-two-engines.md): its
// clients, and the translations that let the app's fixed SQL read the same on both engines.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgPrismaClient } from "~/generated/prisma-pg/client";
import type { PrismaClient } from "~/generated/prisma/client";
import { migratePostgres } from "./migrate-postgres.server";
import { readsFromPrimary } from "./read-your-writes.server";

export type PgClients = {
  reader: PrismaClient;
  writer: PrismaClient;
  ready: Promise<void>;
  /** Every client underneath, to disconnect them all. */
  all: PrismaClient[];
  /** With a replica: whether it has replayed the primary's log up to `lsn` (read-your-writes.server.ts). */
  replicaCaughtUp: ((lsn: string) => Promise<boolean>) | null;
};

/**
 * The writer on the primary; the reader on the replica when there is one, else the primary too,
 * in read-only transactions either way (a read that tries to write fails, as on SQLite).
 * Migrations run first, under a lock that several starting processes share.
 */
export function connectPostgres(opts: { url: string; replicaUrl?: string; readOnly: boolean; omit: object }): PgClients {
  const client = (url: string, readOnly: boolean) =>
    new PgPrismaClient({
      adapter: releasingFailedEnds(new PrismaPg({ connectionString: url, options: readOnly ? "-c default_transaction_read_only=on" : undefined, max: 20 })),
      omit: opts.omit,
    }) as unknown as PrismaClient;
  const writer = client(opts.url, opts.readOnly);
  const primaryReader = unavailableAs503(client(opts.url, true));
  const replica = opts.replicaUrl ? unavailableAs503(client(opts.replicaUrl, true)) : null;
  const ready = (async () => {
    if (!opts.readOnly) await migratePostgres(opts.url);
    await writer.$queryRawUnsafe("SELECT 1");
    if (replica) await replica.$queryRawUnsafe("SELECT 1");
  })().catch((e: unknown) => {
    throw new DatabaseUnreachableError(opts.url, e);
  });
  if (!replica) return { reader: primaryReader, writer, ready, all: [writer, primaryReader], replicaCaughtUp: null };
  const replicaCaughtUp = async (lsn: string) => {
    // A replica promoted to primary (after a fail-over) is as current as it gets.
    const [row] = await replica.$queryRaw<{ ok: boolean | null }[]>`
      SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn ELSE TRUE END AS "ok"`;
    return row?.ok === true;
  };
  return { reader: routedReader(replica, primaryReader), writer, ready, all: [writer, primaryReader, replica], replicaCaughtUp };
}

/**
 * The reader with a replica: the replica, except for a request that must see its own write
 * (readsFromPrimary()), which reads the primary. Chosen at each use, so one `db` serves both.
 */
function routedReader(replica: PrismaClient, primary: PrismaClient): PrismaClient {
  return new Proxy(replica, {
    get(_target, prop) {
      const chosen = readsFromPrimary() ? primary : replica;
      const value: unknown = Reflect.get(chosen, prop, chosen);
      return typeof value === "function" ? value.bind(chosen) : value;
    },
  });
}

type PgTransaction = { executeRaw(q: { sql: string }): Promise<number>; rollback(): Promise<void> };
type PgAdapter = { startTransaction(isolationLevel?: string): Promise<PgTransaction> };

/**
 * Prisma 6.19 ends an interactive transaction by running COMMIT (or ROLLBACK) and only then
 * handing its connection back to the pool, so a COMMIT that fails leaves the connection checked
 * out for ever. Under SERIALIZABLE a COMMIT fails whenever a concurrent write wins at the last
 * moment (40001): after 20 of those the pool is empty, every write waits, and the pool can never
 * be closed. Here a failed COMMIT or ROLLBACK gives the connection back itself (PostgreSQL has
 * ended the transaction either way) before the error goes on to the retry in db.server.ts.
 */
export function releasingFailedEnds(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = (adapter as unknown as PgAdapter).startTransaction.bind(adapter);
    (adapter as unknown as PgAdapter).startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (q) => {
        try {
          return await executeRaw(q);
        } catch (e) {
          if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(q.sql)) await tx.rollback().catch(() => {});
          throw e;
        }
      };
      return tx;
    };
    return adapter;
  };
  return factory;
}

/** The database could not be reached or prepared at start: one line saying where and why. */
export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`Cannot use the PostgreSQL database ${describeUrl(url)}: ${reason(cause)}`);
  }
}

/** Which database, where and as whom, from the URL (never its password). */
function describeUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "(DATABASE_URL is not a URL: postgresql://user:password@host:5432/database)";
  }
  const database = u.pathname.slice(1) ? `"${u.pathname.slice(1)}" ` : "";
  const socket = u.searchParams.get("host");
  const user = u.username ? ` as ${u.username}` : "";
  // pg then connects to localhost, which is rarely what was meant: say so, and how to write it.
  if (!socket && !u.hostname)
    return `${database}at localhost:${u.port || 5432}${user} (DATABASE_URL names no host: postgresql://user:password@host:5432/database, or ?host=/socket/directory)`;
  return `${database}at ${socket ? `socket ${socket}` : `${u.hostname}:${u.port || 5432}`}${user}`;
}

function reason(e: unknown): string {
  const parts: string[] = [];
  for (const c of causes(e, 4)) {
    const m = c instanceof Error ? c.message : typeof c === "object" ? JSON.stringify(c) : String(c);
    const code = (c as { code?: string }).code;
    if (m && !parts.includes(m)) parts.push(code && !m.includes(code) ? `${m} (${code})` : m);
  }
  return parts.join(": ").replace(/\s+/g, " ").slice(0, 400) || "unknown error";
}

/** An error and the errors it wraps (Prisma → adapter → pg), at most `max`, stopping at a loop. */
function* causes(e: unknown, max = 8): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let c: unknown = e; c && !seen.has(c) && seen.size < max; c = (c as { cause?: unknown }).cause) {
    seen.add(c);
    yield c;
  }
}

/**
 * A read that fails because the database cannot be reached (restarting, failed over, network)
 * answers 503 "try again", not a 500: nothing is wrong with the request. The pool opens new
 * connections by itself once the database is back.
 */
function unavailableAs503(client: PrismaClient): PrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (e) {
          throw databaseUnavailable(e) ?? e;
        }
      },
    },
  }) as unknown as PrismaClient;
}

function errorText(e: unknown): string {
  return [...causes(e, 5)]
    .map((c) => (c instanceof Error ? `${c.message} ${(c as { code?: string }).code ?? ""}` : typeof c === "object" ? JSON.stringify(c) : String(c)))
    .join(" | ");
}

/** The 503 for a database that cannot be reached, or null when `e` is something else. */
export function databaseUnavailable(e: unknown): Response | null {
  const text = errorText(e);
  if (!isPostgresUnavailable(text)) return null;
  console.error("database unavailable:", text.slice(0, 300));
  return new Response(
    "Tạm thời không liên lạc được cơ sở dữ liệu; chưa có gì được ghi. Vui lòng thử lại sau ít phút. / The database cannot be reached just now; nothing was written. Please try again in a few minutes.",
    { status: 503, statusText: "Database unavailable", headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8" } },
  );
}

/** A serializable transaction lost to a concurrent one (or a deadlock): run it again. */
export function isRetryableConflict(e: unknown): boolean {
  for (const c of causes(e)) {
    const o = c as { code?: string; message?: string; kind?: string; originalCode?: string };
    if (o.code === "P2034" || o.code === "40001" || o.code === "40P01" || o.originalCode === "40001" || o.originalCode === "40P01") return true;
    if (o.kind === "TransactionWriteConflict") return true;
    if (typeof o.message === "string" && /could not serialize access|deadlock detected|write conflict/i.test(o.message)) return true;
  }
  return false;
}

/** The connection is gone or the server refuses work it cannot do: not the user's mistake. */
export function isPostgresUnavailable(text: string): boolean {
  return /ECONNREFUSED|ECONNRESET|ENOENT.*PGSQL|EPIPE|Connection terminated|terminating connection|57P0[123]|53100|53200|08000|08003|08006|could not extend file|No space left|read-only transaction|25006|Can't reach database|DatabaseNotReachable|ConnectionClosed|the database system is (starting up|shutting down)|connection pool|Connection ended/i.test(
    text,
  );
}

/**
 * Raw rows as SQLite gives them to the app: integers as numbers (PostgreSQL's COUNT and SUM are
 * bigint or numeric), booleans as 0/1, timestamps as the ISO text Prisma stores in SQLite.
 */
export function sqliteShaped<T>(rows: unknown[]): T[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const k in row) {
      const v = row[k];
      if (typeof v === "bigint") row[k] = Number(v);
      else if (typeof v === "boolean") row[k] = v ? 1 : 0;
      else if (v instanceof Date) row[k] = v.toISOString().replace("Z", "+00:00");
      else if (v !== null && typeof v === "object" && typeof (v as { toNumber?: unknown }).toNumber === "function" && "d" in v)
        row[k] = (v as unknown as { toNumber(): number }).toNumber();
    }
  }
  return rows as T[];
}
