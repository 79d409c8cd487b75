// Moving an installation from SQLite to PostgreSQL: `npm run cli -- copy-to-postgres` copies the
// demo installation (made by `npm run setup:db` on a SQLite file) into a new PostgreSQL database.
// Every table holds the same rows, the chains and totals verify there against the same signing
// key and anchor log, the server serves and writes on it, and a second copy into it is refused.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../support/pg-cluster";
import { runCommand } from "../../support/run";
import { Client, startServer, type AppServer } from "../../support/server";
import { tempDir } from "../../support/temp-db";

const dir = tempDir("copy-to-pg");
const file = path.join(dir, "caunoi.db");
const url = createDatabase(process.env.TEST_PG_SOCKET!, `copy_to_pg_${process.pid}`);
const { DATA_DIR: _unused, ...inherited } = process.env;
const sqliteEnv = { ...inherited, DATABASE_URL: `file:${file}` };
const pgEnv = { ...process.env, DATABASE_URL: url, DATA_DIR: dir };
const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) => runCommand("node_modules/.bin/tsx", [script, ...args], { env });

let server: AppServer | undefined;
afterAll(async () => {
  await server?.stop();
});

async function pgCounts(tables: string[]): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await c.query(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n);
    return counts;
  } finally {
    await c.end();
  }
}

function sqliteCounts(): Record<string, number> {
  const raw = new Database(file, { readonly: true });
  try {
    const tables = raw
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((t) => [t, raw.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
  } finally {
    raw.close();
  }
}

beforeAll(async () => {
  const setup = await tsx("scripts/setup-db.ts", [], sqliteEnv);
  expect(setup.status, setup.stderr).toBe(0);
});

describe("npm run cli -- copy-to-postgres", () => {
  it("copies every row; the chains and totals verify on PostgreSQL; the server logs in, reads and writes there", async () => {
    const before = sqliteCounts();
    expect(before.Lot).toBeGreaterThan(50);
    const copy = await tsx("scripts/cli.ts", ["copy-to-postgres", url], sqliteEnv);
    expect(copy.status, copy.stderr).toBe(0);
    expect(copy.stderr).toMatch(/Copied [\d,]+ rows of \d+ tables/);

    expect(await pgCounts(Object.keys(before))).toEqual(before);
    // Numbered rows (checkpoints, audit entries, outbox attempts) go on after the copied numbers.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const t of ["ChainCheckpoint", "AuditLog", "LoginFailure", "DeliveryAttempt"]) {
        const { rows } = await c.query(`SELECT nextval(pg_get_serial_sequence('"${t}"', 'id')) AS next, (SELECT MAX("id") FROM "${t}") AS max`);
        expect(Number(rows[0].next), t).toBeGreaterThan(Number(rows[0].max ?? 0));
      }
    } finally {
      await c.end();
    }
    expect(before.ChainCheckpoint).toBeGreaterThan(0);

    const verify = await tsx("scripts/cli.ts", ["verify"], pgEnv);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);

    server = await startServer(pgEnv);
    const buyer = new Client(server.url);
    await buyer.login("buyer@caunoi.vn", "caunoi-demo-2026");
    const page = await buyer.get("/contracts");
    expect(page.status).toBe(200);
    // A write after the copy: the rows PostgreSQL numbers itself go on after the copied ones.
    const locale = await buyer.post("/locale", { locale: "en", redirectTo: "/" });
    expect(locale.status).toBe(302);
    expect((await pgCounts(["Session"])).Session).toBeGreaterThan(before.Session);
  });

  it("refuses to copy into a database that already holds data, and changes nothing", async () => {
    const tables = Object.keys(sqliteCounts());
    const held = await pgCounts(tables);
    const again = await tsx("scripts/cli.ts", ["copy-to-postgres", url], sqliteEnv);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already holds data");
    expect(await pgCounts(tables)).toEqual(held);
  });

  it("says what it needs when the URL is not a PostgreSQL one", async () => {
    const r = await tsx("scripts/cli.ts", ["copy-to-postgres", "mysql://x@y/z"], sqliteEnv);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("postgresql://");
  });
});
