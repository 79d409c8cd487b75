// The whole app audited as an outsider and as every role (issue 10): over real HTTP against the
// built app on the demo programme plus a second of every kind (tests/support/audit-fixtures.ts),
// each role tries to read (pages, `.data` single-fetch answers, PDFs, CSV, JSON) and to change
// (every action and intent, with ids from another organisation and hidden fields swapped) what
// belongs to another organisation. Refusals answer 404 (may not see) or 403 (may see, may not
// change), carry nothing of the other organisation and leave every domain row as it was.
// The import door has its own suite (trust-import.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, sessionPool, startServer, type AppServer } from "../support/server";
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

/** Every domain row, and the accounts and tokens a write by a role could touch. */
const dump = () => domainDump(file, ["User", "ApiToken"]);

/** A refused write: the expected status, nothing of `secrets` in the answer, no row changed. */
async function refusedWrite(c: Client, path: string, fields: Record<string, string | string[]>, status: number, secrets: string[] = []) {
  const before = dump();
  const res = await c.post(path, fields);
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).toBe(status);
  for (const s of secrets) expect(body.includes(s), `${path} answers with ${s}`).toBe(false);
  expect(dump()).toEqual(before);
}

// ───────────────────────── holes the audit found ─────────────────────────

describe("a buyer reading a group it buys from sees only its own dealings with it", () => {
  it("a household's passbook is the household's: a buyer (or any viewer) cannot open it", async () => {
    const path = `/groups/${cast.g1}/passbook/${cast.member1Household}`;
    for (const who of ["buyerA", "staffA", "buyerB", "projectA"] as const) {
      const r = await both(await as(who), path);
      expect([r.status, r.dataStatus], who).toEqual([404, 404]);
      for (const s of [cast.contractBG1, cast.pickupBG1, "77.777"]) expect(r.text.includes(s), `${who} reads ${s}`).toBe(false);
    }
    // The household itself and its leader read everything, every buyer's lots included.
    for (const who of ["member1", "leader1"] as const) {
      const r = await both(await as(who), path);
      expect(r.status, who).toBe(200);
      expect(r.text.includes(cast.pickupBG1) && r.text.includes("77.777"), who).toBe(true);
    }
  });

  it("the advances page shows a buyer the advances it made, not another buyer's or the project's", async () => {
    const path = `/groups/${cast.g1}/advances`;
    const a = await both(await as("buyerA"), path);
    expect(a.status).toBe(200);
    for (const s of [B_IN_G1.advanceItem, A_SUPPORT.item, cast.contractBG1]) expect(a.text.includes(s), `buyer A reads ${s}`).toBe(false);
    expect(a.text.includes("Phân bón NPK 16-16-8"), "its own advances are there").toBe(true);
    const b = await both(await as("buyerB"), path);
    expect(b.status).toBe(200);
    expect(b.text.includes(B_IN_G1.advanceItem), "buyer B reads its own").toBe(true);
    expect(b.text.includes(A_SUPPORT.item), "buyer B reads the project's").toBe(false);
    for (const who of ["leader1", "projectA", "authorityA"] as const) {
      const r = await both(await as(who), path);
      expect(r.text.includes(B_IN_G1.advanceItem) && r.text.includes(A_SUPPORT.item), who).toBe(true);
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
      expect((await (await c.get(`/groups/${cast.g1}`)).text()).includes(`href="/groups/${cast.g1}/fund"`), `${who} is offered the link`).toBe(false);
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
    expect((await page.text()).includes('name="providerId"'), "the form is offered").toBe(false);
    await refusedWrite(
      c,
      `/groups/${cast.g1}/advances`,
      {
        providerId: cast.projectA,
        householdId: cast.member1Household,
        item: "Hỗ trợ giả",
        valueVnd: "1000000",
        advancedOn: "2026-01-05",
        recoveryPlan: "none",
        recoveryPct: "0",
        contractId: "",
      },
      403,
    );
    // Its administrator still records the project's support.
    const before = await db.inputAdvance.count({ where: { providerId: cast.projectA } });
    const res = await (
      await as("projectA")
    ).post(`/groups/${cast.g1}/advances`, {
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

// ───────────────────────── every door, as every role, across organisations ─────────────────────────

/** Ids and names of the records the roles aim at, looked up once. */
type World = Awaited<ReturnType<typeof lookUp>>;
let w: World;

async function lookUp() {
  const group = (id: string) => db.farmerGroup.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });
  const [g1, g2, gHT] = await Promise.all([group(cast.g1), group(cast.g2), group(cast.gHuongTan)]);
  // Buyer A's running contract with group 1, a pickup with two lots, a statement.
  const cA1 = await db.contract.findFirstOrThrow({ where: { groupId: g1.id, buyerId: cast.buyerA, status: "active" }, select: { id: true, ref: true } });
  const pA1 = await db.pickup.findFirstOrThrow({
    where: { contractId: cA1.id, lots: { some: { householdId: { not: cast.member1Household } } }, witnesses: { none: { householdId: cast.member1Household } } },
    include: { lots: true },
  });
  const iA1 = await db.invoice.findFirstOrThrow({
    where: { contract: { groupId: g1.id, buyerId: cast.buyerA }, kind: "invoice", status: "issued" },
    select: { id: true, ref: true },
  });
  // Buyer B with group 2, buyer A with project B's group (Hướng Tân).
  const cB2 = await db.contract.findFirstOrThrow({ where: { groupId: g2.id, buyerId: cast.buyerB }, select: { id: true, ref: true } });
  const pB2 = await db.pickup.findFirstOrThrow({ where: { contractId: cB2.id }, include: { lots: true } });
  const iB2 = await db.invoice.findFirstOrThrow({ where: { contractId: cB2.id, kind: "invoice" }, select: { id: true, ref: true } });
  const cHT = await db.contract.findFirstOrThrow({ where: { groupId: gHT.id }, select: { id: true, ref: true } });
  const lotBG1 = await db.lot.findFirstOrThrow({ where: { contractId: cast.contractBG1 }, select: { id: true } });
  const offerA = await db.purchaseOffer.findFirstOrThrow({ where: { buyerId: cast.buyerA, status: "published" }, select: { id: true, title: true } });
  const membership = (organisationId: string, role: string) => db.membership.findFirstOrThrow({ where: { organisationId, role }, select: { id: true } });
  const [adminOfA, adminOfB] = await Promise.all([membership(cast.buyerA, "buyer_admin"), membership(cast.buyerB, "buyer_admin")]);
  const tokenOfA = await db.apiToken.findFirstOrThrow({ where: { organisationId: cast.projectA }, select: { id: true } });
  const userB = await cast.userOf(LOGINS.buyerB);
  return { g1, g2, gHT, cA1, pA1, iA1, cB2, pB2, iB2, cHT, lotBG1, offerA, adminOfA, adminOfB, tokenOfA, userB };
}

beforeAll(async () => {
  w = await lookUp();
});

/** Reads: [who, path, status, what the answer must not carry]. Pages and their `.data` answer alike. */
type Read = [Who, string, number, () => string[]];

/** "/groups/{g1}/fund" → the path with the ids of the world (token names as in \`ids()\`). */
function at(template: string): string {
  const ids: Record<string, string> = {
    g1: w.g1.id,
    g2: w.g2.id,
    gHT: w.gHT.id,
    cA1: w.cA1.id,
    pA1: w.pA1.id,
    iA1: w.iA1.id,
    cB2: w.cB2.id,
    pB2: w.pB2.id,
    iB2: w.iB2.id,
    cHT: w.cHT.id,
    offerA: w.offerA.id,
    member1Household: cast.member1Household,
    lan: cast.lan,
    g2Household: cast.g2Household,
    draftOfferB: cast.draftOfferB,
    publishedOfferB: cast.publishedOfferB,
    contractBG1: cast.contractBG1,
    pickupBG1: cast.pickupBG1,
    invoiceBG1: cast.invoiceBG1,
    buyerA: cast.buyerA,
    buyerB: cast.buyerB,
    projectA: cast.projectA,
    projectB: cast.projectB,
    authorityA: cast.authorityA,
    authorityB: cast.authorityB,
  };
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in ids)) throw new Error(`unknown id {${k}}`);
    return ids[k];
  });
}

const reads: Read[] = [
  // A stranger with an account and no memberships reaches nothing private.
  ...(
    [
      "/groups/{g1}",
      "/groups/{g1}/fund",
      "/groups/{g1}/advances",
      "/groups/{g1}/rota",
      "/groups/{g1}/passbook/{member1Household}",
      "/groups/{g1}/edit",
      "/groups/{g1}/members",
      "/groups/{g1}/households/new",
      "/groups/{g1}/households/{lan}",
      "/contracts/{cA1}",
      "/contracts/{cA1}/verify",
      "/contracts/{cA1}/invoices/new",
      "/contracts/{cA1}/pickups/new",
      "/pickups/{pA1}",
      "/invoices/{iA1}",
      "/offers/{draftOfferB}",
      "/offers/{publishedOfferB}",
      "/offers/{offerA}/edit",
      "/orgs/{buyerA}",
      "/admin",
      "/passbook",
    ] as const
  ).map((p): Read => ["stranger", p, 404, () => [w.g1.name, w.cA1.ref, "Khe Sanh"]]),
  ...(["/dashboard", "/map", "/reports", "/import"] as const).map((p): Read => ["stranger", p, 403, () => [w.g1.name]]),
  ...(["/groups", "/contracts", "/invoices", "/offers"] as const).map((p): Read => [
    "stranger",
    p,
    200,
    () => [w.g1.name, w.g2.name, w.cA1.ref, w.offerA.title],
  ]),

  // Buyer A (and its staff) and buyer B: each other's contracts, pickups, statements, drafts, organisation.
  ...(["buyerA", "staffA"] as const).flatMap((who): Read[] => [
    [who, "/contracts/{contractBG1}", 404, () => [B_IN_G1.contractRef, "77.777"]],
    [who, "/contracts/{contractBG1}/verify", 404, () => [B_IN_G1.contractRef]],
    [who, "/contracts/{contractBG1}/invoices/new", 404, () => [B_IN_G1.contractRef]],
    [who, "/contracts/{contractBG1}/pickups/new", 404, () => [B_IN_G1.contractRef]],
    [who, "/contracts/{cB2}", 404, () => [w.cB2.ref, w.g2.name]],
    [who, "/pickups/{pickupBG1}", 404, () => [B_IN_G1.contractRef, "77.777"]],
    [who, "/invoices/{invoiceBG1}", 404, () => [B_IN_G1.contractRef]],
    [who, "/invoices/{iB2}", 404, () => [w.iB2.ref, w.g2.name]],
    [who, "/offers/{draftOfferB}", 404, () => ["Bản nháp chưa công bố"]],
    [who, "/offers/{draftOfferB}/edit", 404, () => ["Bản nháp chưa công bố"]],
    [who, "/offers/{publishedOfferB}/edit", 403, () => []],
    [who, "/offers/{publishedOfferB}", 200, () => [cast.acceptanceG2, w.g2.name]], // published terms, not who took them up
    [who, "/orgs/{buyerB}", 404, () => ["Phạm Thị Hằng", LOGINS.buyerB]],
    [who, "/groups/{g2}", 404, () => [w.g2.name]],
    [who, "/groups/{g2}/passbook/{g2Household}", 404, () => [w.g2.name]],
    [who, "/dashboard?org={buyerB}", 404, () => []],
    [who, "/reports", 403, () => []],
    [who, "/import", 403, () => []],
    [who, "/admin", 404, () => []],
  ]),
  ["buyerB", "/contracts/{cA1}", 404, () => [w.cA1.ref]],
  ["buyerB", "/pickups/{pA1}", 404, () => [w.cA1.ref]],
  ["buyerB", "/invoices/{iA1}", 404, () => [w.iA1.ref]],
  ["buyerB", "/offers/{offerA}/edit", 403, () => []],
  ["staffB", "/orgs/{buyerA}", 404, () => ["Trần Văn Minh"]],
  ["buyerA", "/contracts", 200, () => [B_IN_G1.contractRef, w.cB2.ref]],
  ["buyerA", "/invoices", 200, () => [w.iB2.ref]],
  ["buyerA", "/groups", 200, () => [w.g2.name]],

  // Group 1's leader and member, group 2's member: the other group, and (for a member) other households.
  ...(["leader1", "member1"] as const).flatMap((who): Read[] => [
    [who, "/groups/{g2}", 404, () => [w.g2.name]],
    [who, "/groups/{g2}/fund", 404, () => [w.g2.name]],
    [who, "/groups/{g2}/advances", 404, () => [w.g2.name]],
    [who, "/groups/{g2}/rota", 404, () => [w.g2.name]],
    [who, "/contracts/{cB2}", 404, () => [w.cB2.ref]],
    [who, "/contracts/{cB2}/pdf", 404, () => [w.cB2.ref]],
    [who, "/pickups/{pB2}", 404, () => [w.cB2.ref]],
    [who, "/invoices/{iB2}", 404, () => [w.iB2.ref]],
    [who, "/invoices/{iB2}/pdf", 404, () => [w.iB2.ref]],
    [who, "/groups/{g1}/passbook/{g2Household}", 404, () => [w.g2.name]],
    [who, "/groups/{g1}/households/{g2Household}", who === "leader1" ? 404 : 403, () => [w.g2.name]],
    [who, "/dashboard", 403, () => []],
    [who, "/orgs/{buyerA}", 404, () => ["Trần Văn Minh"]],
    [who, "/offers/{draftOfferB}", 404, () => ["Bản nháp chưa công bố"]],
  ]),
  ["member1", "/groups/{g1}/passbook/{lan}", 404, () => []],
  ["member1", "/groups/{g1}/members", 403, () => [LOGINS.leader1]],
  ["member1", "/groups/{g1}/edit", 403, () => []],
  ["member1", "/groups/{g1}/households/{lan}", 403, () => []],
  ["member2", "/groups/{g1}", 404, () => [w.g1.name]],
  ["member2", "/contracts/{cA1}", 404, () => [w.cA1.ref]],
  ["leader2", "/groups/{g1}/members", 404, () => [LOGINS.leader1]],

  // Project A (admin and staff) and project B: each other's groups and programme.
  ...(["projectA", "projectStaffA"] as const).flatMap((who): Read[] => [
    [who, "/groups/{gHT}", 404, () => [w.gHT.name]],
    [who, "/contracts/{cHT}", 404, () => [w.cHT.ref]],
    [who, "/reports?org={projectB}", 404, () => []],
    [who, "/dashboard?org={projectB}", 404, () => []],
    [who, "/orgs/{projectB}", 404, () => ["Đỗ Minh Khang"]],
  ]),
  ["projectStaffA", "/orgs/{projectA}", 200, () => ['name="intent" value="createToken"', "cn_"]],
  ["projectStaffA", "/import", 403, () => []],
  ["projectB", "/groups/{g1}", 404, () => [w.g1.name]],
  ["projectB", "/groups/{g2}/passbook/{g2Household}", 404, () => [w.g2.name]],
  ["projectB", "/contracts/{cA1}", 404, () => [w.cA1.ref]],
  ["projectB", "/invoices/{iA1}", 404, () => [w.iA1.ref]],
  ["projectB", "/reports?org={projectA}", 404, () => []],
  ["projectB", "/orgs/{projectA}", 404, () => ["Nguyễn Thị Mai"]],
  ["projectB", "/groups", 200, () => [w.g1.name, w.g2.name]],

  // Authority A (Hướng Hóa) and authority B (Vân Hồ): outside their area.
  ["authorityA", "/groups/{g2}", 404, () => [w.g2.name]],
  ["authorityA", "/contracts/{cB2}", 404, () => [w.cB2.ref]],
  ["authorityA", "/invoices/{iB2}", 404, () => [w.iB2.ref]],
  ["authorityA", "/dashboard?org={authorityB}", 404, () => []],
  // It reads the report of the project with groups in its area, with its area's figures only (nothing of Sơn La).
  ["authorityA", "/reports", 200, () => ["Sơn La"]],
  ["authorityB", "/groups/{g1}", 404, () => [w.g1.name]],
  ["authorityB", "/groups/{g1}/passbook/{member1Household}", 404, () => [w.g1.name]],
  ["authorityB", "/contracts/{cA1}", 404, () => [w.cA1.ref]],
  ["authorityB", "/pickups/{pA1}", 404, () => [w.cA1.ref]],
  ["authorityB", "/dashboard?org={authorityA}", 404, () => []],
  ["authorityB", "/dashboard?province=Qu%E1%BA%A3ng%20Tr%E1%BB%8B&district=H%C6%B0%E1%BB%9Bng%20H%C3%B3a", 200, () => [w.g1.name, "Hướng Hóa"]], // the drill-down cannot leave its area
  ["authorityB", "/groups", 200, () => [w.g1.name]],
];

/** Resource routes answer no `.data`: [who, path, status, secrets]. */
const files: Read[] = [
  ["buyerA", "/contracts/{contractBG1}/pdf", 404, () => []],
  ["buyerA", "/invoices/{invoiceBG1}/pdf", 404, () => []],
  ["buyerA", "/dashboard/csv?table=areas&org={buyerB}", 404, () => []],
  ["buyerA", "/reports/csv", 403, () => []],
  ["buyerA", "/reports/pdf", 403, () => []],
  ["projectB", "/reports/csv?org={projectA}", 404, () => []],
  ["projectB", "/reports/pdf?org={projectA}", 404, () => []],
  ["projectB", "/contracts/{cA1}/pdf", 404, () => []],
  ["authorityB", "/invoices/{iA1}/pdf", 404, () => []],
  ["authorityB", "/dashboard/csv?table=areas&org={authorityA}", 404, () => []],
  ["stranger", "/map/data", 403, () => []],
  ["buyerA", "/map/data?group={g2}", 404, () => [w.g2.name]],
  ["staffA", "/map/data?group={g2}", 404, () => [w.g2.name]],
  ["buyerA", "/map/data?org={buyerB}", 404, () => [w.g2.name]],
  ["projectB", "/map/data?group={g1}", 404, () => [w.g1.name]],
  ["authorityB", "/map/data?group={g1}", 404, () => [w.g1.name]],
  ["authorityB", "/map/data?province=Qu%E1%BA%A3ng%20Tr%E1%BB%8B", 200, () => [w.g1.id]],
  ["stranger", "/dashboard/csv?table=areas", 403, () => []],
  ["member1", "/invoices/{iB2}/pdf", 404, () => []],
];

describe("reads across organisations", () => {
  it.each(reads)("%s GET %s → %i, page and .data", async (who, path, status, secrets) => {
    const r = await both(await as(who), at(path));
    expect([r.status, r.dataStatus]).toEqual([status, status]);
    for (const s of secrets()) expect(r.text.includes(s), `${who} ${path} carries ${s}`).toBe(false);
  });

  it.each(files)("%s GET %s (file) → %i", async (who, path, status, secrets) => {
    const res = await (await as(who)).get(at(path));
    const body = await res.text();
    expect(res.status).toBe(status);
    if (status !== 200) expect(res.headers.get("content-type") ?? "").not.toMatch(/pdf|csv/);
    for (const s of secrets()) expect(body.includes(s)).toBe(false);
  });

  it("a signed-out visitor is sent to log in from every page, file and action, and writes nothing", async () => {
    const c = new Client(server.url);
    const paths = [...reads, ...files].map(([, p]) => at(p).split("?")[0]);
    for (const path of new Set(paths)) {
      if (path === "/groups" || path === "/contracts" || path === "/invoices" || path === "/offers") continue;
      const res = await c.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
    }
    const before = dump();
    for (const [path, fields] of writes.map((x) => [at(x[2]), x[3]()] as const)) {
      const res = await c.post(path, fields);
      expect([302, 401, 403], `${path}: ${res.status}`).toContain(res.status);
    }
    expect(dump()).toEqual(before);
  });
});

/** Writes: [who, what, path, fields, status]. Each is refused, says nothing of the other side, changes no row. */
type Write = [Who, string, string, () => Record<string, string | string[]>, number];
type Fields = Record<string, string | string[]>;

const household: Fields = {
  headName: "Hộ giả mạo",
  headSex: "male",
  ethnicMinority: "",
  ethnicity: "",
  povertyStatus: "poor",
  members: "3",
  workers: "",
  baselineIncomeVnd: "",
  phone: "",
};
const groupFields: Fields = {
  name: "Tổ bị chiếm",
  provinceCode: "44",
  communeCode: "",
  commune: "Hướng Phùng",
  hamlet: "",
  lat: "",
  lng: "",
  projectOwnerId: "",
  foundedOn: "",
};
const advanceFields = (): Fields => ({
  providerId: cast.buyerA,
  householdId: cast.lan,
  contractId: "",
  item: "Ứng giả",
  quantity: "",
  unit: "",
  valueVnd: "1000000",
  advancedOn: "2026-01-05",
  recoveryPlan: "lump_sum",
  recoveryPct: "0",
});
const pickupFields = (contractId: string, householdId: string): Fields => ({
  contractId,
  clientKey: `audit-${contractId.slice(-8)}-${householdId.slice(-8)}`,
  date: "2026-01-05",
  witnesses: [],
  "lot.householdId": [householdId],
  "lot.grossKg": ["100"],
  "lot.tareKg": ["1"],
  "lot.grade": ["A"],
});
const payment: Fields = { intent: "pay", paidOn: "2026-01-05", amountVnd: "1000", method: "cash", reference: "" };
const offerFields = (): Fields => ({
  buyerId: cast.buyerB,
  title: "Đơn giả",
  seasonId: "",
  minTonnes: "1",
  maxTonnes: "2",
  windowStart: "2026-09-02",
  windowEnd: "2026-10-01",
  priceMechanism: "fixed",
  marketReference: "",
  paymentTermsDays: "7",
  groupFundPct: "",
  inputsAdvanced: "",
  inputRecovery: "",
  eligibleProvinces: "",
  eligibleDistricts: "",
  notes: "",
  "grade.code": ["A"],
  "grade.label": ["A"],
  "grade.criteria": [""],
  "grade.priceVndPerKg": ["1"],
  "point.name": ["X"],
  "point.lat": ["16.6"],
  "point.lng": ["106.7"],
});
const acceptFields = (groupId: string): Fields => ({
  intent: "accept",
  groupId,
  areaHa: "1",
  volumeTonnes: "1",
  acceptTerms: "on",
  [`alloc.${cast.g2Household}`]: "1",
});

const writes: Write[] = [
  // admin.tsx: only the site administrator.
  ["buyerA", "disables another buyer's administrator", "/admin", () => ({ intent: "disable", userId: w.userB }), 404],
  ["projectA", "creates an authority", "/admin", () => ({ intent: "createAuthority", name: "UBND giả", kind: "authority", provinceCode: "44" }), 404],
  // api.pickups.tsx: another buyer's contract, a role that only reads, another group's household.
  ["buyerA", "records a pickup on buyer B's contract with its own group", "/api/pickups", () => pickupFields(cast.contractBG1, cast.lan), 404],
  ["leader1", "records a pickup on its own group's contract", "/api/pickups", () => pickupFields(w.cA1.id, cast.lan), 403],
  ["buyerA", "weighs another group's household on its own contract", "/api/pickups", () => pickupFields(w.cA1.id, cast.g2Household), 400],
  // contracts.$contractId._index.tsx: move and renew.
  ["buyerA", "completes buyer B's contract", "/contracts/{contractBG1}", () => ({ intent: "move", to: "completed" }), 404],
  ["leader2", "cancels group 1's contract", "/contracts/{cA1}", () => ({ intent: "move", to: "breached", reason: "giả" }), 404],
  ["projectA", "breaches its group's contract (reads only)", "/contracts/{cA1}", () => ({ intent: "move", to: "breached", reason: "giả" }), 403],
  ["member1", "breaches its group's contract (the leader's call)", "/contracts/{cA1}", () => ({ intent: "move", to: "breached", reason: "giả" }), 403],
  ["authorityA", "renews a contract in its area", "/contracts/{cA1}", () => ({ intent: "renew" }), 403],
  ["projectB", "renews another project's contract", "/contracts/{cA1}", () => ({ intent: "renew" }), 404],
  // contracts.$contractId.invoices.new.tsx
  [
    "buyerA",
    "issues a statement on buyer B's contract",
    "/contracts/{contractBG1}/invoices/new",
    () => ({ pickupIds: [cast.pickupBG1], issuedOn: "2026-01-05" }),
    404,
  ],
  [
    "buyerA",
    "puts buyer B's pickup on its own statement",
    "/contracts/{cA1}/invoices/new",
    () => ({ pickupIds: [cast.pickupBG1], issuedOn: "2026-01-05" }),
    400,
  ],
  ["leader1", "issues its buyer's statement", "/contracts/{cA1}/invoices/new", () => ({ pickupIds: [w.pA1.id], issuedOn: "2026-01-05" }), 403],
  // contracts.$contractId.pickups.new.tsx
  ["buyerB", "records a pickup on buyer A's contract", "/contracts/{cA1}/pickups/new", () => pickupFields(w.cA1.id, cast.lan), 404],
  ["authorityA", "records a pickup in its area", "/contracts/{cA1}/pickups/new", () => pickupFields(w.cA1.id, cast.lan), 403],
  // groups.$groupId.advances.tsx: another group, another provider's name, another buyer's contract, another group's household.
  ["buyerA", "advances to a group it has no contract with", "/groups/{g2}/advances", () => ({ ...advanceFields(), householdId: cast.g2Household }), 404],
  ["buyerA", "advances in buyer B's name", "/groups/{g1}/advances", () => ({ ...advanceFields(), providerId: cast.buyerB }), 403],
  ["buyerA", "ties its advance to buyer B's contract", "/groups/{g1}/advances", () => ({ ...advanceFields(), contractId: cast.contractBG1 }), 400],
  ["buyerA", "advances to another group's household", "/groups/{g1}/advances", () => ({ ...advanceFields(), householdId: cast.g2Household }), 400],
  ["projectB", "advances to another project's group", "/groups/{g1}/advances", () => ({ ...advanceFields(), providerId: cast.projectB }), 404],
  ["authorityA", "advances to a group of its area", "/groups/{g1}/advances", () => ({ ...advanceFields(), providerId: cast.authorityA }), 403],
  // groups.$groupId.edit.tsx
  ["leader2", "renames group 1", "/groups/{g1}/edit", () => groupFields, 404],
  ["buyerA", "renames a group it buys from", "/groups/{g1}/edit", () => groupFields, 403],
  ["projectA", "moves its group", "/groups/{g1}/edit", () => ({ ...groupFields, provinceCode: "14", commune: "Tân Xuân" }), 403],
  // groups.$groupId.fund.tsx
  [
    "leader2",
    "writes in group 1's fund",
    "/groups/{g1}/fund",
    () => ({ kind: "contribution", householdId: cast.lan, amountVnd: "1000", on: "2026-01-05", inKind: "", note: "" }),
    404,
  ],
  [
    "member1",
    "writes in its own group's fund",
    "/groups/{g1}/fund",
    () => ({ kind: "contribution", householdId: cast.member1Household, amountVnd: "1000", on: "2026-01-05", inKind: "", note: "" }),
    403,
  ],
  [
    "leader1",
    "lends to another group's household",
    "/groups/{g1}/fund",
    () => ({ kind: "contribution", householdId: cast.g2Household, amountVnd: "1000", on: "2026-01-05", inKind: "", note: "" }),
    400,
  ],
  // groups.$groupId.households.$householdId.tsx
  ["leader1", "edits group 2's household through group 1's URL", "/groups/{g1}/households/{g2Household}", () => household, 404],
  ["leader2", "edits group 1's household", "/groups/{g1}/households/{lan}", () => household, 404],
  ["member1", "edits its own household (the leader's job)", "/groups/{g1}/households/{member1Household}", () => household, 403],
  // groups.$groupId.households.new.tsx
  ["leader2", "adds a household to group 1", "/groups/{g1}/households/new", () => household, 404],
  ["authorityA", "adds a household to a group of its area", "/groups/{g1}/households/new", () => household, 403],
  // groups.$groupId.members.tsx: another group, a member making itself leader, another group's household.
  [
    "leader2",
    "makes itself leader of group 1",
    "/groups/{g1}/members",
    () => ({ login: LOGINS.leader2, role: "group_leader", householdId: "", name: "", password: "" }),
    404,
  ],
  [
    "member1",
    "makes itself leader of its group",
    "/groups/{g1}/members",
    () => ({ login: LOGINS.member2, role: "group_leader", householdId: "", name: "", password: "" }),
    403,
  ],
  [
    "leader1",
    "ties an account to another group's household",
    "/groups/{g1}/members",
    () => ({ login: LOGINS.stranger, role: "group_member", householdId: cast.g2Household, name: "", password: "" }),
    400,
  ],
  [
    "buyerA",
    "adds an account to a group it buys from",
    "/groups/{g1}/members",
    () => ({ login: LOGINS.staffA, role: "group_leader", householdId: "", name: "", password: "" }),
    403,
  ],
  // groups.$groupId.rota.tsx
  ["leader1", "removes group 2's rota day through its own group", "/groups/{g1}/rota", () => ({ intent: "remove", rotaId: cast.rotaG2 }), 404],
  ["leader2", "schedules group 1's rota", "/groups/{g1}/rota", () => ({ on: "2099-02-01", householdIds: [cast.lan] }), 404],
  ["leader1", "schedules another group's household", "/groups/{g1}/rota", () => ({ on: "2099-02-01", householdIds: [cast.g2Household] }), 400],
  ["buyerA", "schedules a rota of a group it buys from", "/groups/{g1}/rota", () => ({ on: "2099-02-01", householdIds: [cast.lan] }), 403],
  // groups.new.tsx: a group may only name a real project.
  ["stranger", "names a project that is not one", "/groups/new", () => ({ ...groupFields, projectOwnerId: cast.buyerA }), 400],
  // invoices.$invoiceId._index.tsx
  ["buyerA", "records a payment on buyer B's statement", "/invoices/{invoiceBG1}", () => payment, 404],
  ["buyerA", "cancels buyer B's statement", "/invoices/{invoiceBG1}", () => ({ intent: "cancel", reason: "giả" }), 404],
  ["buyerB", "cancels buyer A's statement", "/invoices/{iA1}", () => ({ intent: "cancel", reason: "giả" }), 404],
  ["leader1", "records its buyer's payment", "/invoices/{invoiceBG1}", () => payment, 403],
  ["projectA", "cancels a statement of its group", "/invoices/{invoiceBG1}", () => ({ intent: "cancel", reason: "giả" }), 403],
  // offers.$offerId._index.tsx: every intent on the other buyer's offer; take-ups for another group.
  ...(["publish", "pause", "close"] as const).map((intent): Write => [
    "buyerA",
    `${intent}s buyer B's offer`,
    "/offers/{publishedOfferB}",
    () => ({ intent }),
    403,
  ]),
  ["buyerA", "publishes buyer B's draft", "/offers/{draftOfferB}", () => ({ intent: "publish", confirm: "on" }), 404],
  [
    "buyerA",
    "confirms a take-up of buyer B's offer",
    "/offers/{publishedOfferB}",
    () => ({ intent: "confirm", acceptanceId: cast.acceptanceG2, confirm: "on" }),
    403,
  ],
  [
    "buyerA",
    "declines a take-up of buyer B's offer",
    "/offers/{publishedOfferB}",
    () => ({ intent: "decline", acceptanceId: cast.acceptanceG2, reason: "giả" }),
    403,
  ],
  [
    "buyerA",
    "confirms buyer B's take-up through its own offer",
    "/offers/{offerA}",
    () => ({ intent: "confirm", acceptanceId: cast.acceptanceG2, confirm: "on" }),
    404,
  ],
  ["leader1", "takes up an offer for group 2", "/offers/{publishedOfferB}", () => acceptFields(w.g2.id), 403],
  ["member2", "takes up an offer for its group (the leader's call)", "/offers/{publishedOfferB}", () => acceptFields(w.g2.id), 403],
  // offers.$offerId.edit.tsx and offers.new.tsx
  ["buyerA", "rewrites buyer B's draft", "/offers/{draftOfferB}/edit", () => offerFields(), 404],
  ["buyerA", "rewrites buyer B's published offer", "/offers/{publishedOfferB}/edit", () => offerFields(), 403],
  ["buyerA", "posts an offer in buyer B's name", "/offers/new", () => offerFields(), 403],
  ["projectA", "posts an offer", "/offers/new", () => ({ ...offerFields(), buyerId: cast.projectA }), 403],
  // orgs.$orgId.tsx: every intent across organisations, and the escalations.
  ["buyerA", "renames buyer B", "/orgs/{buyerB}", () => ({ intent: "update", name: "Bị đổi tên" }), 404],
  [
    "buyerA",
    "joins buyer B as its administrator",
    "/orgs/{buyerB}",
    () => ({ intent: "addMember", login: LOGINS.buyerA, role: "buyer_admin", name: "", password: "" }),
    404,
  ],
  ["buyerA", "removes buyer B's administrator", "/orgs/{buyerB}", () => ({ intent: "removeMember", membershipId: w.adminOfB.id }), 404],
  [
    "buyerA",
    "removes buyer B's administrator through its own organisation",
    "/orgs/{buyerA}",
    () => ({ intent: "removeMember", membershipId: w.adminOfB.id }),
    404,
  ],
  ["buyerA", "removes its organisation's last administrator", "/orgs/{buyerA}", () => ({ intent: "removeMember", membershipId: w.adminOfA.id }), 400],
  [
    "buyerA",
    "grants a role of another kind of organisation",
    "/orgs/{buyerA}",
    () => ({ intent: "addMember", login: LOGINS.stranger, role: "authority_admin", name: "", password: "" }),
    400,
  ],
  [
    "staffA",
    "makes itself administrator",
    "/orgs/{buyerA}",
    () => ({ intent: "addMember", login: LOGINS.staffA, role: "buyer_admin", name: "", password: "" }),
    403,
  ],
  ["staffA", "removes its administrator", "/orgs/{buyerA}", () => ({ intent: "removeMember", membershipId: w.adminOfA.id }), 403],
  ["staffA", "renames its buyer", "/orgs/{buyerA}", () => ({ intent: "update", name: "Đổi tên" }), 403],
  ["projectStaffA", "creates an API token", "/orgs/{projectA}", () => ({ intent: "createToken", name: "Khoá của nhân viên" }), 403],
  ["projectStaffA", "revokes the project's token", "/orgs/{projectA}", () => ({ intent: "revokeToken", tokenId: w.tokenOfA.id }), 403],
  ["projectStaffA", "edits the project's profile", "/orgs/{projectA}", () => ({ intent: "profile", objectives: "Đổi" }), 403],
  ["projectB", "revokes project A's token through its own organisation", "/orgs/{projectB}", () => ({ intent: "revokeToken", tokenId: w.tokenOfA.id }), 404],
  ["projectB", "creates a token for project A", "/orgs/{projectA}", () => ({ intent: "createToken", name: "Khoá lạ" }), 404],
  ["authorityA", "renames its authority (a viewer)", "/orgs/{authorityA}", () => ({ intent: "update", name: "UBND huyện Hướng Hóa (sửa)" }), 403],
  // orgs.new.tsx: authorities only by the site administrator.
  [
    "stranger",
    "creates an authority",
    "/orgs/new",
    () => ({ name: "UBND tự xưng", kind: "authority", provinceCode: "44", communeCode: "", commune: "", phone: "", lat: "", lng: "" }),
    400,
  ],
  // pickups.$pickupId.tsx: every intent across organisations.
  [
    "buyerA",
    "corrects buyer B's lot",
    "/pickups/{pickupBG1}",
    () => ({ intent: "correct", lotId: w.lotBG1.id, explanation: "giả", grossKg: "1", tareKg: "0", grade: "A" }),
    404,
  ],
  [
    "buyerA",
    "corrects buyer B's lot through its own pickup",
    "/pickups/{pA1}",
    () => ({ intent: "correct", lotId: w.lotBG1.id, explanation: "giả", grossKg: "1", tareKg: "0", grade: "A" }),
    404,
  ],
  ["buyerA", "disputes its own lot (the group's call)", "/pickups/{pA1}", () => ({ intent: "dispute", lotId: w.pA1.lots[0].id, reason: "giả" }), 403],
  ["leader2", "disputes group 1's lot", "/pickups/{pA1}", () => ({ intent: "dispute", lotId: w.pA1.lots[0].id, reason: "giả" }), 404],
  [
    "member1",
    "disputes another household's lot it did not witness",
    "/pickups/{pA1}",
    () => ({ intent: "dispute", lotId: w.pA1.lots.find((l) => l.householdId !== cast.member1Household)!.id, reason: "giả" }),
    403,
  ],
  [
    "leader1",
    "corrects its buyer's lot",
    "/pickups/{pA1}",
    () => ({ intent: "correct", lotId: w.pA1.lots[0].id, explanation: "giả", grossKg: "1", tareKg: "0", grade: "A" }),
    403,
  ],
  ["projectA", "upholds a lot of its group", "/pickups/{pA1}", () => ({ intent: "uphold", lotId: w.pA1.lots[0].id, explanation: "giả", disputeId: "x" }), 403],
  ["authorityB", "disputes a lot outside its area", "/pickups/{pA1}", () => ({ intent: "dispute", lotId: w.pA1.lots[0].id, reason: "giả" }), 404],
  ["authorityA", "disputes a lot in its area (the group's call)", "/pickups/{pA1}", () => ({ intent: "dispute", lotId: w.pA1.lots[0].id, reason: "giả" }), 403],
];

/** What each role may not learn of the other side. */
function foreign(who: Who): string[] {
  const buyerBInG1 = [B_IN_G1.contractRef, B_IN_G1.advanceItem, "77.777"];
  // A group's id and a member's name (the group form's hint quotes group 1's name as an example).
  const g1Secrets = [w.g1.id, "Côn Thị Hiền"];
  const g2Secrets = [w.g2.id, w.g2.name];
  const gHTSecrets = [w.gHT.id, w.gHT.name];
  switch (who) {
    case "buyerA":
    case "staffA":
      return [...buyerBInG1, ...g2Secrets, w.cB2.ref, "Bản nháp chưa công bố"];
    case "buyerB":
    case "staffB":
      return [w.cA1.ref, w.iA1.ref, w.offerA.title];
    case "leader1":
    case "member1":
      return [...g2Secrets, w.cB2.ref, w.iB2.ref];
    case "leader2":
    case "member2":
      return [...g1Secrets, w.cA1.ref, ...buyerBInG1];
    case "projectA":
    case "projectStaffA":
      return [...gHTSecrets, w.cHT.ref];
    case "projectB":
      return [...g1Secrets, ...g2Secrets, w.cA1.ref, ...buyerBInG1];
    case "authorityA":
      return [...g2Secrets, w.cB2.ref, w.iB2.ref];
    case "authorityB":
      return [...g1Secrets, w.cA1.ref, ...buyerBInG1];
    case "stranger":
      return [...g1Secrets, ...g2Secrets, w.cA1.ref, ...buyerBInG1];
    default:
      return [];
  }
}

describe("writes across organisations", () => {
  it.each(writes)("%s %s (POST %s): refused, nothing written", async (who, _what, path, fields, status) => {
    // Ids in the URL it sent are echoed back on the page (the language switch's return path).
    await refusedWrite(
      await as(who),
      at(path),
      fields(),
      status,
      foreign(who).filter((x) => !at(path).includes(x)),
    );
  });

  it("an authority's administrator renames it but cannot move it into another area", async () => {
    const res = await (
      await as("authorityB")
    ).post(`/orgs/${cast.authorityB}`, { intent: "update", name: "UBND huyện Vân Hồ", provinceCode: "44", commune: "Hướng Phùng" });
    expect(res.status).toBe(200);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: cast.authorityB } })).toMatchObject({
      provinceCode: "14",
      province: "Sơn La",
      formerDistrict: "Vân Hồ",
    });
    expect((await (await as("authorityB")).get(`/groups/${w.g1.id}`)).status).toBe(404);
  });

  it("read-only doors answer 405 to a POST and write nothing", async () => {
    const c = await as("buyerA");
    const before = dump();
    for (const path of [
      `/contracts/${w.cA1.id}/pdf`,
      `/invoices/${w.iA1.id}/pdf`,
      "/dashboard/csv",
      "/reports/csv",
      "/reports/pdf",
      "/map/data",
      "/passbook",
      "/healthz",
    ]) {
      expect((await c.post(path, {})).status, path).toBe(405);
    }
    expect(dump()).toEqual(before);
  });
});

describe("API tokens", () => {
  const api = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

  it("export only their own project's groups", async () => {
    const a = await (await api(cast.tokenA, "/api/v1/export")).text();
    const b = await (await api(cast.tokenB, "/api/v1/export")).text();
    expect(a.includes(w.g1.name) && !a.includes(w.gHT.name), "token A: its own groups only").toBe(true);
    expect(b.includes(w.gHT.name), "token B: its own group").toBe(true);
    for (const s of [w.g1.name, w.g2.name, B_IN_G1.contractRef]) expect(b.includes(s), s).toBe(false);
  });

  it("narrow indicators to their own project whatever the query says", async () => {
    const res = await api(cast.tokenB, "/api/v1/indicators?season=coffee-2026&asOf=2026-12-01&projectOwner=hlhpn-sinh-ke&buyer=htx-khe-sanh");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { scope: { projectOwner: string } }).scope.projectOwner).toBe("du-an-rung-xanh-b");
  });

  it("open no web page and record nothing through the web's doors", async () => {
    const before = domainDump(file, ["User"]);
    expect((await api(cast.tokenA, `/groups/${w.g1.id}`, { redirect: "manual" })).status).toBe(302);
    expect((await api(cast.tokenA, `/groups/${w.g1.id}.data`, { redirect: "manual" })).status).not.toBe(200);
    const form = new URLSearchParams(pickupFields(w.cA1.id, cast.lan) as Record<string, string>);
    expect((await api(cast.tokenA, "/api/pickups", { method: "POST", body: form })).status).toBeGreaterThanOrEqual(400);
    expect(domainDump(file, ["User"])).toEqual(before);
  });
});
