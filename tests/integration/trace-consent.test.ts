// Who decides what a public trace page may show (issue 16): the group's leader records or
// withdraws a household's consent to its given name (with the confirmation ticked); a buyer's
// administrator chooses to show prices. Another group's leader, a buyer's staff and another
// buyer guess the ids and change nothing.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("trace-consent");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let raw: Database.Database;
const as = sessionPool(() => server, PASSWORD);

const consentOf = (id: string) =>
  raw.prepare(`SELECT "traceNameConsentAt" AS "at", "traceNameConsentById" AS "by" FROM "Household" WHERE "id" = ?`).get(id) as {
    at: string | null;
    by: string | null;
  };
const showsPrices = (id: string) => raw.prepare(`SELECT "traceShowPrices" FROM "Organisation" WHERE "id" = ?`).pluck().get(id);

beforeAll(async () => {
  world = await makeWorld();
  await disconnect();
  raw = new Database(file, { readonly: true });
  server = await startServer({ DATABASE_URL: `file:${file}` });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  raw?.close();
});

describe("a household's consent to its name on trace pages", () => {
  const path = () => `/groups/${world.groups.g1}/households/${world.households.hh1.id}`;

  it("is not recorded without the confirmation", async () => {
    const leader = await as("leader1@test.vn");
    const res = await leader.post(path(), { intent: "traceName", traceName: "on" });
    expect(res.status).toBe(400);
    expect(consentOf(world.households.hh1.id).at).toBeNull();
  });

  it("is recorded and withdrawn by the group's leader", async () => {
    const leader = await as("leader1@test.vn");
    const page = await (await leader.get(path())).text();
    expect(page).toContain('id="trace-name"');
    expect(page).toContain("“Lan”");
    expect((await leader.post(path(), { intent: "traceName", traceName: "on", confirm: "on" })).status).toBe(302);
    expect(consentOf(world.households.hh1.id)).toMatchObject({ by: world.users.leader1.id });
    expect(consentOf(world.households.hh1.id).at).not.toBeNull();
    expect((await leader.post(path(), { intent: "traceName", confirm: "on" })).status).toBe(302);
    expect(consentOf(world.households.hh1.id).at).toBeNull();
  });

  it("cannot be set by another group's leader guessing the ids", async () => {
    const other = await as("leader2@test.vn");
    const res = await other.post(path(), { intent: "traceName", traceName: "on", confirm: "on" });
    expect([403, 404]).toContain(res.status);
    // Nor through their own group's address with this household's id.
    const res2 = await other.post(`/groups/${world.groups.g2}/households/${world.households.hh1.id}`, { intent: "traceName", traceName: "on", confirm: "on" });
    expect([403, 404]).toContain(res2.status);
    expect(consentOf(world.households.hh1.id).at).toBeNull();
  });
});

describe("a buyer's choice to show prices", () => {
  it("is set by the buyer's administrator and by nobody else", async () => {
    const orgA = world.orgs.orgA.id;
    expect(showsPrices(orgA)).toBe(0);
    const staff = await as("staffa@test.vn");
    expect([403, 404]).toContain((await staff.post(`/orgs/${orgA}`, { intent: "tracePrices", traceShowPrices: "on" })).status);
    const otherBuyer = await as("buyerb@test.vn");
    expect([403, 404]).toContain((await otherBuyer.post(`/orgs/${orgA}`, { intent: "tracePrices", traceShowPrices: "on" })).status);
    expect(showsPrices(orgA)).toBe(0);
    const admin = await as("buyera@test.vn");
    expect((await admin.post(`/orgs/${orgA}`, { intent: "tracePrices", traceShowPrices: "on" })).status).toBe(200);
    expect(showsPrices(orgA)).toBe(1);
    expect((await admin.post(`/orgs/${orgA}`, { intent: "tracePrices" })).status).toBe(200);
    expect(showsPrices(orgA)).toBe(0);
  });
});
