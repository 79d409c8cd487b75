// Temporary files for a test file, under the run's directory (tests/support/global-setup.ts),
// which is removed when the run ends.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

/** A new empty directory for this test file's scratch files. */
export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(inject("tempRoot"), `caunoi-${name}-`));
}

/** Gives a test file its own SQLite file. Call before importing anything that reads env. */
export function tempDatabase(name: string): string {
  const file = path.join(tempDir(name), "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret";
  return file;
}
