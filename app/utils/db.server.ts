// The one Prisma module. Two connections to one SQLite file (docs/decisions/0001-write-path.md):
//  - `db`, the reader: `PRAGMA query_only`, so it can never write; it only sees committed data.
//  - the writer: reachable only through `write()`, which always opens a transaction. The
//    better-sqlite3 adapter serialises transactions with a mutex but lets plain queries run
//    on the same connection in between; if all writes are transactions, nothing interleaves
//    and a rollback can only undo its own work.
//  - `hot`, a third, read-only connection without Prisma, for the few hot reads that are fixed
//    SQL: their statements are prepared once for the life of the connection instead of being
//    compiled and prepared per call (docs/decisions/0017-hot-reads.md).
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { env } from "./env.server";
import { migrateDatabase } from "./migrate.server";

export type Tx = Prisma.TransactionClient;

type Clients = { reader: PrismaClient; writer: PrismaClient; hot: Database.Database; ready: Promise<void> };

function connect(): Clients {
  migrateDatabase(env.databasePath);
  const url = `file:${env.databasePath}`;
  const reader = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
  const writer = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
  const hot = new Database(env.databasePath, { readonly: true, fileMustExist: true, timeout: 5000 });
  const ready = (async () => {
    await reader.$executeRawUnsafe("PRAGMA query_only = 1");
    // FULL: a commit is on disk before we acknowledge it (≈6× slower per commit, affordable here).
    await writer.$executeRawUnsafe("PRAGMA synchronous = FULL");
    await writer.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    if (env.DATABASE_READ_ONLY === "true") await writer.$executeRawUnsafe("PRAGMA query_only = 1");
    if (env.DATABASE_MAX_PAGES) await writer.$queryRawUnsafe(`PRAGMA max_page_count = ${env.DATABASE_MAX_PAGES}`);
  })();
  return { reader, writer, hot, ready };
}

// One set of connections per process, kept across dev rebuilds.
const g = globalThis as unknown as { __caunoiDb?: Clients };
const clients = (g.__caunoiDb ??= connect());

/** Read-only client. Any write through it fails at the SQLite level. */
export const db = clients.reader;

const inWrite = new AsyncLocalStorage<{ afterCommit: (() => void)[] }>();

/**
 * Runs `fn` as one atomic write. Everything `fn` writes commits together or not at all.
 * Keep slow work (hashing passwords, rendering PDFs) outside: the writer is exclusive.
 */
export async function write<T>(fn: (tx: Tx) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  if (inWrite.getStore()) throw new Error("write() called inside write(): pass the tx down instead");
  await clients.ready;
  const store = { afterCommit: [] as (() => void)[] };
  let result: T;
  try {
    result = await inWrite.run(store, () => clients.writer.$transaction(fn, { maxWait: 60_000, timeout: opts.timeoutMs ?? 20_000 }));
  } catch (e) {
    throw storageFailure(e) ?? e;
  }
  for (const task of store.afterCommit) {
    try {
      task();
    } catch (e) {
      // Committed is committed: a failing side task is logged, never reported as a failed write.
      console.error("after-commit task failed:", e);
    }
  }
  return result;
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
function storageFailure(e: unknown): Response | null {
  const text = `${e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? "")}` : String(e)}`;
  if (!/SQLITE_FULL|database or disk is full|SQLITE_READONLY|readonly database|read-only|SQLITE_IOERR|disk I\/O error/i.test(text)) return null;
  console.error("storage failure:", text);
  return new Response(
    "Không lưu được: bộ nhớ của máy chủ đầy hoặc đang chỉ cho đọc. Chưa có gì được ghi; vui lòng thử lại sau. / Not saved: the server's storage is full or read-only. Nothing was written.",
    {
      status: 503,
      statusText: "Storage unavailable",
      headers: { "Retry-After": "300", "Content-Type": "text/plain; charset=utf-8" },
    },
  );
}

const statements = new Map<string, Database.Statement>();

function prepared(sql: string): Database.Statement {
  let st = statements.get(sql);
  if (!st) {
    st = clients.hot.prepare(sql);
    statements.set(sql, st);
  }
  return st;
}

// better-sqlite3 binds numbers, strings, bigints and null; SQLite stores booleans as 0/1.
const bindable = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v);

/**
 * Runs a read of fixed SQL (a Prisma.sql template, so values stay bound parameters) on the hot
 * connection, with its statement prepared once. Integers come back as numbers.
 */
export function hotRead<T>(query: Prisma.Sql): T[] {
  return prepared(query.sql).all(...query.values.map(bindable)) as T[];
}

/**
 * A number that changes whenever anything commits to the database, from this process or any
 * other (SQLite's `PRAGMA data_version` as seen by a connection that never writes): the
 * generation that cached results are keyed on, so none outlives the write that changes it.
 */
export function dataGeneration(): number {
  return prepared("PRAGMA data_version").pluck().get() as number;
}

/** Waits until both connections are configured (for scripts that read before writing). */
export function dbReady(): Promise<void> {
  return clients.ready;
}

export async function disconnect(): Promise<void> {
  await Promise.all([clients.reader.$disconnect(), clients.writer.$disconnect()]);
  statements.clear();
  clients.hot.close();
  delete g.__caunoiDb;
}
