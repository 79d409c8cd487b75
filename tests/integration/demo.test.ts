// The demo programme: loads into an empty database through the real domain functions, and
// what it loads is varied enough to exercise the indicators (mixed households, lapsed
// contracts, corrections, late and partial payments) while keeping every invariant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "../support/temp-db";

tempDatabase("demo");
const { loadDemoProgramme, isDatabaseEmpty, DEMO_LOGINS } = await import("~/domain/demo.server");
const { db, disconnect } = await import("~/utils/db.server");
const { verifyContractChain } = await import("~/domain/ledger.server");

const TODAY = "2026-11-22";
const IN_FORCE = ["signed", "active", "completed", "breached"];

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

let summary: Awaited<ReturnType<typeof loadDemoProgramme>>;
let emptyBefore: boolean;

beforeAll(async () => {
  emptyBefore = await isDatabaseEmpty();
  const started = performance.now();
  summary = await loadDemoProgramme();
  // Reported, not asserted: how long it takes says more about the machine's load than the code.
  console.log(`loadDemoProgramme took ${((performance.now() - started) / 1000).toFixed(2)} s`, summary);
});
afterAll(disconnect);

describe("demo programme", () => {
  it("loads only into an empty database", async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty()).toBe(false);
    await expect(loadDemoProgramme()).rejects.toThrow(/empty/);
  });

  it("reports counts that match the database", async () => {
    expect(summary.households).toBe(await db.household.count());
    expect(summary.lots).toBe(await db.lot.count());
    for (const n of Object.values(summary)) expect(n).toBeGreaterThan(0);
  });

  it("has buyers, groups and enough households", async () => {
    expect(await db.organisation.count({ where: { kind: { in: ["cooperative", "enterprise"] } } })).toBeGreaterThanOrEqual(3);
    expect(await db.organisation.count({ where: { kind: "project_owner" } })).toBeGreaterThanOrEqual(1);
    expect(await db.organisation.count({ where: { kind: "authority" } })).toBeGreaterThanOrEqual(1);
    expect(await db.farmerGroup.count()).toBeGreaterThanOrEqual(8);
    expect(await db.household.count()).toBeGreaterThanOrEqual(150);
  });

  it("places groups and organisations in the units of July 2025, keeping what older records wrote", async () => {
    const { placeUnits } = await import("~/domain/places/units.server");
    const { resolvePlace } = await import("~/domain/places/resolve.server");
    const u = placeUnits();
    const groups = await db.farmerGroup.findMany({ orderBy: { ref: "asc" } });
    // Quảng Trị, Sơn La and Bắc Ninh (which Bắc Giang joined): every group by code, by its current names.
    expect(new Set(groups.map((g) => g.province))).toEqual(new Set(["Quảng Trị", "Sơn La", "Bắc Ninh"]));
    for (const g of groups) {
      expect(u.provinces.get(g.provinceCode!)?.name, g.ref).toBe(g.province);
      if (g.communeCode) expect(u.communes.get(g.communeCode), g.ref).toMatchObject({ name: g.commune, provinceCode: g.provinceCode });
    }
    const byRef = new Map(groups.map((g) => [g.ref, g]));
    expect(byRef.get("tg-huong-phung-1")).toMatchObject({
      communeCode: "19441",
      commune: "Xã Hướng Phùng",
      formerDistrict: "Hướng Hóa",
      formerCommune: "Hướng Phùng",
    });
    expect(byRef.get("tg-tan-xuan-rau")).toMatchObject({ communeCode: "04057", commune: "Xã Xuân Nha", formerDistrict: "Vân Hồ", formerCommune: "Tân Xuân" });
    expect(byRef.get("tg-phuong-son-cam")).toMatchObject({ provinceCode: "24", province: "Bắc Ninh", formerProvince: "Bắc Giang", formerDistrict: "Lục Ngạn" });
    // Registered before July 2025: the former place leads through the official crosswalk to the current unit.
    const older = groups.filter((g) => g.foundedOn! < "2025-07-01");
    expect(older.length).toBeGreaterThanOrEqual(8);
    for (const g of older) {
      expect(g.formerDistrict, g.ref).not.toBeNull();
      const read = resolvePlace({ province: g.formerProvince, district: g.formerDistrict, commune: g.formerCommune });
      expect(read.ok && read.place.provinceCode, g.ref).toBe(g.provinceCode);
      if (read.ok && g.communeCode) expect(read.place.communeCode, g.ref).toBe(g.communeCode);
    }
    // Registered after: the current units only.
    const newer = groups.filter((g) => g.foundedOn! >= "2025-07-01");
    expect(newer.map((g) => g.ref)).toEqual(["tg-tan-lap-ca-phe"]);
    expect(newer[0]).toMatchObject({ communeCode: "19462", commune: "Xã Tân Lập", formerProvince: null, formerDistrict: null, formerCommune: null });
    expect(await db.contract.count({ where: { groupId: newer[0].id, status: { in: IN_FORCE } } })).toBeGreaterThan(0);
    // Đông Sang was split: the group keeps the old name and waits for a person to pick its commune.
    expect(byRef.get("tg-dong-sang-rau")).toMatchObject({ provinceCode: "14", communeCode: null, commune: "Đông Sang", formerDistrict: "Mộc Châu" });
    expect(JSON.parse(byRef.get("tg-dong-sang-rau")!.placeCandidates!)).toEqual(["03979", "03985"]);
    expect(groups.filter((g) => g.placeCandidates).map((g) => g.ref)).toEqual(["tg-dong-sang-rau"]);

    // The authority of the former district reads its groups by province code and former district.
    expect(await db.organisation.findUniqueOrThrow({ where: { ref: "ubnd-huong-hoa" } })).toMatchObject({
      provinceCode: "44",
      communeCode: null,
      formerDistrict: "Hướng Hóa",
    });
    for (const o of await db.organisation.findMany()) expect(u.provinces.has(o.provinceCode!), o.ref).toBe(true);
    expect(await db.farmerGroup.count({ where: { provinceCode: "44", formerDistrict: "Hướng Hóa" } })).toBe(3);

    // Every contract made under the published offer is with a group the offer is open to, old or new.
    const { isEligible } = await import("~/domain/offers.server");
    const underOffer = await db.contract.findMany({ where: { offerId: { not: null } }, include: { offer: true, group: true } });
    expect(underOffer.map((c) => c.group.ref)).toContain("tg-tan-lap-ca-phe");
    for (const c of underOffer) expect(isEligible(c.offer!, c.group), c.ref).toBe(true);
  });

  it("mixes poverty status, sex of head and ethnicity", async () => {
    const hh = await db.household.findMany();
    for (const status of ["poor", "near_poor", "newly_escaped", "non_poor"]) {
      expect(hh.some((h) => h.povertyStatus === status)).toBe(true);
    }
    const female = hh.filter((h) => h.headSex === "female").length / hh.length;
    expect(female).toBeGreaterThan(0.35);
    expect(female).toBeLessThan(0.65);
    expect(hh.some((h) => h.ethnicMinority)).toBe(true);
    expect(hh.some((h) => !h.ethnicMinority && h.ethnicity === "Kinh")).toBe(true);
    expect(hh.every((h) => h.ethnicMinority === (h.ethnicity !== "Kinh"))).toBe(true);
    // Non-poor "pioneers" stay at or below 30% of every group.
    const byGroup = groupBy(hh, (h) => h.groupId);
    for (const members of byGroup.values()) {
      expect(members.filter((h) => h.povertyStatus === "non_poor").length / members.length).toBeLessThanOrEqual(0.3);
    }
  });

  it("has contracts in at least three seasons of every product", async () => {
    const products = await db.product.findMany({ include: { seasons: { include: { contracts: true } } } });
    expect(products.length).toBeGreaterThanOrEqual(3);
    for (const p of products) {
      expect(p.seasons.filter((s) => s.contracts.length > 0).length, p.ref).toBeGreaterThanOrEqual(3);
    }
    const statuses = new Set((await db.contract.findMany()).map((c) => c.status));
    for (const s of ["completed", "cancelled", "breached", "draft"]) expect(statuses.has(s)).toBe(true);
  });

  it("does not continue every buyer–group pair into the next season", async () => {
    const seasons = await db.season.findMany({
      orderBy: { start: "asc" },
      include: { contracts: { where: { status: { in: IN_FORCE } } } },
    });
    let lapsed = 0;
    let continued = 0;
    for (const s of seasons) {
      const next = seasons.find((n) => n.productId === s.productId && n.start > s.start);
      if (!next) continue;
      const nextPairs = new Set(next.contracts.map((c) => `${c.buyerId}/${c.groupId}`));
      for (const c of s.contracts) {
        if (nextPairs.has(`${c.buyerId}/${c.groupId}`)) continued++;
        else lapsed++;
      }
    }
    expect(continued).toBeGreaterThan(0);
    expect(lapsed).toBeGreaterThan(0);
    // A renewal points at the same pair's earlier contract.
    const renewals = await db.contract.findMany({ where: { renewsId: { not: null } }, include: { renews: true } });
    expect(renewals.length).toBeGreaterThan(0);
    for (const c of renewals) expect([c.renews!.buyerId, c.renews!.groupId]).toEqual([c.buyerId, c.groupId]);
  });

  it("records pickups, corrections, disputes, invoices and payments", async () => {
    expect(await db.pickup.count()).toBeGreaterThan(50);
    expect(await db.lot.count()).toBeGreaterThan(300);
    expect(await db.lot.count({ where: { supersedesId: { not: null } } })).toBeGreaterThan(0);
    const disputes = await db.lotDispute.findMany();
    expect(new Set(disputes.map((d) => d.status))).toEqual(new Set(["corrected", "upheld", "open"]));
    for (const d of disputes.filter((x) => x.status === "corrected")) {
      const fix = await db.lot.findUniqueOrThrow({ where: { id: d.correctionLotId! } });
      expect(fix.supersedesId).toBe(d.lotId);
    }
    const pickups = await db.pickup.findMany({ include: { witnesses: true, contract: true } });
    const unwitnessed = pickups.filter((p) => p.witnesses.length === 0).length / pickups.length;
    expect(unwitnessed).toBeGreaterThan(0);
    expect(unwitnessed).toBeLessThan(0.25);
    expect(pickups.every((p) => IN_FORCE.includes(p.contract.status))).toBe(true);
    expect(await db.invoice.count()).toBeGreaterThan(20);
    expect(await db.payment.count()).toBeGreaterThan(20);
    expect(await db.inputAdvance.count()).toBeGreaterThan(0);
    expect(await db.groupFundEntry.count()).toBeGreaterThan(0);
  });

  it("keeps every contract's hash chain intact", async () => {
    const contracts = await db.contract.findMany({ select: { id: true, ref: true } });
    for (const c of contracts) {
      const report = await verifyContractChain(db, c.id);
      expect(report.intact, c.ref).toBe(true);
    }
  });

  it("numbers invoices without gaps, per buyer per year", async () => {
    const invoices = await db.invoice.findMany({ select: { buyerId: true, year: true, number: true } });
    const series = groupBy(invoices, (i) => `${i.buyerId}/${i.year}`);
    for (const list of series.values()) {
      const numbers = list.map((i) => i.number!).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, k) => k + 1));
    }
  });

  it("dates nothing after today and pays mostly, but not always, on time", async () => {
    expect(await db.pickup.count({ where: { date: { gt: TODAY } } })).toBe(0);
    expect(await db.invoice.count({ where: { issuedOn: { gt: TODAY } } })).toBe(0);
    expect(await db.payment.count({ where: { paidOn: { gt: TODAY } } })).toBe(0);
    const invoices = await db.invoice.findMany({ include: { payments: true } });
    const paid = (i: (typeof invoices)[number], by: string) => i.payments.filter((p) => p.paidOn <= by).reduce((s, p) => s + p.amountVnd, 0);
    const onTime = invoices.filter((i) => paid(i, i.dueOn) >= i.totalVnd).length;
    const late = invoices.filter((i) => paid(i, i.dueOn) < i.totalVnd && paid(i, TODAY) >= i.totalVnd).length;
    const open = invoices.filter((i) => paid(i, TODAY) < i.totalVnd).length;
    expect(onTime / invoices.length).toBeGreaterThan(0.5);
    expect(late).toBeGreaterThan(0);
    expect(open).toBeGreaterThan(0);
    for (const i of invoices) expect(paid(i, TODAY)).toBeLessThanOrEqual(i.totalVnd);
  });

  it("gives every demo login an account with a role", async () => {
    expect(DEMO_LOGINS.length).toBeGreaterThanOrEqual(9);
    for (const l of DEMO_LOGINS) {
      const user = await db.user.findFirstOrThrow({
        where: l.login.includes("@") ? { email: l.login } : { phone: l.login },
        include: { memberships: { include: { organisation: true, group: true, household: true } } },
      });
      expect(user.name).toBe(l.name);
      if (l.role === "site_admin") {
        expect(user.isSiteAdmin).toBe(true);
        continue;
      }
      const m = user.memberships.find((x) => x.role === l.role);
      expect(m, l.login).toBeDefined();
      if (l.orgRef) expect(m!.organisation?.ref).toBe(l.orgRef);
      if (l.groupRef) expect(m!.group?.ref).toBe(l.groupRef);
      if (l.role === "group_member") expect(m!.household?.headName).toBe(l.name);
    }
  });

  it("surveys the project's households at a 2024 baseline and a 2025 midline, one escaping poverty in between", async () => {
    const { answerSchema } = await import("~/domain/surveys/surveys.schema");
    const { outcomeSummary } = await import("~/domain/evaluation/outcomes.server");
    const project = await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" } });
    const inProject = await db.household.count({ where: { group: { projectOwnerId: project.id } } });
    const s = await outcomeSummary({ projectOwnerId: project.id, from: "2024-01-01", to: TODAY, seasonIds: [] });
    expect(s.rounds.map((r) => [r.kind, r.heldOn, r.households])).toEqual([
      ["baseline", "2024-03-15", inProject],
      ["midline", "2025-08-15", inProject - s.households.onlyFirst],
    ]);
    expect(s.households.onlyFirst).toBeGreaterThan(0);
    expect(s.poverty.exited).toBe(1);
    expect(s.income.all.change).toBeGreaterThan(0);
    expect(s.linkageIncome.paidVnd).toBeGreaterThan(0);
    // The escape is a survey's record, certified between the rounds.
    expect(await db.povertyRecord.findMany({ where: { source: "survey" }, select: { status: true, certifiedOn: true } })).toEqual([
      { status: "newly_escaped", certifiedOn: "2024-12-20" },
    ]);
    // Every answer is one the form would accept.
    for (const a of await db.householdSurvey.findMany()) {
      const asForm = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, String(v)]));
      expect(answerSchema.safeParse(asForm).success, a.id).toBe(true);
    }
  });
});
