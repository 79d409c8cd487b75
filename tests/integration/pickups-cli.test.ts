// The command line's `verify`, run as a separate process the way an operator or a cron job
// runs it (`tsx scripts/cli.ts verify`), against this file's own database: exit 0 and
// "intact" for untouched chains, only the named contract with --contract, exit 2 for an
// unknown ref, exit 1 naming the contract and the lot when a row was changed behind the
// triggers' back; and a database file that does not exist yet is created and migrated.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOf } from "../support/places";
import { runCommand } from "../support/run";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("pickups-cli");
const { db, write, disconnect } = await import("~/utils/db.server");
const { appendPickup, appendCorrection } = await import("~/domain/ledger.server");

const TSX = path.resolve("node_modules/.bin/tsx");

/** Runs the CLI on `dbFile` and returns its exit code and everything it printed. */
async function cli(args: string[], dbFile = file) {
  const r = await runCommand(TSX, ["scripts/cli.ts", ...args], { env: { ...process.env, DATABASE_URL: `file:${dbFile}` } });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** Two contracts, each with pickups; the second also has a correction. */
const refs = { c1: "HD-CLI-01", c2: "HD-CLI-02" };
let tamperedLot: { id: string; ref: string; chainSeq: number };

beforeAll(async () => {
  const ids = await write(async (tx) => {
    const buyer = await tx.organisation.create({ data: { ref: "htx-cli", kind: "cooperative", name: "HTX Cà phê Khe Sanh" } });
    const group = await tx.farmerGroup.create({
      data: { ref: "to-cli", name: "Tổ hợp tác Hướng Phùng 1", ...placeOf("Quảng Trị", "Hướng Hóa", "Hướng Phùng") },
    });
    const product = await tx.product.create({ data: { ref: "ca-phe-cli", name: "Cà phê quả tươi", measures: '[{"key":"ripePct","label":"Quả chín (%)"}]' } });
    const season = await tx.season.create({ data: { ref: "vu-cli", productId: product.id, name: "Vụ 2025–2026", start: "2025-09-01", end: "2026-01-31" } });
    const contract = (ref: string) =>
      tx.contract.create({
        data: {
          ref,
          buyerId: buyer.id,
          groupId: group.id,
          seasonId: season.id,
          status: "active",
          areaHa: 10,
          volumeTonnes: 50,
          paymentTermsDays: 7,
          grades: {
            create: [
              { code: "A", label: "Chín ≥ 95%", priceVndPerKg: 14_500 },
              { code: "B", label: "Chín 85–95%", priceVndPerKg: 13_000 },
            ],
          },
        },
      });
    const c1 = await contract(refs.c1);
    const c2 = await contract(refs.c2);
    const hh = [];
    for (const name of ["Hồ Thị Lan", "Côn Thị Mây"]) {
      hh.push(
        await tx.household.create({
          data: {
            ref: `hh-cli-${hh.length}`,
            groupId: group.id,
            headName: name,
            headSex: "female",
            ethnicMinority: true,
            ethnicity: "Vân Kiều",
            povertyStatus: "poor",
            members: 4,
          },
        }),
      );
    }
    return { c1: c1.id, c2: c2.id, hh: hh.map((h) => h.id) };
  });
  const [h0, h1] = ids.hh;
  for (const contractId of [ids.c1, ids.c2]) {
    await write((tx) =>
      appendPickup(tx, {
        contractId,
        date: "2025-10-03",
        witnessHouseholdIds: [h1],
        lots: [
          { householdId: h0, grossG: 412_000, tareG: 12_000, grade: "A", measurements: { ripePct: 96 } },
          { householdId: h1, grossG: 230_500, tareG: 6_500, grade: "B" },
        ],
      }),
    );
    await write((tx) =>
      appendPickup(tx, { contractId, date: "2025-10-10", witnessHouseholdIds: [], lots: [{ householdId: h1, grossG: 180_000, tareG: 4_000, grade: "A" }] }),
    );
  }
  const first = await db.lot.findFirstOrThrow({ where: { contractId: ids.c2 }, orderBy: { chainSeq: "asc" } });
  await write((tx) => appendCorrection(tx, { lotId: first.id, reason: "Cân lại", grossG: 410_000, tareG: 12_000, grade: "A" }));
  // The lot the tampering test changes: the second contract's second-pickup lot (mid-chain).
  const target = await db.lot.findFirstOrThrow({ where: { contractId: ids.c2, pickup: { date: "2025-10-10" } } });
  tamperedLot = { id: target.id, ref: target.ref, chainSeq: target.chainSeq! };
});
afterAll(disconnect);

describe("cli verify", () => {
  it("checks every contract: exit 0, each one intact", async () => {
    const r = await cli(["verify"]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^intact\\s+${refs.c1}\\s+5 entries`, "m"));
    expect(r.stdout).toMatch(new RegExp(`^intact\\s+${refs.c2}\\s+6 entries`, "m"));
    expect(r.stdout).toContain("2 intact, 0 broken");
    expect(r.stdout).not.toContain("BROKEN");
  });

  it("--contract REF checks only that contract", async () => {
    const r = await cli(["verify", "--contract", refs.c2]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(refs.c2);
    expect(r.stdout).not.toContain(refs.c1);
    expect(r.stdout).toContain("1 intact, 0 broken");
  });

  it("an unknown contract ref exits 2", async () => {
    const r = await cli(["verify", "--contract", "HD-KHONG-CO"]);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain("HD-KHONG-CO");
    expect(r.stdout).not.toMatch(/^intact/m);
  });

  it("a lot changed directly in SQLite: exit 1, naming the contract and the lot; the other contract still intact", async () => {
    const raw = new Database(file);
    try {
      // The trigger refuses the change first…
      expect(() => raw.prepare(`UPDATE "Lot" SET "grossG" = "grossG" - 5000 WHERE id = ?`).run(tamperedLot.id)).toThrow(/append-only/);
      // …so whoever tampers must drop it.
      raw.exec(`DROP TRIGGER "Lot_no_update"`);
      raw.prepare(`UPDATE "Lot" SET "grossG" = "grossG" - 5000, "netG" = "netG" - 5000 WHERE id = ?`).run(tamperedLot.id);
    } finally {
      raw.close();
    }
    const r = await cli(["verify"]);
    expect(r.code, r.out).toBe(1);
    const broken = r.stdout.split("\n").find((l) => l.startsWith("BROKEN"));
    expect(broken, r.out).toBeDefined();
    expect(broken).toContain(refs.c2);
    expect(broken).toContain(tamperedLot.ref);
    expect(broken).toContain(`entry ${tamperedLot.chainSeq}`);
    expect(r.stdout).toMatch(new RegExp(`^intact\\s+${refs.c1}`, "m"));
    expect(r.stdout).toContain("1 intact, 1 broken");

    // Checking only the untouched contract still passes; only the broken one fails.
    expect((await cli(["verify", "--contract", refs.c1])).code).toBe(0);
    expect((await cli(["verify", "--contract", refs.c2])).code).toBe(1);
  });

  it("creates and migrates a database file that does not exist yet", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-cli-new-"));
    const fresh = path.join(dir, "moi.db");
    expect(fs.existsSync(fresh)).toBe(false);
    const r = await cli(["verify"], fresh);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain("0 intact, 0 broken");
    expect(fs.existsSync(fresh)).toBe(true);
    const raw = new Database(fresh, { readonly: true });
    try {
      const names = (raw.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')`).all() as { name: string }[]).map((x) => x.name);
      expect(names).toEqual(
        expect.arrayContaining(["Contract", "Pickup", "Lot", "PickupWitness", "LotDispute", "_prisma_migrations", "Lot_no_update", "Pickup_no_delete"]),
      );
      expect((raw.prepare(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      raw.close();
    }
  });
});
