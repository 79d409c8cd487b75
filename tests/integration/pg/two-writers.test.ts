// Two app processes writing to one PostgreSQL database at the same moment (docs/decisions/0033-two-engines.md):
// no process holds a lock or a counter the other cannot see, so only the database's SERIALIZABLE
// transactions keep the guarantees. Confirmations racing for an offer's maximum never over-subscribe
// it, statement numbers stay gap-free per buyer and year, and every acknowledged pickup is stored
// with all its lots on a chain (and signed checkpoints) that still verifies. Each race sends half
// its requests to each process; the fixtures and request shapes are those of
// marketplace-concurrency.test.ts, invoices-concurrency.test.ts and pickups.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../../support/server";
import { expectStatus, html, offerRace } from "../../support/offer-race";
import { tempDatabase } from "../../support/temp-db";

tempDatabase("two-writers");
const { makeWorld, PASSWORD } = await import("../../support/fixtures");
const { makeMarket, makeLeaderGroup } = await import("../../support/marketplace-fixtures");
const { makeContracts, newClientKey, pickupFields, plusDays } = await import("../../support/pickup-fixtures");
const { extraContract, invoiceIdOf, ledgerPickup } = await import("../../support/invoice-fixtures");
const { db, disconnect } = await import("~/utils/db.server");
const { verifyChain } = await import("~/domain/chain-verify.server");

type Group = Awaited<ReturnType<typeof makeLeaderGroup>>;

/** The two app processes, started with the same environment on the same database. */
let servers: AppServer[];
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;
let today: string;
let year: number;
let orgA: string;
/** orgA's contracts with g1 (A = 14.500 ₫/kg, B = 13.000 ₫/kg): makeContracts()'s active one and a second. */
let contractA: string;
let contractA2: string;
/** orgB's active contract with g2. */
let contractB: string;
/** Four Quảng Trị groups, each with its own leader and two households. */
let groups: Group[];
/** orgA's buyer sessions: staffA on process 0, staffA on 1, buyerA on 0, buyerA on 1 (index i is on process i % 2). */
let buyers: Client[];
/** orgB's admin on process 0 and on process 1. */
let buyersB: Client[];
/** Each group's leader, signed in on process i % 2. */
let leaders: Client[];

const OVERSUBSCRIBED = "Xác nhận sẽ vượt quá số lượng tối đa của đơn.";

async function login(server: AppServer, email: string): Promise<Client> {
  const c = new Client(server.url);
  await c.login(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  const setup = await makeContracts(world);
  today = setup.today;
  year = Number(today.slice(0, 4));
  orgA = world.orgs.orgA.id;
  contractA = setup.contracts.active.id;
  contractB = setup.contracts.other.id;
  contractA2 = (
    await extraContract({
      ref: "HD-PK-A3",
      buyerId: orgA,
      groupId: world.groups.g1,
      seasonId: setup.season.id,
      groupFundPct: 0,
      signedOn: plusDays(today, -30),
    })
  ).id;
  groups = [];
  for (const [i, name] of ["Tổ cà phê Hướng Lộc", "Tổ cà phê Hướng Linh", "Tổ cà phê Tân Hợp", "Tổ cà phê Hướng Tân"].entries()) {
    groups.push(
      await makeLeaderGroup({
        email: `two-leader${i + 1}@test.vn`,
        leaderName: `Hồ Văn Tổ Trưởng ${i + 1}`,
        groupName: name,
        province: "Quảng Trị",
        district: "Hướng Hóa",
        households: [`Hồ Thị Hộ ${i + 1}A`, `Côn Văn Hộ ${i + 1}B`],
      }),
    );
  }
  servers = await Promise.all([startServer(), startServer()]);
  const [a, b] = servers;
  const { staffA, buyerA, buyerB } = world.users;
  buyers = await Promise.all([login(a, staffA.email), login(b, staffA.email), login(a, buyerA.email), login(b, buyerA.email)]);
  buyersB = await Promise.all([login(a, buyerB.email), login(b, buyerB.email)]);
  leaders = await Promise.all(groups.map((g, i) => login(servers[i % 2], g.leader.email)));
});
afterAll(async () => {
  await Promise.all((servers ?? []).map((s) => s.stop()));
  await disconnect();
});

const sortedStatuses = (answers: { status: number }[]) => answers.map((r) => r.status).sort((x, y) => x - y);

// ───────────────────────── the marketplace ─────────────────────────

describe("confirmations racing for an offer's maximum on two processes", () => {
  // Confirmation i goes to buyers[i]: half of them to each process.
  const { openOffer, take, everyGroupTakes, confirmAllAtOnce, confirmedTonnes } = offerRace({
    buyerId: () => orgA,
    market: () => market,
    buyers: () => buyers,
    groups: () => groups,
    leaders: () => leaders,
    title: "Đơn hai máy số",
  });

  // 4 × 6 t against a 10 t maximum, two on each process: any one fits, no two do.
  it.each([1, 2, 3])("round %i: of four simultaneous 6 t confirmations on a 10 t offer exactly one wins", async () => {
    const offerId = await openOffer("10");
    const ids = await everyGroupTakes(offerId, 6);

    const results = await confirmAllAtOnce(offerId, ids);

    expect(sortedStatuses(results)).toEqual([302, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(await html(r)).toContain(OVERSUBSCRIBED);
    const contracts = await db.contract.findMany({ where: { offerId } });
    expect(contracts).toHaveLength(1);
    expect(results.find((r) => r.status === 302)!.headers.get("location")).toBe(`/contracts/${contracts[0].id}`);
    const confirmed = await db.offerAcceptance.findMany({ where: { offerId, status: "confirmed" } });
    expect(confirmed.map((a) => a.id)).toEqual([contracts[0].acceptanceId]);
    expect(await confirmedTonnes(offerId)).toBe(6);
    expect(await db.offerAcceptance.count({ where: { offerId, status: "pending", decidedById: null } })).toBe(3);
  });

  it("of four simultaneous 4 t confirmations on a 10 t offer exactly two win", async () => {
    const offerId = await openOffer("10");
    const ids = await everyGroupTakes(offerId, 4);

    const results = await confirmAllAtOnce(offerId, ids);

    expect(sortedStatuses(results)).toEqual([302, 302, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(await html(r)).toContain(OVERSUBSCRIBED);
    expect(await db.contract.count({ where: { offerId } })).toBe(2);
    expect(await confirmedTonnes(offerId)).toBe(8);
  });

  it("one take-up confirmed on both processes at once makes one contract", async () => {
    const offerId = await openOffer("40");
    await expectStatus(await leaders[0].post(`/offers/${offerId}`, take(0, 6)), 200);
    const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId } });

    const results = await confirmAllAtOnce(offerId, [acc.id, acc.id]);

    expect(sortedStatuses(results)).toEqual([302, 409]);
    expect(await html(results.find((r) => r.status === 409)!)).toContain("Đề nghị này đã được trả lời.");
    expect(await db.contract.count({ where: { offerId } })).toBe(1);
    expect(await db.contractEvent.count({ where: { contract: { offerId } } })).toBe(1);
  });
});

// ───────────────────────── statement numbers ─────────────────────────

describe("statements issued on two processes at once for one buyer", () => {
  /** A pickup of one lot per household (hh1 100 kg A, hh1b 100 kg B), straight into the ledger. */
  const pickup = (contractId: string) =>
    ledgerPickup(contractId, today, [
      { householdId: world.households.hh1.id, grossKg: 100, grade: "A" },
      { householdId: world.households.hh1b.id, grossKg: 100, grade: "B" },
    ]);
  const issue = (c: Client, contractId: string, pickupIds: string[]) => c.post(`/contracts/${contractId}/invoices/new`, { pickupIds, issuedOn: today });
  const counter = async () => (await db.invoiceCounter.findUnique({ where: { buyerId_year: { buyerId: orgA, year } } }))?.last ?? 0;
  const numbers = async () =>
    (await db.invoice.findMany({ where: { buyerId: orgA, year }, select: { number: true } })).map((i) => i.number!).sort((x, y) => x - y);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it("sixteen statements over two contracts, half on each process, are numbered exactly on from the last, each stored with its pickup", async () => {
    const last = await counter();
    const work: { contractId: string; pickupId: string }[] = [];
    for (let i = 0; i < 16; i++) {
      const contractId = i % 4 < 2 ? contractA : contractA2;
      work.push({ contractId, pickupId: await pickup(contractId) });
    }

    const answers = await Promise.all(work.map((w, i) => issue(buyers[i % buyers.length], w.contractId, [w.pickupId])));

    expect(answers.map((r) => r.status)).toEqual(Array(16).fill(302));
    const ids = answers.map(invoiceIdOf);
    expect(new Set(ids).size).toBe(16);
    expect(await numbers()).toEqual(range(last + 16));
    expect(await counter()).toBe(last + 16);
    for (const [i, id] of ids.entries()) {
      const invoice = await db.invoice.findUniqueOrThrow({ where: { id }, include: { pickups: { select: { pickupId: true } } } });
      expect([invoice.contractId, invoice.pickups.map((p) => p.pickupId)]).toEqual([work[i].contractId, [work[i].pickupId]]);
    }
  });

  it("the same pickup requested on both processes at once is invoiced once and burns no number", async () => {
    for (const n of [2, 4]) {
      const id = await pickup(contractA);
      const last = await counter();

      const answers = await Promise.all(Array.from({ length: n }, (_, i) => issue(buyers[i], contractA, [id])));

      expect(sortedStatuses(answers)).toEqual([302, ...Array(n - 1).fill(409)]);
      const winner = invoiceIdOf(answers.find((r) => r.status === 302)!);
      expect((await db.invoicePickup.findMany({ where: { pickupId: id } })).map((p) => p.invoiceId)).toEqual([winner]);
      expect(await counter()).toBe(last + 1);
      expect(await numbers()).toEqual(range(last + 1));
    }
  });
});

// ───────────────────────── pickups ─────────────────────────

describe("pickups recorded on two processes at once", () => {
  type ApiAnswer = { ok: boolean; pickupId?: string; duplicate?: boolean; errors?: Record<string, string[]> };
  type Sent = {
    contractId: string;
    client: Client;
    fields: Record<string, string | string[]>;
    lots: { householdId: string; grossG: number; tareG: number; grade: string }[];
  };

  async function postApi(c: Client, fields: Record<string, string | string[]>) {
    const res = await c.post("/api/pickups", fields);
    return { status: res.status, body: (await res.json()) as ApiAnswer };
  }

  /** Pickup n on a contract: two lots whose weights name the pickup, so each stored lot is traced to its request. */
  function pickupOn(contractId: string, client: Client, n: number, households: [string, string], witness: string): Sent {
    const lots = [
      { householdId: households[0], grossG: (200 + n) * 1000, tareG: 3000, grade: "A" },
      { householdId: households[1], grossG: (300 + n) * 1000, tareG: 5000, grade: "B" },
    ];
    const rows = lots.map((l) => ({ householdId: l.householdId, grossKg: String(l.grossG / 1000), tareKg: String(l.tareG / 1000), grade: l.grade }));
    return { contractId, client, lots, fields: pickupFields(contractId, { date: today, witnesses: [witness], lots: rows }) };
  }

  const chainLength = async (contractId: string) => (await verifyChain(contractId)).chain.entries;

  it("every acknowledged pickup is stored with all its lots, and every touched chain and its signed checkpoints verify", async () => {
    const { hh1, hh1b, hh2 } = world.households;
    const sent: Sent[] = [];
    // Ten on one chain (orgA ↔ g1), four on another (orgB ↔ g2): half of each to each process.
    for (let n = 0; n < 10; n++) sent.push(pickupOn(contractA, buyers[n % buyers.length], n, [hh1.id, hh1b.id], hh1.id));
    for (let n = 0; n < 4; n++) sent.push(pickupOn(contractB, buyersB[n % 2], 10 + n, [hh2.id, hh2.id], hh2.id));
    const before = { a: await chainLength(contractA), b: await chainLength(contractB), pickups: await db.pickup.count(), lots: await db.lot.count() };

    const answers = await Promise.all(sent.map((s) => postApi(s.client, s.fields)));

    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
    const ids = answers.map((a) => a.body.pickupId!);
    expect(new Set(ids).size).toBe(sent.length);
    expect(await db.pickup.count()).toBe(before.pickups + sent.length);
    expect(await db.lot.count()).toBe(before.lots + 2 * sent.length);
    for (const [i, id] of ids.entries()) {
      const pickup = await db.pickup.findUniqueOrThrow({ where: { id }, include: { lots: { orderBy: { chainSeq: "asc" } }, witnesses: true } });
      expect(pickup.contractId).toBe(sent[i].contractId);
      expect(pickup.lots.map((l) => ({ householdId: l.householdId, grossG: l.grossG, tareG: l.tareG, grade: l.grade }))).toEqual(sent[i].lots);
      // A pickup and its lots sit together on the chain, whatever was appended around them.
      expect(pickup.lots.map((l) => l.chainSeq)).toEqual([pickup.chainSeq! + 1, pickup.chainSeq! + 2]);
      expect(pickup.witnesses).toHaveLength(1);
    }

    for (const [contractId, added, was] of [
      [contractA, 10, before.a],
      [contractB, 4, before.b],
    ] as const) {
      const report = await verifyChain(contractId);
      expect(report.chain).toMatchObject({ intact: true, entries: was + 3 * added });
      // Both processes signed with the one key beside the data and logged every checkpoint.
      expect(report.anchors.problems).toEqual([]);
      expect(report.anchors.notInLog).toEqual([]);
      expect(report.intact).toBe(true);
    }
  });

  it("one pickup sent to both processes at once (the same form key) is stored once", async () => {
    const { hh1, hh1b } = world.households;
    for (let round = 0; round < 3; round++) {
      const key = newClientKey();
      const fields = pickupFields(contractA, {
        clientKey: key,
        date: today,
        witnesses: [hh1.id],
        lots: [{ householdId: hh1b.id, grossKg: "120", tareKg: "3", grade: "A" }],
      });
      const before = await chainLength(contractA);

      const answers = await Promise.all([postApi(buyers[0], fields), postApi(buyers[1], fields)]);

      expect(sortedStatuses(answers)).toEqual([200, 201]);
      expect(answers[0].body.pickupId).toBe(answers[1].body.pickupId);
      expect(answers.find((a) => a.status === 200)!.body.duplicate).toBe(true);
      expect(await db.pickup.count({ where: { clientKey: { endsWith: `:${key}` } } })).toBe(1);
      expect(await db.lot.count({ where: { pickupId: answers[0].body.pickupId } })).toBe(1);
      const report = await verifyChain(contractA);
      expect(report.chain).toMatchObject({ intact: true, entries: before + 2 });
      expect(report.intact).toBe(true);
    }
  });
});
