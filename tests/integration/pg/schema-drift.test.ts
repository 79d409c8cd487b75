// The checked-in PostgreSQL migration history builds exactly the schema the model describes:
// database A gets every migration in prisma/postgresql/migrations (as the app applies them at
// start), database B gets what Prisma writes for prisma/postgresql/schema.prisma from nothing,
// and their tables, columns, keys, indexes and foreign keys must be the same. A change to the
// model without its PostgreSQL migration fails here (tests/unit/db-engines.test.ts catches the
// cheaper half: a schema not regenerated, a migration missing by name).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migratePostgres } from "~/utils/migrate-postgres.server";
import { HAND_WRITTEN_INDEXES, HAND_WRITTEN_PG_MIGRATIONS, PG_MIGRATIONS, PG_SCHEMA, postgresMigration } from "../../../scripts/db-engines-lib";
import { createDatabase, testCluster } from "../../support/pg-cluster";
import { runCommand } from "../../support/run";
import { tempDir } from "../../support/temp-db";

type Catalogue = Record<string, { columns: unknown[]; constraints: unknown[]; indexes: unknown[] }>;

/**
 * What the named tables are made of, sorted by name (ALTER TABLE adds columns last), without the
 * indexes written by hand beyond the model.
 */
async function catalogue(client: pg.Client, tables: string[]): Promise<Catalogue> {
  const columns = await client.query(
    `SELECT table_name AS t, column_name, data_type, udt_name, is_nullable, column_default,
            character_maximum_length, numeric_precision, numeric_scale
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1)
      ORDER BY table_name, column_name`,
    [tables],
  );
  const constraints = await client.query(
    `SELECT cl.relname AS t, con.conname, con.contype, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class cl ON cl.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = 'public' AND cl.relname = ANY($1) AND con.contype IN ('p', 'u', 'f', 'c')
      ORDER BY cl.relname, con.conname`,
    [tables],
  );
  const indexes = await client.query(
    `SELECT tablename AS t, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = ANY($1) AND NOT indexname = ANY($2)
      ORDER BY tablename, indexname`,
    [tables, HAND_WRITTEN_INDEXES],
  );
  const out: Catalogue = Object.fromEntries(tables.map((t) => [t, { columns: [], constraints: [], indexes: [] }]));
  const put = (kind: keyof Catalogue[string], rows: { t: string }[]) => {
    for (const { t, ...rest } of rows) out[t][kind].push(rest);
  };
  put("columns", columns.rows);
  put("constraints", constraints.rows);
  put("indexes", indexes.rows);
  return out;
}

async function tableNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Tables the hand-written PostgreSQL migrations make, which the model does not describe. */
function handWrittenTables(): string[] {
  return HAND_WRITTEN_PG_MIGRATIONS.flatMap((m) =>
    [...fs.readFileSync(path.join(PG_MIGRATIONS, m, "migration.sql"), "utf8").matchAll(/CREATE TABLE\s+"([^"]+)"/gi)].map((x) => x[1]),
  );
}

const cluster = testCluster();
let migrated: pg.Client; // A
let fromModel: pg.Client; // B

beforeAll(async () => {
  const suffix = crypto.randomBytes(4).toString("hex");
  const urlA = createDatabase(cluster.socketDir, `drift_migrated_${suffix}`);
  const urlB = createDatabase(cluster.socketDir, `drift_model_${suffix}`);
  await migratePostgres(urlA, path.resolve(PG_MIGRATIONS));

  // Prisma's config (prisma.config.ts) opens a SQLite file even to diff a schema against nothing.
  const diff = await runCommand(
    process.execPath,
    ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-empty", "--to-schema-datamodel", PG_SCHEMA, "--script"],
    { env: { ...process.env, DATABASE_URL: `file:${path.join(tempDir("pg-drift"), "prisma.db")}` } },
  );
  expect(diff.status, diff.stderr).toBe(0);
  [migrated, fromModel] = [new pg.Client({ connectionString: urlA }), new pg.Client({ connectionString: urlB })];
  await Promise.all([migrated.connect(), fromModel.connect()]);
  await fromModel.query(postgresMigration(diff.stdout));
});

afterAll(async () => {
  await Promise.all([migrated?.end(), fromModel?.end()]);
  cluster.stop();
});

it("has the model's tables, and besides them only the migrations record and the hand-written tables", async () => {
  const model = await tableNames(fromModel);
  expect(model.length).toBeGreaterThan(10);
  expect(await tableNames(migrated), "tables the migrations make that the model lacks, or the other way round").toEqual(
    [...model, "_prisma_migrations", ...handWrittenTables()].sort(),
  );
});

it("has every index written by hand beyond the model, as SQLite has", async () => {
  const names = async (client: pg.Client) =>
    (await client.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'`)).rows.map((r) => r.name);
  const model = await names(fromModel);
  // The hand-written tables' own keys are not the model's either.
  const own = (await catalogue(migrated, ["_prisma_migrations", ...handWrittenTables()])) as Catalogue;
  const ownIndexes = Object.values(own).flatMap((t) => t.indexes.map((i) => (i as { indexname: string }).indexname));
  expect((await names(migrated)).filter((n) => !model.includes(n) && !ownIndexes.includes(n)).sort()).toEqual([...HAND_WRITTEN_INDEXES].sort());
});

it("gives every table of the model the same columns, keys, indexes and foreign keys as the model", async () => {
  const tables = await tableNames(fromModel);
  const want = await catalogue(fromModel, tables);
  const have = await catalogue(migrated, tables);
  // Only the tables that differ, so a failure names each of them and shows nothing else.
  const drifted = tables.filter((t) => !isDeepStrictEqual(have[t], want[t]));
  const only = (c: Catalogue) => Object.fromEntries(drifted.map((t) => [t, c[t]]));
  expect(only(have), "the migrations do not build the model: was prisma/schema.prisma changed without `npm run db:new-migration`?").toEqual(only(want));
});
