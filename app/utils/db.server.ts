// The one Prisma module, on SQLite (the default) or PostgreSQL (docs/decisions/0033-two-engines.md).
// On SQLite, two connections to one file (docs/decisions/0001-write-path.md):
//  - `db`, the reader: `PRAGMA query_only`, so it can never write; it only sees committed data.
//  - the writer: reachable only through `write()`, which always opens a transaction. The
//    better-sqlite3 adapter serialises transactions with a mutex but lets plain queries run
//    on the same connection in between; if all writes are transactions, nothing interleaves
//    and a rollback can only undo its own work.
//  - `hot`, a third, read-only connection without Prisma, for the few hot reads that are fixed
//    SQL: their statements are prepared once for the life of the connection instead of being
//    compiled and prepared per call (docs/decisions/0017-hot-reads.md).
// On PostgreSQL, a pool per role (app/utils/db-postgres.server.ts): the reader (on the replica
// when there is one) in read-only transactions; writes as serializable transactions run
// concurrently, retried when a concurrent one wins, which keeps the guarantees the single SQLite
// writer gives (gap-free numbers, no over-subscription) across processes and machines.
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { env } from "./env.server";
import { backfillPlaces } from "~/domain/places/backfill.server";
import { connectPostgres, databaseUnavailable, isPostgresUnavailable, isRetryableConflict, sqliteShaped } from "./db-postgres.server";
import { migrateDatabase } from "./migrate.server";
import { noteWrite } from "./read-your-writes.server";

export type Tx = Prisma.TransactionClient;

// A household's ID number is personal data (Decree 13/2023): no read returns it unless it asks
// with `omit: { idNumber: false }` or selects it (the household's edit page, the purchase list,
// the consent check when a household is saved), on either connection, so a household read inside
// a write and handed to a page cannot carry it. Typed as the plain client so the readers shared
// with transactions (ledger, chain anchors) keep one type: the type claims `idNumber` on every
// household read, the value is there only when asked for.
const OMIT_ID_NUMBER = { household: { idNumber: true } } as const;
const newReader = (url: string) =>
  new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }), omit: OMIT_ID_NUMBER }) as unknown as PrismaClient;

type Clients = {
  reader: PrismaClient;
  writer: PrismaClient;
  hot: Database.Database | null;
  ready: Promise<void>;
  all?: PrismaClient[];
  replicaCaughtUp?: ((lsn: string) => Promise<boolean>) | null;
};

export const databaseEngine = env.databaseEngine;
const onPostgres = databaseEngine === "postgresql";

function connect(): Clients {
  if (onPostgres) {
    const pg = connectPostgres({
      url: env.DATABASE_URL,
      replicaUrl: env.DATABASE_REPLICA_URL,
      readOnly: env.DATABASE_READ_ONLY === "true",
      omit: OMIT_ID_NUMBER,
    });
    // Awaited by dbReady() (the server, before it listens); an unawaited failure must not crash.
    pg.ready.catch(() => {});
    return { ...pg, hot: null };
  }
  return connectSqlite();
}

function connectSqlite(): Clients {
  migrateDatabase(env.databasePath);
  if (env.DATABASE_READ_ONLY !== "true") backfillPlaces(env.databasePath);
  const url = `file:${env.databasePath}`;
  const reader = newReader(url);
  const writer = new PrismaClient({
    adapter: capturingWriter(new PrismaBetterSQLite3({ url, timeout: 5000 })),
    omit: OMIT_ID_NUMBER,
  }) as unknown as PrismaClient;
  const hot = new Database(env.databasePath, { readonly: true, fileMustExist: true, timeout: 5000 });
  const ready = (async () => {
    await reader.$executeRawUnsafe("PRAGMA query_only = 1");
    // FULL: a commit is on disk before we acknowledge it (≈6× slower per commit, affordable here).
    await writer.$executeRawUnsafe("PRAGMA synchronous = FULL");
    // The ledger's indexes are keyed by random refs: keep their hot pages in memory (32 MiB).
    await writer.$executeRawUnsafe("PRAGMA cache_size = -32768");
    await writer.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    if (env.DATABASE_READ_ONLY === "true") await writer.$executeRawUnsafe("PRAGMA query_only = 1");
    if (env.DATABASE_MAX_PAGES) await writer.$queryRawUnsafe(`PRAGMA max_page_count = ${env.DATABASE_MAX_PAGES}`);
  })();
  return { reader, writer, hot, ready };
}

// The writer's own better-sqlite3 connection, as the adapter opens it: fixed SQL on the hot path
// of a write (recording a pickup) runs on it directly, inside the open transaction, with its
// statement prepared once (docs/decisions/0017-hot-reads.md). The adapter (pinned to one version
// in package.json) keeps it in its `client` field; if that ever changes, txRun/txAll fall back
// to Prisma's raw queries and nothing but speed is lost.
let writerConnection: Database.Database | null = null;

function capturingWriter(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: unknown }).client;
    writerConnection = client instanceof Database ? client : null;
    return adapter;
  };
  return factory;
}

// One set of connections per process, kept across dev rebuilds.
const g = globalThis as unknown as { __caunoiDb?: Clients };
const clients = (g.__caunoiDb ??= connect());

/** Read-only client. Any write through it fails at the SQLite level. */
export const db = clients.reader;

type WriteStore = { afterCommit: (() => void)[] };
const inWrite = new AsyncLocalStorage<WriteStore>();

type Job = { fn: (tx: Tx) => Promise<unknown>; store: WriteStore; timeoutMs?: number; resolve: (v: unknown) => void; reject: (e: unknown) => void };
const queue: Job[] = [];
let draining = false;

// Group commit (docs/decisions/0018-group-commit.md): the writes that queue while one transaction
// runs are run next in ONE transaction, each inside its own savepoint, and acknowledged together
// after its single commit. A commit costs an fsync (synchronous = FULL); at harvest pace that,
// not the work, is the limit. Each write still commits or fails alone: a write that throws is
// rolled back to its savepoint and rejected, the others go on.
const MAX_GROUP = 64;
const stats = { transactions: 0, writes: 0 };

/** How many transactions have committed how many writes so far (tests check the grouping with it). */
export function writeStats(): { transactions: number; writes: number } {
  return { ...stats };
}

/**
 * Runs `fn` as one atomic write. Everything `fn` writes commits together or not at all, and the
 * promise resolves only once it is on disk. Writes run one at a time, in the order they came.
 * Keep slow work (hashing passwords, rendering PDFs) outside: the writer is exclusive.
 */
export function write<T>(fn: (tx: Tx) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  if (inWrite.getStore()) throw new Error("write() called inside write(): pass the tx down instead");
  if (onPostgres) return writePostgres(fn, opts.timeoutMs);
  return new Promise<T>((resolve, reject) => {
    queue.push({ fn, store: { afterCommit: [] }, timeoutMs: opts.timeoutMs, resolve: resolve as (v: unknown) => void, reject });
    if (!draining) void drain();
  });
}

// A write that keeps losing to concurrent ones is given up after this many tries (a 503 then):
// under SERIALIZABLE a retry only happens when another transaction committed in between.
const MAX_TRIES = 12;

// Writes racing for one row (a buyer's statement counter) commit one per round: with a fixed
// few milliseconds of jitter, sixteen of them sent to two processes at once met again and again
// until some gave up. A window that doubles with each try spreads them out so they queue.
const retryDelayMs = (attempt: number) => Math.random() * Math.min(1000, 5 * 2 ** attempt);

async function writePostgres<T>(fn: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
  await clients.ready;
  for (let attempt = 1; ; attempt++) {
    const store: WriteStore = { afterCommit: [] }; // a retried write's tasks start afresh
    try {
      const value = await clients.writer.$transaction((tx) => inWrite.run(store, () => fn(tx)), {
        isolationLevel: "Serializable",
        maxWait: 60_000,
        timeout: timeoutMs ?? 20_000,
      });
      stats.transactions++;
      stats.writes++;
      await bumpGeneration();
      if (clients.replicaCaughtUp) await notePosition();
      for (const task of store.afterCommit) {
        try {
          task();
        } catch (e) {
          console.error("after-commit task failed:", e);
        }
      }
      return value;
    } catch (e) {
      if (attempt < MAX_TRIES && isRetryableConflict(e)) {
        // Spread the retries so the same transactions do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
        continue;
      }
      if (isRetryableConflict(e)) throw tooBusy(e);
      throw storageFailure(e) ?? e;
    }
  }
}

// PostgreSQL has no `data_version`: every committed write moves a counter in the database, which
// every process (and the replica) reads (docs/decisions/0033-two-engines.md). Moved after the
// commit, outside it: a reader that sees the new number sees the write's rows too.
async function bumpGeneration() {
  try {
    await clients.writer.$executeRawUnsafe(`UPDATE "CacheGeneration" SET "n" = "n" + 1 WHERE "id" = 1`);
  } catch (e) {
    console.error("cache generation not moved (cached figures may lag until the next write):", e);
  }
}

// With a replica: where the primary's log stands after this write, so this person's next reads
// wait for the replica to reach it or go to the primary (read-your-writes.server.ts). The insert
// position, not pg_current_wal_lsn(): with synchronous_commit off the commit record may not be
// written out yet, and the write position would then be before it.
async function notePosition() {
  try {
    const [row] = await clients.writer.$queryRawUnsafe<{ lsn: string }[]>(`SELECT pg_current_wal_insert_lsn()::text AS "lsn"`);
    if (row?.lsn) noteWrite(row.lsn);
  } catch (e) {
    console.error("log position not read (the next read may come from the primary or lag):", e);
    noteWrite("FFFFFFFF/FFFFFFFF"); // unknown: read the primary until the cookie expires
  }
}

/** With a PostgreSQL replica: whether it has replayed up to `lsn`; null without one. */
export const replicaCaughtUp = clients.replicaCaughtUp ?? null;

async function drain() {
  draining = true;
  try {
    try {
      await clients.ready;
    } catch (e) {
      for (const job of queue.splice(0)) job.reject(e); // the database cannot be opened: nothing was written
      return;
    }
    while (queue.length) {
      // A write with its own time limit (a whole import) runs alone; the others in groups.
      const alone = queue[0].timeoutMs !== undefined;
      const take = alone ? 1 : queue.findIndex((j, i) => i >= MAX_GROUP || j.timeoutMs !== undefined);
      await runGroup(queue.splice(0, take < 0 ? queue.length : take));
    }
  } finally {
    draining = false;
  }
}

async function runGroup(group: Job[]) {
  const done: { job: Job; value: unknown }[] = [];
  const failed = new Map<Job, unknown>();
  try {
    await clients.writer.$transaction(
      async (tx) => {
        if (group.length === 1) {
          done.push({ job: group[0], value: await inWrite.run(group[0].store, () => group[0].fn(tx)) });
          return;
        }
        for (const job of group) {
          await tx.$executeRawUnsafe("SAVEPOINT write_job");
          try {
            const value = await inWrite.run(job.store, () => job.fn(tx));
            await tx.$executeRawUnsafe("RELEASE write_job");
            done.push({ job, value });
          } catch (e) {
            // Storage trouble ends the whole transaction: nothing in it is acknowledged.
            if (storageFailure(e, false)) throw e;
            await tx.$executeRawUnsafe("ROLLBACK TO write_job");
            await tx.$executeRawUnsafe("RELEASE write_job");
            failed.set(job, e);
          }
        }
      },
      { maxWait: 60_000, timeout: group[0].timeoutMs ?? 20_000 },
    );
  } catch (e) {
    const error = storageFailure(e) ?? e;
    for (const job of group) job.reject(failed.get(job) ?? error);
    return;
  }
  stats.transactions++;
  stats.writes += done.length;
  for (const [job, e] of failed) job.reject(e);
  for (const { job, value } of done) {
    for (const task of job.store.afterCommit) {
      try {
        task();
      } catch (e) {
        // Committed is committed: a failing side task is logged, never reported as a failed write.
        console.error("after-commit task failed:", e);
      }
    }
    job.resolve(value);
  }
}

const writerStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function writerStatement(tx: Tx, query: Prisma.Sql): Database.Statement | null {
  if (!inWrite.getStore()) throw new Error("txRun()/txAll() called outside write()");
  const conn = onPostgres ? null : writerConnection;
  if (!conn || !conn.open) return null;
  let cache = writerStatements.get(conn);
  if (!cache) writerStatements.set(conn, (cache = new Map()));
  let st = cache.get(query.sql);
  if (!st) {
    st = conn.prepare(query.sql);
    if (st.reader) st.safeIntegers(false);
    cache.set(query.sql, st);
  }
  void tx; // the statement runs on the connection whose transaction `tx` is
  return st;
}

/** Inside write(): a read of fixed SQL in the open transaction, its statement prepared once. Integers come back as numbers. */
export async function txAll<T>(tx: Tx, query: Prisma.Sql): Promise<T[]> {
  const st = writerStatement(tx, query);
  if (!st) return sqliteShaped<T>(await tx.$queryRaw<unknown[]>(query));
  return st.all(...query.values.map(bindable)) as T[];
}

/** Inside write(): a change of fixed SQL in the open transaction, its statement prepared once. */
export async function txRun(tx: Tx, query: Prisma.Sql): Promise<void> {
  const st = writerStatement(tx, query);
  if (!st) {
    await tx.$executeRaw(query);
    return;
  }
  st.run(...query.values.map(bindable));
}

/** Now, as the engine stores a DateTime, for rows written with fixed SQL (ISO text in SQLite). */
export function dbNow(): string | Date {
  return onPostgres ? new Date() : new Date().toISOString().replace("Z", "+00:00");
}

/** The write() being run, as a key for per-write state (e.g. checkpoints to log after its commit). */
export function currentWrite(): object {
  const store = inWrite.getStore();
  if (!store) throw new Error("currentWrite() called outside write()");
  return store;
}

/**
 * Runs `task` once the current write() has committed (never if it rolls back), e.g. copying
 * what it wrote to a file outside the database. Call inside write().
 */
export function afterCommit(task: () => void): void {
  const store = inWrite.getStore();
  if (!store) throw new Error("afterCommit() called outside write()");
  store.afterCommit.push(task);
}

/**
 * A disk that is full or a database that cannot be written is not the user's mistake and not
 * a bug: the transaction has rolled back, so say plainly that nothing was saved (503).
 */
function storageFailure(e: unknown, log = true): Response | null {
  if (onPostgres && !isRetryableConflict(e)) {
    const unavailable = databaseUnavailable(e);
    if (unavailable) return unavailable;
  }
  const text = `${e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? "")}` : String(e)}`;
  if (
    !/SQLITE_FULL|database or disk is full|SQLITE_READONLY|readonly database|read-only|SQLITE_IOERR|disk I\/O error/i.test(text) &&
    !(onPostgres && isPostgresUnavailable(text))
  )
    return null;
  if (log) console.error("storage failure:", text);
  return new Response(
    "Không lưu được: bộ nhớ của máy chủ đầy hoặc đang chỉ cho đọc. Chưa có gì được ghi; vui lòng thử lại sau. / Not saved: the server's storage is full or read-only. Nothing was written.",
    {
      status: 503,
      statusText: "Storage unavailable",
      headers: { "Retry-After": "300", "Content-Type": "text/plain; charset=utf-8" },
    },
  );
}

/** A write that lost to concurrent ones MAX_TRIES times: rolled back, so say so and to try again (503), not a 500. */
function tooBusy(e: unknown): Response {
  console.error(`write given up after ${MAX_TRIES} conflicts with concurrent writes:`, e instanceof Error ? e.message : e);
  return new Response(
    "Máy chủ đang bận ghi nhiều thay đổi cùng lúc; chưa có gì được ghi. Vui lòng thử lại. / The server is busy with many changes at once; nothing was written. Please try again.",
    { status: 503, statusText: "Busy", headers: { "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8" } },
  );
}

const statements = new Map<string, Database.Statement>();

function prepared(sql: string): Database.Statement {
  let st = statements.get(sql);
  if (!st) {
    st = clients.hot!.prepare(sql);
    statements.set(sql, st);
  }
  return st;
}

// better-sqlite3 binds numbers, strings, bigints and null; SQLite stores booleans as 0/1.
const bindable = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v);

/**
 * Runs a read of fixed SQL (a Prisma.sql template, so values stay bound parameters): on SQLite
 * on the hot connection with its statement prepared once, on PostgreSQL on the reader. Rows come
 * back shaped as SQLite gives them (integers as numbers, booleans 0/1, timestamps as ISO text).
 */
export async function hotRead<T>(query: Prisma.Sql): Promise<T[]> {
  if (onPostgres) return sqliteShaped<T>(await clients.reader.$queryRaw<unknown[]>(query));
  return prepared(query.sql).all(...query.values.map(bindable)) as T[];
}

/**
 * A number that changes whenever anything commits to the database, from this process or any
 * other: the generation that cached results are keyed on, so none outlives the write that
 * changes it. SQLite's `PRAGMA data_version` as seen by a connection that never writes; on
 * PostgreSQL the counter every write moves (bumpGeneration).
 */
export async function dataGeneration(): Promise<number> {
  if (onPostgres) {
    const [row] = await clients.reader.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT "n" FROM "CacheGeneration" WHERE "id" = 1`);
    return Number(row?.n ?? 0);
  }
  return prepared("PRAGMA data_version").pluck().get() as number;
}

/**
 * PostgreSQL only: adds `delta` to a request limit's counter for `key` in the window starting at
 * `windowStart` (ms) and returns the count, in one statement of its own on the writer. Not a
 * write(): counting requests is not data, and must not move the cache generation.
 */
export async function countRequest(key: string, windowStart: number, delta: number): Promise<number> {
  await clients.ready;
  const rows = await clients.writer.$queryRaw<{ hits: bigint | number }[]>`
    INSERT INTO "RateLimitHit" ("key", "windowStart", "hits") VALUES (${key}, ${windowStart}, ${Math.max(delta, 0)})
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "hits" = GREATEST("RateLimitHit"."hits" + ${delta}, 0)
    RETURNING "hits"`;
  return Number(rows[0]?.hits ?? 0);
}

/** PostgreSQL only: forgets a key's counts (express-rate-limit's resetKey), or every window before `before`. */
export async function forgetRequests(opts: { key?: string; before?: number }): Promise<void> {
  await clients.ready;
  if (opts.key !== undefined) await clients.writer.$executeRaw`DELETE FROM "RateLimitHit" WHERE "key" = ${opts.key}`;
  if (opts.before !== undefined) await clients.writer.$executeRaw`DELETE FROM "RateLimitHit" WHERE "windowStart" < ${opts.before}`;
}

/** Waits until both connections are configured (for scripts that read before writing). */
export function dbReady(): Promise<void> {
  return clients.ready;
}

export async function disconnect(): Promise<void> {
  await Promise.all((clients.all ?? [clients.reader, clients.writer]).map((c) => c.$disconnect()));
  statements.clear();
  clients.hot?.close();
  delete g.__caunoiDb;
}
