// Reads from a streaming replica (DATABASE_REPLICA_URL) never show a person a figure older than
// their own last write (app/utils/read-your-writes.server.ts). A primary and a real standby of
// it, on clusters of their own; the standby's replay is paused so it is certainly behind.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, postgresBin, startCluster, startStandby, type Cluster } from "../../support/pg-cluster";
import { Client, startServer, type AppServer } from "../../support/server";
import { tempDir } from "../../support/temp-db";

const bin = postgresBin()!;
const primary: Cluster = startCluster(bin);
process.env.DATABASE_URL = createDatabase(primary.socketDir, "replica_reads");
const standby: Cluster = startStandby(bin, primary);
process.env.DATABASE_REPLICA_URL = standby.url("replica_reads");
process.env.DATA_DIR = tempDir("pg-replica");
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret";
const { signup } = await import("~/domain/accounts.server");
const { dbReady, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let standbyClient: pg.Client;
let primaryClient: pg.Client;

/** Until the standby has replayed everything the primary has written so far (replication has no event to wait on). */
async function standbyCaughtUp() {
  const [{ lsn }] = (await primaryClient.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`)).rows;
  // The test cluster commits asynchronously: the log reaches the standby at the WAL writer's next round.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const [{ ok }] = (await standbyClient.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn])).rows;
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the standby did not catch up");
}

const EMAIL = "vang.thi.dua@example.vn";

beforeAll(async () => {
  await dbReady();
  expect((await signup({ name: "Vàng Thị Dua", phone: "0912000801", password: "mật-khẩu-2026", locale: "vi" })).ok).toBe(true);
  primaryClient = new pg.Client({ connectionString: process.env.DATABASE_URL });
  standbyClient = new pg.Client({ connectionString: process.env.DATABASE_REPLICA_URL });
  await primaryClient.connect();
  await standbyClient.connect();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await primaryClient?.end();
  await standbyClient?.end();
  await disconnect();
  standby.stop();
  primary.stop();
});

describe("reads with a streaming replica", () => {
  it("the writer reads their own write from the primary while the replica lags; others read the replica; once it caught up, the writer reads it too", async () => {
    const leader = new Client(server.url);
    await leader.login("0912000801", "mật-khẩu-2026");
    await standbyCaughtUp();
    await standbyClient.query(`SELECT pg_wal_replay_pause()`);
    try {
      const saved = await leader.post("/settings/notifications", { email: EMAIL, groups: "payments" });
      expect(saved.status).toBe(302);
      expect(leader.cookies.get("cn_lsn")).toMatch(/^[0-9A-F]+(%2F|\/)[0-9A-F]+$/i);
      // The standby really is behind: it has not got the write.
      expect((await standbyClient.query(`SELECT COUNT(*)::int AS n FROM "ContactPreference" WHERE "email" = $1`, [EMAIL])).rows[0].n).toBe(0);

      const own = await leader.get("/settings/notifications");
      expect(own.status).toBe(200);
      expect(await own.text()).toContain(`value="${EMAIL}"`);

      // The same account on another device, without the write's cookie: the replica's (older) page.
      const elsewhere = new Client(server.url);
      for (const [name, value] of leader.cookies) if (name !== "cn_lsn") elsewhere.cookies.set(name, value);
      const stale = await elsewhere.get("/settings/notifications");
      expect(stale.status).toBe(200);
      expect(await stale.text()).not.toContain(EMAIL);
    } finally {
      await standbyClient.query(`SELECT pg_wal_replay_resume()`);
    }
    await standbyCaughtUp();
    const after = await leader.get("/settings/notifications");
    expect(await after.text()).toContain(`value="${EMAIL}"`);
    // Caught up: the cookie is dropped, and this person reads the replica again.
    expect(leader.cookies.has("cn_lsn")).toBe(false);
  });
});
