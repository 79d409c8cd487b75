// The programme bundle of shared/interchange.md: rejected whole with every problem listed,
// references that resolve to records already here, idempotent re-import, export → import →
// export round-trip, corrections and disputes, and the hash chain of imported pickups.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { correctionAtLaterPickup, loadBundle, sortBundle, tableCounts, tableDump } from "../support/bundle-fixtures";
import { createDatabase } from "../support/pg-cluster";
import { onPostgres, tempDatabase } from "../support/temp-db";

const file = tempDatabase("bundle");
let { db, disconnect, dbReady } = await import("~/utils/db.server");
// On PostgreSQL the schema is made once the clients connect, not at import as on SQLite: the
// table counts below read the database directly and must see every table.
await dbReady();
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { exportBundle } = await import("~/domain/bundle/export.server");
const { validateBundle } = await import("~/domain/bundle/validate.server");
const { verifyContractChain } = await import("~/domain/ledger.server");
const { computeIndicators } = await import("~/domain/indicators.server");

afterAll(() => disconnect());

/** invalid.json has exactly one problem per line below, and nothing else wrong. */
const INVALID_PATHS = [
  "$.households[2].ref", // duplicate ref "x-hh-1"
  "$.contracts[1].areaHa", // wrong type: "4.5" (a string)
  "$.contracts[2].buyerRef", // unresolved reference: no organisation "x-nobody"
  "$.pickups[0].lots[0].tareKg", // negative weight: tareKg −1
  "$.pickups[0].lots[1].tareKg", // tare above gross: 12 > 10
  "$.pickups[0].lots[2].grade", // grade "Z" is not in contract x-c-1
  "$.payments[0].paidOn", // a date that does not parse: 2025-02-30
  "$.payments[1].invoiceRef", // unresolved reference: no invoice "x-inv-none"
].sort();
/** The same eight problems by the field they are about (independent of record indices). */
const INVALID_FIELDS = INVALID_PATHS.map((p) => p.split(".").pop()!).sort();

const chainCounts = {
  // chain.json: 5 organisations, 4 groups, 9 households, 2 products, 4 seasons, 13 contracts,
  // 9 pickups, 12 lots (11 plain + the correction l-0004), 7 invoices, 9 payments.
  organisations: { created: 5, updated: 0, unchanged: 0 },
  farmerGroups: { created: 4, updated: 0, unchanged: 0 },
  households: { created: 9, updated: 0, unchanged: 0 },
  products: { created: 2, updated: 0, unchanged: 0 },
  seasons: { created: 4, updated: 0, unchanged: 0 },
  contracts: { created: 13, updated: 0, unchanged: 0 },
  pickups: { created: 9, updated: 0, unchanged: 0 },
  lots: { created: 12, updated: 0, unchanged: 0 },
  invoices: { created: 7, updated: 0, unchanged: 0 },
  payments: { created: 9, updated: 0, unchanged: 0 },
};
const allUnchanged = Object.fromEntries(Object.entries(chainCounts).map(([k, c]) => [k, { created: 0, updated: 0, unchanged: c.created }]));

async function problemPaths(input: unknown): Promise<string[]> {
  const r = await importBundle(input, OPERATOR);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.map((p) => p.path).sort();
}
const fieldsOf = (paths: string[]) => paths.map((p) => p.split(".").pop()!).sort();

describe("a bad bundle is rejected whole, with every problem", () => {
  it("into an empty installation: all eight problems listed, nothing written", async () => {
    const before = await tableCounts(file);
    expect(fieldsOf(await problemPaths(loadBundle("invalid")))).toEqual(INVALID_FIELDS);
    expect(await tableCounts(file)).toEqual(before);
    expect(before).toHaveProperty("Pickup", 0); // the schema is there, only empty
    expect(Object.entries(before).filter(([t, n]) => n > 0 && t !== "_prisma_migrations")).toEqual([]);
  });

  // Spec: rejected "with every problem listed (path and reason)": a malformed record must not
  // shift the paths of the problems found in the records after it.
  it("each problem's path points at the record that has it", async () => {
    expect(await problemPaths(loadBundle("invalid"))).toEqual(INVALID_PATHS);
  });

  it("every problem carries a reason", async () => {
    const r = await validateBundle(loadBundle("invalid"));
    expect(r.ok).toBe(false);
    if (!r.ok) for (const p of r.problems) expect(p.reason.length, p.path).toBeGreaterThan(0);
  });

  it("one problem among many good records still rejects everything", async () => {
    // chain.json with a single lot's tare above gross (412 kg gross, 413 kg tare).
    const bad = loadBundle("chain");
    const pickups = bad.pickups as { lots: { tareKg: number }[] }[];
    pickups[1].lots[0].tareKg = 413;
    const before = await tableCounts(file);
    expect(await problemPaths(bad)).toEqual(["$.pickups[1].lots[0].tareKg"]);
    expect(await tableCounts(file)).toEqual(before);
  });

  it("a document that is not a bundle is refused", async () => {
    expect(await problemPaths({ format: "something-else/2" })).toEqual(["$.format"]);
    expect(await problemPaths([1, 2, 3])).not.toEqual([]);
  });
});

describe("importing chain.json", () => {
  beforeAll(async () => {
    expect(await importBundle(loadBundle("chain"), OPERATOR)).toEqual({ ok: true, counts: chainCounts });
  });

  it("a bad bundle into a populated installation changes no row of any table", async () => {
    const before = await tableDump(file);
    expect(fieldsOf(await problemPaths(loadBundle("invalid")))).toEqual(INVALID_FIELDS);
    expect(await tableDump(file)).toEqual(before);
  });

  it("is idempotent: the second import changes nothing", async () => {
    const before = { dump: await tableDump(file), exported: await exportBundle() };
    expect(await importBundle(loadBundle("chain"), OPERATOR)).toEqual({ ok: true, counts: allUnchanged });
    // Every row of every table (hashes, chain positions, timestamps included) is identical.
    expect(await tableDump(file)).toEqual(before.dump);
    expect(await exportBundle()).toEqual(before.exported);
  });

  it("stores a correction as a new lot; the lot it replaces stays stored but is not effective", async () => {
    const old = await db.lot.findUniqueOrThrow({
      where: { ref: "l-0003" },
      include: { supersededBy: { select: { ref: true } }, _count: { select: { disputes: true } } },
    });
    const fix = await db.lot.findUniqueOrThrow({ where: { ref: "l-0004" }, include: { supersedes: { select: { ref: true } } } });
    expect([old.netG, old.supersededBy?.ref, old._count.disputes]).toEqual([176_000, "l-0004", 1]);
    expect([fix.netG, fix.amountVnd, fix.supersedes?.ref]).toEqual([166_000, 2_407_000, "l-0003"]);
    // Effective lots only: inv-2024-0002 is for p-2024-0002, i.e. l-0004's 2 407 000, not l-0003's 2 552 000.
    const inv = await db.invoice.findUniqueOrThrow({ where: { ref: "inv-2024-0002" } });
    expect(inv.subtotalVnd).toBe(2_407_000);
  });

  it("counts disputed lots, superseded or not, under in-force contracts only", async () => {
    // l-0003 (disputed, superseded) and l-0201 (disputed) under in-force contracts; l-0301 is under a draft.
    const ind = await computeIndicators("coffee-2024", { asOf: "2024-12-31" });
    expect(ind.disputedLots).toBe(2);
    const disputed = (await exportBundle()).pickups.flatMap((p) => p.lots.filter((l) => l.disputed).map((l) => l.ref)).sort();
    expect(disputed).toEqual(["l-0003", "l-0201", "l-0301"]);
  });

  it("round-half-up lot amounts: 100.5 kg × 13 001 = 1 306 600.5 → 1 306 601", async () => {
    const lot = await db.lot.findUniqueOrThrow({ where: { ref: "l-0101" } });
    expect([lot.netG, lot.unitPriceVnd, lot.amountVnd]).toEqual([100_500, 13_001, 1_306_601]);
  });

  it("imported pickups carry an intact hash chain on every contract", async () => {
    const contracts = await db.contract.findMany({ select: { id: true, ref: true, _count: { select: { pickups: true, lots: true } } } });
    expect(contracts).toHaveLength(13);
    for (const c of contracts) {
      const report = await verifyContractChain(db, c.id);
      expect(report, c.ref).toMatchObject({ intact: true, entries: c._count.pickups + c._count.lots });
    }
    // c-2024-001: 3 pickups + 5 lots (l-0001…l-0005, the correction included).
    const main = contracts.find((c) => c.ref === "c-2024-001")!;
    expect(main._count).toEqual({ pickups: 3, lots: 5 });
  });

  it("references may resolve to records already in the installation", async () => {
    // extension.json refers only to chain.json's records: projectOwnerRef care-vn, groupRef
    // tg-huong-phung-1, productRef coffee-cherry, buyerRef dn-simexco, seasonRef coffee-2024,
    // renewsRef c-2023-006, contractRef c-2024-001, witnessRefs hh-0003, householdRef hh-0004,
    // supersedesRef l-0005 (listed under its own pickup p-2024-0003), invoiceRef inv-2024-0101 (1 ₫ still owed).
    const r = await importBundle(loadBundle("extension"), OPERATOR);
    expect(r).toEqual({
      ok: true,
      counts: {
        organisations: { created: 0, updated: 0, unchanged: 0 },
        farmerGroups: { created: 1, updated: 0, unchanged: 0 },
        households: { created: 1, updated: 0, unchanged: 0 },
        products: { created: 0, updated: 0, unchanged: 0 },
        seasons: { created: 1, updated: 0, unchanged: 0 },
        contracts: { created: 1, updated: 0, unchanged: 0 },
        pickups: { created: 1, updated: 0, unchanged: 1 },
        lots: { created: 2, updated: 0, unchanged: 0 },
        invoices: { created: 1, updated: 0, unchanged: 0 },
        payments: { created: 1, updated: 0, unchanged: 0 },
      },
    });
    const l5 = await db.lot.findUniqueOrThrow({ where: { ref: "l-0005" }, include: { supersededBy: { select: { ref: true } } } });
    expect(l5.supersededBy?.ref).toBe("l-0602");
    const c7 = await db.contract.findUniqueOrThrow({ where: { ref: "c-2024-007" }, include: { renews: true, buyer: true, season: true } });
    expect([c7.renews?.ref, c7.buyer.ref, c7.season.ref]).toEqual(["c-2023-006", "dn-simexco", "coffee-2024"]);
    const main = await db.contract.findUniqueOrThrow({ where: { ref: "c-2024-001" } });
    expect(await verifyContractChain(db, main.id)).toMatchObject({ intact: true, entries: 4 + 7 }); // 4 pickups, 7 lots
  });

  // Spec: "every reference must resolve inside the bundle (or to a record already in the
  // installation with that ref)": an invoice may name an already-imported pickup
  // (p-2024-0501, never invoiced).
  it("an invoice may name a pickup already in the installation", async () => {
    const r = await importBundle(
      {
        format: "linkage-bundle/1",
        invoices: [{ ref: "inv-2024-0501", contractRef: "c-2024-006", pickupRefs: ["p-2024-0501"], issuedOn: "2024-09-30" }],
      },
      OPERATOR,
    );
    expect(r).toMatchObject({ ok: true, counts: { invoices: { created: 1, updated: 0, unchanged: 0 } } });
  });

  // Spec: a correction "replaces the lot it names"; an invoice's amount is the effective lots
  // of its pickups. Here the corrected weight is recorded at the next pickup (p-2) and that
  // pickup is invoiced: the correction stays at p-2, so p-2's invoice has its lot.
  it("a correction recorded at a later pickup stays in that pickup", async () => {
    const r = await importBundle(correctionAtLaterPickup(), OPERATOR);
    expect(r).toMatchObject({ ok: true });
    const exported = sortBundle(await exportBundle()) as { pickups: { ref: string; lots: { ref: string }[] }[] };
    const lotsOf = (ref: string) => exported.pickups.find((p) => p.ref === ref)!.lots.map((l) => l.ref);
    expect([lotsOf("fixpk-p-1"), lotsOf("fixpk-p-2")]).toEqual([["fixpk-l-1"], ["fixpk-l-2"]]);
  });
});

describe("round-trip", () => {
  // Last in the file: it swaps this process's database for a new, empty installation.
  it("export → import into an empty installation → export gives the same document (up to ordering)", async () => {
    const first = await exportBundle();
    expect(first.pickups.length).toBeGreaterThan(0);
    // Places as shared/interchange.md writes them: current codes and names, the former district.
    for (const g of first.farmerGroups) expect(g.provinceCode && g.communeCode && g.district, g.ref).toBeTruthy();
    expect(first.farmerGroups.find((g) => g.ref === "tg-huong-phung-2")).toMatchObject({
      provinceCode: "44",
      communeCode: "19441",
      commune: "Xã Hướng Phùng",
      district: "Hướng Hóa",
      formerCommune: "Hướng Phùng",
    });
    const placeColumns = {
      ref: true,
      provinceCode: true,
      communeCode: true,
      province: true,
      commune: true,
      formerProvince: true,
      formerDistrict: true,
      formerCommune: true,
    } as const;
    const storedPlaces = await db.farmerGroup.findMany({ select: placeColumns, orderBy: { ref: "asc" } });
    await disconnect();
    process.env.DATABASE_URL = onPostgres()
      ? createDatabase(process.env.TEST_PG_SOCKET!, `bundle_empty_${crypto.randomBytes(4).toString("hex")}`)
      : `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-bundle-empty-")), "test.db")}`;
    vi.resetModules();
    const fresh = await import("~/utils/db.server");
    ({ db, disconnect, dbReady } = fresh);
    await dbReady();
    const { importBundle: importFresh } = await import("~/domain/bundle/import.server");
    const { exportBundle: exportFresh } = await import("~/domain/bundle/export.server");
    expect(await fresh.db.pickup.count()).toBe(0);

    const r = await importFresh(JSON.parse(JSON.stringify(first)), OPERATOR);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const second = await exportFresh();
    expect(sortBundle(second)).toEqual(sortBundle(first));
    expect(await fresh.db.farmerGroup.findMany({ select: placeColumns, orderBy: { ref: "asc" } })).toEqual(storedPlaces);
    // The chain.json and extension.json records really are all there.
    expect(second.contracts.map((c) => c.ref)).toContain("c-2024-007");
    expect(second.payments).toHaveLength(first.payments.length);
  });
});
