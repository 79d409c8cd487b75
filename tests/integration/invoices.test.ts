// Invoices (payment statements) over real HTTP against the built app and a real database:
// issuing from pickups' effective lots with gap-free numbers, deductions for advanced inputs
// and the group fund, the farmer-readable PDF, payments and cancellation, overdue invoices,
// credit/debit notes when an invoiced lot is corrected, immutability enforced by the database
// itself, who may see and do what, and the household passbook's money.
// Every test asserts rows in the database or the answer's status/body, not only page text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer, sessionPool } from "../support/server";
import type { LotRow } from "../support/pickup-fixtures";
import { tempDatabase } from "../support/temp-db";
import { rawDatabase, type RawDb } from "../support/raw-db";

const file = tempDatabase("invoices");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, pickupFields, plusDays } = await import("../support/pickup-fixtures");
const { amountsIn, expectedLotsHash, extraContract, invoiceIdOf, ledgerPickup, parseVnd, passbookMoney, pdfText } = await import("../support/invoice-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { issueInvoice } = await import("~/domain/invoices.server");
const { vndInWords } = await import("~/domain/vnd-words");
const { formatVnd } = await import("~/utils/format");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;
/** Short names for what nearly every test uses. */
let today: string;
let year: number;
let contractA: string; // active, orgA ↔ g1, no group-fund share
let contractB: string; // active, orgB ↔ g2
let orgA: string;
let g1: string;
let hh1: string; // "Hồ Thị Lan"
let hh1b: string; // "Côn Thị Mây", member1's household
let hh2: string; // a household of g2

const G1_NAME = "Tổ hợp tác cà phê Hướng Phùng 1";
const G2_NAME = "Tổ rau an toàn Tân Xuân";
const HH1_NAME = "Hồ Thị Lan";
const HH1B_NAME = "Côn Thị Mây";

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world);
  today = setup.today;
  year = Number(today.slice(0, 4));
  contractA = setup.contracts.active.id;
  contractB = setup.contracts.other.id;
  orgA = world.orgs.orgA.id;
  g1 = world.groups.g1;
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
const buyerA = () => as(world.users.buyerA.email);
const buyerB = () => as(world.users.buyerB.email);
const leader1 = () => as(world.users.leader1.email);
const leader2 = () => as(world.users.leader2.email);
const member1 = () => as(world.users.member1.email);
const projectOwner = () => as(world.users.project.email);

/** The page's HTML without the stray NUL bytes React 18.3 can stream (see marketplace.test.ts). */
async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll("\0", "");
}

/** Records a pickup through the phone form's API (as staffA unless told); returns its id and its lots in entry order. */
async function record(contractId: string, lots: LotRow[], c?: Client) {
  const res = await (c ?? (await staffA())).post("/api/pickups", pickupFields(contractId, { date: today, witnesses: [], lots }));
  const body = (await res.json()) as { pickupId?: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  const pickupId = body.pickupId!;
  return { pickupId, lots: await db.lot.findMany({ where: { pickupId }, orderBy: { chainSeq: "asc" } }) };
}

/** Posts the "new invoice" form of a contract. */
async function issue(c: Client, contractId: string, pickupIds: string[], issuedOn = today) {
  return c.post(`/contracts/${contractId}/invoices/new`, { pickupIds, issuedOn });
}

/** staffA issues an invoice for the pickups; returns the new Invoice row. */
async function issued(contractId: string, pickupIds: string[], c?: Client) {
  const res = await issue(c ?? (await staffA()), contractId, pickupIds);
  expect(
    res.status,
    await res
      .clone()
      .text()
      .then((t) => t.slice(0, 300)),
  ).toBe(302);
  return db.invoice.findUniqueOrThrow({ where: { id: invoiceIdOf(res) } });
}

/** Posts one of the invoice page's forms (pay, cancel). */
async function act(c: Client, invoiceId: string, fields: Record<string, string>) {
  return c.post(`/invoices/${invoiceId}`, fields);
}
const payFields = (amountVnd: string, extra: Record<string, string> = {}) => ({
  intent: "pay",
  paidOn: today,
  amountVnd,
  method: "bank_transfer",
  reference: "UNC-0001",
  ...extra,
});

const counter = async () => (await db.invoiceCounter.findUnique({ where: { buyerId_year: { buyerId: orgA, year } } }))?.last ?? 0;
const paidOn = async (invoiceId: string) => (await db.payment.aggregate({ where: { invoiceId }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0;

/** The first <tr> of a table that contains `needle`, cut at its end. */
function rowWith(htmlText: string, needle: string): string | undefined {
  return htmlText
    .split("<tr")
    .find((chunk) => chunk.includes(needle))
    ?.split("</tr>")[0];
}

/** A table's inner HTML by its id. */
function table(htmlText: string, id: string): string | undefined {
  return new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(htmlText)?.[1];
}

/** What the invoice page shows as still to pay (#remaining). */
async function remainingOnPage(c: Client, invoiceId: string): Promise<number> {
  const page = await html(await c.get(`/invoices/${invoiceId}`));
  const m = /id="remaining"[^>]*>([^<]*)</.exec(page);
  expect(m, "#remaining on the invoice page").not.toBeNull();
  return parseVnd(m![1]);
}

// Kept across describes: the first invoice (test 1) is the one the permission tests probe.
let firstInvoice: Awaited<ReturnType<typeof issued>>;
// A pickup of orgB ↔ g2: refused on orgA's contract, later invoiced by buyerB.
let pickupOfB: string;

// ───────────────────────── issuing ─────────────────────────

describe("issuing an invoice", () => {
  let p1: Awaited<ReturnType<typeof record>>;
  let p2: Awaited<ReturnType<typeof record>>;
  let fixLotId: string;

  it("covers the pickups' effective lots: a corrected lot's correction is a line, the superseded lot is not", async () => {
    p1 = await record(contractA, [
      { householdId: hh1, grossKg: "300", tareKg: "10", grade: "A" },
      { householdId: hh1b, grossKg: "150", tareKg: "5", grade: "B" },
    ]);
    // The buyer corrects the first lot before invoicing: 290 − 10 = 280 kg A.
    const fix = await (
      await staffA()
    ).post(`/pickups/${p1.pickupId}`, { intent: "correct", lotId: p1.lots[0].id, explanation: "Cân lại", grossKg: "290", tareKg: "10", grade: "A" });
    expect(fix.status).toBe(200);
    fixLotId = (await db.lot.findFirstOrThrow({ where: { supersedesId: p1.lots[0].id } })).id;
    p2 = await record(contractA, [{ householdId: hh1b, grossKg: "230,5", tareKg: "6,5", grade: "B" }]);

    const res = await issue(await staffA(), contractA, [p1.pickupId, p2.pickupId]);
    expect(res.status).toBe(302);
    const id = invoiceIdOf(res);
    const inv = await db.invoice.findUniqueOrThrow({ where: { id }, include: { lines: true, pickups: true, deductions: true } });
    firstInvoice = await db.invoice.findUniqueOrThrow({ where: { id } });

    // The effective lots, in chain order: hh1b's 145 kg B, the correction (280 kg A), hh1b's 224 kg B.
    const effective = await db.lot.findMany({ where: { id: { in: [p1.lots[1].id, fixLotId, p2.lots[0].id] } }, orderBy: { chainSeq: "asc" } });
    expect(effective.map((l) => l.amountVnd)).toEqual([1_885_000, 4_060_000, 2_912_000]); // 145 × 13.000, 280 × 14.500, 224 × 13.000
    const subtotal = 1_885_000 + 4_060_000 + 2_912_000;

    expect(inv).toMatchObject({
      kind: "invoice",
      status: "issued",
      buyerId: orgA,
      contractId: contractA,
      year,
      number: 1,
      issuedOn: today,
      dueOn: plusDays(today, 7), // the contract's paymentTermsDays
      subtotalVnd: subtotal,
      deductionsVnd: 0,
      totalVnd: subtotal,
      referencesId: null,
      issuedById: world.users.staffA.id,
    });
    expect(inv.lotsHash).toBe(expectedLotsHash(effective.map((l) => l.hash)));
    expect(inv.lotsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(inv.deductions).toEqual([]);
    expect(inv.pickups.map((p) => p.pickupId).sort()).toEqual([p1.pickupId, p2.pickupId].sort());

    const line = (l: { lotId?: string; id?: string; householdId: string; netG: number; grade: string; unitPriceVnd: number; amountVnd: number }) =>
      [l.lotId ?? l.id, l.householdId, l.netG, l.grade, l.unitPriceVnd, l.amountVnd].join("|");
    expect(inv.lines.map(line).sort()).toEqual(effective.map(line).sort());
    expect(inv.lines.map((l) => l.lotId)).not.toContain(p1.lots[0].id);
    expect(inv.lines.reduce((s, l) => s + l.amountVnd, 0)).toBe(inv.subtotalVnd);
    expect(await counter()).toBe(1);

    const page = await (await staffA()).get(`/invoices/${id}`);
    expect(page.status).toBe(200);
    const text = await html(page);
    expect(text).toContain(`BKTT-${year}-0001`);
    expect(text).toContain("Chưa trả");
    expect(text).toContain(formatVnd(subtotal));
  });

  it("refuses a second invoice for an already invoiced pickup (409, nothing written); the next valid one is number 2", async () => {
    const p3 = await record(contractA, [{ householdId: hh1, grossKg: "50", tareKg: "0", grade: "A" }]);
    const before = await db.invoice.count();

    const res = await issue(await staffA(), contractA, [p2.pickupId, p3.pickupId]);
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Có lần cân đã nằm trên phiếu khác.");
    expect(await db.invoice.count()).toBe(before);
    expect(await counter()).toBe(1); // the refused attempt did not burn a number
    expect(await db.invoicePickup.count({ where: { pickupId: p3.pickupId } })).toBe(0);

    const second = await issued(contractA, [p3.pickupId]);
    expect(second.number).toBe(2);
    const numbers = await db.invoice.findMany({ where: { buyerId: orgA, year }, select: { number: true }, orderBy: { number: "asc" } });
    expect(numbers.map((n) => n.number)).toEqual([1, 2]);
    expect(await counter()).toBe(2);
  });

  it("refuses bad requests: no pickup, a future date, another contract's pickup (400), the group's leader (403), another buyer (404)", async () => {
    const p4 = await record(contractA, [{ householdId: hh1, grossKg: "40", tareKg: "0", grade: "B" }]);
    pickupOfB = (await record(contractB, [{ householdId: hh2, grossKg: "60", tareKg: "0", grade: "A" }], await buyerB())).pickupId;
    const before = await db.invoice.count();

    expect((await issue(await staffA(), contractA, [])).status).toBe(400);
    expect((await issue(await staffA(), contractA, [p4.pickupId], plusDays(today, 1))).status).toBe(400);
    expect((await issue(await staffA(), contractA, [p4.pickupId], "2026-02-30")).status).toBe(400);
    expect((await issue(await staffA(), contractA, [p4.pickupId, pickupOfB])).status).toBe(400);
    expect((await issue(await staffA(), contractA, ["no-such-pickup"])).status).toBe(400);
    expect((await issue(await leader1(), contractA, [p4.pickupId])).status).toBe(403);
    expect((await issue(await buyerB(), contractA, [p4.pickupId])).status).toBe(404);
    // Nor may orgA invoice orgB's contract.
    expect((await issue(await staffA(), contractB, [pickupOfB])).status).toBe(404);

    expect(await db.invoice.count()).toBe(before);
    expect(await counter()).toBe(2);
  });
});

// ───────────────────────── deductions ─────────────────────────

describe("deductions: advanced inputs and the group fund", () => {
  let c5: string; // orgA ↔ g1 with a 5 % group-fund share
  const NPK = "Phân bón NPK 16-16-8";
  const TR4 = "Cây giống cà phê TR4";

  beforeAll(async () => {
    c5 = (
      await extraContract({
        ref: "HD-INV-F5",
        buyerId: orgA,
        groupId: g1,
        seasonId: setup.season.id,
        groupFundPct: 5,
        signedOn: plusDays(today, -20),
        inputsAdvanced: "Phân bón NPK, khấu trừ 10 % mỗi phiếu",
      })
    ).id;
  });

  /**
   * orgA advances an input to a household, for contract c5, through the app's own domain
   * function with the form's own schema, acting as orgA's administrator.
   */
  async function advance(fields: Record<string, string>) {
    const { recordAdvance } = await import("~/domain/funds.server");
    const { advanceSchema } = await import("~/domain/money.schema");
    const { loadAccess } = await import("~/domain/access.server");
    const user = await db.user.findUniqueOrThrow({
      where: { id: world.users.buyerA.id },
      select: { id: true, name: true, email: true, phone: true, locale: true, isSiteAdmin: true },
    });
    const group = await db.farmerGroup.findUniqueOrThrow({ where: { id: g1 } });
    const r = await recordAdvance(
      await loadAccess(user),
      group,
      advanceSchema.parse({ providerId: orgA, advancedOn: today, quantity: "", unit: "", contractId: c5, ...fields }),
    );
    expect(r).toEqual({ ok: true });
  }

  /** The advances page's row for an item: [value, recovered, outstanding]. */
  async function advanceRow(item: string) {
    const page = await html(await (await leader1()).get(`/groups/${g1}/advances`));
    const row = rowWith(page, item);
    expect(row, `advances row for ${item}`).toBeDefined();
    return amountsIn(row!);
  }

  it("keeps back 10 % for an advance and 5 % for the group fund; total = subtotal − deductions; the fund gets a row per household", async () => {
    await advance({ householdId: hh1, item: NPK, valueVnd: "500.000", recoveryPlan: "per_invoice_pct", recoveryPct: "10" });
    const npk = await db.inputAdvance.findFirstOrThrow({ where: { item: NPK } });
    expect(npk).toMatchObject({
      groupId: g1,
      householdId: hh1,
      providerId: orgA,
      contractId: c5,
      valueVnd: 500_000,
      recoveryPlan: "per_invoice_pct",
      recoveryPct: 10,
    });

    // hh1: 200 kg A = 2.900.000 ₫; hh1b: 100 kg B = 1.300.000 ₫.
    const p = await record(c5, [
      { householdId: hh1, grossKg: "210", tareKg: "10", grade: "A" },
      { householdId: hh1b, grossKg: "105", tareKg: "5", grade: "B" },
    ]);
    const inv = await issued(c5, [p.pickupId]);
    const deductions = await db.invoiceDeduction.findMany({ where: { invoiceId: inv.id } });
    const shape = (d: { householdId: string; kind: string; amountVnd: number; advanceId: string | null }) =>
      [d.householdId, d.kind, d.amountVnd, d.advanceId].join("|");
    expect(deductions.map(shape).sort()).toEqual(
      [
        [hh1, "advance_recovery", 290_000, npk.id], // 10 % of 2.900.000, below the 500.000 outstanding
        [hh1, "group_fund", 145_000, null], // 5 % of 2.900.000
        [hh1b, "group_fund", 65_000, null], // 5 % of 1.300.000
      ]
        .map((d) => d.join("|"))
        .sort(),
    );
    expect(inv).toMatchObject({ subtotalVnd: 4_200_000, deductionsVnd: 500_000, totalVnd: 3_700_000 });

    const fund = await db.groupFundEntry.findMany({ where: { invoiceId: inv.id } });
    expect(fund.map((f) => [f.groupId, f.householdId, f.kind, f.amountVnd, f.on].join("|")).sort()).toEqual(
      [
        [g1, hh1, "deduction", 145_000, today],
        [g1, hh1b, "deduction", 65_000, today],
      ]
        .map((f) => f.join("|"))
        .sort(),
    );

    expect(await advanceRow(NPK)).toEqual([500_000, 290_000, 210_000]);
    const page = await html(await (await staffA()).get(`/invoices/${inv.id}`));
    expect(page).toContain("Trích quỹ nhóm");
    expect(page).toContain(NPK);
    expect(page).toContain(formatVnd(3_700_000));
  });

  it("recovers no more than is outstanding, and a lump sum larger than the household's amount is capped at that amount", async () => {
    await advance({ householdId: hh1b, item: TR4, valueVnd: "5.000.000", recoveryPlan: "lump_sum", recoveryPct: "0" });
    const npk = await db.inputAdvance.findFirstOrThrow({ where: { item: NPK } });
    const tr4 = await db.inputAdvance.findFirstOrThrow({ where: { item: TR4 } });

    // hh1: 200 kg A = 2.900.000 ₫ (10 % would be 290.000, only 210.000 left); hh1b: 50 kg B = 650.000 ₫.
    const p = await record(c5, [
      { householdId: hh1, grossKg: "210", tareKg: "10", grade: "A" },
      { householdId: hh1b, grossKg: "55", tareKg: "5", grade: "B" },
    ]);
    const inv = await issued(c5, [p.pickupId]);
    const deductions = await db.invoiceDeduction.findMany({ where: { invoiceId: inv.id } });
    expect(deductions.map((d) => [d.householdId, d.kind, d.amountVnd, d.advanceId].join("|")).sort()).toEqual(
      [
        [hh1, "advance_recovery", 210_000, npk.id],
        [hh1, "group_fund", 145_000, null],
        [hh1b, "advance_recovery", 650_000, tr4.id], // all hh1b earned; nothing left for the fund
      ]
        .map((d) => d.join("|"))
        .sort(),
    );
    expect(inv).toMatchObject({ subtotalVnd: 3_550_000, deductionsVnd: 1_005_000, totalVnd: 2_545_000 });
    // No household is kept back more than it earned on the invoice.
    const lines = await db.invoiceLine.groupBy({ by: ["householdId"], where: { invoiceId: inv.id }, _sum: { amountVnd: true } });
    for (const l of lines) {
      const kept = deductions.filter((d) => d.householdId === l.householdId).reduce((s, d) => s + d.amountVnd, 0);
      expect(kept).toBeLessThanOrEqual(l._sum.amountVnd!);
    }
    const fund = await db.groupFundEntry.findMany({ where: { invoiceId: inv.id } });
    expect(fund.map((f) => [f.householdId, f.kind, f.amountVnd])).toEqual([[hh1, "deduction", 145_000]]);

    expect(await advanceRow(NPK)).toEqual([500_000, 500_000, 0]);
    expect(await advanceRow(TR4)).toEqual([5_000_000, 650_000, 4_350_000]);
  });
});

// ───────────────────────── PDF ─────────────────────────

describe("the invoice PDF", () => {
  let inv: Awaited<ReturnType<typeof issued>>;
  let pdf: Uint8Array;

  beforeAll(async () => {
    // hh1b: 224 kg B = 2.912.000 ₫; hh1: 98,5 kg A = 1.428.250 ₫.
    const p = await record(contractA, [
      { householdId: hh1b, grossKg: "230,5", tareKg: "6,5", grade: "B" },
      { householdId: hh1, grossKg: "100", tareKg: "1,5", grade: "A" },
    ]);
    inv = await issued(contractA, [p.pickupId]);
  });

  it("is served as application/pdf", async () => {
    const res = await (await staffA()).get(`/invoices/${inv.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/pdf/);
    pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
  });

  it("shows the group, each household with its net kg and amount, the total in figures and words, the lots hash and a payout slip per household", async () => {
    expect(inv.totalVnd).toBe(4_340_250);
    const text = pdfText(pdf).replace(/[ \t]+/g, " ");
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(G1_NAME);
    expect(flat).toContain(`BKTT-${year}-${String(inv.number).padStart(4, "0")}`);
    for (const s of [HH1_NAME, HH1B_NAME, "224", "98,5", "2.912.000 ₫", "1.428.250 ₫"]) expect(flat).toContain(s);
    expect(flat).toContain(formatVnd(inv.totalVnd)); // 4.340.250 ₫
    expect(flat).toContain(vndInWords(inv.totalVnd));
    expect(vndInWords(inv.totalVnd)).toBe("Bốn triệu ba trăm bốn mươi nghìn hai trăm năm mươi đồng");
    expect(flat.replace(/\s/g, "")).toContain(inv.lotsHash!);

    // The table keeps a household's name, kg and amount on one row.
    const rows = pdfText(pdf, true).split("\n");
    expect(rows.some((r) => r.includes(HH1B_NAME) && r.includes("224") && r.includes("2.912.000 ₫"))).toBe(true);
    expect(rows.some((r) => r.includes(HH1_NAME) && r.includes("98,5") && r.includes("1.428.250 ₫"))).toBe(true);

    // One slip per household, each with its own name, kg, amount and the amount in words.
    const slips = flat.split("PHIẾU CHI TRẢ").slice(1);
    expect(slips).toHaveLength(2);
    const slipOf = (name: string) => slips.find((s) => s.includes(name));
    expect(slipOf(HH1B_NAME)).toContain("224 kg");
    expect(slipOf(HH1B_NAME)).toContain("2.912.000 ₫");
    expect(slipOf(HH1B_NAME)).toContain(vndInWords(2_912_000));
    expect(slipOf(HH1_NAME)).toContain("98,5 kg");
    expect(slipOf(HH1_NAME)).toContain("1.428.250 ₫");
    expect(slipOf(HH1_NAME)).toContain(vndInWords(1_428_250));
  });
});

// ───────────────────────── payments and cancellation ─────────────────────────

describe("payments and cancellation", () => {
  let inv: Awaited<ReturnType<typeof issued>>; // 2.750.000 ₫, no deductions
  let c10: string; // orgA ↔ g1 with a 10 % group-fund share, no advances

  beforeAll(async () => {
    const p = await record(contractA, [
      { householdId: hh1, grossKg: "100", tareKg: "0", grade: "A" },
      { householdId: hh1b, grossKg: "100", tareKg: "0", grade: "B" },
    ]);
    inv = await issued(contractA, [p.pickupId]);
    expect(inv.totalVnd).toBe(2_750_000);
    c10 = (await extraContract({ ref: "HD-INV-F10", buyerId: orgA, groupId: g1, seasonId: setup.season.id, groupFundPct: 10, signedOn: plusDays(today, -20) }))
      .id;
  });

  it("a partial payment is stored and the invoice reads 'Trả một phần'", async () => {
    const res = await act(await staffA(), inv.id, payFields("1.000.000", { method: "cash", reference: "PC-01" }));
    expect(res.status).toBe(200);
    const payments = await db.payment.findMany({ where: { invoiceId: inv.id } });
    expect(payments.map((p) => [p.paidOn, p.amountVnd, p.method, p.reference, p.recordedById])).toEqual([
      [today, 1_000_000, "cash", "PC-01", world.users.staffA.id],
    ]);
    const page = await html(await (await staffA()).get(`/invoices/${inv.id}`));
    expect(page).toContain("Trả một phần");
    expect(await remainingOnPage(await staffA(), inv.id)).toBe(1_750_000);
  });

  it("refuses a payment above what remains: 409 with the reason, no Payment row", async () => {
    const res = await act(await staffA(), inv.id, payFields("1.750.001"));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Số tiền lớn hơn số còn phải trả.");
    expect(await db.payment.count({ where: { invoiceId: inv.id } })).toBe(1);
    expect(await paidOn(inv.id)).toBe(1_000_000);
  });

  it("refuses amounts that are zero, negative or not numbers, dates in the future or not dates, unknown methods (400)", async () => {
    const cases: [string, Record<string, string>][] = [
      ["zero", payFields("0")],
      ["negative", payFields("-5")],
      ["not a number", payFields("abc")],
      ["empty", payFields("")],
      ["fraction", payFields("10,5")],
      ["future date", payFields("1000", { paidOn: plusDays(today, 1) })],
      ["not a date", payFields("1000", { paidOn: "2026-13-01" })],
      ["unknown method", payFields("1000", { method: "bitcoin" })],
    ];
    for (const [name, fields] of cases) expect((await act(await staffA(), inv.id, fields)).status, name).toBe(400);
    expect(await db.payment.count({ where: { invoiceId: inv.id } })).toBe(1);
  });

  it("the rest of the amount settles it: 'Đã trả đủ', and not one đồng more is accepted", async () => {
    const res = await act(await staffA(), inv.id, payFields("1.750.000"));
    expect(res.status).toBe(200);
    expect(await paidOn(inv.id)).toBe(inv.totalVnd);
    const page = await html(await (await staffA()).get(`/invoices/${inv.id}`));
    expect(page).toContain("Đã trả đủ");
    expect(await remainingOnPage(await staffA(), inv.id)).toBe(0);
    expect((await act(await staffA(), inv.id, payFields("1"))).status).toBe(409);
    expect(await db.payment.count({ where: { invoiceId: inv.id } })).toBe(2);
  });

  it("an invoice with payments cannot be cancelled (409); it stays issued", async () => {
    const res = await act(await staffA(), inv.id, { intent: "cancel", confirm: "on", reason: "Lập nhầm" });
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("error.invoiceHasPayments");
    expect(await db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).toMatchObject({ status: "issued", cancelledAt: null, cancelReason: null });
  });

  describe("cancelling an unpaid invoice", () => {
    let pickupId: string;
    let toCancel: Awaited<ReturnType<typeof issued>>;
    let fundBefore: { householdId: string | null; amountVnd: number }[];

    beforeAll(async () => {
      // hh1: 100 kg A = 1.450.000 ₫ → 145.000 ₫ to the fund; hh1b: 50 kg B = 650.000 ₫ → 65.000 ₫.
      const p = await record(c10, [
        { householdId: hh1, grossKg: "100", tareKg: "0", grade: "A" },
        { householdId: hh1b, grossKg: "50", tareKg: "0", grade: "B" },
      ]);
      pickupId = p.pickupId;
      toCancel = await issued(c10, [pickupId]);
      fundBefore = await db.groupFundEntry.findMany({ where: { invoiceId: toCancel.id }, select: { householdId: true, amountVnd: true } });
      expect(fundBefore.map((f) => f.amountVnd).sort()).toEqual([145_000, 65_000].sort());
    });

    it("needs a reason (400), and the invoice stays issued", async () => {
      expect((await act(await staffA(), toCancel.id, { intent: "cancel", confirm: "on", reason: "" })).status).toBe(400);
      expect((await act(await staffA(), toCancel.id, { intent: "cancel", confirm: "on", reason: "   " })).status).toBe(400);
      expect((await db.invoice.findUniqueOrThrow({ where: { id: toCancel.id } })).status).toBe("issued");
    });

    it("cancels it, reverses its group-fund entries, and frees its pickups for a new invoice", async () => {
      const res = await act(await staffA(), toCancel.id, { intent: "cancel", confirm: "on", reason: "Sai đơn giá" });
      expect(res.status).toBe(200);
      const row = await db.invoice.findUniqueOrThrow({ where: { id: toCancel.id } });
      expect(row).toMatchObject({ status: "cancelled", cancelReason: "Sai đơn giá", totalVnd: toCancel.totalVnd, number: toCancel.number });
      expect(row.cancelledAt).not.toBeNull();

      // The fund gives back exactly what the invoice had put in: one negative "deduction" per entry.
      const fund = await db.groupFundEntry.findMany({ where: { invoiceId: toCancel.id } });
      expect(fund).toHaveLength(4);
      expect(fund.every((f) => f.kind === "deduction" && f.groupId === g1)).toBe(true);
      const reversals = fund.filter((f) => f.amountVnd < 0).map((f) => [f.householdId, -f.amountVnd].join("|"));
      expect(reversals.sort()).toEqual(fundBefore.map((f) => [f.householdId, f.amountVnd].join("|")).sort());
      expect(fund.reduce((s, f) => s + f.amountVnd, 0)).toBe(0);

      const page = await html(await (await staffA()).get(`/invoices/${toCancel.id}`));
      expect(page).toContain("Phiếu đã huỷ: Sai đơn giá");
      // The pickup is offered again on the new-invoice form…
      expect(await html(await (await staffA()).get(`/contracts/${c10}/invoices/new`))).toContain(`value="${pickupId}"`);
      // …and a new invoice for it is allowed, with the next number and its own fund entries.
      const again = await issued(c10, [pickupId]);
      expect(again.number).toBe(toCancel.number! + 1);
      expect(again.totalVnd).toBe(toCancel.totalVnd);
      expect((await db.groupFundEntry.findMany({ where: { invoiceId: again.id } })).map((f) => f.amountVnd).sort()).toEqual([145_000, 65_000].sort());
    });

    it("a cancelled invoice takes no payment (409 'Phiếu đã huỷ.') and cannot be cancelled again", async () => {
      const res = await act(await staffA(), toCancel.id, payFields("1000"));
      expect(res.status).toBe(409);
      const body = await html(res);
      // The answer carries the reason (error.invoiceCancelled = "Phiếu đã huỷ."); the page
      // itself shows the cancellation banner, as the pay form is not offered any more.
      expect(body).toContain("error.invoiceCancelled");
      expect(body).toContain("Phiếu đã huỷ: Sai đơn giá");
      expect(await db.payment.count({ where: { invoiceId: toCancel.id } })).toBe(0);
      expect((await act(await staffA(), toCancel.id, { intent: "cancel", confirm: "on", reason: "Lần nữa" })).status).toBe(409);
    });
  });
});

// ───────────────────────── overdue ─────────────────────────

describe("an overdue invoice", () => {
  let old: Awaited<ReturnType<typeof issued>>;

  beforeAll(async () => {
    // A pickup 40 days ago, invoiced 30 days ago with 7 days to pay: due 23 days ago, unpaid.
    const pickupId = await ledgerPickup(contractA, plusDays(today, -40), [{ householdId: hh1, grossKg: 50, grade: "A" }], {
      recordedById: world.users.staffA.id,
    });
    old = await write((tx) =>
      issueInvoice(tx, { contractId: contractA, pickupIds: [pickupId], issuedOn: plusDays(today, -30), byUserId: world.users.staffA.id }),
    );
  });

  it("is listed as overdue ('Quá hạn') on /invoices, and only overdue invoices pass the overdue filter", async () => {
    expect(old.dueOn).toBe(plusDays(today, -23));
    const list = await html(await (await staffA()).get("/invoices"));
    const row = rowWith(list, `href="/invoices/${old.id}"`);
    expect(row).toBeDefined();
    expect(row).toContain("Quá hạn");
    expect(row).toContain(formatVnd(old.totalVnd));
    // A fresh unpaid invoice is not overdue.
    expect(rowWith(list, `href="/invoices/${firstInvoice.id}"`)).toContain("Chưa trả");

    const filtered = await html(await (await staffA()).get("/invoices?status=overdue"));
    const listed = table(filtered, "invoices") ?? "";
    expect(listed).toContain(`href="/invoices/${old.id}"`);
    expect(listed).not.toContain(`href="/invoices/${firstInvoice.id}"`);

    // The group's overdue total counts it.
    const totals = rowWith(table(list, "invoice-totals") ?? "", G1_NAME);
    expect(amountsIn(totals!)[2]).toBeGreaterThanOrEqual(old.totalVnd);

    const page = await html(await (await staffA()).get(`/invoices/${old.id}`));
    expect(page).toContain("Quá hạn");
  });
});

// ───────────────────────── credit and debit notes ─────────────────────────

describe("a correction of an invoiced lot makes a credit or debit note", () => {
  let p: Awaited<ReturnType<typeof record>>;
  let inv: Awaited<ReturnType<typeof issued>>; // 200 kg A (2.900.000) + 100 kg B (1.300.000) = 4.200.000
  let before: typeof inv;

  beforeAll(async () => {
    p = await record(contractA, [
      { householdId: hh1, grossKg: "200", tareKg: "0", grade: "A" },
      { householdId: hh1b, grossKg: "100", tareKg: "0", grade: "B" },
    ]);
    inv = await issued(contractA, [p.pickupId]);
    before = inv;
    expect(inv.totalVnd).toBe(4_200_000);
  });

  const correct = (lotId: string, grossKg: string, grade: string) =>
    staffA().then((c) => c.post(`/pickups/${p.pickupId}`, { intent: "correct", lotId, explanation: "Cân lại", grossKg, tareKg: "0", grade }));

  it("a lower weight: a credit note (negative, next number) referencing the invoice; the invoice row unchanged, its due lower", async () => {
    const last = await counter();
    expect((await correct(p.lots[0].id, "180", "A")).status).toBe(200);
    const fix = await db.lot.findFirstOrThrow({ where: { supersedesId: p.lots[0].id } });
    expect(fix.amountVnd).toBe(2_610_000);

    const notes = await db.invoice.findMany({ where: { referencesId: inv.id }, include: { lines: true } });
    expect(notes).toHaveLength(1);
    const note = notes[0];
    expect(note).toMatchObject({
      kind: "credit_note",
      status: "issued",
      buyerId: orgA,
      contractId: contractA,
      year,
      number: last + 1, // same counter as invoices
      issuedOn: today,
      subtotalVnd: -290_000,
      totalVnd: -290_000, // new − old amount
      issuedById: world.users.staffA.id,
    });
    expect(note.lines.map((l) => [l.lotId, l.amountVnd]).sort()).toEqual(
      [
        [p.lots[0].id, -2_900_000],
        [fix.id, 2_610_000],
      ].sort(),
    );
    expect(await counter()).toBe(last + 1);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).toEqual(before);

    expect(await remainingOnPage(await staffA(), inv.id)).toBe(4_200_000 - 290_000);
    const page = await html(await (await staffA()).get(`/invoices/${inv.id}`));
    expect(page).toContain(`GC-${year}-${String(last + 1).padStart(4, "0")}`);
    const notePage = await (await staffA()).get(`/invoices/${note.id}`);
    expect(notePage.status).toBe(200);
    expect(await html(notePage)).toContain("Phiếu giảm");
  });

  it("a higher weight: a debit note for the difference; the invoice's due goes up by it", async () => {
    const last = await counter();
    expect((await correct(p.lots[1].id, "110", "B")).status).toBe(200);
    const note = await db.invoice.findFirstOrThrow({ where: { referencesId: inv.id, kind: "debit_note" } });
    expect(note).toMatchObject({ number: last + 1, totalVnd: 130_000, status: "issued" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).toEqual(before);
    expect(await remainingOnPage(await staffA(), inv.id)).toBe(4_200_000 - 290_000 + 130_000);
    // A payment is held to the adjusted due, not to the invoice's own total.
    expect((await act(await staffA(), inv.id, payFields(String(4_200_000 - 290_000 + 130_000 + 1)))).status).toBe(409);
    // A note itself is not paid.
    expect((await act(await staffA(), note.id, payFields("1000"))).status).toBe(409);
    expect(await db.payment.count({ where: { invoiceId: { in: [inv.id, note.id] } } })).toBe(0);
  });

  // A correction lot lives on its credit note's line; correcting it again makes another note
  // against the same invoice, so the amount due keeps following the ledger.
  it("correcting the correction again makes another note, so the due follows the ledger", async () => {
    const fix = await db.lot.findFirstOrThrow({ where: { supersedesId: p.lots[0].id } });
    expect((await correct(fix.id, "170", "A")).status).toBe(200); // 170 kg A = 2.465.000: 145.000 less
    const dueNow = 4_200_000 - 290_000 + 130_000 - 145_000;
    expect(await remainingOnPage(await staffA(), inv.id)).toBe(dueNow);
  });

  // An invoice with credit/debit notes cannot be cancelled (the notes would be orphaned), so
  // the household stays owed exactly its corrected amount. (Retiring the notes would also pass.)
  it("cancelling an invoice that has a credit note leaves the household owed exactly its corrected amount", async () => {
    const owed = async () => passbookMoney(await html(await (await member1()).get(`/groups/${g1}/passbook/${hh1b}`))).owed;
    const start = await owed();
    const q = await record(contractA, [{ householdId: hh1b, grossKg: "100", tareKg: "0", grade: "B" }]); // 1.300.000
    const withNote = await issued(contractA, [q.pickupId]);
    const fix = await (
      await staffA()
    ).post(`/pickups/${q.pickupId}`, { intent: "correct", lotId: q.lots[0].id, explanation: "Cân lại", grossKg: "90", tareKg: "0", grade: "B" });
    expect(fix.status).toBe(200); // 90 kg B = 1.170.000: a credit note of −130.000
    expect(await db.invoice.count({ where: { referencesId: withNote.id, kind: "credit_note" } })).toBe(1);

    const cancel = await act(await staffA(), withNote.id, { intent: "cancel", confirm: "on", reason: "Lập lại sau điều chỉnh" });
    if (cancel.status === 200) {
      await issued(contractA, [q.pickupId]); // the pickup billed again, now at its corrected lot
    } else {
      expect(cancel.status).toBe(409);
    }
    expect((await owed()) - start).toBe(1_170_000);
  });
});

// ───────────────────────── immutability in the database ─────────────────────────

// On a connection of its own, bypassing the app: the database's own triggers refuse.
describe("issued documents are immutable in the database itself", () => {
  /** Runs `fn` on a raw connection inside a transaction that is always rolled back. */
  async function rawTry<T>(fn: (raw: RawDb) => Promise<T>): Promise<T> {
    const raw = await rawDatabase(file);
    try {
      return await raw.rolledBack(() => fn(raw));
    } finally {
      await raw.close();
    }
  }

  it("refuses UPDATE of an invoice's amounts, number or lots hash, DELETE of an invoice, and any change to lines, deductions and payments", async () => {
    const inv = await db.invoice.findFirstOrThrow({ where: { deductions: { some: {} }, status: "issued" } });
    const paid = await db.payment.findFirstOrThrow();
    const line = await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: inv.id } });
    const ded = await db.invoiceDeduction.findFirstOrThrow({ where: { invoiceId: inv.id } });
    const raw = await rawDatabase(file);
    try {
      const refuse = (sql: string, ...args: unknown[]) => expect(raw.run(sql, ...args), sql).rejects.toThrow(/immutable|append-only/);
      await refuse(`UPDATE "Invoice" SET "totalVnd" = "totalVnd" - 1 WHERE id = ?`, inv.id);
      await refuse(`UPDATE "Invoice" SET "subtotalVnd" = 1 WHERE id = ?`, inv.id);
      await refuse(`UPDATE "Invoice" SET "number" = 999 WHERE id = ?`, inv.id);
      await refuse(`UPDATE "Invoice" SET "lotsHash" = 'x' WHERE id = ?`, inv.id);
      await refuse(`UPDATE "Invoice" SET "dueOn" = '2099-01-01' WHERE id = ?`, inv.id);
      await refuse(`DELETE FROM "Invoice" WHERE id = ?`, inv.id);
      await refuse(`UPDATE "InvoiceLine" SET "amountVnd" = 1 WHERE id = ?`, line.id);
      await refuse(`DELETE FROM "InvoiceLine" WHERE id = ?`, line.id);
      await refuse(`UPDATE "InvoiceDeduction" SET "amountVnd" = 0 WHERE id = ?`, ded.id);
      await refuse(`DELETE FROM "InvoiceDeduction" WHERE id = ?`, ded.id);
      await refuse(`UPDATE "Payment" SET "amountVnd" = 1 WHERE id = ?`, paid.id);
      await refuse(`DELETE FROM "Payment" WHERE id = ?`, paid.id);
    } finally {
      await raw.close();
    }
    expect(await db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).toEqual(inv);
    expect(await db.invoiceLine.findUniqueOrThrow({ where: { id: line.id } })).toEqual(line);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paid.id } })).toEqual(paid);
  });

  // Cancelling is the one change the trigger allows on an issued invoice: cancelInvoice() sets
  // status = 'cancelled' (with cancelledAt and cancelReason). Once cancelled, nothing changes.
  it("allows setting status = 'cancelled' on an issued invoice (how cancel works), and nothing after that", async () => {
    const inv = await db.invoice.findFirstOrThrow({ where: { status: "issued", kind: "invoice", payments: { none: {} } } });
    const changes = await rawTry((raw) => raw.run(`UPDATE "Invoice" SET "status" = 'cancelled', "cancelReason" = 'thử' WHERE id = ?`, inv.id));
    expect(changes).toBe(1);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).status).toBe("issued"); // rolled back

    const cancelled = await db.invoice.findFirstOrThrow({ where: { status: "cancelled" } });
    const raw = await rawDatabase(file);
    try {
      await expect(raw.run(`UPDATE "Invoice" SET "status" = 'issued' WHERE id = ?`, cancelled.id)).rejects.toThrow(/immutable/);
      await expect(raw.run(`UPDATE "Invoice" SET "cancelReason" = 'khác' WHERE id = ?`, cancelled.id)).rejects.toThrow(/immutable/);
    } finally {
      await raw.close();
    }
  });

  // Only a cancellation may be recorded on an issued invoice: no other status.
  it("refuses a status change of an issued invoice to anything but 'cancelled'", async () => {
    const inv = await db.invoice.findFirstOrThrow({ where: { status: "issued", kind: "invoice" } });
    await expect(rawTry((raw) => raw.run(`UPDATE "Invoice" SET "status" = 'paid' WHERE id = ?`, inv.id))).rejects.toThrow(/immutable/);
  });

  // An invoice's pickups never change: deleting the link would free a pickup to be invoiced twice.
  it("refuses DELETE of an invoice's pickup link", async () => {
    const link = await db.invoicePickup.findFirstOrThrow({ where: { invoice: { status: "issued" } } });
    await expect(
      rawTry((raw) => raw.run(`DELETE FROM "InvoicePickup" WHERE "invoiceId" = ? AND "pickupId" = ?`, link.invoiceId, link.pickupId)),
    ).rejects.toThrow(/immutable/);
  });
});

// ───────────────────────── permissions ─────────────────────────

describe("who may see and do what", () => {
  it("another buyer and another group's leader get 404 for the invoice, its PDF and its forms; nothing is written", async () => {
    const id = firstInvoice.id;
    for (const c of [await buyerB(), await leader2()]) {
      expect((await c.get(`/invoices/${id}`)).status).toBe(404);
      expect((await c.get(`/invoices/${id}/pdf`)).status).toBe(404);
      expect((await act(c, id, payFields("1000"))).status).toBe(404);
      expect((await act(c, id, { intent: "cancel", confirm: "on", reason: "Không phải của tôi" })).status).toBe(404);
    }
    expect(await db.payment.count({ where: { invoiceId: id } })).toBe(0);
    expect((await db.invoice.findUniqueOrThrow({ where: { id } })).status).toBe("issued");
    // Signed out: sent to log in.
    expect((await new Client(server.url).get(`/invoices/${id}`)).status).toBe(302);
  });

  it("the group's leader reads the invoice and its PDF but may not pay or cancel it (403)", async () => {
    const id = firstInvoice.id;
    const c = await leader1();
    const page = await c.get(`/invoices/${id}`);
    expect(page.status).toBe(200);
    const text = await html(page);
    expect(text).toContain(`BKTT-${year}-0001`);
    expect(text).toContain(HH1_NAME);
    expect(text).toContain(HH1B_NAME);
    expect((await c.get(`/invoices/${id}/pdf`)).status).toBe(200);
    expect((await act(c, id, payFields("1000"))).status).toBe(403);
    expect((await act(c, id, { intent: "cancel", confirm: "on", reason: "Tổ không đồng ý" })).status).toBe(403);
    expect((await act(await member1(), id, payFields("1000"))).status).toBe(403);
    expect(await db.payment.count({ where: { invoiceId: id } })).toBe(0);
    expect((await db.invoice.findUniqueOrThrow({ where: { id } })).status).toBe("issued");
  });

  it("a member sees only their own household's lines, on the page and in the PDF", async () => {
    const id = firstInvoice.id;
    const own = await db.invoiceLine.findMany({ where: { invoiceId: id, householdId: hh1b } });
    expect(own.length).toBeGreaterThan(0);
    const page = await (await member1()).get(`/invoices/${id}`);
    expect(page.status).toBe(200);
    const text = await html(page);
    const lines = table(text, "lines") ?? "";
    expect(lines).toContain(HH1B_NAME);
    for (const l of own) expect(lines).toContain(formatVnd(l.amountVnd));
    expect(lines).not.toContain(HH1_NAME);
    expect(text).not.toContain(HH1_NAME); // nor anywhere else in the page or its data
    expect(text).not.toContain(formatVnd(4_060_000)); // hh1's corrected lot

    const pdf = await (await member1()).get(`/invoices/${id}/pdf`);
    expect(pdf.status).toBe(200);
    const pdfFlat = pdfText(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, " ");
    expect(pdfFlat).toContain(HH1B_NAME);
    expect(pdfFlat).not.toContain(HH1_NAME);
    expect(pdfFlat.split("PHIẾU CHI TRẢ")).toHaveLength(2); // one slip: their own
  });

  it("the project owner sees /invoices totals for its groups only; the buyers see their own invoices only", async () => {
    // orgB invoices its pickup with g2, which is not in the project.
    const invB = await issued(contractB, [pickupOfB], await buyerB());
    expect(invB.number).toBe(1); // orgB's own counter

    const page = await (await projectOwner()).get("/invoices");
    expect(page.status).toBe(200);
    const text = await html(page);
    const totals = table(text, "invoice-totals") ?? "";
    const g1Row = rowWith(totals, G1_NAME);
    expect(g1Row).toBeDefined();
    const g1Count = await db.invoice.count({ where: { kind: "invoice", status: "issued", contract: { groupId: g1 } } });
    expect(amountsIn(g1Row!).length).toBe(3);
    expect(g1Row).toContain(`>${g1Count}<`);
    expect(text).not.toContain(G2_NAME);
    expect(text).not.toContain(`/invoices/${invB.id}`);
    // Totals only: no statement-by-statement list for a project owner.
    expect(table(text, "invoices")).toBeUndefined();

    const asB = await html(await (await buyerB()).get("/invoices"));
    expect(asB).toContain(`href="/invoices/${invB.id}"`);
    expect(asB).not.toContain(`href="/invoices/${firstInvoice.id}"`);
    expect(asB).not.toContain(G1_NAME);
  });

  describe("input advances", () => {
    const fields = () => ({
      providerId: orgA,
      householdId: hh1,
      item: "Vôi bột",
      quantity: "",
      unit: "",
      valueVnd: "100.000",
      advancedOn: today,
      recoveryPlan: "none",
      recoveryPct: "0",
      contractId: "",
    });
    const post = (c: Client, extra: Record<string, string>) => c.post(`/groups/${g1}/advances`, { ...fields(), ...extra });

    it("are refused to the group's leader and member (403) and to a buyer without a contract with the group (404); nothing written", async () => {
      const before = await db.inputAdvance.count();
      expect((await post(await leader1(), { providerId: orgA })).status).toBe(403);
      expect((await post(await member1(), { providerId: orgA })).status).toBe(403);
      // buyerB has no contract with g1 and may not even see the group: 404 ("learn nothing"), not 403.
      expect((await post(await buyerB(), { providerId: world.orgs.orgB.id })).status).toBe(404);
      expect((await post(await leader2(), { providerId: orgA })).status).toBe(404);
      expect(await db.inputAdvance.count()).toBe(before);
    });

    it("the group's project owner records one in its own name only, for the group's households only", async () => {
      const before = await db.inputAdvance.count();
      const c = await projectOwner();
      const projectOrg = world.orgs.projectOrg.id;
      expect((await post(c, { providerId: orgA })).status).toBe(403); // not in another provider's name
      expect((await post(c, { providerId: projectOrg, householdId: hh2 })).status).toBe(400); // another group's household
      expect((await post(c, { providerId: projectOrg, valueVnd: "0" })).status).toBe(400);
      expect(await db.inputAdvance.count()).toBe(before);
      expect((await post(c, { providerId: projectOrg, item: "Cây giống bơ" })).status).toBe(200);
      expect(await db.inputAdvance.findFirstOrThrow({ where: { item: "Cây giống bơ" } })).toMatchObject({
        groupId: g1,
        householdId: hh1,
        providerId: projectOrg,
        valueVnd: 100_000,
        recoveryPlan: "none",
      });
      expect(await html(await (await leader1()).get(`/groups/${g1}/advances`))).toContain("Cây giống bơ");
    });

    // A buyer with a contract with the group sees it (read-only) and may advance inputs to it.
    it("a buyer with a contract with the group opens the advances page and records an advance (200)", async () => {
      const c = await buyerA();
      expect((await c.get(`/groups/${g1}/advances`)).status).toBe(200);
      expect((await post(c, { providerId: orgA, item: "Phân hữu cơ" })).status).toBe(200);
      expect(await db.inputAdvance.count({ where: { item: "Phân hữu cơ", providerId: orgA } })).toBe(1);
    });
  });

  describe("the group fund", () => {
    const fund = (c: Client, fields: Record<string, string>) => c.post(`/groups/${g1}/fund`, { on: today, inKind: "", note: "", householdId: "", ...fields });
    const balance = async () => (await db.groupFundEntry.aggregate({ where: { groupId: g1 }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0;

    it("the leader records a contribution and a loan, signed from the fund's side", async () => {
      const c = await leader1();
      expect((await fund(c, { kind: "contribution", householdId: hh1, amountVnd: "1.000.000", note: "Góp quỹ vụ mới" })).status).toBe(200);
      expect((await fund(c, { kind: "loan_out", householdId: hh1b, amountVnd: "300.000", note: "Vay mua phân" })).status).toBe(200);
      const rows = await db.groupFundEntry.findMany({ where: { groupId: g1, kind: { in: ["contribution", "loan_out"] } } });
      expect(rows.map((r) => [r.kind, r.householdId, r.amountVnd, r.createdById])).toEqual(
        expect.arrayContaining([
          ["contribution", hh1, 1_000_000, world.users.leader1.id],
          ["loan_out", hh1b, -300_000, world.users.leader1.id],
        ]),
      );
      const page = await html(await c.get(`/groups/${g1}/fund`));
      expect(page).toContain(`id="fund-balance">${formatVnd(await balance())}<`);
    });

    it("refuses a loan above the balance and a repayment above what is owed (400, with the reason)", async () => {
      const c = await leader1();
      const count = await db.groupFundEntry.count();
      const held = await balance();
      const tooMuch = await fund(c, { kind: "loan_out", householdId: hh1, amountVnd: String(held + 1) });
      expect(tooMuch.status).toBe(400);
      expect(await html(tooMuch)).toContain(`Quỹ chỉ còn ${formatVnd(held)}, không đủ cho vay ${formatVnd(held + 1)}.`);
      const overRepaid = await fund(c, { kind: "repayment", householdId: hh1b, amountVnd: "300.001" });
      expect(overRepaid.status).toBe(400);
      expect(await html(overRepaid)).toContain("Số trả lớn hơn số hộ còn nợ quỹ.");
      // A household that borrowed nothing cannot repay.
      expect((await fund(c, { kind: "repayment", householdId: hh1, amountVnd: "1" })).status).toBe(400);
      expect(await db.groupFundEntry.count()).toBe(count);
      // Control: repaying what is owed is fine.
      expect((await fund(c, { kind: "repayment", householdId: hh1b, amountVnd: "300.000" })).status).toBe(200);
    });

    it("a member may not post (403) and sees only their own line; another group's leader sees nothing (404)", async () => {
      const count = await db.groupFundEntry.count();
      const m = await member1();
      expect((await fund(m, { kind: "contribution", householdId: hh1b, amountVnd: "50.000" })).status).toBe(403);
      expect((await fund(await leader2(), { kind: "contribution", amountVnd: "50.000" })).status).toBe(404);
      expect(await db.groupFundEntry.count()).toBe(count);

      const page = await m.get(`/groups/${g1}/fund`);
      expect(page.status).toBe(200);
      const text = await html(page);
      const members = table(text, "fund-members") ?? "";
      expect(members).toContain(HH1B_NAME);
      expect(members).not.toContain(HH1_NAME);
      expect(text).not.toContain('id="fund-ledger"');
      expect((await (await leader2()).get(`/groups/${g1}/fund`)).status).toBe(404);
    });
  });
});

// ───────────────────────── the passbook's money ─────────────────────────

describe("the household passbook's money", () => {
  const money = async () => passbookMoney(await html(await (await member1()).get(`/groups/${g1}/passbook/${hh1b}`)));

  it("shows the household's share of a part payment in proportion to its amount, and all of it once paid in full", async () => {
    const start = await money();
    // hh1b: 100 kg B = 1.300.000 ₫ of a 2.750.000 ₫ invoice.
    const p = await record(contractA, [
      { householdId: hh1b, grossKg: "100", tareKg: "0", grade: "B" },
      { householdId: hh1, grossKg: "100", tareKg: "0", grade: "A" },
    ]);
    const inv = await issued(contractA, [p.pickupId]);
    expect(inv.totalVnd).toBe(2_750_000);

    const owedNow = await money();
    expect(owedNow.owed - start.owed).toBe(1_300_000);
    expect(owedNow.received - start.received).toBe(0);

    expect((await act(await staffA(), inv.id, payFields("1.375.000"))).status).toBe(200); // 50 %
    const half = await money();
    expect(half.owed).toBe(owedNow.owed);
    expect(Math.abs(half.received - start.received - 650_000)).toBeLessThanOrEqual(1);
    expect(half.waiting).toBe(half.owed - half.received);

    expect((await act(await staffA(), inv.id, payFields("1.375.000"))).status).toBe(200);
    const full = await money();
    expect(full.received - start.received).toBe(1_300_000);
    expect(full.waiting).toBe(start.waiting);
  });
});

// ───────────────────────── numbering (last) ─────────────────────────

describe("numbering after all of the above", () => {
  it("orgA's numbers this year, invoices and notes alike, are exactly 1…counter with no gap and no duplicate", async () => {
    const numbers = (await db.invoice.findMany({ where: { buyerId: orgA, year }, select: { number: true } })).map((n) => n.number!).sort((a, b) => a - b);
    const last = await counter();
    expect(last).toBeGreaterThan(10);
    expect(numbers).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  });
});
