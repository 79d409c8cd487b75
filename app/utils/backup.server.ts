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

/** Checks a backup file, then swaps it in for `dbPath`. Stop the server first. */
export function restoreDatabase(backup: string, dbPath: string): { tables: number } {
  const src = new Database(backup, { readonly: true, fileMustExist: true });
  let tables = 0;
  try {
    const ok = src.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new Error(`Backup failed its integrity check: ${ok}`);
    tables = (src.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() as { n: number }).n;
    if (!tables) throw new Error("Not a Cầu Nối database (no migrations table)");
  } finally {
    src.close();
  }
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const tmp = `${dbPath}.restoring`;
  fs.copyFileSync(backup, tmp);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
  fs.renameSync(tmp, dbPath);
  return { tables };
}
