// One model, two engines (docs/decisions/0033-two-engines.md): prisma/schema.prisma is the
// source, written for SQLite; the PostgreSQL schema Prisma needs is derived from it here and
// checked in, and a test fails when the two drift.
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const PG_DIR = path.join("prisma", "postgresql");
export const PG_SCHEMA = path.join(PG_DIR, "schema.prisma");
export const PG_MIGRATIONS = path.join(PG_DIR, "migrations");

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:engines\`: do not edit. The model lives
// there; this is the same model for PostgreSQL (its own client in app/generated/prisma-pg).
`;

/** The PostgreSQL schema for a given SQLite schema text: same models, other provider and client. */
export function postgresSchema(sqlite: string): string {
  const replace = (s: string, from: RegExp, to: string) => {
    if (!from.test(s)) throw new Error(`prisma/schema.prisma: expected ${from} (the generator or datasource block changed?)`);
    return s.replace(from, to);
  };
  let s = replace(sqlite, /^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"');
  s = replace(s, /^(\s*output\s*=\s*)"\.\.\/app\/generated\/prisma"/m, '$1"../../app/generated/prisma-pg"');
  s = replace(s, /^(\s*url\s*=\s*)"file:[^"]*"/m, '$1"postgresql://localhost/unused"');
  return HEADER + s;
}

export function readSqliteSchema(root = "."): string {
  return fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8");
}

/**
 * A PostgreSQL migration as Prisma writes it, with Prisma's `Int` made 64-bit: SQLite's
 * INTEGER is, and a contract's total in VND passes PostgreSQL's 32-bit INTEGER (2.1 billion) at
 * about 20 tonnes of coffee. Prisma's client reads and writes such a column as a number.
 */
export function postgresMigration(prismaSql: string): string {
  return prismaSql.replace(/\bINTEGER\b/g, "BIGINT").replace(/\bSERIAL\b/g, "BIGSERIAL");
}

/** The first PostgreSQL migration: the whole model as it stood when PostgreSQL came in. */
export const PG_BASELINE = "20261202160000_baseline";

/**
 * PostgreSQL migrations with no SQLite migration of the same name: SQL written by hand for this
 * engine alone (its triggers and views). Every other one is the baseline or carries the name of
 * the SQLite migration it matches, which tests/unit/db-engines.test.ts holds the history to.
 */
export const HAND_WRITTEN_PG_MIGRATIONS: readonly string[] = [
  "20261202160001_engine",
  "20261202160002_cache_generation",
  "20261202160003_trace_pickup_only_key",
  "20261202160004_rate_limits",
];

/**
 * Indexes written by hand into the migrations of both engines because Prisma's model cannot say
 * them (a partial unique index). The schema-drift tests allow these, and only these, beyond the
 * model, and require each engine to have every one.
 */
export const HAND_WRITTEN_INDEXES: readonly string[] = [
  // One public code per pickup (its lots have their own): 20261202120054_trace_and_reach.
  "TraceCode_pickup_only_key",
];
