// One model, two engines (docs/decisions/0033-two-engines.md): the checked-in PostgreSQL schema
// and migration history must follow prisma/schema.prisma and its SQLite history. Fast checks on
// the files alone; tests/integration/pg/schema-drift.test.ts applies them to a real database.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HAND_WRITTEN_PG_MIGRATIONS, PG_BASELINE, PG_MIGRATIONS, PG_SCHEMA, postgresSchema, readSqliteSchema } from "../../scripts/db-engines-lib";

const SQLITE_MIGRATIONS = path.join("prisma", "migrations");

const migrationNames = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** Migration names sort by their UTC timestamp, as both migrators apply them. */
const newerThanBaseline = (name: string) => name.slice(0, 14) > PG_BASELINE.slice(0, 14);

describe("the PostgreSQL schema", () => {
  it("is the one derived from prisma/schema.prisma", () => {
    const want = postgresSchema(readSqliteSchema());
    const have = fs.readFileSync(PG_SCHEMA, "utf8");
    expect(have === want, `${PG_SCHEMA} is out of date: run \`npm run db:engines\``).toBe(true);
  });
});

describe("the PostgreSQL migration history", () => {
  const sqlite = migrationNames(SQLITE_MIGRATIONS);
  const postgres = migrationNames(PG_MIGRATIONS);

  it("starts with the baseline and has every hand-written migration it lists", () => {
    expect(postgres[0]).toBe(PG_BASELINE);
    expect(HAND_WRITTEN_PG_MIGRATIONS.filter((m) => !postgres.includes(m))).toEqual([]);
  });

  it("has no migration that is neither the baseline, hand-written, nor named after a SQLite one", () => {
    const strays = postgres.filter((m) => m !== PG_BASELINE && !HAND_WRITTEN_PG_MIGRATIONS.includes(m) && !sqlite.includes(m));
    expect(strays, "a PostgreSQL migration without its SQLite one (or a hand-written one missing from HAND_WRITTEN_PG_MIGRATIONS)").toEqual([]);
  });

  it("has a migration for every SQLite migration made after the baseline", () => {
    const missing = sqlite.filter((m) => newerThanBaseline(m) && !postgres.includes(m));
    expect(missing, "SQLite migrations without a PostgreSQL one: make both with `npm run db:new-migration -- <name>`").toEqual([]);
  });
});
