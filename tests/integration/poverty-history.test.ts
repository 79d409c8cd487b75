// A household's poverty status keeps its history (issue 14; docs/decisions/0022): records are
// append-only, the latest is the household's status, and a season's indicators count the status
// valid on the season's start — worked out by hand on tests/fixtures/bundles/chain.json, where
// hh-0001 (poor) delivered in coffee-2023 (starts 2023-09-01) and coffee-2024 (2024-09-01).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COFFEE_2023, COFFEE_2024, loadBundle } from "../support/bundle-fixtures";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("poverty-history");
const { db, disconnect, write } = await import("~/utils/db.server");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { computeIndicators } = await import("~/domain/indicators.server");
const { verifyTotals } = await import("~/domain/totals/verify.server");
const { recordPovertyStatus, povertyHistory } = await import("~/domain/households/poverty.server");
const { statusOn } = await import("~/domain/households/poverty");

const hh = async (ref: string) => (await db.household.findUniqueOrThrow({ where: { ref }, select: { id: true, povertyStatus: true } })).id;
const status = async (ref: string) => (await db.household.findUniqueOrThrow({ where: { ref }, select: { povertyStatus: true } })).povertyStatus;

beforeAll(async () => {
  expect(await importBundle(loadBundle("chain"), OPERATOR)).toMatchObject({ ok: true });
});
afterAll(disconnect);

describe("the history", () => {
  it("an imported household starts with its registered status, undated", async () => {
    expect(await povertyHistory(await hh("hh-0001"))).toMatchObject([{ status: "poor", certifiedOn: null, source: "registration" }]);
  });

  it("a household that escapes poverty in March 2024 counts as poor in coffee-2023 and as newly escaped in coffee-2024", async () => {
    const id = await hh("hh-0001");
    await write((tx) => recordPovertyStatus(tx, { householdId: id, status: "newly_escaped", certifiedOn: "2024-03-15", source: "edit" }));
    expect(await status("hh-0001")).toBe("newly_escaped");
    // coffee-2023 linked only hh-0001: still poor on 2023-09-01.
    expect((await computeIndicators("coffee-2023", { asOf: COFFEE_2023.asOf })).households).toEqual(COFFEE_2023.households);
    // coffee-2024: poor were 0001 and 0202; 0001 had escaped by 2024-09-01.
    expect((await computeIndicators("coffee-2024", { asOf: COFFEE_2024.asOf })).households).toEqual({
      ...COFFEE_2024.households,
      byPoverty: { poor: 1, near_poor: 2, newly_escaped: 1, non_poor: 2 },
    });
    expect((await verifyTotals()).ok).toBe(true);
  });

  it("a back-dated certification moves the season it falls before, and the latest record stays the current status", async () => {
    const id = await hh("hh-0003"); // non_poor, delivered in coffee-2024
    await write(async (tx) => {
      await recordPovertyStatus(tx, { householdId: id, status: "non_poor", certifiedOn: "2025-06-01", source: "edit" });
      await recordPovertyStatus(tx, { householdId: id, status: "near_poor", certifiedOn: "2024-01-10", source: "edit" });
    });
    expect(await status("hh-0003")).toBe("non_poor");
    expect((await computeIndicators("coffee-2024", { asOf: COFFEE_2024.asOf })).households.byPoverty).toEqual({
      poor: 1,
      near_poor: 3,
      newly_escaped: 1,
      non_poor: 1,
    });
    expect((await verifyTotals()).ok).toBe(true);
  });

  it("a status written straight onto the household is recorded, dated the day it was written", async () => {
    const id = await hh("hh-0002");
    await write((tx) => tx.household.update({ where: { id }, data: { povertyStatus: "non_poor" } }));
    const history = await povertyHistory(id);
    expect(history.map((r) => [r.status, r.source])).toEqual([
      ["near_poor", "registration"],
      ["non_poor", "edit"],
    ]);
    expect(history[1].certifiedOn).toBe(new Date().toISOString().slice(0, 10));
    // Certified today, after both seasons began: hh-0002 still counts as near-poor in coffee-2024.
    expect((await computeIndicators("coffee-2024", { asOf: COFFEE_2024.asOf })).households.byPoverty.near_poor).toBe(3);
  });

  it("records cannot be changed or deleted", async () => {
    const id = await hh("hh-0001");
    // Through Prisma the abort surfaces as a generic constraint error; the raw driver shows the trigger's words.
    await expect(write((tx) => tx.povertyRecord.deleteMany({ where: { householdId: id } }))).rejects.toThrow();
    const raw = new Database(file);
    try {
      expect(() => raw.prepare(`UPDATE "PovertyRecord" SET "status" = 'poor'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM "PovertyRecord"`).run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
    expect(await povertyHistory(id)).toHaveLength(2);
  });
});

describe("statusOn (the same rule in code)", () => {
  const records = [
    { status: "poor", certifiedOn: null },
    { status: "near_poor", certifiedOn: "2024-03-15" },
    { status: "non_poor", certifiedOn: "2025-06-01" },
    { status: "newly_escaped", certifiedOn: "2024-03-15" }, // same day, written later: wins
  ];
  it.each([
    ["2023-09-01", "poor"],
    ["2024-03-14", "poor"],
    ["2024-03-15", "newly_escaped"],
    ["2025-05-31", "newly_escaped"],
    ["2025-06-01", "non_poor"],
  ])("on %s: %s", (day, expected) => expect(statusOn(records, day)).toBe(expected));
  it("with only later records, the earliest", () =>
    expect(
      statusOn(
        [
          { status: "poor", certifiedOn: "2025-01-01" },
          { status: "non_poor", certifiedOn: "2026-01-01" },
        ],
        "2020-01-01",
      ),
    ).toBe("poor"));
  it("with none, null", () => expect(statusOn([], "2020-01-01")).toBeNull());
});
