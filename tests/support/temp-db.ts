// Temporary files for a test file, under the run's directory (tests/support/global-setup.ts),
// which is removed when the run ends.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { createDatabase } from "./pg-cluster";

/** A new empty directory for this test file's scratch files. */
export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(inject("tempRoot"), `caunoi-${name}-`));
}

/**
 * Gives a test file its own database: a SQLite file, or in the PostgreSQL run
 * (TEST_DB=postgresql) a new database on the run's cluster. Call before importing anything that
 * reads env. Returns the SQLite file's path ("" on PostgreSQL).
 */
export function tempDatabase(name: string): string {
  process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret";
  if (onPostgres()) {
    const socket = process.env.TEST_PG_SOCKET;
    if (!socket) throw new Error("TEST_DB=postgresql without a cluster (tests/support/global-setup.ts)");
    process.env.DATABASE_URL = createDatabase(socket, `${name.replace(/[^a-z0-9]/gi, "_")}_${crypto.randomBytes(4).toString("hex")}`.toLowerCase());
    return "";
  }
  const file = path.join(tempDir(name), "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  return file;
}

/** Whether this run's suites are on PostgreSQL (`vitest.pg.config.ts`). */
export function onPostgres(): boolean {
  return process.env.TEST_DB === "postgresql";
}
