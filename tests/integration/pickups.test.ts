// Pickups over real HTTP against the built app and a real database: buyer staff record
// weighings on an active contract (JSON answer for the phone form, redirect for the no-JS
// form), retries never make two pickups, bad input writes nothing, who may see and do what,
// disputes answered by corrections that never edit a lot, the household passbook, the
// witness rota, and the hash chain that shows a row changed behind the app's back.
// Every test asserts rows in the database or the answer's status/body, not only page text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer, sessionPool } from "../support/server";
import type { LotRow } from "../support/pickup-fixtures";
import { tempDatabase } from "../support/temp-db";
import { rawDatabase } from "../support/raw-db";

const file = tempDatabase("pickups");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, newClientKey, pickupFields, plusDays } = await import("../support/pickup-fixtures");
const { db, disconnect } = await import("~/utils/db.server");
const { verifyContractChain } = await import("~/domain/ledger.server");
const { formatVnd } = await import("~/utils/format");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;
/** Short names for what nearly every test uses. */
let today: string;
let contractA: string; // active, orgA ↔ g1
let contractB: string; // active, orgB ↔ g2
let contractSigned: string; // signed only, orgA ↔ g1
let hh1: string;
let hh1b: string; // member1's household
let hh2: string; // a household of g2

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world);
  today = setup.today;
  contractA = setup.contracts.active.id;
  contractB = setup.contracts.other.id;
  contractSigned = setup.contracts.signed.id;
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  hh2 = world.households.hh2.id;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

// ───────────────────────── helpers ─────────────────────────

const as = sessionPool(() => server, PASSWORD);
const staffA = () => as(world.users.staffA.email);
const leader1 = () => as(world.users.leader1.email);
const member1 = () => as(world.users.member1.email);

type ApiAnswer = { ok: boolean; pickupId?: string; duplicate?: boolean; errors?: Record<string, string[]> };

async function postApi(c: Client, fields: Record<string, string | string[]>, opts: { csrf?: boolean } = {}) {
  const res = await c.post("/api/pickups", fields, opts);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return { status: res.status, body: (await res.json()) as ApiAnswer };
}

/** staffA records a pickup on contract A through the API; returns its id and its lots in entry order. */
async function record(lots: LotRow[], witnesses: string[] = [hh1]) {
  const { status, body } = await postApi(await staffA(), pickupFields(contractA, { date: today, witnesses, lots }));
  expect(status, JSON.stringify(body)).toBe(201);
  const pickupId = body.pickupId!;
  const rows = await db.lot.findMany({ where: { pickupId }, orderBy: { chainSeq: "asc" } });
  return { pickupId, lots: rows };
}

async function counts() {
  const [pickups, lots, witnesses] = await Promise.all([db.pickup.count(), db.lot.count(), db.pickupWitness.count()]);
  return { pickups, lots, witnesses };
}

/** Posts one of the pickup page's forms (dispute, correct, uphold). */
async function lotAction(c: Client, pickupId: string, fields: Record<string, string>) {
  return c.post(`/pickups/${pickupId}`, fields);
}

/** Whether the pickup page offers the "raise a dispute" form inside the lot's <article>. */
function hasDisputeForm(html: string, lotId: string): boolean {
  const article = html.split("<article").find((chunk) => chunk.includes(`id="lot-${lotId}"`));
  if (!article) return false;
  const body = article.split("</article>")[0];
  return body.includes('name="intent" value="dispute"') && body.includes(`name="lotId" value="${lotId}"`);
}

const allErrorKeys = (errors: Record<string, string[]> | undefined) => Object.values(errors ?? {}).flat();

// ───────────────────────── recording ─────────────────────────

describe("recording a pickup through the phone form's API", () => {
  it("creates one pickup with its lots, prices and amounts computed on the server, chained and announced", async () => {
    const c = await staffA();
    const fields = pickupFields(contractA, {
      date: today,
      witnesses: [hh1],
      lots: [
        { householdId: hh1, grossKg: "412", tareKg: "12", grade: "A", ripePct: "96" },
        // Vietnamese decimal commas, as typed on the phone.
        { householdId: hh1b, grossKg: "230,5", tareKg: "6,5", grade: "B" },
        // 100,037 kg × 14.500 = 1.450.536,5 ₫: round half up gives …537 (half-even or truncation …536).
        { householdId: hh1, grossKg: "100.037", tareKg: "0", grade: "A" },
      ],
    });
    const before = await counts();
    const { status, body } = await postApi(c, fields);
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ ok: true, duplicate: false });
    const pickupId = body.pickupId!;

    const after = await counts();
    expect(after.pickups - before.pickups).toBe(1);
    expect(after.lots - before.lots).toBe(3);

    const pickup = await db.pickup.findUniqueOrThrow({ where: { id: pickupId }, include: { witnesses: true } });
    expect(pickup).toMatchObject({
      contractId: contractA,
      date: today,
      vehicle: "74C-123.45",
      collectionPoint: "Điểm thu mua Hướng Phùng",
      recordedById: world.users.staffA.id,
    });
    expect(pickup.witnesses.map((w) => w.householdId)).toEqual([hh1]);

    const lots = await db.lot.findMany({ where: { pickupId }, orderBy: { chainSeq: "asc" } });
    expect(lots.map((l) => [l.householdId, l.grossG, l.tareG, l.netG, l.grade, l.unitPriceVnd, l.amountVnd])).toEqual([
      [hh1, 412_000, 12_000, 400_000, "A", 14_500, 5_800_000],
      [hh1b, 230_500, 6_500, 224_000, "B", 13_000, 2_912_000], // 224 kg × 13.000 ₫, checked by hand
      [hh1, 100_037, 0, 100_037, "A", 14_500, 1_450_537],
    ]);
    expect(JSON.parse(lots[0].measurements)).toEqual({ ripePct: expect.anything() });
    expect(String(JSON.parse(lots[0].measurements).ripePct)).toBe("96");
    // Pickup and lots follow each other in the chain.
    expect(lots.map((l) => l.chainSeq)).toEqual([pickup.chainSeq! + 1, pickup.chainSeq! + 2, pickup.chainSeq! + 3]);
    expect(lots[0].prevHash).toBe(pickup.hash);

    expect(await verifyContractChain(db, contractA)).toMatchObject({ intact: true });

    const notes = await db.notification.findMany({ where: { link: `/pickups/${pickupId}` } });
    expect(notes.map((n) => [n.userId, n.kind])).toEqual([[world.users.leader1.id, "pickup_recorded"]]);
    expect(JSON.parse(notes[0].params)).toMatchObject({ contract: setup.contracts.active.ref, lots: 3 });
  });

  it("warns the group leader when nobody from the group witnessed the pickup", async () => {
    const { pickupId } = await record([{ householdId: hh1b, grossKg: "50", tareKg: "1", grade: "A" }], []);
    expect(await db.pickupWitness.count({ where: { pickupId } })).toBe(0);
    const notes = await db.notification.findMany({ where: { link: `/pickups/${pickupId}` } });
    expect(notes.map((n) => [n.userId, n.kind])).toEqual([[world.users.leader1.id, "pickup_unwitnessed"]]);
  });

  it("the no-JS form records the same way and redirects to the new pickup", async () => {
    const c = await staffA();
    const res = await c.post(
      `/contracts/${contractA}/pickups/new`,
      pickupFields(contractA, { date: today, witnesses: [hh1b], lots: [{ householdId: hh1, grossKg: "75", tareKg: "2", grade: "B" }] }),
    );
    expect(res.status).toBe(302);
    const m = /^\/pickups\/([^/?#]+)$/.exec(res.headers.get("location") ?? "");
    expect(m).not.toBeNull();
    const lots = await db.lot.findMany({ where: { pickupId: m![1] } });
    expect(lots.map((l) => [l.netG, l.amountVnd])).toEqual([[73_000, 949_000]]);
  });
});

// ───────────────────────── double submission ─────────────────────────

describe("a retried or double-tapped submission", () => {
  const fieldsFor = (clientKey: string) =>
    pickupFields(contractA, { clientKey, date: today, witnesses: [hh1], lots: [{ householdId: hh1b, grossKg: "120", tareKg: "3", grade: "A" }] });

  it("sent twice in a row makes one pickup; the second answer is 200 duplicate with the same id", async () => {
    const c = await staffA();
    const key = newClientKey();
    const first = await postApi(c, fieldsFor(key));
    const second = await postApi(c, fieldsFor(key));
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ ok: true, duplicate: true, pickupId: first.body.pickupId });
    expect(await db.pickup.count({ where: { clientKey: { endsWith: `:${key}` } } })).toBe(1);
    expect(await db.lot.count({ where: { pickupId: first.body.pickupId } })).toBe(1);
    // One announcement only.
    expect(await db.notification.count({ where: { link: `/pickups/${first.body.pickupId}` } })).toBe(1);

    // The no-JS form with the same key lands on the same pickup and makes nothing new.
    const before = await counts();
    const res = await c.post(`/contracts/${contractA}/pickups/new`, fieldsFor(key));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/pickups/${first.body.pickupId}`);
    expect(await counts()).toEqual(before);
  });

  it("sent twice at the same moment makes one pickup; one 201, one 200 duplicate, same id", async () => {
    const c = await staffA();
    const key = newClientKey();
    const before = await counts();
    const answers = await Promise.all([postApi(c, fieldsFor(key)), postApi(c, fieldsFor(key))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0].body.pickupId).toBeTruthy();
    expect(answers[0].body.pickupId).toBe(answers[1].body.pickupId);
    expect(answers.find((a) => a.status === 200)!.body.duplicate).toBe(true);
    expect(await db.pickup.count({ where: { clientKey: { endsWith: `:${key}` } } })).toBe(1);
    const after = await counts();
    expect([after.pickups - before.pickups, after.lots - before.lots, after.witnesses - before.witnesses]).toEqual([1, 1, 1]);
  });
});

// ───────────────────────── bad input ─────────────────────────

describe("bad input", () => {
  const good = (): LotRow => ({ householdId: hh1, grossKg: "100", tareKg: "5", grade: "A" });

  it("answers 400 with the error in the right place and writes nothing", async () => {
    const c = await staffA();
    const longVehicle = "x".repeat(10_000);
    const cases: { name: string; fields: Record<string, string | string[]>; at: string; key: string }[] = [
      {
        name: "tare above gross",
        fields: pickupFields(contractA, { date: today, lots: [{ ...good(), grossKg: "10", tareKg: "12" }] }),
        at: "lots.0.tareKg",
        key: "error.netNotPositive",
      },
      {
        name: "negative gross",
        fields: pickupFields(contractA, { date: today, lots: [{ ...good(), grossKg: "-5", tareKg: "0" }] }),
        at: "lots.0.grossKg",
        key: "error.range",
      },
      {
        name: "zero gross",
        fields: pickupFields(contractA, { date: today, lots: [{ ...good(), grossKg: "0", tareKg: "0" }] }),
        at: "lots.0.grossKg",
        key: "error.range",
      },
      {
        name: "unknown grade",
        fields: pickupFields(contractA, { date: today, lots: [good(), { ...good(), grade: "Z" }] }),
        at: "lots.1.grade",
        key: "error.unknownGrade",
      },
      {
        name: "household of another group",
        fields: pickupFields(contractA, { date: today, lots: [good(), { ...good(), householdId: hh2 }] }),
        at: "lots.1.householdId",
        key: "error.unknownHousehold",
      },
      {
        name: "witness of another group",
        fields: pickupFields(contractA, { date: today, witnesses: [hh2], lots: [good()] }),
        at: "witnesses",
        key: "error.unknownHousehold",
      },
      { name: "no lots", fields: pickupFields(contractA, { date: today, lots: [] }), at: "lots", key: "error.oneLot" },
      {
        name: "only blank lot rows",
        fields: pickupFields(contractA, { date: today, lots: [{ householdId: "", grossKg: "", tareKg: "", grade: "" }] }),
        at: "lots",
        key: "error.oneLot",
      },
      { name: "a date in the future", fields: pickupFields(contractA, { date: plusDays(today, 1), lots: [good()] }), at: "date", key: "error.futureDate" },
      { name: "not a date", fields: pickupFields(contractA, { date: "2025-02-30", lots: [good()] }), at: "date", key: "error.date" },
      {
        name: "clientKey too short",
        fields: pickupFields(contractA, { clientKey: "abc", date: today, lots: [good()] }),
        at: "clientKey",
        key: "error.invalid",
      },
      {
        name: "clientKey with odd characters",
        fields: pickupFields(contractA, { clientKey: "key with spaces!", date: today, lots: [good()] }),
        at: "clientKey",
        key: "error.invalid",
      },
      {
        name: "10.000-character vehicle",
        fields: pickupFields(contractA, { date: today, vehicle: longVehicle, lots: [good()] }),
        at: "vehicle",
        key: "error.tooLong",
      },
    ];
    const before = await counts();
    const notesBefore = await db.notification.count();
    for (const t of cases) {
      const { status, body } = await postApi(c, t.fields);
      expect(status, t.name).toBe(400);
      expect(body.ok, t.name).toBe(false);
      expect(body.errors?.[t.at], `${t.name}: ${JSON.stringify(body.errors)}`).toContain(t.key);
    }
    expect(await counts()).toEqual(before);
    expect(await db.notification.count()).toBe(notesBefore);
    expect(await db.pickup.count({ where: { vehicle: { startsWith: "xxxxxxxxxxxxxxxxxxxxx" } } })).toBe(0);
  });

  it("the no-JS form refuses the same input with 400 and writes nothing", async () => {
    const c = await staffA();
    const before = await counts();
    const res = await c.post(
      `/contracts/${contractA}/pickups/new`,
      pickupFields(contractA, { date: today, lots: [{ ...good(), grossKg: "10", tareKg: "12" }] }),
    );
    expect(res.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses a pickup on a contract that is signed but not active: 409, nothing written", async () => {
    const c = await staffA();
    const before = await counts();
    const { status, body } = await postApi(c, pickupFields(contractSigned, { date: today, witnesses: [hh1], lots: [good()] }));
    expect(status).toBe(409);
    expect(body.ok).toBe(false);
    expect(allErrorKeys(body.errors)).toContain("error.contractNotActive");
    expect(await counts()).toEqual(before);
    expect(await db.pickup.count({ where: { contractId: contractSigned } })).toBe(0);
  });
});

// ───────────────────────── permissions ─────────────────────────

describe("who may record and see pickups", () => {
  const lot = (): LotRow => ({ householdId: hh1, grossKg: "60", tareKg: "1", grade: "A" });

  it("only the buyer's people record: leader 403, another buyer 404, signed-out 401, no CSRF token 403", async () => {
    const before = await counts();

    const asLeader = await postApi(await leader1(), pickupFields(contractA, { date: today, lots: [lot()] }));
    expect(asLeader.status).toBe(403);
    expect(asLeader.body.ok).toBe(false);

    const asOtherBuyer = await postApi(await as(world.users.buyerB.email), pickupFields(contractA, { date: today, lots: [lot()] }));
    expect(asOtherBuyer.status).toBe(404);
    expect(asOtherBuyer.body.ok).toBe(false);

    // Nor may orgA's staff record on orgB's contract.
    const crossing = await postApi(await staffA(), pickupFields(contractB, { date: today, lots: [{ ...lot(), householdId: hh2 }] }));
    expect(crossing.status).toBe(404);

    const anonymous = new Client(server.url);
    const signedOut = await postApi(anonymous, pickupFields(contractA, { date: today, lots: [lot()] }));
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.ok).toBe(false);

    const noToken = await postApi(await staffA(), pickupFields(contractA, { date: today, lots: [lot()] }), { csrf: false });
    expect(noToken.status).toBe(403);
    expect(noToken.body.ok).toBe(false);

    expect(await counts()).toEqual(before);
  });

  it("the no-JS form page and post follow the same rules", async () => {
    const before = await counts();
    expect((await (await leader1()).get(`/contracts/${contractA}/pickups/new`)).status).toBe(403);
    expect((await (await as(world.users.buyerB.email)).get(`/contracts/${contractA}/pickups/new`)).status).toBe(404);
    expect((await (await staffA()).get(`/contracts/${contractA}/pickups/new`)).status).toBe(200);
    const res = await (await leader1()).post(`/contracts/${contractA}/pickups/new`, pickupFields(contractA, { date: today, lots: [lot()] }));
    expect(res.status).toBe(403);
    const res2 = await (
      await as(world.users.buyerB.email)
    ).post(`/contracts/${contractA}/pickups/new`, pickupFields(contractA, { date: today, lots: [lot()] }));
    expect(res2.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("a pickup page opens for the contract's sides, its project and its authority, and for nobody else", async () => {
    const { pickupId } = await record([lot()]);
    const u = world.users;
    for (const email of [u.staffA.email, u.buyerA.email, u.leader1.email, u.member1.email, u.project.email, u.authority.email]) {
      expect((await (await as(email)).get(`/pickups/${pickupId}`)).status, email).toBe(200);
    }
    for (const email of [u.buyerB.email, u.leader2.email]) {
      expect((await (await as(email)).get(`/pickups/${pickupId}`)).status, email).toBe(404);
    }
    expect((await new Client(server.url).get(`/pickups/${pickupId}`)).status).toBe(302);
  });

  it("a member sees only their own household's lots, unless their household witnessed the pickup", async () => {
    // Not witnessed by hh1b: one lot each for hh1 and hh1b.
    const notWitnessed = await record(
      [
        { householdId: hh1, grossKg: "81", tareKg: "1", grade: "A" },
        { householdId: hh1b, grossKg: "91", tareKg: "1", grade: "B" },
      ],
      [hh1],
    );
    // Witnessed by hh1b: only hh1 delivered.
    const witnessed = await record([{ householdId: hh1, grossKg: "71", tareKg: "1", grade: "A" }], [hh1b]);
    const [otherLot, ownLot] = notWitnessed.lots;

    const page1 = await (await (await member1()).get(`/pickups/${notWitnessed.pickupId}`)).text();
    expect(page1).toContain(`id="lot-${ownLot.id}"`);
    expect(page1).not.toContain(`id="lot-${otherLot.id}"`);

    const page2 = await (await (await member1()).get(`/pickups/${witnessed.pickupId}`)).text();
    expect(page2).toContain(`id="lot-${witnessed.lots[0].id}"`);

    // The leader sees every lot.
    const page3 = await (await (await leader1()).get(`/pickups/${notWitnessed.pickupId}`)).text();
    expect(page3).toContain(`id="lot-${ownLot.id}"`);
    expect(page3).toContain(`id="lot-${otherLot.id}"`);
  });

  // The page offers what the server allows: "the group leader, a witness of the pickup or the
  // household itself" may raise a dispute (disputes.server.ts, mayDispute).
  it("a member is offered the dispute form for their own household's lot", async () => {
    const r = await record(
      [
        { householdId: hh1, grossKg: "61", tareKg: "1", grade: "A" },
        { householdId: hh1b, grossKg: "62", tareKg: "1", grade: "B" },
      ],
      [hh1],
    );
    const ownLot = r.lots[1];
    // Control: the leader is offered the form for that lot.
    const asLeader = await (await (await leader1()).get(`/pickups/${r.pickupId}`)).text();
    expect(hasDisputeForm(asLeader, ownLot.id)).toBe(true);
    const asMember = await (await (await member1()).get(`/pickups/${r.pickupId}`)).text();
    expect(asMember).toContain(`id="lot-${ownLot.id}"`);
    expect(hasDisputeForm(asMember, ownLot.id)).toBe(true);
  });
});

// ───────────────────────── disputes and corrections ─────────────────────────

// One pickup's story, told in order: each test starts where the previous one left off.
describe("disputes and corrections", () => {
  let pickupId: string;
  let lot0: Awaited<ReturnType<typeof db.lot.findFirstOrThrow>>; // hh1, disputed then corrected
  let lot1: Awaited<ReturnType<typeof db.lot.findFirstOrThrow>>; // hh1b, disputed then upheld
  let lot2: Awaited<ReturnType<typeof db.lot.findFirstOrThrow>>; // hh1, not member1's, not witnessed by hh1b
  let disputeId: string;

  beforeAll(async () => {
    const r = await record(
      [
        { householdId: hh1, grossKg: "300", tareKg: "10", grade: "A" },
        { householdId: hh1b, grossKg: "150", tareKg: "5", grade: "B" },
        { householdId: hh1, grossKg: "80", tareKg: "0", grade: "A" },
      ],
      [hh1],
    );
    pickupId = r.pickupId;
    [lot0, lot1, lot2] = r.lots;
  });

  it("the group leader opens a dispute; the buyer's people are told; a second one on the same lot is refused", async () => {
    const res = await lotAction(await leader1(), pickupId, { intent: "dispute", lotId: lot0.id, reason: "Bì chưa trừ bao ướt" });
    expect(res.status).toBe(200);
    const disputes = await db.lotDispute.findMany({ where: { lotId: lot0.id } });
    expect(disputes).toHaveLength(1);
    expect(disputes[0]).toMatchObject({ status: "open", reason: "Bì chưa trừ bao ướt", openedById: world.users.leader1.id });
    disputeId = disputes[0].id;

    const told = await db.notification.findMany({ where: { kind: "dispute_opened", link: `/pickups/${pickupId}#lot-${lot0.id}` } });
    expect(told.map((n) => n.userId).sort()).toEqual([world.users.buyerA.id, world.users.staffA.id].sort());

    const again = await lotAction(await leader1(), pickupId, { intent: "dispute", lotId: lot0.id, reason: "Lần nữa" });
    expect(again.status).toBe(409);
    expect(await db.lotDispute.count({ where: { lotId: lot0.id } })).toBe(1);
  });

  it("only the buyer answers: the leader may not correct (403), another buyer sees nothing (404)", async () => {
    const before = await counts();
    const asLeader = await lotAction(await leader1(), pickupId, {
      intent: "correct",
      lotId: lot0.id,
      disputeId,
      explanation: "Tự sửa",
      grossKg: "1",
      tareKg: "0",
      grade: "A",
    });
    expect(asLeader.status).toBe(403);
    const buyerB = await as(world.users.buyerB.email);
    const asOtherBuyer = await lotAction(buyerB, pickupId, {
      intent: "correct",
      lotId: lot0.id,
      disputeId,
      explanation: "X",
      grossKg: "1",
      tareKg: "0",
      grade: "A",
    });
    expect(asOtherBuyer.status).toBe(404);
    const disputeByOtherBuyer = await lotAction(buyerB, pickupId, { intent: "dispute", lotId: lot1.id, reason: "X" });
    expect(disputeByOtherBuyer.status).toBe(404);
    expect((await buyerB.get(`/pickups/${pickupId}`)).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect(await db.lotDispute.findUniqueOrThrow({ where: { id: disputeId } })).toMatchObject({ status: "open", correctionLotId: null });
    expect(await db.lotDispute.count({ where: { lotId: lot1.id } })).toBe(0);
  });

  it("the buyer answers with a correction: a new superseding lot, the old row untouched, the leader told", async () => {
    const res = await lotAction(await staffA(), pickupId, {
      intent: "correct",
      lotId: lot0.id,
      disputeId,
      explanation: "Cân lại: trừ 2 kg bao ướt",
      grossKg: "300",
      tareKg: "12",
      grade: "B",
    });
    expect(res.status).toBe(200);

    const fix = await db.lot.findFirstOrThrow({ where: { supersedesId: lot0.id } });
    expect(fix).toMatchObject({
      pickupId,
      householdId: hh1,
      grossG: 300_000,
      tareG: 12_000,
      netG: 288_000,
      grade: "B",
      unitPriceVnd: 13_000,
      amountVnd: 3_744_000,
      correctionReason: "Cân lại: trừ 2 kg bao ướt",
    });
    expect(fix.chainSeq).toBeGreaterThan(lot2.chainSeq!);

    // The disputed lot is exactly as it was recorded.
    expect(await db.lot.findUniqueOrThrow({ where: { id: lot0.id } })).toEqual(lot0);

    const d = await db.lotDispute.findUniqueOrThrow({ where: { id: disputeId } });
    expect(d).toMatchObject({ status: "corrected", correctionLotId: fix.id, resolvedById: world.users.staffA.id, resolution: "Cân lại: trừ 2 kg bao ướt" });
    expect(d.resolvedAt).not.toBeNull();

    const told = await db.notification.findMany({ where: { kind: "dispute_resolved", link: `/pickups/${pickupId}#lot-${lot0.id}` } });
    expect(told.map((n) => n.userId)).toContain(world.users.leader1.id);

    expect(await verifyContractChain(db, contractA)).toMatchObject({ intact: true });
  });

  it("a lot that has been corrected cannot be disputed again (409); the correction can", async () => {
    const res = await lotAction(await leader1(), pickupId, { intent: "dispute", lotId: lot0.id, reason: "Vẫn sai" });
    expect(res.status).toBe(409);
    expect(await db.lotDispute.count({ where: { lotId: lot0.id } })).toBe(1);
    // Correcting the old row again is refused too: corrections go to the newest entry.
    const before = await counts();
    const reCorrect = await lotAction(await staffA(), pickupId, {
      intent: "correct",
      lotId: lot0.id,
      explanation: "Sửa lại dòng cũ",
      grossKg: "300",
      tareKg: "10",
      grade: "A",
    });
    expect(reCorrect.status).toBeGreaterThanOrEqual(400);
    expect(await counts()).toEqual(before);

    // The correcting lot is the one to dispute now; two at the same moment make one dispute.
    const fix = await db.lot.findFirstOrThrow({ where: { supersedesId: lot0.id } });
    const both = await Promise.all([
      lotAction(await leader1(), pickupId, { intent: "dispute", lotId: fix.id, reason: "Bì 12 kg là quá nhiều" }),
      lotAction(await leader1(), pickupId, { intent: "dispute", lotId: fix.id, reason: "Bì 12 kg là quá nhiều" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db.lotDispute.count({ where: { lotId: fix.id, status: "open" } })).toBe(1);
  });

  it("the buyer may uphold a disputed lot with an explanation; nothing is added to the ledger", async () => {
    const open = await lotAction(await leader1(), pickupId, { intent: "dispute", lotId: lot1.id, reason: "Quả chín nhiều hơn loại B" });
    expect(open.status).toBe(200);
    const d = await db.lotDispute.findFirstOrThrow({ where: { lotId: lot1.id, status: "open" } });
    const before = await counts();

    // An uphold needs an explanation.
    const empty = await lotAction(await staffA(), pickupId, { intent: "uphold", lotId: lot1.id, disputeId: d.id, explanation: "" });
    expect(empty.status).toBe(400);
    expect((await db.lotDispute.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("open");

    const res = await lotAction(await staffA(), pickupId, { intent: "uphold", lotId: lot1.id, disputeId: d.id, explanation: "Mẫu kiểm tra 82% quả chín" });
    expect(res.status).toBe(200);
    expect(await db.lotDispute.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      status: "upheld",
      resolution: "Mẫu kiểm tra 82% quả chín",
      correctionLotId: null,
      resolvedById: world.users.staffA.id,
    });
    expect(await counts()).toEqual(before);
    expect(await db.lot.findUniqueOrThrow({ where: { id: lot1.id } })).toEqual(lot1);
  });

  it("a member may dispute their own household's lot, not another's they did not witness", async () => {
    const m = await member1();
    const before = await db.lotDispute.count();
    const other = await lotAction(m, pickupId, { intent: "dispute", lotId: lot2.id, reason: "Không phải lô của tôi" });
    expect([403, 404]).toContain(other.status);
    expect(await db.lotDispute.count()).toBe(before);
    expect(await db.lotDispute.count({ where: { lotId: lot2.id } })).toBe(0);

    // Positive control: hh1b's own lot (its earlier dispute is closed).
    const own = await lotAction(m, pickupId, { intent: "dispute", lotId: lot1.id, reason: "Tôi muốn xem lại cân" });
    expect(own.status).toBe(200);
    expect(await db.lotDispute.findFirst({ where: { lotId: lot1.id, status: "open", openedById: world.users.member1.id } })).not.toBeNull();
  });

  it("a correction sent twice at the same moment makes one correcting lot", async () => {
    const fields = { intent: "correct", lotId: lot2.id, explanation: "Cân lại", grossKg: "80", tareKg: "1", grade: "A" };
    const both = await Promise.all([lotAction(await staffA(), pickupId, fields), lotAction(await staffA(), pickupId, fields)]);
    expect(both.map((r) => r.status)).toContain(200);
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await db.lot.count({ where: { supersedesId: lot2.id } })).toBe(1);
  });

  it("after all of this the contract's chain still verifies", async () => {
    expect(await verifyContractChain(db, contractA)).toMatchObject({ intact: true });
  });
});

// ───────────────────────── passbook ─────────────────────────

describe("the household passbook", () => {
  let oldLot: string;
  let fixLot: string;
  let hh1bLot: string;

  beforeAll(async () => {
    const r = await record([
      { householdId: hh1, grossKg: "210", tareKg: "10", grade: "A" },
      { householdId: hh1b, grossKg: "95", tareKg: "5", grade: "B" },
    ]);
    oldLot = r.lots[0].id;
    hh1bLot = r.lots[1].id;
    // The buyer corrects on its own initiative (no dispute).
    const res = await lotAction(await staffA(), r.pickupId, {
      intent: "correct",
      lotId: oldLot,
      explanation: "Nhầm loại",
      grossKg: "210",
      tareKg: "10",
      grade: "B",
    });
    expect(res.status).toBe(200);
    fixLot = (await db.lot.findFirstOrThrow({ where: { supersedesId: oldLot } })).id;
  });

  /** The passbook's line (<li>) that links to the lot. */
  const lineOf = (html: string, lotId: string) => html.split("<li").find((chunk) => chunk.includes(`#lot-${lotId}"`));

  it("the leader sees a household's lines, the superseded one and its correction both shown", async () => {
    const res = await (await leader1()).get(`/groups/${world.groups.g1}/passbook/${hh1}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const old = lineOf(html, oldLot);
    const fix = lineOf(html, fixLot);
    expect(old, "superseded line shown").toBeDefined();
    expect(fix, "correction line shown").toBeDefined();
    expect(old).toContain("Đã được điều chỉnh");
    expect(fix).toContain("Dòng điều chỉnh");
    expect(fix).toContain("Nhầm loại");
    // Only hh1's lots are in hh1's passbook.
    expect(lineOf(html, hh1bLot)).toBeUndefined();
    // The total counts effective lines only: the superseded one is shown but not paid.
    const effective = await db.lot.findMany({ where: { householdId: hh1, supersededBy: { is: null } } });
    const all = await db.lot.findMany({ where: { householdId: hh1 } });
    const sum = (ls: typeof all) => ls.reduce((s, l) => s + l.amountVnd, 0);
    expect(sum(all)).toBeGreaterThan(sum(effective));
    expect(html).toContain(formatVnd(sum(effective)));
  });

  it("a member opens only their own household's passbook; another group's leader none", async () => {
    const m = await member1();
    const own = await m.get(`/groups/${world.groups.g1}/passbook/${hh1b}`);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(lineOf(html, hh1bLot)).toBeDefined();
    expect(lineOf(html, oldLot)).toBeUndefined();

    expect((await m.get(`/groups/${world.groups.g1}/passbook/${hh1}`)).status).toBe(404);
    const leader2 = await as(world.users.leader2.email);
    expect((await leader2.get(`/groups/${world.groups.g1}/passbook/${hh1}`)).status).toBe(404);
    expect((await leader2.get(`/groups/${world.groups.g1}/passbook/${hh1b}`)).status).toBe(404);
    // Through their own group's URL, another group's household is not found either.
    expect((await (await leader1()).get(`/groups/${world.groups.g1}/passbook/${hh2}`)).status).toBe(404);
  });

  it("/passbook sends a member to their own household's passbook", async () => {
    const res = await (await member1()).get("/passbook");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/groups/${world.groups.g1}/passbook/${hh1b}`);
  });
});

// ───────────────────────── witness rota ─────────────────────────

describe("the witness rota", () => {
  const rotaRows = () => db.witnessRota.findMany({ where: { groupId: world.groups.g1 } });
  /** Whether the pickup form's witness checkbox for `id` comes pre-ticked (attributes in any order). */
  const ticked = (html: string, id: string) => {
    const tag = (html.match(/<input[^>]*>/g) ?? []).find((t) => t.includes('name="witnesses"') && t.includes(`value="${id}"`));
    expect(tag, `witness checkbox for ${id}`).toBeDefined();
    return /\schecked(=|\s|\/|>)/.test(tag!);
  };

  it("the leader schedules a household; the pickup form that day ticks it as witness", async () => {
    const formBefore = await (await (await staffA()).get(`/contracts/${contractA}/pickups/new`)).text();
    expect(ticked(formBefore, hh1)).toBe(false);

    const res = await (await leader1()).post(`/groups/${world.groups.g1}/rota`, { on: today, householdIds: [hh1] });
    // Saved, and sent back to that day's list as stored.
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/groups/${world.groups.g1}/rota?on=${today}&saved=1`);
    const rows = await rotaRows();
    expect(rows.map((r) => [r.on, r.householdId])).toEqual([[today, hh1]]);

    const page = await (await staffA()).get(`/contracts/${contractA}/pickups/new`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(ticked(html, hh1)).toBe(true);
    expect(ticked(html, hh1b)).toBe(false);
  });

  it("refuses another group's leader (404), another group's household (400) and a member (403)", async () => {
    const before = await rotaRows();
    const tomorrow = plusDays(today, 1);

    const leader2 = await as(world.users.leader2.email);
    expect((await leader2.post(`/groups/${world.groups.g1}/rota`, { on: tomorrow, householdIds: [hh1b] })).status).toBe(404);

    expect((await (await leader1()).post(`/groups/${world.groups.g1}/rota`, { on: tomorrow, householdIds: [hh2] })).status).toBe(400);
    expect((await (await leader1()).post(`/groups/${world.groups.g1}/rota`, { on: tomorrow, householdIds: [hh1b, hh2] })).status).toBe(400);

    expect((await (await member1()).post(`/groups/${world.groups.g1}/rota`, { on: tomorrow, householdIds: [hh1b] })).status).toBe(403);

    // Removing needs the leader too.
    expect((await leader2.post(`/groups/${world.groups.g1}/rota`, { intent: "remove", rotaId: before[0].id })).status).toBe(404);
    expect((await (await member1()).post(`/groups/${world.groups.g1}/rota`, { intent: "remove", rotaId: before[0].id })).status).toBe(403);

    expect(await rotaRows()).toEqual(before);
    expect(await db.witnessRota.count({ where: { householdId: hh2 } })).toBe(0);
  });
});

// ───────────────────────── verification (last: it tampers with the database) ─────────────────────────

describe("verifying the ledger", () => {
  it("the verify page says the ledger is intact", async () => {
    const res = await (await staffA()).get(`/contracts/${contractA}/verify`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Sổ cân nguyên vẹn");
    expect((await (await leader1()).get(`/contracts/${contractA}/verify`)).status).toBe(200);
    expect((await (await as(world.users.buyerB.email)).get(`/contracts/${contractA}/verify`)).status).toBe(404);
  });

  // On a connection of its own, bypassing the app: the database's own triggers refuse.
  it("the database itself refuses UPDATE and DELETE of pickups, lots and witnesses", async () => {
    const p = await db.pickup.findFirstOrThrow({ where: { contractId: contractA, witnesses: { some: {} } }, include: { witnesses: true } });
    const l = await db.lot.findFirstOrThrow({ where: { pickupId: p.id } });
    const w = p.witnesses[0];
    const raw = await rawDatabase(file);
    try {
      await expect(raw.run(`UPDATE "Pickup" SET "vehicle" = 'đổi' WHERE id = ?`, p.id)).rejects.toThrow(/append-only/);
      await expect(raw.run(`DELETE FROM "Pickup" WHERE id = ?`, p.id)).rejects.toThrow(/append-only/);
      await expect(raw.run(`UPDATE "Lot" SET "grossG" = 1 WHERE id = ?`, l.id)).rejects.toThrow(/append-only/);
      await expect(raw.run(`DELETE FROM "Lot" WHERE id = ?`, l.id)).rejects.toThrow(/append-only/);
      await expect(raw.run(`UPDATE "PickupWitness" SET "householdId" = ? WHERE "pickupId" = ?`, hh1b, p.id)).rejects.toThrow(/append-only/);
      await expect(raw.run(`DELETE FROM "PickupWitness" WHERE "pickupId" = ? AND "householdId" = ?`, p.id, w.householdId)).rejects.toThrow(/append-only/);
    } finally {
      await raw.close();
    }
    expect(await db.pickup.findUniqueOrThrow({ where: { id: p.id }, include: { witnesses: true } })).toEqual(p);
    expect(await db.lot.findUniqueOrThrow({ where: { id: l.id } })).toEqual(l);
  });

  it("a lot changed behind the triggers' back breaks the chain at that lot, and the page says where", async () => {
    // A lot in the middle of the chain, so entries before it still verify.
    const lots = await db.lot.findMany({ where: { contractId: contractA }, orderBy: { chainSeq: "asc" } });
    const target = lots[Math.floor(lots.length / 2)];
    const raw = await rawDatabase(file);
    try {
      await raw.dropTrigger("Lot_no_update", "Lot");
      await raw.run(`UPDATE "Lot" SET "grossG" = "grossG" + 1000 WHERE id = ?`, target.id);
    } finally {
      await raw.close();
    }
    expect(await verifyContractChain(db, contractA)).toMatchObject({
      intact: false,
      brokenAt: { kind: "lot", ref: target.ref, seq: target.chainSeq, reason: "hash" },
    });

    const res = await (await staffA()).get(`/contracts/${contractA}/verify`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`Sổ cân bị sửa từ dòng ${target.chainSeq} (lô ${target.ref})`);
    expect(html).not.toContain("Sổ cân nguyên vẹn");

    // Another contract's chain is its own: still intact.
    const buyerB = await as(world.users.buyerB.email);
    const recorded = await postApi(
      buyerB,
      pickupFields(contractB, { date: today, witnesses: [hh2], lots: [{ householdId: hh2, grossKg: "40", tareKg: "1", grade: "A" }] }),
    );
    expect(recorded.status).toBe(201);
    const other = await buyerB.get(`/contracts/${contractB}/verify`);
    expect(other.status).toBe(200);
    expect(await other.text()).toContain("Sổ cân nguyên vẹn");
  });
});
