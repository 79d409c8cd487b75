// A connection to the test file's database that bypasses the app, as someone with the database
// file or a psql prompt would have: to show that the database itself refuses a change (its
// triggers), or to change a row behind the triggers' back. The same calls on both engines;
// statements are written with `?` placeholders and SQL both engines read.
import Database from "better-sqlite3";
import pg from "pg";
import { onPostgres } from "./temp-db";

export type RawDb = {
  /** Runs one statement; the number of rows it changed. */
  run(sql: string, ...args: unknown[]): Promise<number>;
  rows<T = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** Runs `fn` inside a transaction that is always rolled back. */
  rolledBack<T>(fn: () => Promise<T>): Promise<T>;
  /** Drops one of the database's triggers (SQLite names them alone, PostgreSQL with their table). */
  dropTrigger(name: string, table: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * The test file's database (`file` is tempDatabase()'s answer; "" on PostgreSQL), or another
 * one: a SQLite file, or on PostgreSQL its URL.
 */
export async function rawDatabase(file: string): Promise<RawDb> {
  if (onPostgres()) return rawPostgres(file || process.env.DATABASE_URL!);
  const raw = new Database(file);
  const bind = (args: unknown[]) => args.map((v) => (typeof v === "boolean" ? Number(v) : v));
  return {
    run: async (sql, ...args) => raw.prepare(sql).run(...bind(args)).changes,
    rows: async <T>(sql: string, ...args: unknown[]) => raw.prepare(sql).all(...bind(args)) as T[],
    async rolledBack(fn) {
      raw.exec("BEGIN IMMEDIATE");
      try {
        return await fn();
      } finally {
        raw.exec("ROLLBACK");
      }
    },
    dropTrigger: async (name) => void raw.exec(`DROP TRIGGER "${name}"`),
    close: async () => void raw.close(),
  };
}

// PostgreSQL's 64-bit integers and numerics (the app's BIGINT columns, COUNT, SUM) come back as
// numbers, as SQLite's do; the app's values stay far below 2^53 (docs/decisions/0033-two-engines.md).
const INT8 = 20;
const NUMERIC = 1700;
const asNumbers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 || oid === NUMERIC ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

async function rawPostgres(url: string): Promise<RawDb> {
  const client = new pg.Client({ connectionString: url, types: asNumbers });
  await client.connect();
  const numbered = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  return {
    run: async (sql, ...args) => (await client.query(numbered(sql), args)).rowCount ?? 0,
    rows: async <T>(sql: string, ...args: unknown[]) => (await client.query(numbered(sql), args)).rows as T[],
    async rolledBack(fn) {
      await client.query("BEGIN");
      try {
        return await fn();
      } finally {
        await client.query("ROLLBACK");
      }
    },
    dropTrigger: async (name, table) => void (await client.query(`DROP TRIGGER "${name}" ON "${table}"`)),
    close: () => client.end(),
  };
}
