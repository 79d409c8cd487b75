// Online backup and restore of the SQLite file (better-sqlite3's backup API copies a live
// database page by page while writes continue; the copy is a consistent snapshot).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export async function backupDatabase(dbPath: string, target: string): Promise<{ pages: number }> {
  if (!fs.existsSync(dbPath)) throw new Error(`No database at ${dbPath}`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(dbPath, { readonly: true, timeout: 10_000 });
  try {
    const r = await db.backup(tmp);
    fs.renameSync(tmp, target); // a half-written backup never has the final name
    return { pages: r.totalPages };
  } finally {
    db.close();
  }
}

/** Another process (the server, a backup, a sqlite3 shell) has the database open. */
export class DatabaseInUseError extends Error {
  constructor(dbPath: string) {
    super(`${dbPath} is open in another process (the server?). Stop the server first, then run restore again; nothing was changed.`);
  }
}

type SchemaRow = { type: string; name: string; sql: string };
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Checks a backup file, then replaces the live database's contents with it in one exclusive
 * SQLite transaction on the live file itself (docs/decisions/0012-restore.md). Throws
 * DatabaseInUseError, changing nothing, while any other connection has the database open: a
 * server would otherwise go on acknowledging writes that the restore then silently discards.
 */
export function restoreDatabase(backup: string, dbPath: string): { tables: number } {
  if (!fs.existsSync(backup)) throw new Error(`No backup at ${backup}`);
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  // A private copy is what gets checked and loaded: the backup file itself is only read.
  const copy = `${dbPath}.restoring`;
  const removeCopy = () => ["", "-wal", "-shm", "-journal"].forEach((suffix) => fs.rmSync(copy + suffix, { force: true }));
  removeCopy();
  fs.copyFileSync(backup, copy);
  try {
    const tables = checkBackup(copy);
    const live = new Database(dbPath, { timeout: 0 });
    try {
      // EXCLUSIVE locking mode: the first transaction takes an exclusive lock on the file and
      // keeps it until close. Every other connection to a WAL database holds a shared lock on
      // the file for as long as it is open, so this is refused at once (timeout 0) while a
      // server or anything else has the database open, and nothing can open it meanwhile.
      live.pragma("main.locking_mode = EXCLUSIVE");
      try {
        live.exec("BEGIN EXCLUSIVE; COMMIT");
      } catch (e) {
        if (/^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? "")) throw new DatabaseInUseError(dbPath);
        throw e;
      }
      live.pragma("foreign_keys = OFF"); // tables are dropped and refilled in any order
      live.prepare("ATTACH DATABASE ? AS backup").run(copy);
      live.exec("BEGIN EXCLUSIVE");
      try {
        replaceContents(live);
        live.exec("COMMIT");
      } catch (e) {
        if (live.inTransaction) live.exec("ROLLBACK");
        throw e;
      }
      live.exec("DETACH DATABASE backup");
      live.pragma("journal_mode = WAL");
    } finally {
      live.close();
    }
    return { tables };
  } finally {
    removeCopy();
  }
}

function checkBackup(file: string): number {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = src.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new Error(`Backup failed its integrity check: ${ok}`);
    const isOurs = (src.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() as { n: number }).n;
    if (!isOurs) throw new Error("Not a Cầu Nối database (no migrations table)");
    return (src.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
  } finally {
    src.close();
  }
}

/** Inside the open transaction: main's schema and rows become exactly the backup's. */
function replaceContents(live: Database.Database) {
  const schema = (db: "main" | "backup") =>
    live.prepare(`SELECT type, name, sql FROM ${db}.sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY rowid`).all() as SchemaRow[];
  // Views first; a table takes its indexes and triggers with it.
  const old = schema("main");
  for (const v of old.filter((o) => o.type === "view")) live.exec(`DROP VIEW main.${quote(v.name)}`);
  for (const t of old.filter((o) => o.type === "table")) live.exec(`DROP TABLE main.${quote(t.name)}`);

  const wanted = schema("backup");
  for (const t of wanted.filter((o) => o.type === "table")) {
    live.exec(t.sql); // unqualified CREATE TABLE: created in main
    const columns = (live.prepare(`SELECT name FROM pragma_table_xinfo(?, 'backup') WHERE hidden = 0`).all(t.name) as { name: string }[]).map((c) =>
      quote(c.name),
    );
    // Row ids kept too, so the copy is the backup row for row (storage order included).
    if (!/without\s+rowid\s*$/i.test(t.sql)) columns.unshift("rowid");
    live.exec(`INSERT INTO main.${quote(t.name)} (${columns.join(", ")}) SELECT ${columns.join(", ")} FROM backup.${quote(t.name)}`);
  }
  const hasSequence = (db: string) => live.prepare(`SELECT 1 FROM ${db}.sqlite_master WHERE name = 'sqlite_sequence'`).get();
  if (hasSequence("main")) live.exec("DELETE FROM main.sqlite_sequence");
  if (hasSequence("backup")) live.exec("INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM backup.sqlite_sequence");
  // Indexes, triggers and views once the rows are in (the append-only triggers stay quiet).
  for (const o of wanted.filter((w) => w.type !== "table")) live.exec(o.sql);
  live.pragma(`main.user_version = ${Number(live.pragma("backup.user_version", { simple: true }))}`);
  const broken = live.pragma("main.foreign_key_check") as unknown[];
  if (broken.length) throw new Error(`The backup has ${broken.length} broken reference(s); nothing was restored.`);
}
