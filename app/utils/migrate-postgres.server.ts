// Applies prisma/postgresql/migrations/*/migration.sql in order, recorded in Prisma's own
// `_prisma_migrations` table as on SQLite (app/utils/migrate.server.ts). Several app processes
// may start at once against one database: an advisory lock makes them take turns, and the
// ones that come second find the work done. Each migration is one transaction (PostgreSQL's
// DDL is transactional), so a failed one leaves nothing behind.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number: the lock only has to be the same for every process of this app.
const MIGRATION_LOCK = 7_240_611;

export function postgresMigrationsDir(): string {
  const dir = path.resolve("prisma", "postgresql", "migrations");
  if (!fs.existsSync(dir)) throw new Error(`prisma/postgresql/migrations not found from ${process.cwd()}`);
  return dir;
}

/** Applies pending migrations to the database at `url`; returns the names applied. */
export async function migratePostgres(url: string, dir: string = postgresMigrationsDir()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed and was rolled back: ${e instanceof Error ? e.message : String(e)}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end(); // ends the session, which releases the advisory lock
  }
}
