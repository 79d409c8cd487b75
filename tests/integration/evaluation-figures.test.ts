// Productivity, participation and resources of a project (issue 14), worked out by hand on a
// small world built here, and the contributions page over real HTTP: bad input and another
// organisation write nothing, another project reads nothing.
//
// The project ("Dự án Sinh kế", makeWorld) has two groups: g1 (makeWorld's) and g3 (made here).
// Season S1 (coffee) runs 2025-09-01 … 2026-03-31; S0 is the season before, out of scope.
// Every contract sells grade A at 10.000 ₫/kg, so a lot of n kg is n × 10.000 ₫.
//
//   contract  group  season  status     area   allocations                 lots (net)
//   C1        g1     S1      active     10 ha  hh1 4 ha, hh1c 3 ha, hh1b —  hh1 1.000 kg, hh1c 500 kg, hh1b 200 kg
//   C2        g3     S1      completed   5 ha  hh3a 5 ha                   hh3a 2.000 kg
//   C3        g1     S1      cancelled 100 ha  —                           —              (not in force: left out)
//   C0        g1     S0      active     10 ha  —                           hh1 300 kg     (other season: left out)
//   C4        g2     S1      active      7 ha  —                           hh2 700 kg     (not the project's: left out)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("evaluation-figures");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { appendPickup } = await import("~/domain/ledger.server");
const { createHousehold } = await import("~/domain/groups.server");
const { recordPovertyStatus } = await import("~/domain/households/poverty.server");
const { productivitySummary } = await import("~/domain/evaluation/productivity.server");
const { participationSummary } = await import("~/domain/evaluation/participation.server");
const { resourcesSummary } = await import("~/domain/evaluation/resources.server");
const { signup } = await import("~/domain/accounts.server");
const { createOrganisation } = await import("~/domain/orgs.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let project: string;
let project2: string;
let g1: string;
let g3: string;
let hh: Record<"hh1" | "hh1b" | "hh1c" | "hh1d" | "hh2" | "hh3a" | "hh3b" | "hh3c", string>;
let S1: string;
let S1Scope: { projectOwnerId: string; from: string; to: string; seasonIds: string[] };

const as = sessionPool(() => server, PASSWORD);

const household = (headName: string, headSex: "female" | "male", povertyStatus: "poor" | "non_poor", members: number) => ({
  headName,
  headSex,
  ethnicMinority: false,
  ethnicity: null,
  povertyStatus,
  members,
  workers: null,
  baselineIncomeVnd: null,
  phone: null,
});

beforeAll(async () => {
  world = await makeWorld();
  project = world.orgs.projectOrg.id;
  g1 = world.groups.g1;
  const orgA = world.orgs.orgA.id;
  const orgB = world.orgs.orgB.id;
  await write((tx) => tx.organisation.update({ where: { id: project }, data: { startedOn: "2025-01-01", endsOn: "2027-12-31" } }));
  g3 = (
    await write((tx) =>
      tx.farmerGroup.create({
        data: { ref: "g3-eval", name: "Tổ cà phê Hướng Phùng 3", province: "Quảng Trị", commune: "Hướng Phùng", projectOwnerId: project },
      }),
    )
  ).id;
  // makeWorld's g1 households are female-headed: hh1 poor (5 members), hh1b near-poor.
  const hh1c = await createHousehold(g1, household("Hồ Văn Cường", "male", "non_poor", 4));
  const hh1d = await createHousehold(g1, household("Hồ Thị Dung", "female", "poor", 2));
  const hh3a = await createHousehold(g3, household("Pả Văn A", "male", "non_poor", 3));
  const hh3b = await createHousehold(g3, household("Pả Thị B", "female", "non_poor", 4));
  const hh3c = await createHousehold(g3, household("Pả Văn C", "male", "poor", 6));
  hh = {
    hh1: world.households.hh1.id,
    hh1b: world.households.hh1b.id,
    hh1c: hh1c.id,
    hh1d: hh1d.id,
    hh2: world.households.hh2.id,
    hh3a: hh3a.id,
    hh3b: hh3b.id,
    hh3c: hh3c.id,
  };
  await write(async (tx) => {
    // Women among members: hh1 3 of 5, hh1c 1 of 4, hh1d 2 of 2, hh3a 1 of 3; the others unrecorded.
    for (const [id, f] of [
      [hh.hh1, 3],
      [hh.hh1c, 1],
      [hh.hh1d, 2],
      [hh.hh3a, 1],
    ] as const)
      await tx.household.update({ where: { id }, data: { membersFemale: f } });
    // hh1d escapes poverty mid-season (certified 2025-12-01): poor on S1's first day, non-poor in 2026.
    await recordPovertyStatus(tx, { householdId: hh.hh1d, status: "non_poor", certifiedOn: "2025-12-01", source: "edit" });
  });

  const ids = await write(async (tx) => {
    const coffee = await tx.product.create({ data: { ref: "cf-eval", name: "Cà phê quả tươi" } });
    const jackfruit = await tx.product.create({ data: { ref: "mit-eval", name: "Mít" } });
    const s0 = await tx.season.create({ data: { ref: "s0-eval", productId: coffee.id, name: "Vụ 2024/25", start: "2024-09-01", end: "2025-03-31" } });
    const s1 = await tx.season.create({ data: { ref: "s1-eval", productId: coffee.id, name: "Vụ 2025/26", start: "2025-09-01", end: "2026-03-31" } });
    const contract = (
      ref: string,
      buyerId: string,
      groupId: string,
      seasonId: string,
      status: string,
      areaHa: number,
      allocations: [string, number | null][] = [],
    ) =>
      tx.contract.create({
        data: {
          ref,
          buyerId,
          groupId,
          seasonId,
          status,
          areaHa,
          volumeTonnes: 10,
          paymentTermsDays: 7,
          grades: { create: [{ code: "A", label: "Loại A", priceVndPerKg: 10_000 }] },
          allocations: { create: allocations.map(([householdId, a]) => ({ householdId, tonnes: 1, areaHa: a })) },
        },
        select: { id: true },
      });
    const c1 = await contract("C1-eval", orgA, g1, s1.id, "active", 10, [
      [hh.hh1, 4],
      [hh.hh1c, 3],
      [hh.hh1b, null],
    ]);
    const c2 = await contract("C2-eval", orgA, g3, s1.id, "completed", 5, [[hh.hh3a, 5]]);
    await contract("C3-eval", orgA, g1, s1.id, "cancelled", 100);
    const c0 = await contract("C0-eval", orgA, g1, s0.id, "active", 10);
    const c4 = await contract("C4-eval", orgB, world.groups.g2, s1.id, "active", 7);
    const kg = (householdId: string, n: number) => ({ householdId, grossG: n * 1000 + 1000, tareG: 1000, grade: "A" });
    const pick = (contractId: string, date: string, lots: ReturnType<typeof kg>[]) =>
      appendPickup(tx, { contractId, date, witnessHouseholdIds: [], lots, allowAnyStatus: true });
    await pick(c1.id, "2025-11-10", [kg(hh.hh1, 1000), kg(hh.hh1c, 500), kg(hh.hh1b, 200)]);
    await pick(c2.id, "2025-11-12", [kg(hh.hh3a, 2000)]);
    await pick(c0.id, "2024-11-10", [kg(hh.hh1, 300)]);
    await pick(c4.id, "2025-11-10", [kg(hh.hh2, 700)]);
    return { coffee: coffee.id, jackfruit: jackfruit.id, s1: s1.id };
  });
  S1 = ids.s1;
  S1Scope = { projectOwnerId: project, from: "2025-09-01", to: "2026-03-31", seasonIds: [S1] };

  await write(async (tx) => {
    // Diaries: hh1 harvests 1.200 kg of coffee in S1 and 50 kg after it; hh1c writes jackfruit only.
    const line = (householdId: string, on: string, productId: string, quantityKg: number) =>
      tx.diaryEntry.create({ data: { householdId, on, kind: "harvest", productId, quantityKg } });
    await line(hh.hh1, "2025-12-10", ids.coffee, 700);
    await line(hh.hh1, "2026-01-15", ids.coffee, 500);
    await line(hh.hh1, "2026-04-15", ids.coffee, 50);
    await line(hh.hh1c, "2025-12-10", ids.jackfruit, 999);

    // Resources (see "resources" below).
    const c = (party: string, kind: string, valueVnd: number, on: string, householdId: string | null = null) =>
      tx.projectContribution.create({ data: { projectOwnerId: project, party, kind, valueVnd, on, householdId } });
    await c("project", "cash", 80_000_000, "2025-10-01");
    await c("household", "labour", 6_000_000, "2025-11-01", hh.hh1);
    await c("commune", "land", 4_000_000, "2026-02-01");
    await c("project", "training", 50_000_000, "2026-05-01"); // after S1
    await tx.inputAdvance.create({
      data: {
        groupId: g1,
        householdId: hh.hh1,
        providerId: project,
        item: "Phân hữu cơ",
        valueVnd: 10_000_000,
        advancedOn: "2025-09-15",
        recoveryPlan: "none",
      },
    });
    await tx.inputAdvance.create({
      data: { groupId: g1, householdId: hh.hh1, providerId: orgA, item: "Cây giống", valueVnd: 7_000_000, advancedOn: "2025-09-15" },
    });
    await tx.groupFundEntry.create({ data: { groupId: g1, householdId: hh.hh1, kind: "counterpart", amountVnd: 5_000_000, on: "2025-12-01" } });
    await tx.groupFundEntry.create({ data: { groupId: world.groups.g2, householdId: hh.hh2, kind: "counterpart", amountVnd: 9_000_000, on: "2025-12-01" } });
  });

  // A second project, which must read nothing of the first.
  const r = await signup({ name: "Vũ Thị Hoa", email: "project2@test.vn", password: PASSWORD, locale: "vi" });
  if (!r.ok) throw new Error("signup");
  const org = await createOrganisation(r.userId, {
    name: "Dự án Khác",
    kind: "project_owner",
    province: "Quảng Trị",
    district: "Hướng Hóa",
    commune: null,
    phone: null,
    lat: null,
    lng: null,
  });
  if (!org.ok) throw new Error("org");
  project2 = org.org.id;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("productivity", () => {
  it("per group and in total, S1", async () => {
    const p = await productivitySummary(S1Scope);
    const byName = Object.fromEntries(p.groups.map((g) => [g.groupId, g]));
    // g1: C1 only (C3 cancelled, C0 another season): 10 ha; 1.000 + 500 + 200 = 1.700 kg; 1.700 / 10 = 170 kg/ha.
    //     Harvest: hh1's 700 + 500 = 1.200 kg in S1 (its 50 kg in April is after S1, hh1c's jackfruit is another product)
    //     over hh1's own 4 ha = 300 kg/ha.
    expect(byName[g1]).toMatchObject({ contractedAreaHa: 10, deliveredKg: 1700, deliveredKgPerHa: 170, harvestKg: 1200, harvestKgPerHa: 300 });
    // g3: C2, 5 ha, 2.000 kg → 400 kg/ha; no diary → null.
    expect(byName[g3]).toMatchObject({ contractedAreaHa: 5, deliveredKg: 2000, deliveredKgPerHa: 400, harvestKg: null, harvestKgPerHa: null });
    // Total: 15 ha, 3.700 kg, 3.700 / 15 = 246,67 kg/ha; harvest 1.200 kg over 4 ha = 300.
    expect(p.total).toMatchObject({ contractedAreaHa: 15, deliveredKg: 3700, harvestKg: 1200, harvestKgPerHa: 300 });
    expect(p.total.deliveredKgPerHa).toBeCloseTo(246.667, 3);
    expect(p.groups.map((g) => g.groupId).sort()).toEqual([g1, g3].sort()); // g2 is not the project's
    // Per household: hh1 4 ha, 1.000 kg → 250 kg/ha, harvest 1.200 → 300; hh1b no area → null per ha.
    const h = Object.fromEntries(p.households.map((x) => [x.householdId, x]));
    expect(h[hh.hh1]).toMatchObject({ contractedAreaHa: 4, deliveredKg: 1000, deliveredKgPerHa: 250, harvestKg: 1200, harvestKgPerHa: 300 });
    expect(h[hh.hh1b]).toMatchObject({ contractedAreaHa: 0, deliveredKg: 200, deliveredKgPerHa: null, harvestKg: null });
    expect(h[hh.hh1c]).toMatchObject({ contractedAreaHa: 3, deliveredKg: 500, harvestKg: null });
  });

  it("over two products the total keeps its area and kilograms but has no yield (kg of coffee and of jackfruit per ha do not add up)", async () => {
    const jackfruit = await db.product.findUniqueOrThrow({ where: { ref: "mit-eval" } });
    const s = await write((tx) =>
      tx.season.create({ data: { ref: "mit-2025", productId: jackfruit.id, name: "Vụ mít 2025", start: "2025-09-01", end: "2026-03-31" } }),
    );
    const p = await productivitySummary({ ...S1Scope, seasonIds: [S1Scope.seasonIds[0], s.id] });
    // The jackfruit season has no contract: the same 15 ha and 3.700 kg, no yield over both products.
    expect(p.total).toMatchObject({ contractedAreaHa: 15, deliveredKg: 3700, deliveredKgPerHa: null, harvestKgPerHa: null });
    // Each group still has its own (one product): g3 400 kg/ha as in S1 alone.
    expect(p.groups.find((g) => g.groupId === g3)).toMatchObject({ deliveredKgPerHa: 400 });
  });

  it("a scope with no season delivers nothing", async () => {
    const p = await productivitySummary({ ...S1Scope, seasonIds: [] });
    expect(p.total).toMatchObject({ contractedAreaHa: 0, deliveredKg: 0, deliveredKgPerHa: null, harvestKg: null });
  });
});

describe("participation", () => {
  it("members by sex, money to women-headed households and non-poor per group, S1", async () => {
    const w = await participationSummary(S1Scope);
    // Women: hh1 3 + hh1c 1 + hh1d 2 + hh3a 1 = 7; men: (5−3) + (4−1) + (2−2) + (3−1) = 7; 4 households count
    // (hh1b, hh3b, hh3c record no women and are left out).
    expect(w.members).toEqual({ female: 7, male: 7, womenShare: 0.5, householdsCounted: 4 });
    // Paid (amount of effective lots, S1 in force, the project's groups): hh1 10.000.000 (F) + hh1b 2.000.000 (F)
    // + hh1c 5.000.000 (M) + hh3a 20.000.000 (M) = 37.000.000; to women-headed 12.000.000 → 12/37 = 32,43 %.
    expect(w.paid.totalVnd).toBe(37_000_000);
    expect(w.paid.toFemaleHeadedVnd).toBe(12_000_000);
    expect(w.paid.femaleHeadedShare).toBeCloseTo(12 / 37, 10);
    // Non-poor on 2025-09-01: g1 hh1c only (hh1d still poor then) → 1/4 = 25 %; g3 hh3a, hh3b → 2/3, over 30 %.
    const g = Object.fromEntries(w.groups.map((x) => [x.groupId, x]));
    expect(g[g1]).toMatchObject({ households: 4, nonPoor: 1, nonPoorShare: 0.25, overLimit: false });
    expect(g[g3]).toMatchObject({ households: 3, nonPoor: 2, overLimit: true });
    expect(g[g3].nonPoorShare).toBeCloseTo(2 / 3, 10);
  });

  it("in 2026 hh1d counts as non-poor: g1 is 2/4 = 50 %, over the limit", async () => {
    const w = await participationSummary({ projectOwnerId: project, from: "2026-01-01", to: "2026-12-31", seasonIds: [] });
    expect(w.groups.find((x) => x.groupId === g1)).toMatchObject({ nonPoor: 2, nonPoorShare: 0.5, overLimit: true });
    // No season: nothing paid, no share.
    expect(w.paid).toEqual({ totalVnd: 0, toFemaleHeadedVnd: 0, femaleHeadedShare: null });
  });
});

describe("resources", () => {
  it("project support, counterpart and the share, S1", async () => {
    // Support: the project's 80.000.000 cash + its own advance of 10.000.000 = 90.000.000
    //   (its 50.000.000 training is after S1; orgA's 7.000.000 advance is a buyer's, not support).
    // Counterpart: household labour 6.000.000 + commune land 4.000.000 + g1's fund counterpart 5.000.000 = 15.000.000
    //   (g2's 9.000.000 is another group's, outside the project).
    // Share: 15 / (90 + 15) = 14,29 % — below the 15–20 % rule.
    const r = await resourcesSummary(S1Scope);
    expect(r).toMatchObject({ projectSupportVnd: 90_000_000, counterpartVnd: 15_000_000, withinRule: false });
    expect(r.counterpartShare).toBeCloseTo(15 / 105, 10);
    expect(r.byParty).toEqual({ project: 90_000_000, household: 11_000_000, commune: 4_000_000 });
    expect(r.byKind).toEqual({ cash: 85_000_000, inputs: 10_000_000, labour: 6_000_000, land: 4_000_000 });
  });
});

describe("contributions over HTTP", () => {
  const path = () => `/projects/${project}/contributions`;
  const good = () => ({ party: "other", kind: "equipment", valueVnd: "1.000.000", on: "2026-03-01", groupId: "", householdId: "", description: "Máy xát" });

  it("the project records one; the share moves into the rule: 16 / (90 + 16) = 15,09 %", async () => {
    const c = await as(world.users.project.email);
    const res = await c.post(path(), good());
    expect(res.status).toBe(302);
    const row = await db.projectContribution.findFirstOrThrow({ where: { projectOwnerId: project, party: "other" } });
    expect(row).toMatchObject({ kind: "equipment", valueVnd: 1_000_000, on: "2026-03-01", recordedById: world.users.project.id });
    const r = await resourcesSummary(S1Scope);
    expect(r.counterpartVnd).toBe(16_000_000);
    expect(r.counterpartShare).toBeCloseTo(16 / 106, 10);
    expect(r.withinRule).toBe(true);
    const html = (await (await c.get(path())).text()).replaceAll("<!-- -->", "");
    // 80 + 6 + 4 + 50 + 1 million recorded as contributions = 141.000.000 ₫.
    expect(html).toMatch(/id="contributions-total"[^>]*>141\.000\.000 ₫</);
  });

  it("a household is taken with its group", async () => {
    const c = await as(world.users.project.email);
    expect((await c.post(path(), { ...good(), party: "household", kind: "cash", valueVnd: "200000", householdId: hh.hh3b })).status).toBe(302);
    const row = await db.projectContribution.findFirstOrThrow({ where: { householdId: hh.hh3b } });
    expect(row.groupId).toBe(g3);
  });

  it.each([
    ["a value of 0", { valueVnd: "0" }, "valueVnd", "Số nằm ngoài khoảng cho phép."],
    ["a date before the project", { on: "2024-12-31" }, "on", "Ngày nằm ngoài thời gian thực hiện dự án."],
    ["a date after the project", { on: "2028-01-01" }, "on", "Ngày nằm ngoài thời gian thực hiện dự án."],
    ["an unknown party", { party: "bank" }, "party", "Vui lòng nhập thông tin này."],
    ["a group of another project", { groupId: "G2" }, "groupId", "Tổ nhóm, hộ này không thuộc dự án."],
    ["a household outside the project", { householdId: "HH2" }, "householdId", "Tổ nhóm, hộ này không thuộc dự án."],
    ["a household of the other group", { groupId: "G1", householdId: "HH3A" }, "householdId", "Hộ này không thuộc tổ nhóm đã chọn."],
  ])("%s is refused, nothing written", async (_name, change, field, message) => {
    const ids: Record<string, string> = { G1: g1, G2: world.groups.g2, HH2: hh.hh2, HH3A: hh.hh3a };
    const fields = Object.fromEntries(Object.entries({ ...good(), ...change }).map(([k, v]) => [k, ids[v] ?? v]));
    const c = await as(world.users.project.email);
    const before = await db.projectContribution.count();
    const res = await c.post(path(), fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
    expect(await db.projectContribution.count()).toBe(before);
  });

  it("another project, a buyer and a group leader read nothing and write nothing", async () => {
    const r = await signupLogin();
    const before = await db.projectContribution.count();
    for (const c of [r, await as(world.users.buyerA.email), await as(world.users.leader1.email), await as(world.users.member1.email)]) {
      expect((await c.get(path())).status).toBe(404);
      expect((await c.get(`/projects/${project}/evaluation`)).status).toBe(404);
      expect((await c.post(path(), good())).status).toBe(404);
    }
    expect(await db.projectContribution.count()).toBe(before);
    // Its own page lists none of the first project's contributions.
    const own = await (await r.get(`/projects/${project2}/contributions`)).text();
    expect(own).toContain("Chưa có khoản đóng góp nào.");
    expect(own).not.toContain("Máy xát");
    // A season of the first project asked for under the second's evaluation page is not found.
    expect((await r.get(`/projects/${project2}/evaluation?season=${S1}`)).status).toBe(404);
  });
});

async function signupLogin() {
  return as("project2@test.vn");
}

describe("the evaluation page", () => {
  it("shows S1's figures formatted for a Vietnamese reader, and the over-30 % group", async () => {
    const c = await as(world.users.project.email);
    const res = await c.get(`/projects/${project}/evaluation?season=${S1}`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll("<!-- -->", "");
    // Totals row: 15 ha, 3.700 kg, 246,7 kg/ha.
    expect(html).toMatch(/<td>Tổng<\/td><td class="num">15<\/td><td class="num">3\.700<\/td><td class="num">246,7<\/td>/);
    expect(html).toMatch(/id="eval-women-share"[^>]*>50%</);
    expect(html).toMatch(/id="eval-paid-female"[^>]*>32,4%</);
    // 16.200.000 counterpart after the two contributions above: 16,2 / 106,2 = 15,25 %.
    expect(html).toMatch(/id="eval-counterpart"[^>]*>16\.200\.000 ₫</);
    expect(html).toMatch(/id="eval-counterpart-share"[^>]*>15,3%</);
    expect(html).toMatch(/Tổ cà phê Hướng Phùng 3 <span[^>]*>Vượt 30%/);
    // Per household: hh1 (Hồ Thị Lan) 4 ha, 1.000 kg → 250 kg/ha; harvest 1.200 kg / 4 ha = 300.
    expect(html).toMatch(
      /<td>Hồ Thị Lan<\/td><td class="hide-sm">[^<]*<\/td><td class="num">4<\/td><td class="num">1\.000<\/td><td class="num">250<\/td><td class="num hide-sm">300<\/td>/,
    );
  });

  it("the group page warns when a group is over 30 % non-poor now", async () => {
    const c = await as(world.users.project.email);
    const g3page = await (await c.get(`/groups/${g3}`)).text();
    // g3 now: hh3a, hh3b non-poor of 3 → 66,7 %.
    expect(g3page).toContain("Tổ có 66,7% hộ không nghèo, vượt mức 30% của chương trình.");
    const g1page = await (await c.get(`/groups/${g1}`)).text();
    // g1 now: hh1c and hh1d (escaped 2025-12-01) of 4 → 50 %.
    expect(g1page).toContain("Tổ có 50% hộ không nghèo");
  });
});
