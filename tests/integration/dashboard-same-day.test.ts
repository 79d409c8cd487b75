// A season in progress is compared with the previous season cut at the same day of the season
// (docs/decisions/0023-same-day-comparison.md). The previous season here is built by hand around
// its cut-off day C: pickups, payments and disputes before, on and after C, a witness on some
// pickups, and a correction recorded after C (today) of a lot weighed before it. Every expected
// figure is worked out in the comments next to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("dashboard-same-day");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { GRADES, plusDays } = await import("../support/pickup-fixtures");
const { ledgerPickup } = await import("../support/invoice-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { todayInVietnam } = await import("~/utils/dates");
const { appendCorrection } = await import("~/domain/ledger.server");
const { addPayment, issueInvoice } = await import("~/domain/invoices.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { comparisonFor, sameDayCutoff, sameDayIndicators, sameDaySql } = await import("~/domain/dashboard/same-day.server");
const { hotRead } = await import("~/utils/db.server");
const { Prisma } = await import("~/generated/prisma/client");
const { formatValue } = await import("~/components/dashboard-cards");
const { translator } = await import("~/i18n");
const { formatDate } = await import("~/utils/format");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
const today = todayInVietnam();
// The selected season began 30 days ago and runs four more months; the previous one, a year
// earlier, is cut 30 days after its start: C = its start + 30.
const CUR = { ref: "tieu-2", name: "Vụ tiêu năm nay", start: plusDays(today, -30), end: plusDays(today, 120) };
const PREV = { ref: "tieu-1", name: "Vụ tiêu năm trước", start: plusDays(today, -395), end: plusDays(today, -245) };
const C = plusDays(PREV.start, 30);
const ids = { prev: "", cur: "", product: "" };

async function pay(invoiceId: string, paidOn: string, amountVnd: number) {
  const r = await write((tx) => addPayment(tx, invoiceId, { paidOn, amountVnd, method: "bank_transfer", reference: null }, null, today));
  if (!r.ok) throw new Error(JSON.stringify(r));
}

async function dispute(lotId: string, createdAt: string, extra: { status?: string; correctionLotId?: string } = {}) {
  await write((tx) => tx.lotDispute.create({ data: { lotId, reason: "Cân sai", createdAt: new Date(createdAt), ...extra } }));
}

const lotOf = async (pickupId: string) => (await db.lot.findFirstOrThrow({ where: { pickupId }, select: { id: true } })).id;

beforeAll(async () => {
  world = await makeWorld();
  const { hh1, hh1b } = world.households;
  const made = await write(async (tx) => {
    const product = await tx.product.create({ data: { ref: "tieu", name: "Hồ tiêu", nameEn: "Pepper" } });
    const season = (s: typeof CUR) => tx.season.create({ data: { ...s, productId: product.id } });
    const [prev, cur] = [await season(PREV), await season(CUR)];
    const contract = (ref: string, seasonId: string, signedOn: string) =>
      tx.contract.create({
        data: {
          ref,
          buyerId: world.orgs.orgA.id,
          groupId: world.groups.g1,
          seasonId,
          status: "active",
          signedOn,
          areaHa: 12.5,
          volumeTonnes: 30,
          paymentTermsDays: 7,
          grades: { create: GRADES }, // A = 14.500 ₫/kg
        },
        select: { id: true },
      });
    return {
      product: product.id,
      prev: prev.id,
      cur: cur.id,
      prevContract: (await contract("HD-TIEU-1", prev.id, plusDays(PREV.start, -10))).id,
      curContract: (await contract("HD-TIEU-2", cur.id, plusDays(CUR.start, -10))).id,
    };
  });
  Object.assign(ids, { prev: made.prev, cur: made.cur, product: made.product });
  const k = made.prevContract;
  // The previous season's ledger. Witness: hh1b.
  const p1 = await ledgerPickup(k, plusDays(C, -20), [{ householdId: hh1.id, grossKg: 1000, grade: "A" }], { witnesses: [hh1b.id] }); // L1 1 000 kg
  const p2 = await ledgerPickup(k, C, [{ householdId: hh1.id, grossKg: 500, grade: "A" }]); // L2 500 kg, on the cut-off day itself
  const p3 = await ledgerPickup(k, plusDays(C, 1), [{ householdId: hh1b.id, grossKg: 700, grade: "A" }], { witnesses: [hh1b.id] }); // L3, the day after
  await ledgerPickup(k, plusDays(C, 40), [{ householdId: hh1b.id, grossKg: 300, grade: "A" }], { witnesses: [hh1b.id] }); // L4
  const [l1, l2, l3] = [await lotOf(p1), await lotOf(p2), await lotOf(p3)];
  // Statements and payments: INV1 (L1, 14.500.000 ₫) issued C−19, due C−12; INV2 (L2, 7.250.000 ₫) issued C+1.
  const inv1 = await write((tx) => issueInvoice(tx, { contractId: k, pickupIds: [p1], issuedOn: plusDays(C, -19) }));
  const inv2 = await write((tx) => issueInvoice(tx, { contractId: k, pickupIds: [p2], issuedOn: plusDays(C, 1) }));
  await pay(inv1.id, plusDays(C, -15), 5_000_000); // before C
  await pay(inv1.id, C, 1_000_000); // on C: counts
  await pay(inv1.id, plusDays(C, 3), 3_000_000); // after
  await pay(inv2.id, plusDays(C, 2), 7_250_000); // after
  // L1 is disputed after C (once just after midnight in Vietnam on C+1, 17:30 UTC on C) and
  // corrected today to 900 kg; L2 is disputed at 23:30 in Vietnam on C; L3 after C.
  const corrected = await write((tx) => appendCorrection(tx, { lotId: l1, reason: "Cân lại", grossG: 900_000, tareG: 0, grade: "A" }));
  await dispute(l1, `${C}T17:30:00.000Z`);
  await dispute(l1, `${plusDays(C, 5)}T03:00:00.000Z`, { status: "corrected", correctionLotId: corrected.id });
  await dispute(l2, `${C}T16:30:00.000Z`);
  await dispute(l3, `${plusDays(C, 2)}T03:00:00.000Z`);
  // The season in progress: 400 kg ten days ago.
  await ledgerPickup(made.curContract, plusDays(today, -10), [{ householdId: hh1.id, grossKg: 400, grade: "A" }]);
  // The buyer reads in English.
  await write((tx) => tx.user.update({ where: { id: world.users.buyerA.id }, data: { locale: "en" } }));
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("the cut-off day", () => {
  it("is as far into the previous season as today is into the selected one, and only while the selected one is in progress", () => {
    expect(sameDayCutoff(CUR, PREV, today)).toBe(C);
    expect(sameDayCutoff({ start: "2026-02-01", end: "2026-05-31" }, { start: "2025-02-01" }, "2026-03-15")).toBe("2025-03-15");
    // 2024 is a leap year: 43 days after 1 February is 15 March in 2025 and 14 March in 2024.
    expect(sameDayCutoff({ start: "2025-02-01", end: "2025-05-31" }, { start: "2024-02-01" }, "2025-03-15")).toBe("2024-03-14");
    expect(sameDayCutoff(CUR, PREV, plusDays(CUR.end, -1))).toBe(plusDays(C, 119));
    expect(sameDayCutoff(CUR, PREV, CUR.end)).toBeNull();
    expect(comparisonFor(CUR, PREV, today)).toEqual({ kind: "sameDay", season: PREV.name, cutoff: C });
    expect(comparisonFor(CUR, PREV, plusDays(CUR.end, 1))).toEqual({ kind: "whole", season: PREV.name });
    expect(comparisonFor(CUR, null, today)).toBeNull();
  });
});

describe("the previous season at the cut-off", () => {
  it("counts only what was dated up to the end of that day; area, contracted volume and continuance whole", async () => {
    const whole = await computeIndicators(PREV.ref, { asOf: today });
    // The whole season as it stands: 900 (L1 corrected) + 500 + 700 + 300 kg; INV1 as it stands
    // 13.050.000 ₫ paid 5.000.000 by its due day (late), INV2 7.250.000 paid in full on C+2 (on time).
    expect(whole).toMatchObject({
      deliveredTonnes: 2.4,
      households: { total: 2 },
      paidVnd: 16_250_000,
      onTimePaymentRate: 0.5,
      witnessedPickupRate: 0.75,
      disputedLots: 3,
    });
    const at = await sameDayIndicators({ id: ids.prev }, whole, {}, C);
    expect(at).toEqual({
      ...whole,
      asOf: C,
      // L1 as weighed (its correction was recorded today, after C) + L2 weighed on C.
      deliveredTonnes: 1.5,
      fulfilment: 1.5 / 30,
      // Only hh1 had a lot by C (poor, female head, ethnic minority: makeWorld's household).
      households: { total: 1, byPoverty: { poor: 1, near_poor: 0, newly_escaped: 0, non_poor: 0 }, femaleHeaded: 1, ethnicMinority: 1 },
      // 5.000.000 on C−15 and 1.000.000 on C; not the 3.000.000 and 7.250.000 paid after.
      paidVnd: 6_000_000,
      // Due by C: INV1 only, 5.000.000 of 13.050.000 paid by its due day.
      onTimePaymentRate: 0,
      // P1 (witnessed) and P2 (not).
      witnessedPickupRate: 0.5,
      // L2's dispute, opened at 23:30 on C in Vietnam; L1's were opened on C+1 and C+5 (Vietnam time).
      disputedLots: 1,
    });
    expect(at.areaHa).toBe(12.5);
    expect(at.contractedTonnes).toBe(30);
  });

  it("moves with the cut-off: the day before C leaves out L2, its dispute and the payment made on C", async () => {
    const whole = await computeIndicators(PREV.ref, { asOf: today });
    const before = await sameDayIndicators({ id: ids.prev }, whole, {}, plusDays(C, -1));
    expect(before).toMatchObject({ deliveredTonnes: 1, paidVnd: 5_000_000, witnessedPickupRate: 1, disputedLots: 0, households: { total: 1 } });
    // Long after the season, everything counts, with the correction: the whole season's figures.
    const after = await sameDayIndicators({ id: ids.prev }, whole, {}, today);
    expect(after).toEqual({ ...whole, asOf: today });
  });
});

describe("the cut-off query", () => {
  it("reads every table through an index: the only scans are of its own intermediate results", async () => {
    const plan = (await hotRead<{ detail: string }>(Prisma.sql`EXPLAIN QUERY PLAN ${sameDaySql(ids.prev, {}, C)}`)).map((r) => r.detail);
    expect(plan.some((d) => d.includes("Pickup_contractId_date_idx"))).toBe(true);
    expect(plan.some((d) => d.includes("Lot_pickupId_idx"))).toBe(true);
    const scans = plan.filter((d) => /^SCAN /.test(d)).map((d) => d.split(" ")[1]);
    for (const s of scans) expect(["c", "k", "e", "x", "CONSTANT"].includes(s) || s.startsWith("(subquery"), plan.join("\n")).toBe(true);
  });
});

describe("the dashboard", () => {
  /** A card's text, tags and React's text-node comments left out. */
  const cardText = (html: string, key: string) => {
    const from = html.indexOf(`id="card-${key}"`);
    return html
      .slice(from, html.indexOf("</li>", from))
      .replace(/<!-- -->/g, "")
      .replace(/<[^>]+>/g, "")
      .replaceAll("\u00a0", " ");
  };
  const basis = (html: string, key: string) =>
    new RegExp(`id="card-${key}"[\\s\\S]*?class="dash-card-basis">([^<]*)<`).exec(html.replace(/<!-- -->/g, ""))?.[1];
  const valueOf = (html: string, key: string) =>
    new RegExp(`id="card-${key}"[\\s\\S]*?class="dash-card-value[^"]*">([^<]*)<`).exec(html)?.[1].replaceAll("\u00a0", " ");

  it("states on each card what it is compared with, in Vietnamese", async () => {
    const c = new Client(server.url);
    await c.login("admin@test.vn", PASSWORD);
    const html = await (await c.get(`/dashboard?product=tieu&season=${CUR.ref}`)).text();
    const day = formatDate(C);
    expect(html).toContain(`So với ${PREV.name} đến cùng ngày (${day})`);
    for (const key of ["deliveredTonnes", "fulfilment", "households", "paidVnd", "onTimePaymentRate", "witnessedPickupRate", "disputedLots"]) {
      expect(basis(html, key), key).toBe(`so với ${PREV.name} đến cùng ngày (${day})`);
    }
    for (const key of ["continuance", "areaHa", "contractedTonnes"]) expect(basis(html, key), key).toBe(`so với cả ${PREV.name}`);
    expect(valueOf(html, "deliveredTonnes")).toBe("0,4 tấn");
    // 0,4 t now against 1,5 t by the same day last season (not 2,4 t, the whole season).
    expect(cardText(html, "deliveredTonnes")).toContain("vụ trước: 1,5 tấn");
    expect(cardText(html, "paidVnd")).toContain("vụ trước: 6.000.000 ₫");
    expect(cardText(html, "disputedLots")).toContain("vụ trước: 1");
    expect(cardText(html, "fulfilment")).toContain("vụ trước: 5%");
    expect(cardText(html, "areaHa")).toContain("vụ trước: 12,5 ha");
    // The breakdowns' previous column says the day too.
    expect(html).toContain(`Vụ trước, đến ${day}`);
  });

  it("formats every figure for an English reader", async () => {
    const c = new Client(server.url);
    await c.login("buyera@test.vn", PASSWORD);
    const html = await (await c.get(`/dashboard?product=tieu&season=${CUR.ref}`)).text();
    expect(valueOf(html, "deliveredTonnes")).toBe("0.4 t");
    expect(valueOf(html, "areaHa")).toBe("12.5 ha");
    expect(valueOf(html, "fulfilment")).toBe("1.3%"); // 0.4 / 30
    expect(basis(html, "deliveredTonnes")).toBe(`vs ${PREV.name} at the same day (${formatDate(C)})`);
    expect(cardText(html, "paidVnd")).toContain("previous season: 6,000,000 ₫");
    expect(basis(html, "areaHa")).toBe(`vs the whole ${PREV.name}`);
  });

  it("writes numbers in the reader's convention: 10,748 tấn and 38,9% in Vietnamese, 10.748 t and 38.9% in English", () => {
    const vi = translator("vi");
    const en = translator("en");
    expect(formatValue("t", 10.748, vi)).toBe("10,748 tấn");
    expect(formatValue("t", 10.748, en)).toBe("10.748 t");
    expect(formatValue("rate", 0.3889668852459016, vi)).toBe("38,9%");
    expect(formatValue("rate", 0.3889668852459016, en)).toBe("38.9%");
    expect(formatValue("ha", 1234.567, vi)).toBe("1.234,57 ha");
    expect(formatValue("ha", 1234.567, en)).toBe("1,234.57 ha");
    expect(formatValue("count", 12345, en)).toBe("12,345");
    expect(formatValue("count", 12345, vi)).toBe("12.345");
  });

  it("writes the CSV with plain numbers of at most 4 decimals, naming what the previous values are", async () => {
    const c = new Client(server.url);
    await c.login("admin@test.vn", PASSWORD);
    for (const table of ["cards", "trend", "poverty", "sex", "ethnicity", "areas"]) {
      const res = await c.get(`/dashboard/csv?table=${table}&product=tieu&season=${CUR.ref}`);
      expect(res.status, table).toBe(200);
      const text = await res.text();
      expect(text.split("\r\n").length, table).toBeGreaterThan(2);
      expect(text, table).not.toMatch(/\d\.\d{5,}/);
      if (table === "cards") {
        const rows = text
          .replace(/^\uFEFF/, "")
          .trim()
          .split("\r\n")
          .map((r) => r.split(","));
        const row = (key: string) => rows.find((r) => r[0] === key)!;
        expect(rows[0]).toEqual(["Mã", "Chỉ số", "Giá trị", "Vụ trước", "Đơn vị", "So sánh với", "Vụ trước tính đến ngày"]);
        expect(row("deliveredTonnes").slice(2)).toEqual(["0.4", "1.5", "tấn", `so với ${PREV.name} đến cùng ngày (${formatDate(C)})`, C]);
        expect(row("fulfilment").slice(2, 4)).toEqual(["0.0133", "0.05"]); // ratios, 4 decimals
        expect(row("areaHa").slice(2)).toEqual(["12.5", "12.5", "ha", `so với cả ${PREV.name}`, ""]);
      }
      if (table === "trend") expect(text).toContain("Tỷ lệ thực hiện (tỷ lệ 0–1)");
      // Households by poverty: now hh1 (poor); by C last season hh1 only, hh1b (near poor) not yet.
      if (table === "poverty") {
        const rows = text
          .replace(/^\uFEFF/, "")
          .trim()
          .split("\r\n");
        expect(rows[0]).toBe(`Mã,Tình trạng,Số hộ,Tỷ lệ (tỷ lệ 0–1),"Vụ trước, đến ${formatDate(C)}"`);
        expect(rows.slice(1).map((r) => r.split(",").slice(-3))).toEqual([
          ["1", "1", "1"],
          ["0", "0", "0"],
          ["0", "0", "0"],
          ["0", "0", "0"],
        ]);
      }
    }
  });
});
