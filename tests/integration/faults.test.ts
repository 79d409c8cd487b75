// Crash and fault tests: SIGKILL in the middle of concurrent pickup recording, an online
// backup taken while writes continue, and storage that refuses writes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../support/run";
import { Client, startServer, type AppServer } from "../support/server";
import { onPostgres, tempDatabase } from "../support/temp-db";

const file = tempDatabase("faults");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { db, disconnect } = await import("~/utils/db.server");
const { verifyAll } = await import("~/domain/pickups.server");

let contractId: string;
let households: string[];
const servers: AppServer[] = [];

beforeAll(async () => {
  await loadDemoProgramme();
  const contract = await db.contract.findFirstOrThrow({ where: { status: "active", group: { ref: "tg-huong-phung-1" } } });
  contractId = contract.id;
  households = (await db.household.findMany({ where: { groupId: contract.groupId }, select: { id: true }, take: 6 })).map((h) => h.id);
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await disconnect();
});

async function staffClient(server: AppServer): Promise<Client> {
  const c = new Client(server.url);
  await c.login("staff@caunoi.vn", DEMO_PASSWORD);
  return c;
}

/**
 * One account's devices log in one after another: every attempt counts against the account's
 * lock-out until its password is checked (docs/decisions/0003-sessions.md), so more than
 * LOGIN_MAX_FAILURES at once are refused until the first ones finish.
 */
async function staffClients(server: AppServer, n: number): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < n; i++) clients.push(await staffClient(server));
  return clients;
}

const pickupFields = (lots: number) => ({
  contractId,
  clientKey: crypto.randomUUID(),
  date: "2026-11-20",
  witnesses: [households[0]],
  "lot.householdId": households.slice(0, lots),
  "lot.grossKg": Array.from({ length: lots }, (_, i) => String(100 + i)),
  "lot.tareKg": Array.from({ length: lots }, () => "2"),
  "lot.grade": Array.from({ length: lots }, (_, i) => (i % 2 ? "B" : "A")),
});

/**
 * Clients submit pickups until told to stop; returns what the server acknowledged, and
 * `acknowledgedAtLeast(n)`, which resolves once n pickups are (the tests wait on that, not on
 * a length of time, so a slow machine only makes them slower).
 */
function recordUntil(clients: Client[], stop: () => boolean) {
  const acknowledged: { pickupId: string; lots: number }[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const runs = clients.map(async (c) => {
    while (!stop()) {
      const lots = 1 + Math.floor(Math.random() * 3);
      try {
        const res = await c.post("/api/pickups", pickupFields(lots));
        if (res.status === 201) acknowledged.push({ pickupId: ((await res.json()) as { pickupId: string }).pickupId, lots });
        for (const w of waiting) if (acknowledged.length >= w.n) w.resolve();
      } catch {
        return; // the server is gone: an unanswered request was never acknowledged
      }
    }
  });
  const done = Promise.all(runs);
  const acknowledgedAtLeast = (n: number) =>
    Promise.race([
      new Promise<void>((resolve) => (acknowledged.length >= n ? resolve() : waiting.push({ n, resolve }))),
      done.then(() => {
        throw new Error(`the clients stopped after ${acknowledged.length} acknowledged pickups, before ${n}`);
      }),
    ]);
  return { acknowledged, done, acknowledgedAtLeast };
}

describe("a crash loses nothing that was acknowledged", () => {
  it("SIGKILL during concurrent pickup recording, then restart: every acknowledged pickup is there and every chain verifies", async () => {
    const server = await startServer();
    servers.push(server);
    const clients = await staffClients(server, 8);
    let killed = false;
    const run = recordUntil(clients, () => killed);
    // Killed in full flow: 20 pickups acknowledged, 8 clients with requests in flight.
    await run.acknowledgedAtLeast(20);
    server.proc.kill("SIGKILL");
    killed = true;
    await run.done;
    expect(run.acknowledged.length).toBeGreaterThan(5);

    const again = await startServer();
    servers.push(again);
    for (const a of run.acknowledged) {
      const stored = await db.pickup.findUnique({ where: { id: a.pickupId }, include: { _count: { select: { lots: true } } } });
      expect(stored, a.pickupId).not.toBeNull();
      expect(stored!._count.lots).toBe(a.lots);
    }
    const reports = await verifyAll();
    expect(reports.filter((r) => !r.report.intact)).toEqual([]);
    // The restarted server answers and records again.
    const res = await (await staffClient(again)).post("/api/pickups", pickupFields(2));
    expect(res.status).toBe(201);
  });
});

describe("online backup while writes continue", () => {
  // SQLite's online backup (`cli backup`); PostgreSQL is backed up with its own tools, tested
  // in tests/integration/pg/backup.test.ts.
  it.skipIf(onPostgres())("restores to a consistent, verifiable database", async () => {
    const server = servers[servers.length - 1] ?? (await startServer());
    const clients = await staffClients(server, 4);
    let stop = false;
    const run = recordUntil(clients, () => stop);
    await run.acknowledgedAtLeast(5); // the backup starts while pickups are being recorded
    const dir = path.dirname(file);
    const backup = path.join(dir, "backup.db");
    const env = { ...process.env, DATABASE_URL: `file:${file}` };
    const b = await runCommand("node_modules/.bin/tsx", ["scripts/cli.ts", "backup", backup], { env });
    stop = true;
    await run.done;
    expect(b.status, b.stderr).toBe(0);
    expect(run.acknowledged.length).toBeGreaterThan(0);

    const restored = path.join(dir, "restored", "caunoi.db");
    const r = await runCommand("node_modules/.bin/tsx", ["scripts/cli.ts", "restore", backup], { env: { ...process.env, DATABASE_URL: `file:${restored}` } });
    expect(r.status, r.stderr).toBe(0);
    // Checked with the installation's signing key: it stays with the installation, not in backups (docs 0013).
    const key = fs.readFileSync(path.join(dir, ".chain-signing-key"), "utf8");
    const v = await runCommand("node_modules/.bin/tsx", ["scripts/cli.ts", "verify"], {
      env: { ...process.env, DATABASE_URL: `file:${restored}`, CHAIN_SIGNING_KEY: key },
    });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/\d+ intact, 0 broken/);
    const Database = (await import("better-sqlite3")).default;
    const copy = new Database(restored, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      // Every pickup in the copy has all its lots: a snapshot, never half a write.
      const partial = copy.prepare(`SELECT COUNT(*) AS n FROM "Pickup" p WHERE NOT EXISTS (SELECT 1 FROM "Lot" l WHERE l."pickupId" = p."id")`).get() as {
        n: number;
      };
      expect(partial.n).toBe(0);
    } finally {
      copy.close();
    }
    const bad = await runCommand("node_modules/.bin/tsx", ["scripts/cli.ts", "restore", path.join(dir, "nope.db")], {
      env: { ...process.env, DATABASE_URL: `file:${restored}` },
    });
    expect(bad.status).not.toBe(0);
  });
});

describe("storage that refuses writes", () => {
  it("in read-only mode a write gets a clear 503 and nothing is written", async () => {
    const server = await startServer({ DATABASE_READ_ONLY: "true" });
    servers.push(server);
    const c = new Client(server.url);
    // Logging in writes a session: refused too, with the same clear message. (On PostgreSQL the
    // login's request limit counts in the database when it may be written: not in this mode.)
    await c.ensureCsrf();
    const sessions = await db.session.count();
    const login = await c.post("/login", { login: "staff@caunoi.vn", password: DEMO_PASSWORD });
    expect(login.status).toBe(503);
    expect(await login.text()).toContain("Chưa có gì được ghi");
    expect(await db.session.count()).toBe(sessions);
    expect((await c.get("/login")).status).toBe(200); // reads still work
    await server.stop();
  });

  // SQLite's page limit stands in for a full disk; PostgreSQL's storage trouble (the server
  // gone mid-write) is tested in tests/integration/pg/outage.test.ts.
  it.skipIf(onPostgres())("with a full disk a pickup is refused whole with a clear message and no partial record", async () => {
    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(file);
    raw.pragma("wal_checkpoint(TRUNCATE)");
    const pages = raw.pragma("page_count", { simple: true }) as number;
    raw.close();
    const server = await startServer({ DATABASE_MAX_PAGES: String(pages + 2) });
    servers.push(server);
    const c = await staffClient(server);
    let refused: Response | null = null;
    for (let i = 0; i < 200 && !refused; i++) {
      const before = await db.lot.count();
      const res = await c.post("/api/pickups", pickupFields(6));
      if (res.status === 503) {
        refused = res;
        expect(await db.lot.count()).toBe(before); // nothing of the refused pickup
      } else expect(res.status).toBe(201);
    }
    expect(refused).not.toBeNull();
    expect(await refused!.text()).toContain("Not saved");
    expect((await verifyAll()).filter((r) => !r.report.intact)).toEqual([]);
    await server.stop();
  });
});
