// The database goes away mid-service (a restart, a fail-over) and comes back: requests meanwhile
// answer 503 "try again" with nothing written, never a 500, and the same server process serves
// again once the database is back, without a restart. On a cluster of its own, since it is
// stopped here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, postgresBin, startCluster, type Cluster } from "../../support/pg-cluster";
import { Client, startServer, type AppServer } from "../../support/server";
import { tempDir } from "../../support/temp-db";

const cluster: Cluster = startCluster(postgresBin()!);
process.env.DATABASE_URL = createDatabase(cluster.socketDir, "outage");
process.env.DATA_DIR = tempDir("pg-outage");
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret";
const { signup } = await import("~/domain/accounts.server");
const { db, dbReady, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let leader: Client;
beforeAll(async () => {
  await dbReady();
  expect((await signup({ name: "Hờ Thị Súa", phone: "0912000701", password: "mật-khẩu-2026", locale: "vi" })).ok).toBe(true);
  server = await startServer();
  leader = new Client(server.url);
  await leader.login("0912000701", "mật-khẩu-2026");
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
  cluster.stop();
});

describe("PostgreSQL goes away and comes back", () => {
  it("answers 503 while it is down, writes nothing, and serves again once it is back", async () => {
    expect((await leader.get("/settings/notifications")).status).toBe(200);
    cluster.pause();
    try {
      const read = await leader.get("/settings/notifications");
      expect(read.status).toBe(503);
      expect(await read.text()).toContain("thử lại");
      const write = await leader.post("/locale", { locale: "en", redirectTo: "/" });
      expect(write.status).toBe(503);
    } finally {
      cluster.resume();
    }
    // The same process, reconnected: the page opens and the refused write left no trace.
    const again = await leader.get("/settings/notifications");
    expect(again.status).toBe(200);
    const user = await db.user.findFirst({ where: { name: "Hờ Thị Súa" } });
    expect(user?.locale).toBe("vi");
  });
});
