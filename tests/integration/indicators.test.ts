// The chain indicators of shared/interchange.md, checked against numbers computed BY HAND
// from tests/fixtures/bundles/chain.json (the ledger of that computation is in
// tests/support/bundle-fixtures.ts, next to each expected value). Every assertion compares the
// whole output — season, asOf, scope and every nested key — with toEqual.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COFFEE_2023,
  COFFEE_2024,
  COFFEE_2024_SCOPED,
  correctionToAnotherHousehold,
  loadBundle,
  nothing,
  PEPPER_2024,
  runCli,
} from "../support/bundle-fixtures";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("indicators");
const { disconnect } = await import("~/utils/db.server");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { computeIndicators } = await import("~/domain/indicators.server");

beforeAll(async () => {
  const r = await importBundle(loadBundle("chain"), OPERATOR);
  expect(r).toMatchObject({ ok: true });
});
afterAll(disconnect);

describe("coffee-2024, whole programme", () => {
  it("as of 2024-12-31: every key as computed by hand", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31" })).toEqual(COFFEE_2024);
  });

  it("as of 2025-01-01 the invoice due that day counts (due on or before asOf)", async () => {
    // inv-2024-0201: issued 2024-12-02 + 30 days = due 2025-01-01, paid in full 2024-12-20 → on time.
    // Due invoices: 0001 ✓ 0002 ✓ 0003 ✗ 0101 ✗ 0201 ✓ → 3/5. Nothing else depends on asOf.
    expect(await computeIndicators("coffee-2024", { asOf: "2025-01-01" })).toEqual({ ...COFFEE_2024, asOf: "2025-01-01", onTimePaymentRate: 0.6 });
  });

  it("before any invoice is due the on-time rate is null (not-yet-due invoices are excluded)", async () => {
    // The first due date is inv-2024-0001's 2024-10-11; paidVnd counts payments whatever asOf says.
    expect(await computeIndicators("coffee-2024", { asOf: "2024-10-10" })).toEqual({ ...COFFEE_2024, asOf: "2024-10-10", onTimePaymentRate: null });
  });

  it("as of a due date exactly, a payment made that day counts", async () => {
    // asOf 2024-10-11 = inv-2024-0001's due date: due invoices {0001}; its second payment is dated 10-11 → 1/1.
    expect(await computeIndicators("coffee-2024", { asOf: "2024-10-11" })).toEqual({ ...COFFEE_2024, asOf: "2024-10-11", onTimePaymentRate: 1 });
  });
});

describe("previous season", () => {
  it("coffee-2023: the previous season (coffee-2022) exists but has no pairs → rate null", async () => {
    expect(await computeIndicators("coffee-2023", { asOf: "2024-08-31" })).toEqual(COFFEE_2023);
  });

  it("coffee-2022: no previous season at all → previousPairs 0, rate null; nothing contracted → fulfilment null", async () => {
    expect(await computeIndicators("coffee-2022", { asOf: "2024-08-31" })).toEqual(nothing("coffee-2022", "2024-08-31"));
  });

  it("pepper-2024: seasons of another product are never the previous season", async () => {
    // coffee-2023 starts before pepper-2024 but is coffee: pepper-2024 has no previous season.
    // (And coffee-2024's previous is coffee-2023, not pepper-2024 — see the 3/2 pairs above.)
    expect(await computeIndicators("pepper-2024", { asOf: "2024-08-31" })).toEqual(PEPPER_2024);
  });
});

describe("scope filters narrow the season and its previous season", () => {
  it("province", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: { province: "Quảng Trị" } })).toEqual(COFFEE_2024_SCOPED.province);
  });

  it("district (only a draft in S: everything 0 / null, one previous pair not continued → rate 0)", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: { district: "Đakrông" } })).toEqual(COFFEE_2024_SCOPED.district);
  });

  it("buyer", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: { buyer: "dn-simexco" } })).toEqual(COFFEE_2024_SCOPED.buyer);
  });

  it("project owner", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: { projectOwner: "care-vn" } })).toEqual(COFFEE_2024_SCOPED.projectOwner);
  });

  it("project owner whose previous-season contract is only a draft → previousPairs 0, rate null", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: { projectOwner: "sns-vn" } })).toEqual(COFFEE_2024_SCOPED.projectOwnerSns);
  });

  it("filters combine (Quảng Trị groups never sold to Simexco: nothing in either season)", async () => {
    const scope = { province: "Quảng Trị", buyer: "dn-simexco" };
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope })).toEqual(nothing("coffee-2024", "2024-12-31", scope));
  });
});

describe("errors", () => {
  it("an unknown season is refused", async () => {
    await expect(computeIndicators("coffee-1999", { asOf: "2024-12-31" })).rejects.toThrow(/coffee-1999/);
  });
});

describe("corrections", () => {
  // Spec: "A lot with supersedesRef is a correction: it replaces the lot it names". The
  // correcting lot carries its own householdRef; here it books the weighing to hh-2 instead of
  // hh-1 (see correctionToAnotherHousehold). Effective lots: fixhh-l-2 only (hh-2, 120 kg).
  it("a correction booked to another household counts that household, not the old one", async () => {
    expect(await importBundle(correctionToAnotherHousehold(), OPERATOR)).toMatchObject({ ok: true });
    expect(await computeIndicators("fixhh-2024", { asOf: "2024-12-31" })).toEqual({
      ...nothing("fixhh-2024", "2024-12-31"),
      areaHa: 1,
      contractedTonnes: 1,
      deliveredTonnes: 0.12, // 120 kg
      fulfilment: 0.12, // 0.12 / 1
      // hh-2: male, not a minority, non_poor
      households: { total: 1, byPoverty: { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 1 }, femaleHeaded: 0, ethnicMinority: 0 },
      witnessedPickupRate: 0, // one pickup, no witness
    });
  });
});

describe("the CLI prints the same JSON", () => {
  // `tsx scripts/cli.ts indicators` against this file's database, read by a separate process.
  it.each([
    { args: ["--season", "coffee-2024", "--as-of", "2024-12-31", "--project-owner", "care-vn"], expected: COFFEE_2024_SCOPED.projectOwner },
    { args: ["--season", "coffee-2022", "--as-of", "2024-08-31"], expected: nothing("coffee-2022", "2024-08-31") },
  ])("indicators $args", async ({ args, expected }) => {
    const r = await runCli(["indicators", ...args], file);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(expected);
    expect(printed).toEqual(await computeIndicators(expected.season, { asOf: expected.asOf, scope: expected.scope }));
  });
});
