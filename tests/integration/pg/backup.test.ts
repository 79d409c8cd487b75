// Backup and restore on PostgreSQL by its own tools: `npm run cli -- backup` runs pg_dump while
// the app is live; the dump restores into a new database with pg_restore, triggers and all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../support/pg-cluster";
import { runCommand } from "../../support/run";
import { tempDatabase, tempDir } from "../../support/temp-db";

tempDatabase("pg-backup");
const { signup } = await import("~/domain/accounts.server");
const { dbReady, disconnect } = await import("~/utils/db.server");

beforeAll(async () => {
  await dbReady();
  for (const [name, phone] of [
    ["Vàng Thị Dua", "0912000601"],
    ["Sùng A Chứ", "0912000602"],
  ])
    expect((await signup({ name, phone, password: "mật-khẩu-2026", locale: "vi" })).ok).toBe(true);
});
afterAll(() => disconnect());

const cli = (args: string[]) => runCommand("node_modules/.bin/tsx", ["scripts/cli.ts", ...args]);

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

describe("npm run cli -- backup on PostgreSQL", () => {
  it("writes a pg_dump that restores into a new database with the rows and the append-only triggers", async () => {
    const file = path.join(tempDir("pg-backup"), "caunoi.dump");
    const r = await cli(["backup", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const restored = createDatabase(process.env.TEST_PG_SOCKET!, `restored_${Date.now()}`);
    const pgRestore = spawnSync("pg_restore", ["--no-owner", `--dbname=${restored}`, file], { encoding: "utf8" });
    expect(pgRestore.status, pgRestore.stderr).toBe(0);
    const names = (await query<{ name: string }>(restored, `SELECT "name" FROM "User" ORDER BY "name"`)).map((u) => u.name);
    expect(names).toEqual(["Sùng A Chứ", "Vàng Thị Dua"]);
    const triggers = await query<{ tgname: string }>(restored, `SELECT tgname FROM pg_trigger WHERE tgname = 'Pickup_no_update'`);
    expect(triggers).toHaveLength(1);
  });

  it("restore on PostgreSQL changes nothing and says how to restore with pg_restore", async () => {
    const r = await cli(["restore", "/nonexistent.dump"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("pg_restore");
    expect(r.stderr).toContain("Nothing was changed");
  });
});
