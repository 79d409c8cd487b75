// Moving an installation from its SQLite file to PostgreSQL (docs/decisions/0034-copy-to-postgres.md):
// every row of every table, as it is, into a new PostgreSQL database migrated to the same schema.
// Not a bundle export/import: a bundle carries the programme's data, not the accounts, sessions,
// outbox, anchors and hash chains an installation also is. The rows are copied as stored, so the
// chains still verify and the totals kept on write are the ones SQLite kept (the triggers that
// would add them again are off during the copy).
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres } from "./migrate-postgres.server";

export type CopyProgress = (line: string) => void;
export type CopyResult = { tables: number; rows: number; seconds: number; counts: Record<string, number> };

/** Tables kept by each engine's own migration bookkeeping, never copied. */
const BOOKKEEPING = new Set(["_prisma_migrations"]);
// PostgreSQL's bind parameters per statement are at most 65,535.
const MAX_PARAMS = 60_000;
const MAX_ROWS = 2_000;

export class CopyRefused extends Error {}

/**
 * Copies the SQLite database `file` into the PostgreSQL database `url`, which must hold no data
 * yet (it is migrated first). All in one transaction: a failure leaves it as empty as it was.
 * Runs with triggers off (`session_replication_role = replica`), which needs a superuser.
 */
export async function copyToPostgres(file: string, url: string, progress: CopyProgress = () => {}): Promise<CopyResult> {
  const started = Date.now();
  const source = new Database(file, { readonly: true, fileMustExist: true });
  await migratePostgres(url);
  const target = new pg.Client({ connectionString: url });
  await target.connect();
  // One read transaction: every table as of the same moment, even if the app still writes.
  source.exec("BEGIN");
  try {
    const sourceTables = (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[]).filter(
      (t) => !BOOKKEEPING.has(t),
    );
    const columns = await targetColumns(target);
    const missing = sourceTables.filter((t) => !columns.has(t) && count(source, t) > 0);
    if (missing.length) throw new CopyRefused(`PostgreSQL has no table for ${missing.join(", ")}: is the app's code older than the SQLite file?`);
    const tables = sourceTables.filter((t) => columns.has(t));
    const filled: string[] = [];
    for (const t of tables) if ((await target.query(`SELECT 1 FROM "${t}" LIMIT 1`)).rowCount) filled.push(t);
    if (filled.length) throw new CopyRefused(`the PostgreSQL database already holds data (${filled.slice(0, 5).join(", ")}): copy into a new, empty database`);

    await target.query("BEGIN");
    try {
      await target.query("SET LOCAL session_replication_role = replica").catch((e: unknown) => {
        throw new CopyRefused(`the copy turns the database's triggers off while it loads, which needs a superuser: ${e instanceof Error ? e.message : e}`);
      });
      const counts: Record<string, number> = {};
      let rows = 0;
      for (const t of tables) {
        counts[t] = await copyTable(source, target, t, columns.get(t)!, (n) => progress(`${t}: ${n.toLocaleString("en")} rows`));
        rows += counts[t];
      }
      await resetSequences(target);
      for (const t of tables) {
        const [{ n }] = (await target.query(`SELECT COUNT(*)::bigint AS n FROM "${t}"`)).rows as { n: string }[];
        if (Number(n) !== counts[t]) throw new Error(`${t}: ${counts[t]} rows read, ${n} in PostgreSQL`);
      }
      await target.query("COMMIT");
      return { tables: tables.length, rows, seconds: (Date.now() - started) / 1000, counts };
    } catch (e) {
      await target.query("ROLLBACK").catch(() => {});
      throw e;
    }
  } finally {
    source.close();
    await target.end();
  }
}

type Column = { name: string; type: string };

async function targetColumns(target: pg.Client): Promise<Map<string, Column[]>> {
  const { rows } = await target.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, Column[]>();
  for (const r of rows) {
    if (!byTable.has(r.table_name)) byTable.set(r.table_name, []);
    byTable.get(r.table_name)!.push({ name: r.column_name, type: r.data_type });
  }
  return byTable;
}

function count(source: Database.Database, table: string): number {
  return source.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number;
}

/** A SQLite value as PostgreSQL's column takes it: booleans from 0/1, timestamps from text or milliseconds. */
function converter(type: string): (v: unknown) => unknown {
  if (type === "boolean") return (v) => (v === null ? null : Boolean(v));
  // Prisma keeps DateTime in UTC on both engines; text is ISO with its offset, numbers are ms.
  if (type.startsWith("timestamp")) return (v) => (typeof v === "number" || typeof v === "bigint" ? new Date(Number(v)).toISOString() : v);
  return (v) => (typeof v === "bigint" ? v.toString() : v);
}

async function copyTable(source: Database.Database, target: pg.Client, table: string, all: Column[], progress: (n: number) => void): Promise<number> {
  const present = new Set((source.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map(String));
  // A column PostgreSQL has and the file lacks keeps its default (a migration newer than the file's).
  const cols = all.filter((c) => present.has(c.name));
  const convert = cols.map((c) => converter(c.type));
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / cols.length)));
  const names = cols.map((c) => `"${c.name}"`).join(", ");
  const read = source.prepare(`SELECT ${names} FROM "${table}"`).raw(true);
  read.safeIntegers(true);
  let batch: unknown[][] = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v, i) => (values.push(convert[i](v)), `$${values.length}`)).join(", ")})`);
    await target.query(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(", ")}`, values);
    if (Math.floor((n + batch.length) / 100_000) > Math.floor(n / 100_000)) progress(n + batch.length);
    n += batch.length;
    batch = [];
  };
  for (const row of read.iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  return n;
}

/** Serial columns go on from the largest copied value, so the next row PostgreSQL numbers is new. */
async function resetSequences(target: pg.Client) {
  const { rows } = await target.query<{ table_name: string; column_name: string; seq: string }>(
    `SELECT table_name, column_name, pg_get_serial_sequence(format('%I', table_name), column_name) AS seq
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
  );
  for (const r of rows) {
    await target.query(`SELECT setval($1, COALESCE((SELECT MAX("${r.column_name}") FROM "${r.table_name}"), 0) + 1, false)`, [r.seq]);
  }
}
