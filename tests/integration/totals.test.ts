// The totals kept on write (ContractTotal, ContractHouseholdTotal, InvoiceTotal; docs/decisions/
// 0016-totals-on-write.md) against the ledger they summarise. After every kind of write — an
// import (corrections across households and at a later pickup included), pickups with and
// without witnesses, corrections in place and to another household, disputes, statements,
// corrections of invoiced lots with their notes, payments before and after the due date,
// cancelled and re-issued statements, writes that roll back, the demo seed — two things are
// asserted: verifyTotals() finds no difference, and the stored totals moved by exactly what
// that write changed (worked out by hand here, never read back from the views). Then the check
// is shown to fail when it should: totals edited behind the app's back, a lot written without
// its trigger, and the CLI's exit code and wording. And the indicators that read the totals are
// never stale: a write from this process or from another connection is seen by the next call.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "~/domain/access.server";
import { correctionAtLaterPickup, correctionToAnotherHousehold, loadBundle, runCli, TSX } from "../support/bundle-fixtures";
import { createDatabase } from "../support/pg-cluster";
import { rawDatabase, type RawDb } from "../support/raw-db";
import { runCommand, type Ran } from "../support/run";
import { onPostgres, tempDatabase, tempDir } from "../support/temp-db";

const file = tempDatabase("totals");
const { db, disconnect, write } = await import("~/utils/db.server");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { appendCorrection, appendPickup, LedgerError } = await import("~/domain/ledger.server");
const { addPayment, cancelInvoice, issueInvoice, noteForCorrection } = await import("~/domain/invoices.server");
const { answerLot, openDispute } = await import("~/domain/disputes.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { verifyTotals } = await import("~/domain/totals/verify.server");

// The demo seed needs an empty database, and db.server holds one database per process: it is
// loaded by `npm run setup:db` into a second database (a file, or one more on the PostgreSQL
// run's cluster) with files of its own beside it, started now so it runs beside the tests here.
const demoDir = tempDir("totals-demo");
/** The demo's database: its SQLite file, or its PostgreSQL URL. */
const demoDb = onPostgres()
  ? createDatabase(process.env.TEST_PG_SOCKET!, `totals_demo_${crypto.randomBytes(4).toString("hex")}`)
  : path.join(demoDir, "demo.db");
const demoSeed: Promise<Ran> = runCommand(TSX, ["scripts/setup-db.ts"], {
  env: { ...process.env, DATABASE_URL: onPostgres() ? demoDb : `file:${demoDb}`, DATA_DIR: demoDir, SEED_DEMO: "1" },
});

// ───────────────────────── reading the stored totals ─────────────────────────

type ContractRow = {
  netG: number;
  amountVnd: number;
  lots: number;
  disputedLots: number;
  pickups: number;
  witnessedPickups: number;
  paidVnd: number;
  headSeq: number;
  headHash: string | null;
};
type HouseholdRow = { netG: number; amountVnd: number; lots: number; disputedLots: number };
type InvoiceRow = { contractId: string; dueOn: string; cancelled: boolean; amountVnd: number; keptVnd: number; paidByDueVnd: number };

const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));

async function contractTotal(contractId: string): Promise<ContractRow | null> {
  const [r] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "netG", "amountVnd", "lots", "disputedLots", "pickups", "witnessedPickups", "paidVnd", "headSeq", "headHash"
    FROM "ContractTotal" WHERE "contractId" = ${contractId}`;
  return r ? (plain(r) as ContractRow) : null;
}

async function householdTotal(contractId: string, householdId: string): Promise<HouseholdRow | null> {
  const [r] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "netG", "amountVnd", "lots", "disputedLots" FROM "ContractHouseholdTotal" WHERE "contractId" = ${contractId} AND "householdId" = ${householdId}`;
  return r ? (plain(r) as HouseholdRow) : null;
}

async function invoiceTotal(invoiceId: string): Promise<InvoiceRow | null> {
  const [r] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "contractId", "dueOn", "cancelled", "amountVnd", "keptVnd", "paidByDueVnd" FROM "InvoiceTotal" WHERE "invoiceId" = ${invoiceId}`;
  if (!r) return null;
  const row = plain(r);
  return { ...row, cancelled: Number(row.cancelled) === 1 } as InvoiceRow;
}

/** Every stored total, in key order: equal snapshots mean no total moved. */
async function snapshot() {
  return {
    contracts: await db.$queryRaw<unknown[]>`SELECT * FROM "ContractTotal" ORDER BY "contractId"`,
    households: await db.$queryRaw<unknown[]>`SELECT * FROM "ContractHouseholdTotal" ORDER BY "contractId", "householdId"`,
    invoices: await db.$queryRaw<unknown[]>`SELECT * FROM "InvoiceTotal" ORDER BY "invoiceId"`,
  };
}

/** The numeric fields that moved from `before` to `after` (a missing row counts as zeros), and by how much. */
function change<T extends object>(before: T | null, after: T | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after ?? before ?? {})) {
    if (typeof v !== "number") continue;
    const d = (((after as Record<string, unknown> | null)?.[k] as number) ?? 0) - (((before as Record<string, unknown> | null)?.[k] as number) ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

/** The check the issue asks for: recomputed from the ledger, the totals are what is stored. */
async function expectLedgerMatch() {
  const r = await verifyTotals();
  expect(r.differences).toEqual([]);
  expect(r.more).toBe(0);
  expect(r.ok).toBe(true);
  return r;
}

/** A second connection to the same database, as another process (or an operator's sqlite3 or psql) would have. */
async function rawConnection<T>(fn: (raw: RawDb) => Promise<T>): Promise<T> {
  const raw = await rawDatabase(file);
  try {
    return await fn(raw);
  } finally {
    await raw.close();
  }
}

/** A trigger's definition as the database keeps it, or undefined when there is none. */
async function triggerSql(raw: RawDb, name: string): Promise<string | undefined> {
  const sql = onPostgres()
    ? `SELECT pg_get_triggerdef("oid") AS "sql" FROM pg_trigger WHERE "tgname" = ?`
    : `SELECT "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "name" = ?`;
  return (await raw.rows<{ sql: string }>(sql, name))[0]?.sql;
}

// ───────────────────────── the world: chain.json ─────────────────────────

const id = {
  contract: async (ref: string) => (await db.contract.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id,
  household: async (ref: string) => (await db.household.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id,
  invoice: async (ref: string) => (await db.invoice.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id,
};

/** The lots a pickup recorded, in chain order (the newest correction last). */
const lotsOf = (pickupId: string) => db.lot.findMany({ where: { pickupId }, orderBy: { chainSeq: "asc" } });
/** The lot that is effective now for a lot first recorded as `lotId` (follows its corrections). */
async function effective(lotId: string) {
  let lot = await db.lot.findUniqueOrThrow({ where: { id: lotId }, include: { supersededBy: { select: { id: true } } } });
  while (lot.supersededBy) lot = await db.lot.findUniqueOrThrow({ where: { id: lot.supersededBy.id }, include: { supersededBy: { select: { id: true } } } });
  return lot;
}

let c1: string; // c-2024-001: active, htx × tg-huong-phung-1, 7 days, A 14 500 / B 13 000
let c3: string; // c-2024-003: active, simexco × tg-cu-sue-1
let g1: string;
let hh1: string;
let hh2: string;
let hh3: string;
let hh4: string;
let leader: Access; // the leader of tg-huong-phung-1: raises disputes
let admin: Access; // a site administrator: answers disputes, cancels statements

beforeAll(async () => {
  expect(await importBundle(loadBundle("chain"), OPERATOR)).toMatchObject({ ok: true });
  c1 = await id.contract("c-2024-001");
  c3 = await id.contract("c-2024-003");
  g1 = (await db.farmerGroup.findUniqueOrThrow({ where: { ref: "tg-huong-phung-1" }, select: { id: true } })).id;
  [hh1, hh2, hh3, hh4] = await Promise.all(["hh-0001", "hh-0002", "hh-0003", "hh-0004"].map(id.household));
  const [leaderUser, adminUser] = await write((tx) =>
    Promise.all([
      tx.user.create({ data: { name: "Hồ Thị Lan", email: "leader@totals.test", passwordHash: "-" } }),
      tx.user.create({ data: { name: "Quản trị", email: "admin@totals.test", passwordHash: "-", isSiteAdmin: true } }),
    ]),
  );
  const session = (u: typeof leaderUser) => ({ id: u.id, name: u.name, email: u.email, phone: null, locale: "vi", isSiteAdmin: u.isSiteAdmin });
  leader = { user: session(leaderUser), orgs: [], groups: [{ id: g1, name: "Tổ hợp tác cà phê Hướng Phùng 1", role: "group_leader", householdId: null }] };
  admin = { user: session(adminUser), orgs: [], groups: [] };
});
afterAll(disconnect);

// ───────────────────────── 1. imports ─────────────────────────

describe("imports", () => {
  it("after importing chain.json the totals match the ledger, with the figures computed by hand (tests/support/bundle-fixtures.ts)", async () => {
    const r = await expectLedgerMatch();
    // Contracts with pickups: c-2023-001, c-2024-001…006 (not the pepper contract, nothing picked up).
    // Contract × household: (c23-1, hh1) (c1: hh1 hh2 hh3) (c2: hh201 hh202) (c3, hh301) (c4, hh101) (c5, hh4) (c6, hh2).
    expect(r.rows).toEqual({ ContractTotal: 7, ContractHouseholdTotal: 10, InvoiceTotal: 7 });

    // c-2024-001: l-0001 400 kg A, l-0002 224 kg B, l-0004 166 kg A (corrects l-0003), l-0005 290 kg B.
    // Chain: p-0001 l-0001 l-0002 p-0002 l-0003 p-0003 l-0005, then the correction l-0004 = entry 8.
    const l4 = await db.lot.findUniqueOrThrow({ where: { ref: "l-0004" } });
    expect(l4.chainSeq).toBe(8);
    expect(await contractTotal(c1)).toEqual({
      netG: 1_080_000,
      amountVnd: 14_889_000, // 5 800 000 + 2 912 000 + 2 407 000 + 3 770 000
      lots: 4,
      disputedLots: 1, // l-0003, superseded but marked
      pickups: 3,
      witnessedPickups: 2, // p-0001, p-0003
      paidVnd: 14_889_000,
      headSeq: 8,
      headHash: l4.hash,
    });
    // hh-0001: l-0001 and l-0004 effective; l-0003 (its disputed, superseded lot) counted as disputed only.
    expect(await householdTotal(c1, hh1)).toEqual({ netG: 566_000, amountVnd: 8_207_000, lots: 2, disputedLots: 1 });
    expect(await householdTotal(c1, hh2)).toEqual({ netG: 224_000, amountVnd: 2_912_000, lots: 1, disputedLots: 0 });
    expect(await householdTotal(c1, hh3)).toEqual({ netG: 290_000, amountVnd: 3_770_000, lots: 1, disputedLots: 0 });
    expect(await householdTotal(c1, hh4)).toBeNull(); // hh-0004 only delivered under the cancelled c-2024-005

    expect(await contractTotal(c3)).toMatchObject({ netG: 80_000, amountVnd: 1_120_000, lots: 1, disputedLots: 1, pickups: 1, witnessedPickups: 0 });

    // Statements: amount = their pickups' effective lots; paid by due = payments dated on or before it.
    const inv = async (ref: string) => invoiceTotal(await id.invoice(ref));
    expect(await inv("inv-2024-0001")).toEqual({
      contractId: c1,
      dueOn: "2024-10-11",
      cancelled: false,
      amountVnd: 8_712_000,
      keptVnd: 0,
      paidByDueVnd: 8_712_000,
    });
    expect(await inv("inv-2024-0002")).toMatchObject({ dueOn: "2024-10-19", amountVnd: 2_407_000, paidByDueVnd: 2_407_000 }); // l-0004 only
    expect(await inv("inv-2024-0003")).toMatchObject({ dueOn: "2024-11-28", amountVnd: 3_770_000, paidByDueVnd: 3_000_000 }); // 770 000 came 11-29
    expect(await inv("inv-2024-0101")).toMatchObject({ dueOn: "2024-11-16", amountVnd: 4_186_601, paidByDueVnd: 4_186_600 });
    expect(await inv("inv-2024-0201")).toMatchObject({ contractId: c3, dueOn: "2025-01-01", amountVnd: 1_120_000, paidByDueVnd: 1_120_000 });
  });

  it("a correction booked to another household by an import moves the lot between the households' totals", async () => {
    expect(await importBundle(correctionToAnotherHousehold(), OPERATOR)).toMatchObject({ ok: true });
    await expectLedgerMatch();
    const c = await id.contract("fixhh-c-1");
    // fixhh-l-1 (hh-1, 100 kg) is superseded by fixhh-l-2 (hh-2, 120 kg) at 10 000 đ/kg.
    expect(await householdTotal(c, await id.household("fixhh-hh-1"))).toEqual({ netG: 0, amountVnd: 0, lots: 0, disputedLots: 0 });
    expect(await householdTotal(c, await id.household("fixhh-hh-2"))).toEqual({ netG: 120_000, amountVnd: 1_200_000, lots: 1, disputedLots: 0 });
    expect(await contractTotal(c)).toMatchObject({ netG: 120_000, amountVnd: 1_200_000, lots: 1, pickups: 1, witnessedPickups: 0, headSeq: 3 });
  });

  it("a correction recorded at a later pickup by an import: the statement of that pickup counts the correcting lot", async () => {
    expect(await importBundle(correctionAtLaterPickup(), OPERATOR)).toMatchObject({ ok: true });
    await expectLedgerMatch();
    const c = await id.contract("fixpk-c-1");
    expect(await contractTotal(c)).toMatchObject({ netG: 90_000, amountVnd: 900_000, lots: 1, pickups: 2, paidVnd: 900_000 });
    expect(await householdTotal(c, await id.household("fixpk-hh-1"))).toEqual({ netG: 90_000, amountVnd: 900_000, lots: 1, disputedLots: 0 });
    expect(await invoiceTotal(await id.invoice("fixpk-inv-1"))).toEqual({
      contractId: c,
      dueOn: "2024-10-08",
      cancelled: false,
      amountVnd: 900_000,
      keptVnd: 0,
      paidByDueVnd: 900_000,
    });
  });

  it("importing the same bundle again changes no total", async () => {
    const before = await snapshot();
    expect(await importBundle(loadBundle("chain"), OPERATOR)).toMatchObject({ ok: true });
    expect(await snapshot()).toEqual(before);
    await expectLedgerMatch();
  });
});

// ───────────────────────── 2–5. pickups, corrections, disputes ─────────────────────────

let p1: string; // 2024-12-10, witnessed: hh-0003 100 kg A
let p2: string; // 2024-12-11, no witness: hh-0003 50 kg B, hh-0004 80 kg A
let p1Lot: string; // p1's first lot (its effective successor changes below)
let p2Lot3: string; // p2's hh-0003 lot
let p2Lot4: string; // p2's hh-0004 lot

describe("pickups", () => {
  it("a witnessed pickup: one pickup, one witnessed pickup (two witnesses count once), its lot's weight and amount, the chain head", async () => {
    const before = await contractTotal(c1);
    const hhBefore = await householdTotal(c1, hh3);
    const { pickup } = await write((tx) =>
      appendPickup(tx, {
        contractId: c1,
        date: "2024-12-10",
        witnessHouseholdIds: [hh1, hh2],
        lots: [{ householdId: hh3, grossG: 102_000, tareG: 2_000, grade: "A" }],
      }),
    );
    p1 = pickup.id;
    const [lot] = await lotsOf(p1);
    p1Lot = lot.id;
    await expectLedgerMatch();
    const after = await contractTotal(c1);
    // 100 kg × 14 500 = 1 450 000; two chain entries (the pickup, its lot)
    expect(change(before, after)).toEqual({ netG: 100_000, amountVnd: 1_450_000, lots: 1, pickups: 1, witnessedPickups: 1, headSeq: 2 });
    expect(after!.headHash).toBe(lot.hash);
    expect(change(hhBefore, await householdTotal(c1, hh3))).toEqual({ netG: 100_000, amountVnd: 1_450_000, lots: 1 });
    // Witnessing is not delivering: the witnesses' own rows do not move.
    expect(await householdTotal(c1, hh1)).toEqual({ netG: 566_000, amountVnd: 8_207_000, lots: 2, disputedLots: 1 });
  });

  it("a pickup without witnesses: a pickup but no witnessed pickup; a household's first lot under the contract starts its row", async () => {
    const before = await contractTotal(c1);
    expect(await householdTotal(c1, hh4)).toBeNull();
    const { pickup } = await write((tx) =>
      appendPickup(tx, {
        contractId: c1,
        date: "2024-12-11",
        witnessHouseholdIds: [],
        lots: [
          { householdId: hh3, grossG: 51_000, tareG: 1_000, grade: "B" }, // 50 kg × 13 000 = 650 000
          { householdId: hh4, grossG: 80_500, tareG: 500, grade: "A" }, // 80 kg × 14 500 = 1 160 000
        ],
      }),
    );
    p2 = pickup.id;
    [p2Lot3, p2Lot4] = (await lotsOf(p2)).map((l) => l.id);
    await expectLedgerMatch();
    expect(change(before, await contractTotal(c1))).toEqual({ netG: 130_000, amountVnd: 1_810_000, lots: 2, pickups: 1, headSeq: 3 });
    expect(await householdTotal(c1, hh4)).toEqual({ netG: 80_000, amountVnd: 1_160_000, lots: 1, disputedLots: 0 });
  });
});

describe("corrections", () => {
  it("in place: the new weight replaces the old one; the lot count and the household stay", async () => {
    const before = await contractTotal(c1);
    const hhBefore = await householdTotal(c1, hh3);
    const fix = await write((tx) => appendCorrection(tx, { lotId: p2Lot3, reason: "cân lại", grossG: 56_000, tareG: 1_000, grade: "B" }));
    await expectLedgerMatch();
    const after = await contractTotal(c1);
    // 50 kg → 55 kg B: +5 000 g, +65 000 đ; one chain entry
    expect(change(before, after)).toEqual({ netG: 5_000, amountVnd: 65_000, headSeq: 1 });
    expect(after!.headHash).toBe(fix.hash);
    expect(change(hhBefore, await householdTotal(c1, hh3))).toEqual({ netG: 5_000, amountVnd: 65_000 });
  });

  it("booked to another household: the old household loses the lot and its weight, the new one gains the corrected lot", async () => {
    const before = await contractTotal(c1);
    const [from, to] = [await householdTotal(c1, hh3), await householdTotal(c1, hh2)];
    await write((tx) => appendCorrection(tx, { lotId: p1Lot, reason: "nhầm hộ", householdId: hh2, grossG: 100_000, tareG: 2_000, grade: "A" }));
    await expectLedgerMatch();
    // hh-0003's 100 kg (1 450 000) becomes hh-0002's 98 kg (1 421 000)
    expect(change(before, await contractTotal(c1))).toEqual({ netG: -2_000, amountVnd: -29_000, headSeq: 1 });
    expect(change(from, await householdTotal(c1, hh3))).toEqual({ netG: -100_000, amountVnd: -1_450_000, lots: -1 });
    expect(change(to, await householdTotal(c1, hh2))).toEqual({ netG: 98_000, amountVnd: 1_421_000, lots: 1 });
  });
});

describe("disputes", () => {
  let first: string;

  it("a dispute marks the lot disputed, for the contract and the household", async () => {
    const [before, hhBefore] = [await contractTotal(c1), await householdTotal(c1, hh4)];
    const r = await openDispute(leader, p2Lot4, "Cân sai");
    expect(r).toMatchObject({ ok: true });
    first = (r as { id: string }).id;
    await expectLedgerMatch();
    expect(change(before, await contractTotal(c1))).toEqual({ disputedLots: 1 });
    expect(change(hhBefore, await householdTotal(c1, hh4))).toEqual({ disputedLots: 1 });
  });

  it("upheld, then disputed again: two disputes on one lot count it once", async () => {
    const [before, hhBefore] = [await contractTotal(c1), await householdTotal(c1, hh4)];
    expect(await answerLot(admin, p2Lot4, first, { kind: "uphold", explanation: "Cân đúng" })).toEqual({ ok: true, correctionId: undefined });
    await expectLedgerMatch();
    expect(await openDispute(leader, p2Lot4, "Vẫn sai")).toMatchObject({ ok: true });
    expect(await db.lotDispute.count({ where: { lotId: p2Lot4 } })).toBe(2);
    await expectLedgerMatch();
    expect(change(before, await contractTotal(c1))).toEqual({});
    expect(change(hhBefore, await householdTotal(c1, hh4))).toEqual({});
  });

  it("answered with a correction: the corrected lot stays counted as disputed; its weight is replaced", async () => {
    const open = await db.lotDispute.findFirstOrThrow({ where: { lotId: p2Lot4, status: "open" } });
    const [before, hhBefore] = [await contractTotal(c1), await householdTotal(c1, hh4)];
    const r = await answerLot(admin, p2Lot4, open.id, { kind: "correct", explanation: "Cân lại", grossKg: 81, tareKg: 0.5, grade: "a" });
    expect(r).toMatchObject({ ok: true, correctionId: expect.any(String) });
    await expectLedgerMatch();
    // 80 kg → 80.5 kg A: +500 g, +7 250 đ (80.5 × 14 500 = 1 167 250); no statement, so no note
    expect(change(before, await contractTotal(c1))).toEqual({ netG: 500, amountVnd: 7_250, headSeq: 1 });
    expect(change(hhBefore, await householdTotal(c1, hh4))).toEqual({ netG: 500, amountVnd: 7_250 });
    expect(await db.invoice.count({ where: { kind: { not: "invoice" } } })).toBe(0);
  });

  it("a dispute removed behind the app's back (another connection) stops counting only when it was the lot's last", async () => {
    const lot = (await effective(p1Lot)).id; // hh-0002's 98 kg
    const before = await contractTotal(c1);
    expect(await openDispute(leader, lot, "Sai hộ")).toMatchObject({ ok: true });
    await expectLedgerMatch();
    expect(change(before, await contractTotal(c1))).toEqual({ disputedLots: 1 });
    await rawConnection((raw) => raw.run(`DELETE FROM "LotDispute" WHERE "lotId" = ?`, lot));
    await expectLedgerMatch();
    expect(change(before, await contractTotal(c1))).toEqual({});
    expect(await householdTotal(c1, hh2)).toMatchObject({ disputedLots: 0 });
  });
});

// ───────────────────────── 6–9. statements, notes, payments, cancelling ─────────────────────────

let i1: string; // p1 + p2, issued 2024-12-12, due 2024-12-19

describe("statements", () => {
  it("issuing a statement adds its row: due date from the contract's terms, amount = its pickups' effective lots", async () => {
    const before = await snapshot();
    const contractBefore = await contractTotal(c1);
    const inv = await write((tx) => issueInvoice(tx, { contractId: c1, pickupIds: [p1, p2], issuedOn: "2024-12-12" }));
    i1 = inv.id;
    await expectLedgerMatch();
    // p1: hh-0002 98 kg A 1 421 000 · p2: hh-0003 55 kg B 715 000, hh-0004 80.5 kg A 1 167 250
    expect(await invoiceTotal(i1)).toEqual({ contractId: c1, dueOn: "2024-12-19", cancelled: false, amountVnd: 3_303_250, keptVnd: 0, paidByDueVnd: 0 });
    expect(inv.subtotalVnd).toBe(3_303_250);
    expect(await contractTotal(c1)).toEqual(contractBefore);
    expect((await snapshot()).invoices).toHaveLength(before.invoices.length + 1);
  });

  it("what a statement keeps back (the group-fund share) is its keptVnd", async () => {
    const [buyer, season] = await Promise.all([
      db.organisation.findUniqueOrThrow({ where: { ref: "htx-khe-sanh" } }),
      db.season.findUniqueOrThrow({ where: { ref: "coffee-2024" } }),
    ]);
    const inv = await write(async (tx) => {
      const c = await tx.contract.create({
        data: {
          ref: "c-2024-fund",
          buyerId: buyer.id,
          groupId: g1,
          seasonId: season.id,
          status: "active",
          areaHa: 1,
          volumeTonnes: 1,
          paymentTermsDays: 10,
          groupFundPct: 5,
          grades: { create: [{ code: "A", label: "Loại A", priceVndPerKg: 10_000 }] },
        },
      });
      const { pickup } = await appendPickup(tx, {
        contractId: c.id,
        date: "2024-12-12",
        witnessHouseholdIds: [hh3],
        lots: [
          { householdId: hh1, grossG: 100_000, tareG: 0, grade: "A" },
          { householdId: hh2, grossG: 50_000, tareG: 0, grade: "A" },
        ],
      });
      return issueInvoice(tx, { contractId: c.id, pickupIds: [pickup.id], issuedOn: "2024-12-13" });
    });
    await expectLedgerMatch();
    // 1 000 000 + 500 000; 5 % of each household's amount kept for the group fund: 50 000 + 25 000
    expect(await invoiceTotal(inv.id)).toEqual({
      contractId: inv.contractId,
      dueOn: "2024-12-23",
      cancelled: false,
      amountVnd: 1_500_000,
      keptVnd: 75_000,
      paidByDueVnd: 0,
    });
    expect(inv.deductionsVnd).toBe(75_000);
    expect(await contractTotal(inv.contractId)).toMatchObject({ netG: 150_000, amountVnd: 1_500_000, lots: 2, pickups: 1, witnessedPickups: 1, headSeq: 3 });
  });

  it("correcting an invoiced lot: the statement's amount follows the effective lot, by exactly its credit note", async () => {
    const old = (await effective(p1Lot)).id; // hh-0002 98 kg A, 1 421 000, on i1
    const [before, contractBefore, rowsBefore] = [await invoiceTotal(i1), await contractTotal(c1), (await snapshot()).invoices.length];
    const note = await write(async (tx) => {
      const fix = await appendCorrection(tx, { lotId: old, reason: "cân lại", grossG: 92_000, tareG: 2_000, grade: "A" });
      return noteForCorrection(tx, old, fix.id, "2024-12-14");
    });
    await expectLedgerMatch();
    // 98 kg → 90 kg A: 1 421 000 → 1 305 000, credit note −116 000
    expect(note).toMatchObject({ kind: "credit_note", totalVnd: -116_000, referencesId: i1 });
    expect(change(before, await invoiceTotal(i1))).toEqual({ amountVnd: -116_000 });
    expect(change(contractBefore, await contractTotal(c1))).toEqual({ netG: -8_000, amountVnd: -116_000, headSeq: 1 });
    // A note is not a statement of its own: no row for it.
    expect((await snapshot()).invoices).toHaveLength(rowsBefore);
    expect(await invoiceTotal(note!.id)).toBeNull();
  });

  it("a correction that raises an invoiced lot (answered by the buyer) adds its debit note to the amount", async () => {
    const before = await invoiceTotal(i1);
    const r = await answerLot(admin, (await effective(p2Lot3)).id, null, { kind: "correct", explanation: "Cân lại", grossKg: 61, tareKg: 1, grade: "B" });
    expect(r).toMatchObject({ ok: true });
    await expectLedgerMatch();
    // 55 kg → 60 kg B: 715 000 → 780 000, debit note +65 000
    const notes = await db.invoice.findMany({ where: { referencesId: i1 }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => [n.kind, n.totalVnd])).toEqual([
      ["credit_note", -116_000],
      ["debit_note", 65_000],
    ]);
    const after = await invoiceTotal(i1);
    expect(change(before, after)).toEqual({ amountVnd: 65_000 });
    // Amount after notes = the statement's subtotal plus its notes.
    const issued = await db.invoice.findUniqueOrThrow({ where: { id: i1 } });
    expect(after!.amountVnd).toBe(issued.subtotalVnd - 116_000 + 65_000);
  });
});

describe("payments", () => {
  it("a payment dated on the due date counts as paid by due; one a day later only as paid", async () => {
    // i1 is due 2024-12-19 and owes 3 252 250.
    const [before, contractBefore] = [await invoiceTotal(i1), await contractTotal(c1)];
    const pay = (paidOn: string, amountVnd: number) =>
      write((tx) => addPayment(tx, i1, { paidOn, amountVnd, method: "cash", reference: null }, admin.user.id, "2024-12-31"));

    expect(await pay("2024-12-19", 2_000_000)).toMatchObject({ ok: true });
    await expectLedgerMatch();
    expect(change(before, await invoiceTotal(i1))).toEqual({ paidByDueVnd: 2_000_000 });
    expect(change(contractBefore, await contractTotal(c1))).toEqual({ paidVnd: 2_000_000 });

    expect(await pay("2024-12-20", 1_000_000)).toMatchObject({ ok: true });
    await expectLedgerMatch();
    expect(change(before, await invoiceTotal(i1))).toEqual({ paidByDueVnd: 2_000_000 });
    expect(change(contractBefore, await contractTotal(c1))).toEqual({ paidVnd: 3_000_000 });
  });

  it("a refused payment (more than is owed) moves nothing", async () => {
    const before = await snapshot();
    const r = await write((tx) => addPayment(tx, i1, { paidOn: "2024-12-18", amountVnd: 300_000, method: "cash", reference: null }, null, "2024-12-31"));
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(await snapshot()).toEqual(before);
    await expectLedgerMatch();
  });
});

describe("cancelled statements", () => {
  let p3: string; // 2024-12-14: hh-0001 40 kg A (580 000)
  let i2: string; // cancelled
  let i3: string; // the same pickup, re-issued

  it("cancelling a statement sets its cancelled flag and nothing else", async () => {
    const { pickup } = await write((tx) =>
      appendPickup(tx, { contractId: c1, date: "2024-12-14", witnessHouseholdIds: [], lots: [{ householdId: hh1, grossG: 40_000, tareG: 0, grade: "A" }] }),
    );
    p3 = pickup.id;
    i2 = (await write((tx) => issueInvoice(tx, { contractId: c1, pickupIds: [p3], issuedOn: "2024-12-15" }))).id;
    await expectLedgerMatch();
    const [before, contractBefore] = [await invoiceTotal(i2), await contractTotal(c1)];
    expect(before).toEqual({ contractId: c1, dueOn: "2024-12-22", cancelled: false, amountVnd: 580_000, keptVnd: 0, paidByDueVnd: 0 });

    expect(await cancelInvoice(admin, i2, "Sai ngày")).toEqual({ ok: true });
    await expectLedgerMatch();
    expect(await invoiceTotal(i2)).toEqual({ ...before, cancelled: true });
    expect(await contractTotal(c1)).toEqual(contractBefore);
  });

  it("a statement with payments cannot be cancelled, and stays counted as live", async () => {
    const before = await snapshot();
    expect(await cancelInvoice(admin, i1, "thử")).toEqual({ ok: false, status: 409, error: "error.invoiceHasPayments" });
    expect(await snapshot()).toEqual(before);
    expect(await invoiceTotal(i1)).toMatchObject({ cancelled: false });
  });

  it("its pickup invoiced again: a new live row beside the cancelled one", async () => {
    i3 = (await write((tx) => issueInvoice(tx, { contractId: c1, pickupIds: [p3], issuedOn: "2024-12-16" }))).id;
    await expectLedgerMatch();
    expect(await invoiceTotal(i3)).toEqual({ contractId: c1, dueOn: "2024-12-23", cancelled: false, amountVnd: 580_000, keptVnd: 0, paidByDueVnd: 0 });
    expect(await invoiceTotal(i2)).toMatchObject({ cancelled: true, amountVnd: 580_000 });
  });

  it("a correction of that pickup's lot: the live statement moves by its note; the cancelled one (skipped by the indicators) still follows its pickups", async () => {
    const [lot] = await lotsOf(p3);
    const [live, cancelled] = [await invoiceTotal(i3), await invoiceTotal(i2)];
    const note = await write(async (tx) => {
      const fix = await appendCorrection(tx, { lotId: lot.id, reason: "cân lại", grossG: 45_000, tareG: 0, grade: "A" });
      return noteForCorrection(tx, lot.id, fix.id, "2024-12-17");
    });
    await expectLedgerMatch();
    // 40 kg → 45 kg A: 580 000 → 652 500; the note is against the live statement
    expect(note).toMatchObject({ kind: "debit_note", totalVnd: 72_500, referencesId: i3 });
    expect(change(live, await invoiceTotal(i3))).toEqual({ amountVnd: 72_500 });
    expect(change(cancelled, await invoiceTotal(i2))).toEqual({ amountVnd: 72_500 });
    expect(await invoiceTotal(i2)).toMatchObject({ cancelled: true });
  });
});

// ───────────────────────── 10. writes that roll back ─────────────────────────

describe("a write that fails rolls its totals back with it", () => {
  it("an error thrown after a pickup was appended", async () => {
    const before = await snapshot();
    await expect(
      write(async (tx) => {
        await appendPickup(tx, {
          contractId: c1,
          date: "2024-12-18",
          witnessHouseholdIds: [hh2],
          lots: [{ householdId: hh1, grossG: 10_000, tareG: 0, grade: "A" }],
        });
        throw new Error("stopped after the pickup");
      }),
    ).rejects.toThrow("stopped after the pickup");
    expect(await snapshot()).toEqual(before);
    await expectLedgerMatch();
  });

  it("a pickup refused half-way (its second lot's tare above gross, after the pickup row and the first lot were inserted)", async () => {
    const before = await snapshot();
    const pickups = await db.pickup.count();
    await expect(
      write((tx) =>
        appendPickup(tx, {
          contractId: c1,
          date: "2024-12-18",
          witnessHouseholdIds: [hh2],
          lots: [
            { householdId: hh1, grossG: 10_000, tareG: 0, grade: "A" },
            { householdId: hh2, grossG: 10_000, tareG: 11_000, grade: "A" },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(LedgerError);
    expect(await db.pickup.count()).toBe(pickups);
    expect(await snapshot()).toEqual(before);
    await expectLedgerMatch();
  });

  it("a correction of an invoiced lot, with its note, undone by a refused statement in the same write", async () => {
    const before = await snapshot();
    const current = await effective((await lotsOf(p1))[0].id);
    await expect(
      write(async (tx) => {
        const fix = await appendCorrection(tx, { lotId: current.id, reason: "x", householdId: hh4, grossG: 70_000, tareG: 0, grade: "A" });
        await noteForCorrection(tx, current.id, fix.id, "2024-12-18");
        await issueInvoice(tx, { contractId: c1, pickupIds: [p1], issuedOn: "2024-12-18" }); // p1 is on i1 already
      }),
    ).rejects.toMatchObject({ code: "already_invoiced" });
    expect(await snapshot()).toEqual(before);
    await expectLedgerMatch();
  });
});

// ───────────────────────── indicators read the totals, fresh ─────────────────────────

describe("indicators from the totals are cached per data generation, never stale", () => {
  const season = "coffee-2024";
  const opts = { asOf: "2024-12-31" };

  it("two calls with no write between them return the same result object", async () => {
    const a = await computeIndicators(season, opts);
    const b = await computeIndicators(season, opts);
    expect(b).toBe(a);
  });

  it("a pickup written through write() is in the very next call", async () => {
    const before = await computeIndicators(season, opts);
    await write((tx) =>
      appendPickup(tx, { contractId: c1, date: "2024-12-20", witnessHouseholdIds: [], lots: [{ householdId: hh2, grossG: 25_000, tareG: 0, grade: "B" }] }),
    );
    const after = await computeIndicators(season, opts);
    expect(after).not.toBe(before);
    expect(Math.round(after.deliveredTonnes * 1e6)).toBe(Math.round(before.deliveredTonnes * 1e6) + 25_000);
    expect(after.witnessedPickupRate).not.toBe(before.witnessedPickupRate); // one more pickup, not witnessed
    await expectLedgerMatch();
  });

  it("a payment written by another connection (its trigger keeps the totals) is in the next call", async () => {
    const before = await computeIndicators(season, opts);
    const [invBefore, contractBefore] = [await invoiceTotal(i1), await contractTotal(c1)];
    await rawConnection(async (raw) => {
      await raw.run(
        `INSERT INTO "Payment" ("id", "ref", "invoiceId", "paidOn", "amountVnd", "method") VALUES (?, ?, ?, ?, ?, ?)`,
        "pay-raw-1",
        "pay-raw-1",
        i1,
        "2024-12-18",
        1_000,
        "cash",
      );
      // SQLite's data_version moves with any commit; PostgreSQL's stand-in is the counter each
      // process of the app moves after its commits (docs/decisions/0033-two-engines.md), as the
      // other process this connection plays would.
      if (onPostgres()) await raw.run(`UPDATE "CacheGeneration" SET "n" = "n" + 1 WHERE "id" = 1`);
    });
    const after = await computeIndicators(season, opts);
    expect(after.paidVnd).toBe(before.paidVnd + 1_000);
    expect(change(invBefore, await invoiceTotal(i1))).toEqual({ paidByDueVnd: 1_000 });
    expect(change(contractBefore, await contractTotal(c1))).toEqual({ paidVnd: 1_000 });
    await expectLedgerMatch();
  });
});

// ───────────────────────── 11. the demo seed ─────────────────────────

describe("the demo seed (npm run setup:db into an empty database)", () => {
  it("loads, and verify-totals finds its totals equal to its ledger", async () => {
    const seeded = await demoSeed;
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/Demo loaded/);
    const r = await runCli(["verify-totals"], demoDb);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^totals {2}match the ledger \(\d+ ContractTotal, \d+ ContractHouseholdTotal, \d+ InvoiceTotal; \d+ ms\)$/m);
    expect(r.stdout).not.toMatch(/DIFFER/);

    // The demo has corrections, disputes, late and partial payments: the stored sums agree with
    // plain counts over the ledger's own tables.
    const raw = await rawDatabase(demoDb);
    try {
      const one = async (sql: string) => Number(Object.values((await raw.rows(sql))[0])[0]);
      expect(await one(`SELECT COUNT(*) FROM "Lot" WHERE "supersedesId" IS NOT NULL`)).toBeGreaterThan(0);
      expect(await one(`SELECT SUM("lots") FROM "ContractTotal"`)).toBe(
        await one(`SELECT COUNT(*) FROM "Lot" WHERE "id" NOT IN (SELECT "supersedesId" FROM "Lot" WHERE "supersedesId" IS NOT NULL)`),
      );
      expect(await one(`SELECT SUM("lots") FROM "ContractHouseholdTotal"`)).toBe(await one(`SELECT SUM("lots") FROM "ContractTotal"`));
      expect(await one(`SELECT SUM("pickups") FROM "ContractTotal"`)).toBe(await one(`SELECT COUNT(*) FROM "Pickup"`));
      expect(await one(`SELECT SUM("witnessedPickups") FROM "ContractTotal"`)).toBe(await one(`SELECT COUNT(DISTINCT "pickupId") FROM "PickupWitness"`));
      expect(await one(`SELECT SUM("disputedLots") FROM "ContractTotal"`)).toBe(await one(`SELECT COUNT(DISTINCT "lotId") FROM "LotDispute"`));
      expect(await one(`SELECT SUM("paidVnd") FROM "ContractTotal"`)).toBe(await one(`SELECT SUM("amountVnd") FROM "Payment"`));
      expect(await one(`SELECT COUNT(*) FROM "InvoiceTotal"`)).toBe(await one(`SELECT COUNT(*) FROM "Invoice" WHERE "kind" = 'invoice'`));
      expect(await one(`SELECT COALESCE(SUM("keptVnd"), 0) FROM "InvoiceTotal"`)).toBe(
        await one(`SELECT COALESCE(SUM("amountVnd"), 0) FROM "InvoiceDeduction"`),
      );
    } finally {
      await raw.close();
    }
  });
});

// ───────────────────────── the check fails when it should ─────────────────────────

describe("the check reports every difference", () => {
  it("totals edited behind the app's back: each named with its key, field, the ledger's and the stored value", async () => {
    const [ct, ht, st] = [await contractTotal(c1), await householdTotal(c1, hh4), await invoiceTotal(i1)];
    await rawConnection(async (raw) => {
      await raw.run(`UPDATE "ContractTotal" SET "netG" = "netG" + 1 WHERE "contractId" = ?`, c1);
      await raw.run(`UPDATE "ContractHouseholdTotal" SET "disputedLots" = "disputedLots" + 1 WHERE "contractId" = ? AND "householdId" = ?`, c1, hh4);
      await raw.run(`UPDATE "InvoiceTotal" SET "paidByDueVnd" = "paidByDueVnd" - 1, "cancelled" = ? WHERE "invoiceId" = ?`, true, i1);
    });
    // Put back whatever happens below, so a failure here does not fail the tests after it.
    const restore = () =>
      rawConnection(async (raw) => {
        await raw.run(`UPDATE "ContractTotal" SET "netG" = "netG" - 1 WHERE "contractId" = ?`, c1);
        await raw.run(`UPDATE "ContractHouseholdTotal" SET "disputedLots" = "disputedLots" - 1 WHERE "contractId" = ? AND "householdId" = ?`, c1, hh4);
        await raw.run(`UPDATE "InvoiceTotal" SET "paidByDueVnd" = "paidByDueVnd" + 1, "cancelled" = ? WHERE "invoiceId" = ?`, false, i1);
      });
    try {
      const r = await verifyTotals();
      expect(r.ok).toBe(false);
      expect(r.differences).toEqual([
        { table: "ContractTotal", key: { contractId: c1 }, fields: [{ field: "netG", ledger: ct!.netG, stored: ct!.netG + 1 }] },
        {
          table: "ContractHouseholdTotal",
          key: { contractId: c1, householdId: hh4 },
          fields: [{ field: "disputedLots", ledger: ht!.disputedLots, stored: ht!.disputedLots + 1 }],
        },
        {
          table: "InvoiceTotal",
          key: { invoiceId: i1 },
          fields: [
            { field: "cancelled", ledger: false, stored: true },
            { field: "paidByDueVnd", ledger: st!.paidByDueVnd, stored: st!.paidByDueVnd - 1 },
          ],
        },
      ]);

      // The command line says so and exits 1; `verify` runs the same check after the chains (all intact).
      const [totals, all] = await Promise.all([runCli(["verify-totals"], file), runCli(["verify"], file)]);
      expect(totals.code, totals.stdout + totals.stderr).toBe(1);
      expect(totals.stdout).toContain(`DIFFERS ContractTotal ${c1}: netG ledger ${ct!.netG} stored ${ct!.netG + 1}`);
      expect(totals.stdout).toContain(`DIFFERS ContractHouseholdTotal ${c1} × ${hh4}: disputedLots ledger ${ht!.disputedLots} stored ${ht!.disputedLots + 1}`);
      expect(totals.stdout).toContain(
        `DIFFERS InvoiceTotal ${i1}: cancelled ledger false stored true; paidByDueVnd ledger ${st!.paidByDueVnd} stored ${st!.paidByDueVnd - 1}`,
      );
      expect(totals.stdout).toMatch(/^totals {2}DIFFER from the ledger/m);
      expect(all.code, all.stdout + all.stderr).toBe(1);
      expect(all.stdout).toMatch(/^\d+ intact, 0 broken$/m);
      expect(all.stdout).toContain(`DIFFERS ContractTotal ${c1}: netG`);
    } finally {
      await restore();
    }

    // Put back, the check passes again, and so does the command line.
    await expectLedgerMatch();
    const clean = await runCli(["verify-totals"], file);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^totals {2}match the ledger/m);
    expect(clean.stdout).not.toContain("DIFFERS");
  });

  it("a stored total cannot be deleted, even directly in the database", async () => {
    await expect(rawConnection((raw) => raw.run(`DELETE FROM "ContractTotal" WHERE "contractId" = ?`, c1))).rejects.toThrow(/kept on write/);
    await expect(rawConnection((raw) => raw.run(`DELETE FROM "InvoiceTotal" WHERE "invoiceId" = ?`, i1))).rejects.toThrow(/kept on write/);
    await expectLedgerMatch();
  });

  // Last: it leaves c-2024-003's chain broken on purpose.
  it("a lot written without its trigger: the contract, the household and the statement it belongs to all differ", async () => {
    const hh301 = await id.household("hh-0301");
    const inv = await id.invoice("inv-2024-0201");
    const pickup = await db.pickup.findUniqueOrThrow({ where: { ref: "p-2024-0201" } });
    const [ct, ht, st] = [await contractTotal(c3), await householdTotal(c3, hh301), await invoiceTotal(inv)];
    const forged = "f".repeat(64);
    const trigger = await rawConnection(async (raw) => {
      const sql = await triggerSql(raw, "Lot_totals");
      // PostgreSQL names the table with its schema.
      expect(sql).toMatch(/^CREATE TRIGGER "Lot_totals" AFTER INSERT ON (public\.)?"Lot"/);
      await raw.dropTrigger("Lot_totals", "Lot");
      try {
        await raw.run(
          `INSERT INTO "Lot" ("id", "ref", "pickupId", "contractId", "householdId", "grossG", "tareG", "netG", "grade", "unitPriceVnd", "amountVnd", "chainSeq", "prevHash", "hash")
           VALUES ('forged-lot', 'l-forged', ?, ?, ?, 10000, 0, 10000, 'A', 14000, 140000, ?, ?, ?)`,
          pickup.id,
          c3,
          hh301,
          ct!.headSeq + 1,
          ct!.headHash,
          forged,
        );
      } finally {
        await raw.run(sql!);
      }
      return sql;
    });
    const expected = [
      {
        table: "ContractTotal",
        key: { contractId: c3 },
        fields: [
          { field: "netG", ledger: ct!.netG + 10_000, stored: ct!.netG },
          { field: "amountVnd", ledger: ct!.amountVnd + 140_000, stored: ct!.amountVnd },
          { field: "lots", ledger: ct!.lots + 1, stored: ct!.lots },
          { field: "headSeq", ledger: ct!.headSeq + 1, stored: ct!.headSeq },
          { field: "headHash", ledger: forged, stored: ct!.headHash },
        ],
      },
      {
        table: "ContractHouseholdTotal",
        key: { contractId: c3, householdId: hh301 },
        fields: [
          { field: "netG", ledger: ht!.netG + 10_000, stored: ht!.netG },
          { field: "amountVnd", ledger: ht!.amountVnd + 140_000, stored: ht!.amountVnd },
          { field: "lots", ledger: ht!.lots + 1, stored: ht!.lots },
        ],
      },
      { table: "InvoiceTotal", key: { invoiceId: inv }, fields: [{ field: "amountVnd", ledger: st!.amountVnd + 140_000, stored: st!.amountVnd }] },
    ];
    const r = await verifyTotals();
    expect(r.ok).toBe(false);
    expect(r.differences).toEqual(expected);
    // The trigger is back, but the check never relied on it: the lot it missed is still reported.
    expect(await rawConnection((raw) => triggerSql(raw, "Lot_totals"))).toBe(trigger);
    expect((await verifyTotals()).differences).toEqual(expected);
  });
});
