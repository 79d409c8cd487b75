// The checked-in SQLite migration history builds exactly the schema prisma/schema.prisma
// describes: a file given every migration (migrateDatabase, as the app does at start) against a
// file given what Prisma writes for the model from nothing; their tables, columns, keys, indexes
// and foreign keys must be the same. A change to the model without its migration fails here.
// (PostgreSQL's history: tests/integration/pg/schema-drift.test.ts.)
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase } from "~/utils/migrate.server";
import { HAND_WRITTEN_INDEXES } from "../../scripts/db-engines-lib";
import { runCommand } from "../support/run";
import { tempDir } from "../support/temp-db";

type Table = { columns: unknown[]; indexes: unknown[]; foreignKeys: unknown[] };

const tableNames = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

/**
 * A table's make-up, sorted by name (ALTER TABLE adds columns last, a rebuild numbers keys anew),
 * without the indexes written by hand beyond the model.
 */
function table(db: Database.Database, name: string): Table {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const columns = (db.pragma(`table_info("${name}")`) as { cid: number; name: string }[]).map(({ cid: _, ...c }) => c).sort(byName);
  const indexes = (db.pragma(`index_list("${name}")`) as { seq: number; name: string; unique: number; origin: string; partial: number }[])
    .filter((i) => !HAND_WRITTEN_INDEXES.includes(i.name))
    .map(({ seq: _, ...i }) => ({ ...i, columns: (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name) }))
    .sort(byName);
  const foreignKeys = (db.pragma(`foreign_key_list("${name}")`) as { id: number; seq: number; table: string; from: string }[])
    .map(({ id: _, seq: __, ...f }) => f)
    .sort((a, b) => `${a.table} ${a.from}`.localeCompare(`${b.table} ${b.from}`));
  return { columns, indexes, foreignKeys };
}

let migrated: Database.Database; // every migration
let fromModel: Database.Database; // the model, from nothing

beforeAll(async () => {
  const dir = tempDir("schema-drift");
  migrateDatabase(path.join(dir, "migrated.db"));
  // Prisma's config (prisma.config.ts) opens a SQLite file even to diff a schema against nothing.
  const diff = await runCommand(
    process.execPath,
    ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-empty", "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script"],
    { env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "prisma.db")}` } },
  );
  expect(diff.status, diff.stderr).toBe(0);
  migrated = new Database(path.join(dir, "migrated.db"));
  fromModel = new Database(path.join(dir, "model.db"));
  fromModel.exec(diff.stdout);
});

afterAll(() => {
  migrated?.close();
  fromModel?.close();
});

it("has the model's tables, and besides them only the migrations record", () => {
  const model = tableNames(fromModel);
  expect(model.length).toBeGreaterThan(10);
  expect(tableNames(migrated), "tables the migrations make that the model lacks, or the other way round").toEqual([...model, "_prisma_migrations"].sort());
});

it("has every index written by hand beyond the model", () => {
  const names = (db: Database.Database) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]).map((r) => r.name);
  const model = names(fromModel);
  expect(
    names(migrated)
      .filter((n) => !model.includes(n) && !n.startsWith("sqlite_"))
      .sort(),
  ).toEqual([...HAND_WRITTEN_INDEXES].sort());
});

it("gives every table of the model the same columns, keys, indexes and foreign keys as the model", () => {
  const tables = tableNames(fromModel);
  const drifted = tables.filter((t) => !isDeepStrictEqual(table(migrated, t), table(fromModel, t)));
  const only = (db: Database.Database) => Object.fromEntries(drifted.map((t) => [t, table(db, t)]));
  expect(only(migrated), "the migrations do not build the model: was prisma/schema.prisma changed without `npm run db:new-migration`?").toEqual(
    only(fromModel),
  );
});
