// The pickup ledger at the database level: append-only triggers and the hash chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOf } from "../support/places";
import { rawDatabase } from "../support/raw-db";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("ledger");
const { db, write, disconnect } = await import("~/utils/db.server");
const { appendPickup, appendCorrection, verifyContractChain } = await import("~/domain/ledger.server");

let contractId: string;
let households: string[];

beforeAll(async () => {
  await write(async (tx) => {
    const buyer = await tx.organisation.create({ data: { ref: "b1", kind: "cooperative", name: "HTX" } });
    const group = await tx.farmerGroup.create({ data: { ref: "g1", name: "Tổ 1", ...placeOf("Quảng Trị", "Hướng Hóa", "Hướng Phùng") } });
    const product = await tx.product.create({
      data: { ref: "coffee", name: "Cà phê quả tươi", measures: JSON.stringify([{ key: "ripePct", label: "Quả chín (%)", type: "number", min: 0, max: 100 }]) },
    });
    const season = await tx.season.create({ data: { ref: "s1", productId: product.id, name: "Vụ 2024", start: "2024-09-01", end: "2025-01-31" } });
    const contract = await tx.contract.create({
      data: {
        ref: "c1",
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
    contractId = contract.id;
    households = [];
    for (const name of ["Hồ Thị Lan", "Hồ Văn Thanh"]) {
      const h = await tx.household.create({
        data: {
          ref: `hh-${name}`,
          groupId: group.id,
          headName: name,
          headSex: "female",
          ethnicMinority: true,
          ethnicity: "Vân Kiều",
          povertyStatus: "poor",
          members: 4,
        },
      });
      households.push(h.id);
    }
  });
  await write((tx) =>
    appendPickup(tx, {
      contractId,
      date: "2024-10-03",
      witnessHouseholdIds: [households[1]],
      clientKey: "device-1",
      lots: [
        { householdId: households[0], grossG: 412_000, tareG: 12_000, grade: "A", measurements: { ripePct: 96 } },
        { householdId: households[1], grossG: 230_500, tareG: 6_500, grade: "B" },
      ],
    }),
  );
});
afterAll(disconnect);

describe("ledger", () => {
  it("computes net weight and amounts on the server", async () => {
    const lots = await db.lot.findMany({ where: { contractId }, orderBy: { chainSeq: "asc" } });
    expect(lots.map((l) => [l.netG, l.unitPriceVnd, l.amountVnd])).toEqual([
      [400_000, 14_500, 5_800_000],
      [224_000, 13_000, 2_912_000],
    ]);
  });

  it("never makes two pickups from one device submission", async () => {
    const again = await write((tx) => appendPickup(tx, { contractId, date: "2024-10-03", witnessHouseholdIds: [], clientKey: "device-1", lots: [] }));
    expect(again.duplicate).toBe(true);
    expect(await db.pickup.count({ where: { contractId } })).toBe(1);
  });

  // On a connection of its own, bypassing the app: the database's own triggers refuse.
  it("refuses UPDATE and DELETE of pickups and lots in the database itself", async () => {
    const raw = await rawDatabase(file);
    try {
      await expect(raw.run(`UPDATE "Lot" SET "grossG" = 1`)).rejects.toThrow(/append-only/);
      await expect(raw.run(`DELETE FROM "Lot"`)).rejects.toThrow(/append-only/);
      await expect(raw.run(`UPDATE "Pickup" SET "vehicle" = 'x'`)).rejects.toThrow(/append-only/);
      await expect(raw.run(`DELETE FROM "Pickup"`)).rejects.toThrow(/append-only/);
      await expect(raw.run(`DELETE FROM "PickupWitness"`)).rejects.toThrow(/append-only/);
    } finally {
      await raw.close();
    }
  });

  it("keeps a correction as a new entry and the chain intact", async () => {
    const lot = await db.lot.findFirstOrThrow({ where: { contractId, grade: "B" } });
    await write((tx) => appendCorrection(tx, { lotId: lot.id, reason: "Cân lại", grossG: 230_500, tareG: 6_500, grade: "A" }));
    const all = await db.lot.findMany({ where: { contractId } });
    expect(all).toHaveLength(3);
    const fix = all.find((l) => l.supersedesId === lot.id)!;
    expect(fix.amountVnd).toBe(3_248_000);
    const report = await verifyContractChain(db, contractId);
    expect(report).toMatchObject({ intact: true, entries: 4 });
  });

  it("finds a row changed behind the triggers' back, and says where", async () => {
    const raw = await rawDatabase(file);
    try {
      await raw.dropTrigger("Lot_no_update", "Lot");
      const [target] = await raw.rows<{ ref: string; chainSeq: number }>(
        `SELECT ref, "chainSeq" FROM "Lot" WHERE "contractId" = ? ORDER BY "chainSeq" LIMIT 1`,
        contractId,
      );
      await raw.run(`UPDATE "Lot" SET "grossG" = "grossG" + 1000 WHERE ref = ?`, target.ref);
      const report = await verifyContractChain(db, contractId);
      expect(report).toMatchObject({ intact: false, brokenAt: { kind: "lot", ref: target.ref, seq: Number(target.chainSeq), reason: "hash" } });
    } finally {
      await raw.close();
    }
  });
});
