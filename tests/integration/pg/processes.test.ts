// Several app processes on one PostgreSQL database (docs/decisions/0033-two-engines.md): what one
// process knows, the others know, because it is kept in the database: sessions, the request
// limits per address, the data the pages show. Run in the PostgreSQL run (vitest.pg.config.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../../support/server";
import { tempDatabase } from "../../support/temp-db";

tempDatabase("processes");
const { signup } = await import("~/domain/accounts.server");
const { dbReady, disconnect } = await import("~/utils/db.server");
const PASSWORD = "mật-khẩu-thử-2026";
const LIMIT = 6;

let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  await dbReady();
  const made = await signup({ name: "Lò Thị Mai", phone: "0912000555", password: PASSWORD, locale: "vi" });
  expect(made.ok).toBe(true);
  [a, b] = await Promise.all([startServer({ LOGIN_RATE_LIMIT_PER_IP: String(LIMIT) }), startServer({ LOGIN_RATE_LIMIT_PER_IP: String(LIMIT) })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await disconnect();
});

describe("two app processes on one database", () => {
  it("a session made on one process is honoured by the other, and a logout on either ends it on both", async () => {
    const onA = new Client(a.url);
    await onA.login("0912000555", PASSWORD);
    const onB = new Client(b.url);
    onB.cookies = new Map(onA.cookies);
    expect(await (await onB.get("/")).text()).toContain("Lò Thị Mai");
    await onB.ensureCsrf();
    const out = await onB.post("/logout", {});
    expect([302, 204]).toContain(out.status);
    const after = await onA.get("/settings/notifications");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("the login limit per address counts the attempts made on every process", async () => {
    // The first test's login was one attempt from this address already.
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      const c = new Client(i % 2 === 0 ? a.url : b.url);
      await c.ensureCsrf();
      statuses.push((await c.post("/login", { login: "0912000555", password: "sai-mật-khẩu" })).status);
    }
    // Half the attempts went to each process: a per-process count would never reach the limit.
    expect(statuses.slice(0, LIMIT - 1).filter((s) => s === 429)).toEqual([]);
    expect(statuses.slice(LIMIT - 1)).toEqual([429, 429]);
  });
});
