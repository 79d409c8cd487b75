// The whole app audited as an outsider and as every role (issue 10): over real HTTP against the
// built app on the demo programme plus a second of every kind (tests/support/audit-fixtures.ts),
// each role tries to read (pages, `.data` single-fetch answers, PDFs, CSV, JSON) and to change
// (every action and intent, with ids from another organisation and hidden fields swapped) what
// belongs to another organisation. Refusals answer 404 (may not see) or 403 (may see, may not
// change), carry nothing of the other organisation and leave every domain row as it was.
// The import door has its own suite (trust-import.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPool, startServer, type AppServer, type Client } from "../support/server";
import { tempDatabase } from "../support/temp-db";
import { domainDump } from "../support/trust-fixtures";

const file = tempDatabase("trust-audit");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { addAuditCast, LOGINS, B_IN_G1, A_SUPPORT } = await import("../support/audit-fixtures");
const { db, disconnect } = await import("~/utils/db.server");
type Who = keyof typeof LOGINS;

let server: AppServer;
let pool: (login: string) => Promise<Client>;
let cast: Awaited<ReturnType<typeof addAuditCast>>;
const as = (who: Who) => pool(LOGINS[who]);

beforeAll(async () => {
  await loadDemoProgramme();
  cast = await addAuditCast();
  server = await startServer();
  pool = sessionPool(() => server, DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

/** The page and its single-fetch data, as the browser would get them. */
async function both(c: Client, path: string): Promise<{ status: number; dataStatus: number; text: string }> {
  const page = await c.get(path);
  const data = await c.get(`${path}.data`);
  return { status: page.status, dataStatus: data.status, text: (await page.text()) + (await data.text()) };
}

/** A refused write: the expected status, nothing of `secrets` in the answer, no domain row changed. */
async function refusedWrite(c: Client, path: string, fields: Record<string, string | string[]>, status: number, secrets: string[] = []) {
  const before = domainDump(file);
  const res = await c.post(path, fields);
  const body = await res.text();
  expect(res.status, `${path} ${JSON.stringify(fields)}: ${body.slice(0, 300)}`).toBe(status);
  for (const s of secrets) expect(body, `${path} leaks ${s}`).not.toContain(s);
  expect(domainDump(file)).toEqual(before);
}

// ───────────────────────── holes the audit found ─────────────────────────

describe("a buyer reading a group it buys from sees only its own dealings with it", () => {
  it("a household's passbook shows the buyer its own lots and statements, not another buyer's", async () => {
    const path = `/groups/${cast.g1}/passbook/${cast.member1Household}`;
    const secrets = [cast.contractBG1, cast.pickupBG1, cast.invoiceBG1, "Nông sản sạch Mộc Châu", "77.777"];
    for (const who of ["buyerA", "staffA"] as const) {
      const r = await both(await as(who), path);
      expect([r.status, r.dataStatus], who).toEqual([200, 200]);
      expect(r.text).toContain("HTX Cà phê Khe Sanh"); // its own coffee lots are there
      for (const s of secrets) expect(r.text, `${who} reads ${s}`).not.toContain(s);
    }
    // The household itself, its leader and the group's project still read everything.
    for (const who of ["member1", "leader1", "projectA"] as const) {
      const r = await both(await as(who), path);
      expect(r.status, who).toBe(200);
      expect(r.text, who).toContain(cast.pickupBG1);
      expect(r.text, who).toContain("77.777");
    }
  });

  it("the advances page shows a buyer the advances it made, not another buyer's or the project's", async () => {
    const path = `/groups/${cast.g1}/advances`;
    const a = await both(await as("buyerA"), path);
    expect(a.status).toBe(200);
    expect(a.text).not.toContain(B_IN_G1.advanceItem);
    expect(a.text).not.toContain(A_SUPPORT.item);
    expect(a.text).not.toContain(cast.contractBG1);
    const b = await both(await as("buyerB"), path);
    expect(b.status).toBe(200);
    expect(b.text).toContain(B_IN_G1.advanceItem);
    expect(b.text).not.toContain(A_SUPPORT.item);
    for (const who of ["leader1", "projectA", "authorityA"] as const) {
      const r = await both(await as(who), path);
      expect(r.text, who).toContain(B_IN_G1.advanceItem);
      expect(r.text, who).toContain(A_SUPPORT.item);
    }
  });
});

describe("a group's own fund is for those who see the group whole", () => {
  it("a buyer buying from the group does not read its fund: loans between households, other buyers' statements, the project's support", async () => {
    const path = `/groups/${cast.g1}/fund`;
    const invoiceB = await db.invoice.findUniqueOrThrow({ where: { id: cast.invoiceBG1 } });
    for (const who of ["buyerA", "staffA", "buyerB"] as const) {
      const c = await as(who);
      const r = await both(c, path);
      expect([r.status, r.dataStatus], who).toEqual([404, 404]);
      expect(r.text.includes(invoiceB.ref), `${who} reads buyer B's statement in the fund`).toBe(false);
      // The group's page no longer offers the link.
      expect(await (await c.get(`/groups/${cast.g1}`)).text()).not.toContain(`href="/groups/${cast.g1}/fund"`);
    }
    for (const who of ["leader1", "projectA", "authorityA", "admin"] as const) {
      expect((await (await as(who)).get(path)).status, who).toBe(200);
    }
    // Nor writes to it: what it may not see is a 404, as for a stranger.
    await refusedWrite(await as("buyerA"), path, { kind: "contribution", householdId: cast.lan, amountVnd: "100000", on: "2026-01-05", note: "" }, 404);
  });
});

describe("project staff only read", () => {
  it("cannot record the project's support to a household", async () => {
    const c = await as("projectStaffA");
    const page = await c.get(`/groups/${cast.g1}/advances`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('name="providerId"');
    await refusedWrite(
      c,
      `/groups/${cast.g1}/advances`,
      { providerId: cast.projectA, householdId: cast.member1Household, item: "Hỗ trợ giả", valueVnd: "1000000", advancedOn: "2026-01-05", recoveryPlan: "none", recoveryPct: "0", contractId: "" },
      403,
    );
    // Its administrator still records the project's support.
    const before = await db.inputAdvance.count({ where: { providerId: cast.projectA } });
    const res = await (await as("projectA")).post(`/groups/${cast.g1}/advances`, {
      providerId: cast.projectA,
      householdId: cast.member1Household,
      item: "Cây giống bổ sung",
      valueVnd: "500000",
      advancedOn: "2026-01-05",
      recoveryPlan: "none",
      recoveryPct: "0",
      contractId: "",
    });
    expect(res.status).toBe(200);
    expect(await db.inputAdvance.count({ where: { providerId: cast.projectA } })).toBe(before + 1);
  });
});
