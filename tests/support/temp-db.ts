// Gives a test file its own SQLite file. Call before importing anything that reads env.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDatabase(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `caunoi-${name}-`));
  const file = path.join(dir, "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret";
  return file;
}
