// The database's own rules on PostgreSQL (prisma/postgresql/migrations/*_engine) against the
// SQLite ones they copy: one sequence of plain-SQL writes runs on a SQLite file migrated by
// migrateDatabase() and on a PostgreSQL database given the two PostgreSQL migrations, and the
// totals kept on write, their views, the poverty histories and every refusal must come out the
// same on both — and as worked out by hand below.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "~/utils/migrate.server";
import { createDatabase, postgresBin, startCluster, type Cluster } from "../../support/pg-cluster";

type Row = Record<string, unknown>;
type Engine = {
  name: "sqlite" | "postgresql";
  run: (sql: string, params?: unknown[]) => Promise<void>;
  rows: (sql: string, params?: unknown[]) => Promise<Row[]>;
};

// ─── The two engines ─────────────────────────────────────────────────────────────────────────────

function sqliteEngine(db: Database.Database): Engine {
  // better-sqlite3 binds no booleans: SQLite keeps them as 1/0.
  const bind = (params: unknown[]) => params.map((v) => (typeof v === "boolean" ? Number(v) : v));
  return {
    name: "sqlite",
    run: async (sql, params = []) => void db.prepare(sql).run(...bind(params)),
    rows: async (sql, params = []) => db.prepare(sql).all(...bind(params)) as Row[],
  };
}

function postgresEngine(client: pg.Client): Engine {
  const numbered = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  return {
    name: "postgresql",
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    rows: async (sql, params = []) => (await client.query(numbered(sql), params)).rows as Row[],
  };
}

/** One INSERT statement for all the rows (several rows in one statement is a case of its own). */
function insert(e: Engine, table: string, rows: Row[]) {
  const cols = Object.keys(rows[0]);
  const tuple = `(${cols.map(() => "?").join(", ")})`;
  return e.run(
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`,
    rows.flatMap((r) => cols.map((c) => r[c])),
  );
}

async function refusal(e: Engine, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await e.run(sql, params);
  } catch (err) {
    return (err as Error).message;
  }
  return "(not refused)";
}

// ─── One sequence of writes ──────────────────────────────────────────────────────────────────────

const UPDATED_AT = "2026-01-01T00:00:00.000Z";
const household = (id: string, povertyStatus: string, headSex: string, ethnicMinority: boolean) => ({
  id,
  ref: id,
  groupId: "g1",
  headName: `Head ${id}`,
  headSex,
  ethnicMinority,
  povertyStatus,
  members: 4,
  updatedAt: UPDATED_AT,
});
const pickup = (id: string, contractId: string, chainSeq: number | null, hash: string | null) => ({
  id,
  ref: id,
  contractId,
  date: "2026-06-20",
  chainSeq,
  hash,
});
const lot = (
  id: string,
  pickupId: string,
  contractId: string,
  householdId: string,
  netG: number,
  amountVnd: number,
  chainSeq: number,
  supersedesId: string | null = null,
) => ({
  id,
  ref: id,
  pickupId,
  contractId,
  householdId,
  grossG: netG + 100,
  tareG: 100,
  netG,
  grade: "A",
  unitPriceVnd: Math.round((amountVnd * 1000) / netG),
  amountVnd,
  supersedesId,
  chainSeq,
  hash: `hash-${id}`,
});
const invoice = (id: string, contractId: string, kind: string, number: number, issuedOn: string, referencesId: string | null = null) => ({
  id,
  ref: id,
  buyerId: "o-buyer",
  contractId,
  kind,
  year: Number(issuedOn.slice(0, 4)),
  number,
  series: "BKTT",
  status: "issued",
  issuedOn,
  dueOn: issuedOn,
  subtotalVnd: 1000,
  deductionsVnd: 0,
  totalVnd: 1000,
  lotsHash: "lh",
  referencesId,
});
const poverty = (id: string, householdId: string, status: string, certifiedOn: string | null) => ({ id, householdId, status, certifiedOn, source: "survey" });

/** The ledger of the scenario: every kind of write the totals follow. */
async function writeLedger(e: Engine) {
  await insert(e, "Organisation", [{ id: "o-buyer", ref: "o-buyer", kind: "buyer", name: "Buyer", updatedAt: UPDATED_AT }]);
  await insert(e, "FarmerGroup", [{ id: "g1", ref: "g1", name: "Group", province: "Sơn La", commune: "Chiềng Ban", updatedAt: UPDATED_AT }]);
  await insert(e, "User", [{ id: "u1", name: "User", passwordHash: "x" }]);
  await insert(e, "Product", [{ id: "p1", ref: "p1", name: "Cà phê" }]);
  await insert(e, "Season", [
    { id: "s-2025", ref: "s-2025", productId: "p1", name: "2025", start: "2025-03-01", end: "2025-09-30" },
    { id: "s-2026", ref: "s-2026", productId: "p1", name: "2026", start: "2026-03-01", end: "2026-09-30" },
  ]);
  // Three households in one statement: each starts its history with its registered status.
  await insert(e, "Household", [household("h1", "poor", "F", true), household("h2", "near_poor", "M", false), household("h3", "non_poor", "F", false)]);
  await insert(e, "PovertyRecord", [poverty("r1", "h1", "newly_escaped", "2026-06-01")]);
  // Two certifications of one day: the one written later is the status.
  await insert(e, "PovertyRecord", [poverty("r2", "h2", "poor", "2026-01-10"), poverty("r3", "h2", "near_poor", "2026-01-10")]);
  const contract = (id: string, seasonId: string, paymentTermsDays: number) => ({
    id,
    ref: id,
    buyerId: "o-buyer",
    groupId: "g1",
    seasonId,
    status: "active",
    areaHa: 2,
    volumeTonnes: 5,
    paymentTermsDays,
    updatedAt: UPDATED_AT,
  });
  await insert(e, "Contract", [contract("c1", "s-2026", 30), contract("c2", "s-2025", 15), contract("c3", "s-2026", 7)]);
  await insert(e, "Pickup", [pickup("pk1", "c1", 1, "hash-pk1")]);
  await insert(e, "Pickup", [pickup("pk2", "c1", 5, "hash-pk2"), pickup("pk3", "c2", 1, "hash-pk3")]);
  // Two first witnesses in one statement count the pickup once; a third changes nothing.
  await insert(e, "PickupWitness", [
    { pickupId: "pk1", householdId: "h1" },
    { pickupId: "pk1", householdId: "h2" },
  ]);
  await insert(e, "PickupWitness", [{ pickupId: "pk1", householdId: "h3" }]);
  await insert(e, "PickupWitness", [{ pickupId: "pk3", householdId: "h1" }]);
  await insert(e, "Lot", [lot("l1", "pk1", "c1", "h1", 1000, 50_000, 2), lot("l2", "pk1", "c1", "h2", 2000, 100_000, 3)]);
  await insert(e, "Lot", [lot("l4", "pk3", "c2", "h3", 500, 20_000, 2)]);
  await insert(e, "Invoice", [invoice("inv1", "c1", "invoice", 1, "2026-07-01")]);
  await insert(e, "InvoicePickup", [
    { invoiceId: "inv1", pickupId: "pk1" },
    { invoiceId: "inv1", pickupId: "pk2" },
  ]);
  // A lot on a pickup already on a statement moves the statement's amount.
  await insert(e, "Lot", [lot("l3", "pk2", "c1", "h1", 1500, 75_000, 6)]);
  await insert(e, "InvoiceLine", [
    { id: "il1", invoiceId: "inv1", lotId: "l1", householdId: "h1", netG: 1000, grade: "A", unitPriceVnd: 50_000, amountVnd: 50_000 },
  ]);
  // A correction booked to another household: l2 leaves c1/h2 and the statement, l2b comes in.
  await insert(e, "Lot", [{ ...lot("l2b", "pk1", "c1", "h3", 1800, 90_000, 7, "l2"), correctionReason: "weighed again" }]);
  // A pickup outside the chain leaves the chain's head where it is.
  await insert(e, "Pickup", [pickup("pk4", "c1", null, null)]);
  await insert(e, "LotDispute", [
    { id: "d1", lotId: "l1", reason: "r" },
    { id: "d2", lotId: "l1", reason: "r" },
  ]);
  await insert(e, "LotDispute", [{ id: "d3", lotId: "l3", reason: "r" }]);
  await insert(e, "LotDispute", [{ id: "d4", lotId: "l2b", reason: "r" }]);
  await insert(e, "LotDispute", [{ id: "d7", lotId: "l2b", reason: "again" }]); // disputed already
  await insert(e, "LotDispute", [
    { id: "d5", lotId: "l4", reason: "r" },
    { id: "d6", lotId: "l4", reason: "r" },
  ]);
  await e.run(`DELETE FROM "LotDispute" WHERE "id" = 'd1'`); // l1 still has d2
  await e.run(`DELETE FROM "LotDispute" WHERE "id" = 'd3'`); // l3 has none left
  await e.run(`DELETE FROM "LotDispute" WHERE "id" IN ('d5', 'd6')`); // both of l4's at once
  await insert(e, "InvoiceDeduction", [
    { id: "ded1", invoiceId: "inv1", householdId: "h1", kind: "group_fund", amountVnd: 5_000 },
    { id: "ded2", invoiceId: "inv1", householdId: "h2", kind: "advance", amountVnd: 3_000 },
  ]);
  const payment = (id: string, paidOn: string, amountVnd: number) => ({ id, ref: id, invoiceId: "inv1", paidOn, amountVnd, method: "bank" });
  await insert(e, "Payment", [payment("y1", "2026-07-15", 60_000)]);
  await insert(e, "Payment", [payment("y2", "2026-08-15", 10_000), payment("y3", "2026-07-31", 1_000)]);
  await insert(e, "Invoice", [invoice("inv2", "c2", "invoice", 2, "2025-08-01")]);
  await insert(e, "InvoicePickup", [{ invoiceId: "inv2", pickupId: "pk3" }]);
  await e.run(`UPDATE "Invoice" SET "status" = 'cancelled', "cancelReason" = 'wrong buyer' WHERE "id" = 'inv2'`);
  await insert(e, "Invoice", [invoice("inv1n", "c1", "credit_note", 3, "2026-07-20", "inv1")]);
  await e.run(`UPDATE "Household" SET "headSex" = 'M' WHERE "id" = 'h3'`);
  // A direct write to the status is recorded as certified today.
  await e.run(`UPDATE "Household" SET "povertyStatus" = 'poor' WHERE "id" = 'h2'`);
  // A certification entered late, dated before the 2026 season began, moves that season's count.
  await insert(e, "PovertyRecord", [poverty("r4", "h3", "poor", "2026-02-01")]);
  // With a later-dated record, a direct write is recorded but the household keeps the later status.
  await insert(e, "PovertyRecord", [poverty("r5", "h1", "non_poor", "2099-01-01")]);
  await e.run(`UPDATE "Household" SET "povertyStatus" = 'poor' WHERE "id" = 'h1'`);
  // Rows for the refusals of the other append-only tables.
  await e.run(
    `INSERT INTO "ChainCheckpoint" ("contractId", "n", "seq", "head", "at", "prev", "hash", "keyId", "signature") VALUES ('c1', 1, 7, 'hash-l2b', '2026-07-01', '', 'cp1', 'k', 's')`,
  );
  await insert(e, "TraceCode", [{ code: "T1", pickupId: "pk1", lotId: "l1" }]);
  await insert(e, "Certification", [
    { id: "cert1", groupId: "g1", scheme: "vietgap", number: "V1", body: "B", validFrom: "2026-01-01", validTo: "2027-01-01", updatedAt: UPDATED_AT },
  ]);
  await insert(e, "PickupCertification", [{ pickupId: "pk1", certificationId: "cert1" }]);
  await insert(e, "OutboxMessage", [{ id: "m1", eventKey: "k", kind: "receipt", channel: "sms", address: "0900", body: "b" }]);
  await insert(e, "DeliveryAttempt", [{ messageId: "m1", ok: true }]);
}

// ─── What to compare ─────────────────────────────────────────────────────────────────────────────

const TOTALS = [
  {
    table: "ContractTotal",
    view: "LedgerContractTotal",
    key: ["contractId"],
    cols: ["netG", "amountVnd", "lots", "disputedLots", "pickups", "witnessedPickups", "paidVnd", "headSeq", "headHash"],
  },
  {
    table: "ContractHouseholdTotal",
    view: "LedgerContractHouseholdTotal",
    key: ["contractId", "householdId"],
    cols: ["netG", "amountVnd", "lots", "disputedLots", "povertyStatus", "headSex", "ethnicMinority"],
  },
  { table: "InvoiceTotal", view: "LedgerInvoiceTotal", key: ["invoiceId"], cols: ["contractId", "dueOn", "cancelled", "amountVnd", "keptVnd", "paidByDueVnd"] },
];
const BOOLEANS = new Set(["ethnicMinority", "cancelled"]);

async function read(e: Engine, from: string, key: string[], cols: string[]) {
  const rows = await e.rows(`SELECT ${[...key, ...cols].map((c) => `"${c}"`).join(", ")} FROM "${from}" ORDER BY ${key.map((c) => `"${c}"`).join(", ")}`);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, BOOLEANS.has(k) && typeof v === "number" ? v === 1 : v])));
}

/** Each household's records in the order written (SQLite: rowid; PostgreSQL: "createdAt"). */
async function histories(e: Engine) {
  const order = e.name === "sqlite" ? "rowid" : `"createdAt"`;
  return e.rows(`SELECT "householdId", "status", "certifiedOn", "source" FROM "PovertyRecord" ORDER BY "householdId", ${order}`);
}

/** Returns once the backend `pid` waits for a lock, or once `pending` has settled without waiting. */
async function waitingForLock(pid: number, pending: Promise<unknown>) {
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    const { rows } = await client.query(`SELECT 1 FROM pg_locks WHERE "pid" = $1 AND NOT "granted"`, [pid]);
    if (rows.length) return;
  }
}

const TODAY = () => new Date().toISOString().slice(0, 10);

// ─── Set-up ──────────────────────────────────────────────────────────────────────────────────────

/**
 * startCluster() makes its directory under os.tmpdir(), which in a test run is the run's own
 * directory (tests/support/global-setup.ts): made by mkdtemp, root's alone, so when tests run as
 * root the cluster's `postgres` user cannot reach it. /tmp it can.
 */
function startClusterUnderTmp(bin: string): Cluster {
  const runTmp = process.env.TMPDIR;
  process.env.TMPDIR = "/tmp";
  try {
    return startCluster(bin);
  } finally {
    if (runTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = runTmp;
  }
}

let cluster: Cluster | null = null;
let client: pg.Client;
let url: string;
let sqlite: Database.Database;
let dir: string;
const engines: Engine[] = [];

beforeAll(async () => {
  let socket = process.env.TEST_PG_SOCKET;
  if (!socket) {
    const bin = postgresBin();
    if (!bin) throw new Error("no PostgreSQL server installed (apt-get install -y postgresql)");
    cluster = startClusterUnderTmp(bin);
    socket = cluster.socketDir;
  }
  url = createDatabase(socket, `engine_${crypto.randomBytes(4).toString("hex")}`);
  // Int columns are BIGINT on PostgreSQL (scripts/db-engines-lib.ts): read them as numbers, as Prisma does.
  client = new pg.Client({
    connectionString: url,
    types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
  });
  await client.connect();
  const migrations = path.resolve("prisma", "postgresql", "migrations");
  for (const name of ["20261202160000_baseline", "20261202160001_engine"]) {
    await client.query(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-pg-engine-"));
  migrateDatabase(path.join(dir, "test.db"));
  sqlite = new Database(path.join(dir, "test.db"));
  sqlite.pragma("foreign_keys = ON");
  engines.push(sqliteEngine(sqlite), postgresEngine(client));
  for (const e of engines) await writeLedger(e);
});

afterAll(async () => {
  await client?.end();
  sqlite?.close();
  cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const [onSqlite, onPostgres] = [() => engines[0], () => engines[1]];

// ─── The checks ──────────────────────────────────────────────────────────────────────────────────

describe("totals kept on write", () => {
  it.each(TOTALS)("$table equals $view, row for row, on both engines, and both engines agree", async (t) => {
    const stored = await read(onPostgres(), t.table, t.key, t.cols);
    expect(stored.length).toBeGreaterThan(0);
    expect(await read(onPostgres(), t.view, t.key, t.cols)).toEqual(stored);
    expect(await read(onSqlite(), t.view, t.key, t.cols)).toEqual(await read(onSqlite(), t.table, t.key, t.cols));
    expect(stored).toEqual(await read(onSqlite(), t.table, t.key, t.cols));
    expect(await read(onPostgres(), t.view, t.key, t.cols)).toEqual(await read(onSqlite(), t.view, t.key, t.cols));
  });

  it("hold what the ledger adds up to by hand", async () => {
    const e = onPostgres();
    expect(await read(e, "ContractTotal", TOTALS[0].key, TOTALS[0].cols)).toEqual([
      // l1 + l3 + l2b (l2 superseded); l1 and l2b disputed; pk1, pk2, pk4, pk1 witnessed; 60,000 + 10,000 + 1,000 paid.
      {
        contractId: "c1",
        netG: 4300,
        amountVnd: 215_000,
        lots: 3,
        disputedLots: 2,
        pickups: 3,
        witnessedPickups: 1,
        paidVnd: 71_000,
        headSeq: 7,
        headHash: "hash-l2b",
      },
      {
        contractId: "c2",
        netG: 500,
        amountVnd: 20_000,
        lots: 1,
        disputedLots: 0,
        pickups: 1,
        witnessedPickups: 1,
        paidVnd: 0,
        headSeq: 2,
        headHash: "hash-l4",
      },
    ]);
    expect(await read(e, "ContractHouseholdTotal", TOTALS[1].key, TOTALS[1].cols)).toEqual([
      // h1 was poor when the 2026 season began (escaped in June; 2099 and today come later).
      {
        contractId: "c1",
        householdId: "h1",
        netG: 2500,
        amountVnd: 125_000,
        lots: 2,
        disputedLots: 1,
        povertyStatus: "poor",
        headSex: "F",
        ethnicMinority: true,
      },
      // h2: both 2026-01-10 records precede the season; the later-written one counts.
      { contractId: "c1", householdId: "h2", netG: 0, amountVnd: 0, lots: 0, disputedLots: 0, povertyStatus: "near_poor", headSex: "M", ethnicMinority: false },
      // h3: the late certification of 2026-02-01.
      {
        contractId: "c1",
        householdId: "h3",
        netG: 1800,
        amountVnd: 90_000,
        lots: 1,
        disputedLots: 1,
        povertyStatus: "poor",
        headSex: "M",
        ethnicMinority: false,
      },
      {
        contractId: "c2",
        householdId: "h3",
        netG: 500,
        amountVnd: 20_000,
        lots: 1,
        disputedLots: 0,
        povertyStatus: "non_poor",
        headSex: "M",
        ethnicMinority: false,
      },
    ]);
    expect(await read(e, "InvoiceTotal", TOTALS[2].key, TOTALS[2].cols)).toEqual([
      // Due 30 days after 2026-07-01; paid by then: 60,000 and the 1,000 of the due day.
      { invoiceId: "inv1", contractId: "c1", dueOn: "2026-07-31", cancelled: false, amountVnd: 215_000, keptVnd: 8_000, paidByDueVnd: 61_000 },
      { invoiceId: "inv2", contractId: "c2", dueOn: "2025-08-16", cancelled: true, amountVnd: 20_000, keptVnd: 0, paidByDueVnd: 0 },
    ]);
  });

  it("every integer column is 64-bit, as in SQLite: a contract passes 2.1 billion VND", async () => {
    const narrow = await onPostgres().rows(
      `SELECT "table_name", "column_name" FROM information_schema.columns WHERE "table_schema" = 'public' AND "data_type" IN ('integer', 'smallint') AND "table_name" <> 'CacheGeneration' AND "table_name" <> '_prisma_migrations'`,
    );
    expect(narrow).toEqual([]);
    await onPostgres().run(`UPDATE "ContractTotal" SET "amountVnd" = "amountVnd" + 3000000000 WHERE "contractId" = 'c1'`);
    const [row] = await onPostgres().rows(`SELECT "amountVnd" FROM "ContractTotal" WHERE "contractId" = 'c1'`);
    expect(row.amountVnd).toBeGreaterThan(3_000_000_000);
    await onPostgres().run(`UPDATE "ContractTotal" SET "amountVnd" = "amountVnd" - 3000000000 WHERE "contractId" = 'c1'`);
  });

  it("views have the tables' column types (integers come back as numbers, not bigint or numeric)", async () => {
    const types = async (name: string) =>
      (await onPostgres().rows(`SELECT "column_name", "data_type" FROM information_schema.columns WHERE "table_name" = ? ORDER BY "column_name"`, [name])).map(
        (r) => `${r.column_name}:${r.data_type}`,
      );
    for (const t of TOTALS) expect(await types(t.view)).toEqual(await types(t.table));
  });

  it("a due date is SQLite's date(issuedOn, '+N days') for every form SQLite reads", async () => {
    const cases: [string, number][] = [
      ["2026-01-15", 30],
      ["2026-12-20", 15],
      ["2024-02-28", 1],
      ["2026-02-30", 0],
      ["2026-04-31", 1],
      ["2026-13-01", 1],
      ["2026-00-10", 0],
      ["2026-01-32", 0],
      ["2026-1-5", 1],
      ["", 1],
      ["2026-01-15", -5],
      ["2026-01-15", 0],
      ["2026-01-15T10:00:00", 1],
      ["2026-01-15 23:00", 1],
      ["2026-01-15T23:30:00.250Z", 0],
      ["2026-01-15T23:00:00+07:00", 0],
      ["2026-01-15T23:00:00-05:00", 0],
      ["2026-01-15Z", 0],
      [" 2026-01-15", 0],
      ["2026-01-15 ", 0],
      ["15/01/2026", 3],
      ["2026-01-15T10:00z", 0],
      ["2026-01-15 22:00 +07:00", 0],
      ["2026-01-15 20:00 -07:00", 0],
      ["2026-12-31T23:59:59.999", 1],
      ["2026-01-15T10:00:00.", 0],
      ["2026-01-15T24:00", 0],
    ];
    for (const [day, n] of cases) {
      const [lite] = await onSqlite().rows(`SELECT date(?, '+' || ? || ' days') AS "d"`, [day, n]);
      const [post] = await onPostgres().rows(`SELECT "due_on"(?, ?) AS "d"`, [day, n]);
      expect(post.d, `${day} + ${n}`).toBe(lite.d);
    }
  });
});

describe("poverty history", () => {
  it("is the same on both engines, in the order written", async () => {
    const today = TODAY();
    const expected = [
      { householdId: "h1", status: "poor", certifiedOn: null, source: "registration" },
      { householdId: "h1", status: "newly_escaped", certifiedOn: "2026-06-01", source: "survey" },
      { householdId: "h1", status: "non_poor", certifiedOn: "2099-01-01", source: "survey" },
      { householdId: "h1", status: "poor", certifiedOn: today, source: "edit" },
      { householdId: "h2", status: "near_poor", certifiedOn: null, source: "registration" },
      { householdId: "h2", status: "poor", certifiedOn: "2026-01-10", source: "survey" },
      { householdId: "h2", status: "near_poor", certifiedOn: "2026-01-10", source: "survey" },
      { householdId: "h2", status: "poor", certifiedOn: today, source: "edit" },
      { householdId: "h3", status: "non_poor", certifiedOn: null, source: "registration" },
      { householdId: "h3", status: "poor", certifiedOn: "2026-02-01", source: "survey" },
    ];
    expect(await histories(onPostgres())).toEqual(expected);
    expect(await histories(onSqlite())).toEqual(expected);
  });

  it("the household's status is its latest record's, kept by the records", async () => {
    const statuses = (e: Engine) => e.rows(`SELECT "id", "povertyStatus" FROM "Household" ORDER BY "id"`);
    const expected = [
      { id: "h1", povertyStatus: "non_poor" }, // the direct write was recorded, but 2099 is later
      { id: "h2", povertyStatus: "poor" },
      { id: "h3", povertyStatus: "poor" },
    ];
    expect(await statuses(onPostgres())).toEqual(expected);
    expect(await statuses(onSqlite())).toEqual(expected);
  });

  it("writing the status a household already has records nothing", async () => {
    for (const e of engines) {
      const before = (await histories(e)).length;
      await e.run(`UPDATE "Household" SET "povertyStatus" = 'non_poor', "headName" = 'Again' WHERE "id" = 'h1'`);
      expect((await histories(e)).length, e.name).toBe(before);
    }
  });

  it("records written in one transaction keep their order (no rowid on PostgreSQL)", async () => {
    for (const e of engines) {
      await e.run("BEGIN");
      await insert(e, "Household", [household("h4", "poor", "F", false)]);
      await insert(e, "PovertyRecord", [poverty("r6", "h4", "near_poor", "2026-05-01")]);
      await insert(e, "PovertyRecord", [poverty("r7", "h4", "poor", "2026-05-01")]);
      await e.run(`UPDATE "Household" SET "povertyStatus" = 'non_poor' WHERE "id" = 'h4'`);
      await insert(e, "PovertyRecord", [poverty("r8", "h4", "near_poor", TODAY())]);
      await e.run("COMMIT");
      const h4 = (await histories(e)).filter((r) => r.householdId === "h4").map((r) => `${r.status}@${r.certifiedOn ?? "-"}`);
      expect(h4, e.name).toEqual(["poor@-", "near_poor@2026-05-01", "poor@2026-05-01", `non_poor@${TODAY()}`, `near_poor@${TODAY()}`]);
      expect(await e.rows(`SELECT "povertyStatus" FROM "Household" WHERE "id" = 'h4'`), e.name).toEqual([{ povertyStatus: "near_poor" }]);
    }
  });

  it("on PostgreSQL, a record written while another writer's is uncommitted comes after it, whatever its clock says", async () => {
    await insert(onPostgres(), "Household", [household("h5", "poor", "M", false)]);
    const [early, late] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([early.connect(), late.connect()]);
    try {
      const record = (id: string, status: string) =>
        `INSERT INTO "PovertyRecord" ("id", "householdId", "status", "certifiedOn", "source") VALUES ('${id}', 'h5', '${status}', '2026-02-01', 'survey')`;
      // "early" begins first, so its now() (a record's default "createdAt") is the earlier one…
      await early.query("BEGIN");
      const [{ pid }] = (await early.query("SELECT pg_backend_pid() AS pid, now()")).rows;
      // …but "late" writes first, and "early" writes before "late" commits: it must wait, then follow.
      await late.query("BEGIN");
      await late.query(record("r-late", "near_poor"));
      const earlyWrite = early.query(record("r-early", "non_poor"));
      await waitingForLock(pid, earlyWrite);
      await late.query("COMMIT");
      await earlyWrite;
      await early.query("COMMIT");
    } finally {
      await Promise.all([early.end(), late.end()]);
    }
    const h5 = (await histories(onPostgres())).filter((r) => r.householdId === "h5").map((r) => r.status);
    expect(h5).toEqual(["poor", "near_poor", "non_poor"]);
    expect(await onPostgres().rows(`SELECT "povertyStatus" FROM "Household" WHERE "id" = 'h5'`)).toEqual([{ povertyStatus: "non_poor" }]);
  });
});

// Every refusal, with SQLite's words (prisma/migrations/*).
const REFUSALS: [table: string, change: string, message: string][] = [
  ["Pickup", `UPDATE "Pickup" SET "ref" = "ref"`, "append-only: Pickup rows cannot be updated"],
  ["Pickup", `DELETE FROM "Pickup"`, "append-only: Pickup rows cannot be deleted"],
  ["Lot", `UPDATE "Lot" SET "netG" = "netG" + 1`, "append-only: Lot rows cannot be updated"],
  ["Lot", `DELETE FROM "Lot"`, "append-only: Lot rows cannot be deleted"],
  ["PickupWitness", `UPDATE "PickupWitness" SET "householdId" = "householdId"`, "append-only: PickupWitness rows cannot be updated"],
  ["PickupWitness", `DELETE FROM "PickupWitness"`, "append-only: PickupWitness rows cannot be deleted"],
  ["ChainCheckpoint", `UPDATE "ChainCheckpoint" SET "signature" = 'forged'`, "append-only: ChainCheckpoint rows cannot be updated"],
  ["ChainCheckpoint", `DELETE FROM "ChainCheckpoint"`, "append-only: ChainCheckpoint rows cannot be deleted"],
  ["PovertyRecord", `UPDATE "PovertyRecord" SET "status" = 'poor'`, "append-only: PovertyRecord rows cannot be updated"],
  ["PovertyRecord", `DELETE FROM "PovertyRecord"`, "append-only: PovertyRecord rows cannot be deleted"],
  ["TraceCode", `UPDATE "TraceCode" SET "lotId" = NULL`, "append-only: TraceCode rows cannot be updated"],
  ["TraceCode", `DELETE FROM "TraceCode"`, "append-only: TraceCode rows cannot be deleted"],
  ["PickupCertification", `UPDATE "PickupCertification" SET "pickupId" = "pickupId"`, "append-only: PickupCertification rows cannot be updated"],
  ["PickupCertification", `DELETE FROM "PickupCertification"`, "append-only: PickupCertification rows cannot be deleted"],
  ["DeliveryAttempt", `UPDATE "DeliveryAttempt" SET "ok" = "ok"`, "append-only: DeliveryAttempt rows cannot be updated"],
  ["DeliveryAttempt", `DELETE FROM "DeliveryAttempt"`, "append-only: DeliveryAttempt rows cannot be deleted"],
  ["Payment", `UPDATE "Payment" SET "amountVnd" = 1`, "append-only: payments cannot be changed"],
  ["Payment", `DELETE FROM "Payment"`, "append-only: payments cannot be deleted"],
  ["Invoice", `DELETE FROM "Invoice"`, "immutable: invoices cannot be deleted"],
  ["InvoiceLine", `UPDATE "InvoiceLine" SET "amountVnd" = 1`, "immutable: invoice lines cannot be changed"],
  ["InvoiceLine", `DELETE FROM "InvoiceLine"`, "immutable: invoice lines cannot be deleted"],
  ["InvoicePickup", `UPDATE "InvoicePickup" SET "pickupId" = "pickupId"`, "immutable: invoice pickups cannot be changed"],
  ["InvoicePickup", `DELETE FROM "InvoicePickup"`, "immutable: invoice pickups cannot be deleted"],
  ["InvoiceDeduction", `UPDATE "InvoiceDeduction" SET "amountVnd" = 1`, "immutable: deductions cannot be changed"],
  ["InvoiceDeduction", `DELETE FROM "InvoiceDeduction"`, "immutable: deductions cannot be deleted"],
  ["ContractTotal", `DELETE FROM "ContractTotal"`, "kept on write: ContractTotal rows cannot be deleted"],
  ["ContractHouseholdTotal", `DELETE FROM "ContractHouseholdTotal"`, "kept on write: ContractHouseholdTotal rows cannot be deleted"],
  ["InvoiceTotal", `DELETE FROM "InvoiceTotal"`, "kept on write: InvoiceTotal rows cannot be deleted"],
];

describe("refusals", () => {
  it.each(REFUSALS)("%s: %s is refused with SQLite's words on both engines, and nothing changes", async (table, change, message) => {
    for (const e of engines) {
      const before = await e.rows(`SELECT * FROM "${table}"`);
      expect(before.length, `${e.name}: ${table} has rows`).toBeGreaterThan(0);
      expect(await refusal(e, change), e.name).toBe(message);
      expect(await e.rows(`SELECT * FROM "${table}"`), e.name).toEqual(before);
    }
  });

  it.each(REFUSALS.filter(([, c]) => c.startsWith("DELETE")).map(([t, , m]) => [t, m]))(
    "%s: TRUNCATE is refused on PostgreSQL as DELETE is",
    async (table, message) => {
      expect(await refusal(onPostgres(), `TRUNCATE "${table}" CASCADE`)).toBe(message);
    },
  );

  it("a membership needs exactly one of organisation and group", async () => {
    for (const e of engines) {
      const member = (id: string, organisationId: string | null, groupId: string | null) =>
        refusal(e, `INSERT INTO "Membership" ("id", "userId", "role", "organisationId", "groupId") VALUES (?, 'u1', 'member', ?, ?)`, [
          id,
          organisationId,
          groupId,
        ]);
      expect(await member("m-none", null, null), e.name).toBe("membership needs exactly one of organisationId, groupId");
      expect(await member("m-both", "o-buyer", "g1"), e.name).toBe("membership needs exactly one of organisationId, groupId");
      expect(await member("m-org", "o-buyer", null), e.name).toBe("(not refused)");
      expect(await member("m-group", null, "g1"), e.name).toBe("(not refused)");
      expect(await e.rows(`SELECT "id" FROM "Membership" ORDER BY "id"`), e.name).toEqual([{ id: "m-group" }, { id: "m-org" }]);
    }
  });

  it("an issued statement may only be cancelled; a cancelled one not changed at all", async () => {
    const issued = "immutable: an issued invoice cannot be changed";
    const printed = "immutable: an issued document cannot be changed";
    for (const e of engines) {
      const on = (sql: string) => refusal(e, sql);
      expect(await on(`UPDATE "Invoice" SET "totalVnd" = 1 WHERE "id" = 'inv1'`), e.name).toBe(issued);
      expect(await on(`UPDATE "Invoice" SET "dueOn" = '2030-01-01' WHERE "id" = 'inv1'`), e.name).toBe(issued);
      expect(await on(`UPDATE "Invoice" SET "referencesId" = 'inv2' WHERE "id" = 'inv1n'`), e.name).toBe(issued);
      expect(await on(`UPDATE "Invoice" SET "status" = 'paid' WHERE "id" = 'inv1'`), e.name).toBe(issued);
      expect(await on(`UPDATE "Invoice" SET "series" = 'HD' WHERE "id" = 'inv1'`), e.name).toBe(printed);
      expect(await on(`UPDATE "Invoice" SET "series" = NULL WHERE "id" = 'inv1'`), e.name).toBe(printed);
      // Both rules broken at once: SQLite's later trigger speaks first.
      expect(await on(`UPDATE "Invoice" SET "series" = 'HD', "number" = 9 WHERE "id" = 'inv1'`), e.name).toBe(printed);
      expect(await on(`UPDATE "Invoice" SET "cancelReason" = 'again' WHERE "id" = 'inv2'`), e.name).toBe(issued);
      expect(await on(`UPDATE "Invoice" SET "status" = 'issued' WHERE "id" = 'inv2'`), e.name).toBe(issued);
      expect(await on(`UPDATE "Invoice" SET "series" = "series", "issuedById" = 'u1' WHERE "id" = 'inv1'`), e.name).toBe("(not refused)");
    }
  });

  it("cancelling a statement marks its total cancelled, on both engines", async () => {
    for (const e of engines) {
      await e.run(
        `INSERT INTO "Invoice" ("id", "ref", "buyerId", "contractId", "year", "number", "issuedOn", "dueOn") VALUES ('inv3', 'inv3', 'o-buyer', 'c3', 2026, 4, '2026-10-01', '2026-10-08')`,
      );
      await e.run(`UPDATE "Invoice" SET "status" = 'cancelled' WHERE "id" = 'inv3'`);
      const [t] = await read(e, "InvoiceTotal", ["invoiceId"], ["dueOn", "cancelled"]).then((rows) => rows.filter((r) => r.invoiceId === "inv3"));
      expect(t, e.name).toEqual({ invoiceId: "inv3", dueOn: "2026-10-08", cancelled: true });
      expect(
        await read(e, "LedgerInvoiceTotal", ["invoiceId"], ["dueOn", "cancelled"]).then((rows) => rows.find((r) => r.invoiceId === "inv3")),
        e.name,
      ).toEqual(t);
    }
  });
});
