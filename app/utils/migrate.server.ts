// Applies prisma/migrations/*/migration.sql in order, recording them in Prisma's own
// `_prisma_migrations` table so `prisma migrate deploy/dev` stay in agreement with it.
// Done with a raw better-sqlite3 connection because the server, the CLI and every test
// must be able to create and migrate a database file synchronously and offline
// (docs/decisions/0009-migrations.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

type ForeignKeyViolation = { table: string; rowid: number | null; parent: string; fkid: number };

// Every entry point (npm scripts, remix-serve, vitest, playwright) runs from the project root.
export function migrationsDir(): string {
  const dir = path.resolve("prisma", "migrations");
  if (!fs.existsSync(dir)) throw new Error(`prisma/migrations not found from ${process.cwd()}`);
  return dir;
}

/**
 * Creates the file if missing, switches it to WAL, applies pending migrations. Returns names applied.
 * `dir` is the migrations directory (the project's own unless a test passes another).
 */
export function migrateDatabase(dbPath: string, dir: string = migrationsDir()): string[] {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(MIGRATIONS_TABLE);
    const done = new Set(
      (
        db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as {
          migration_name: string;
        }[]
      ).map((r) => r.migration_name),
    );
    const names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      if (applyOne(db, name, sql)) applied.push(name);
    }
    return applied;
  } finally {
    db.close();
  }
}

/**
 * One migration, the way SQLite documents schema changes (lang_altertable.html, "Making Other
 * Kinds Of Table Schema Changes"): foreign keys off *outside* the transaction (inside one the
 * pragma is ignored, so a table rebuild's DROP TABLE would cascade into child tables or be
 * refused), the work in one IMMEDIATE transaction (a second process racing us waits, then
 * skips), `foreign_key_check` before commit (anything dangling rolls the whole migration
 * back), then foreign keys on again. Returns false if another process had applied it.
 */
function applyOne(db: Database.Database, name: string, sql: string): boolean {
  const checksum = crypto.createHash("sha256").update(sql).digest("hex");
  db.pragma("foreign_keys = OFF");
  try {
    return db
      .transaction(() => {
        const again = db.prepare(`SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL`).get(name);
        if (again) return false;
        db.exec(sql);
        const dangling = db.pragma("foreign_key_check") as ForeignKeyViolation[];
        if (dangling.length > 0) throw new Error(danglingMessage(name, dangling));
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(crypto.randomUUID(), checksum, name);
        return true;
      })
      .immediate();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}

function danglingMessage(name: string, rows: ForeignKeyViolation[]): string {
  const byLink = new Map<string, number>();
  for (const r of rows) byLink.set(`${r.table} → ${r.parent}`, (byLink.get(`${r.table} → ${r.parent}`) ?? 0) + 1);
  const links = [...byLink]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([link, n]) => `${n} row(s) ${link}`)
    .join(", ");
  return `migration ${name} rolled back: it would leave foreign keys pointing at missing rows (${links})`;
}
