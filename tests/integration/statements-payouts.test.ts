// Payment statements as bảng kê thanh toán (issue 13) and payouts by VietQR, over real HTTP
// against the built app and a real database: the statement PDF's text, the numbering that
// runs on from the older "HD-…" numbers, a VietQR payload read back by a decoder written here
// (not vietnam-qr-pay's), the transfers CSV, the household bank account form (bad input, who
// may edit), who sees an account number, and a credit note that takes its fund share with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type AppServer, sessionPool } from "../support/server";
import { tempDatabase } from "../support/temp-db";
import { rawDatabase } from "../support/raw-db";

const file = tempDatabase("statements-payouts");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { extraContract, ledgerPickup, pdfText } = await import("../support/invoice-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { issueInvoice, findByCode, invoiceCode } = await import("~/domain/invoices.server");
const { vietQrPayload } = await import("~/domain/payouts/vietqr.server");
const { formatPercent } = await import("~/utils/format");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;
let today: string;
let year: number;
let orgA: string;
let g1: string;
let hh1: string; // "Hồ Thị Lan": an account at Vietcombank
let hh1b: string; // "Côn Thị Mây": no account, paid in cash
let c10: string; // orgA ↔ g1 with a 10 % group-fund share
let inv: { id: string; number: number | null; series: string | null; totalVnd: number };

const VCB = "970436";
const ACCOUNT = "0071000123456";

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world);
  today = setup.today;
  year = Number(today.slice(0, 4));
  orgA = world.orgs.orgA.id;
  g1 = world.groups.g1;
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  c10 = (await extraContract({ ref: "LK-BKTT-10", buyerId: orgA, groupId: g1, seasonId: setup.season.id, groupFundPct: 10, signedOn: plusDays(today, -20) }))
    .id;
  await write((tx) =>
    tx.organisation.update({
      where: { id: orgA },
      data: { taxCode: "3200123456", bankBin: "970418", bankAccount: "12010000999888", bankHolder: "HTX CA PHE KHE SANH" },
    }),
  );
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const buyerA = () => as(world.users.buyerA.email);
const staffA = () => as(world.users.staffA.email);
const buyerB = () => as(world.users.buyerB.email);
const leader1 = () => as(world.users.leader1.email);
const leader2 = () => as(world.users.leader2.email);
const member1 = () => as(world.users.member1.email);
const projectOwner = () => as(world.users.project.email);
const admin = () => as(world.users.admin.email);

async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll("\0", "");
}

const bankUrl = (householdId: string) => `/groups/${g1}/households/${householdId}/bank`;
const bankOf = (householdId: string) =>
  db.household.findUniqueOrThrow({ where: { id: householdId }, select: { bankBin: true, bankAccount: true, bankHolder: true } });

// ───────────── an independent EMVCo reader: TLV fields and the CRC16-CCITT check ─────────────

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo QRCPS §4.7.3 specifies. */
function crc16(s: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(s, "utf8")) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/** ID (2 digits), length (2 digits), value; repeated. */
function tlv(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const id = s.slice(i, i + 2);
    const len = Number(s.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(len) || i + 4 + len > s.length) throw new Error(`bad TLV at ${i}`);
    out.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

function decodeVietQr(payload: string) {
  const top = tlv(payload);
  const crcOk = payload.endsWith(top.get("63")!) && crc16(payload.slice(0, -4)) === top.get("63");
  const merchant = tlv(top.get("38")!); // NAPAS: 00 = GUID, 01 = beneficiary organisation
  const beneficiary = tlv(merchant.get("01")!); // 00 = bank BIN, 01 = account
  const additional = top.has("62") ? tlv(top.get("62")!) : new Map<string, string>();
  return {
    crcOk,
    guid: merchant.get("00"),
    service: merchant.get("02"),
    bin: beneficiary.get("00"),
    account: beneficiary.get("01"),
    currency: top.get("53"),
    amount: top.get("54"),
    country: top.get("58"),
    message: additional.get("08"),
  };
}

// ───────────────────────── the household's bank account ─────────────────────────

describe("a household's bank account", () => {
  it("bad BIN or account number: 400 with the Vietnamese field error, nothing written", async () => {
    const c = await leader1();
    for (const [fields, message] of [
      [{ bankBin: "123456", bankAccount: ACCOUNT, bankHolder: "Ho Thi Lan" }, "Chọn một ngân hàng trong danh sách (mã BIN của NAPAS)."],
      [{ bankBin: "", bankAccount: ACCOUNT, bankHolder: "Ho Thi Lan" }, "Chọn một ngân hàng trong danh sách (mã BIN của NAPAS)."],
      [{ bankBin: VCB, bankAccount: "12345", bankHolder: "Ho Thi Lan" }, "Số tài khoản chỉ gồm chữ số, từ 6 đến 19 số."],
      [{ bankBin: VCB, bankAccount: "00710001234567890123", bankHolder: "Ho Thi Lan" }, "Số tài khoản chỉ gồm chữ số, từ 6 đến 19 số."],
      [{ bankBin: VCB, bankAccount: "0071-ABC-123", bankHolder: "Ho Thi Lan" }, "Số tài khoản chỉ gồm chữ số, từ 6 đến 19 số."],
    ] as [Record<string, string>, string][]) {
      const res = await c.post(bankUrl(hh1), fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(await html(res)).toContain(message);
      expect(await bankOf(hh1)).toEqual({ bankBin: null, bankAccount: null, bankHolder: null });
    }
  });

  it("only the group's leader and the site administrator edit it: others 403 or 404, nothing written", async () => {
    const fields = { bankBin: VCB, bankAccount: ACCOUNT, bankHolder: "HO THI LAN" };
    for (const [who, c] of [
      ["member", await member1()],
      ["project owner", await projectOwner()],
      ["buyer", await buyerA()],
      ["other buyer", await buyerB()],
      ["other leader", await leader2()],
    ] as const) {
      const get = await c.get(bankUrl(hh1));
      expect([403, 404], `${who} GET`).toContain(get.status);
      const post = await c.post(bankUrl(hh1), fields);
      expect([403, 404], `${who} POST`).toContain(post.status);
    }
    expect(await bankOf(hh1)).toEqual({ bankBin: null, bankAccount: null, bankHolder: null });
    // The site administrator may (and clears it again); the leader records it, the holder's
    // name as the bank prints it (upper case, no diacritics) and the number without spaces.
    expect((await (await admin()).post(bankUrl(hh1), fields)).status).toBe(302);
    expect(await bankOf(hh1)).toEqual({ bankBin: VCB, bankAccount: ACCOUNT, bankHolder: "HO THI LAN" });
    expect((await (await admin()).post(bankUrl(hh1), { intent: "remove" })).status).toBe(302);
    expect((await bankOf(hh1)).bankAccount).toBeNull();
    const res = await (await leader1()).post(bankUrl(hh1), { bankBin: VCB, bankAccount: "0071 000 123 456", bankHolder: "Hồ Thị Lan" });
    expect(res.status).toBe(302);
    expect(await bankOf(hh1)).toEqual({ bankBin: VCB, bankAccount: ACCOUNT, bankHolder: "HO THI LAN" });
  });
});

// ───────────────────────── the statement ─────────────────────────

describe("the payment statement (bảng kê thanh toán)", () => {
  beforeAll(async () => {
    // 120 kg gross − 2,5 kg tare = 117,5 kg A for hh1; 80 − 1,5 = 78,5 kg B for hh1b.
    const pickupId = await ledgerPickup(c10, plusDays(today, -2), [
      { householdId: hh1, grossKg: 120, tareKg: 2.5, grade: "A" },
      { householdId: hh1b, grossKg: 80, tareKg: 1.5, grade: "B" },
    ]);
    inv = await write((tx) => issueInvoice(tx, { contractId: c10, pickupIds: [pickupId], issuedOn: today }));
    // hh1's account as the leader records it (the describe above), so this one runs alone too.
    await write((tx) => tx.household.update({ where: { id: hh1 }, data: { bankBin: VCB, bankAccount: ACCOUNT, bankHolder: "HO THI LAN" } }));
  });

  it("is numbered BKTT-… and its PDF has the title, gross/tare/net per lot, total kg, status, tax code, bank, signatures and a payer line per slip", async () => {
    expect(inv.series).toBe("BKTT");
    const code = `BKTT-${year}-${String(inv.number).padStart(4, "0")}`;
    const res = await (await buyerA()).get(`/invoices/${inv.id}/pdf`);
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    // STATEMENT_SAMPLE=docs/statement-sample.pdf writes the sample page under docs/ (then pdftoppm).
    if (process.env.STATEMENT_SAMPLE) (await import("node:fs")).writeFileSync(process.env.STATEMENT_SAMPLE, pdf);
    const text = pdfText(pdf);
    const flat = text.replace(/\s+/g, " ");
    // -layout keeps a table row on one line.
    const rows = pdfText(pdf, true).replace(/[ \t]+/g, " ");
    expect(flat).toContain("BẢNG KÊ THANH TOÁN");
    expect(flat).toContain(code);
    expect(flat).not.toMatch(/H[ĐD]-\d{4}-/);
    expect(flat).not.toContain("HÓA ĐƠN");
    // Headers with their unit on a second line: "Cân cả bì / (kg)", "Bì / (kg)", "Tịnh / (kg)".
    for (const s of ["Cân cả bì", "Bì", "Tịnh", "(kg)"]) expect(flat).toContain(s);
    // Each lot's row: date, gross, tare, net, grade, price, amount (one lot per household here).
    expect(rows).toMatch(/Hồ Thị Lan \d\d\/\d\d\/\d{4} 120 2,5 117,5 A 14\.500 ₫ 1\.703\.750 ₫/);
    expect(rows).toMatch(/Côn Thị Mây \d\d\/\d\d\/\d{4} 80 1,5 78,5 B 13\.000 ₫ 1\.020\.500 ₫/);
    expect(flat).toContain("Tổng khối lượng tịnh");
    expect(rows).toMatch(/Tổng khối lượng tịnh 196 2\.724\.250 ₫/);
    expect(flat).toContain("Tình trạng");
    expect(flat).toContain("Chưa trả");
    expect(rows).toMatch(/Mã số thuế\s+3200123456/);
    expect(flat).toContain("12010000999888");
    // The unit of the price column stays whole.
    expect(text).toContain("(₫/kg)");
    expect(text).not.toContain("₫/ kg");
    for (const s of ["NGƯỜI LẬP BẢNG KÊ", "ĐẠI DIỆN TỔ/NHÓM HỘ", "ĐẠI DIỆN BÊN MUA", "(Ký, ghi rõ họ tên, đóng dấu)"]) expect(flat).toContain(s);
    // A slip per household, each with the payer's line; hh1 by transfer, hh1b in cash.
    expect(flat.match(/Người chi tiền \(HTX Cà phê Khe Sanh\)/g)?.length).toBe(2);
    expect(flat).toContain(`Chuyển khoản: Vietcombank · ${ACCOUNT} · HO THI LAN`);
    expect(flat).toContain("Trả tiền mặt, hộ ký nhận trên phiếu này.");
  });

  it("an older HD- number still resolves and the next statement continues the same sequence", async () => {
    // A statement from before issue 13, as the app wrote it then: the same counter, no series
    // (printed "HD-…"). Its series cannot be changed afterwards.
    const old = await write(async (tx) => {
      const counter = await tx.invoiceCounter.update({ where: { buyerId_year: { buyerId: orgA, year } }, data: { last: { increment: 1 } } });
      return tx.invoice.create({
        data: {
          ref: `old-HD-${counter.last}`,
          buyerId: orgA,
          contractId: c10,
          year,
          number: counter.last,
          issuedOn: today,
          dueOn: today,
          subtotalVnd: 0,
          totalVnd: 0,
        },
      });
    });
    expect(old.series).toBeNull();
    const raw = await rawDatabase(file);
    await expect(raw.run(`UPDATE "Invoice" SET "series" = 'BKTT' WHERE "id" = ?`, old.id)).rejects.toThrow(/immutable/);
    await raw.close();
    const oldCode = `HD-${year}-${String(old.number).padStart(4, "0")}`;
    expect((await findByCode(orgA, oldCode))?.id).toBe(old.id);
    expect(await findByCode(orgA, `BKTT-${year}-${String(old.number).padStart(4, "0")}`)).toBeNull();
    expect((await findByCode(orgA, `BKTT-${year}-${String(inv.number).padStart(4, "0")}`))?.id).toBe(inv.id);
    const page = await html(await (await buyerA()).get(`/invoices/${old.id}`));
    expect(page).toContain(oldCode);

    const nextPickup = await ledgerPickup(c10, today, [{ householdId: hh1b, grossKg: 40, grade: "B" }]);
    const next = await write((tx) => issueInvoice(tx, { contractId: c10, pickupIds: [nextPickup], issuedOn: today }));
    expect(next.number).toBe(old.number! + 1);
    const counter = await db.invoiceCounter.findUniqueOrThrow({ where: { buyerId_year: { buyerId: orgA, year } } });
    expect(counter.last).toBe(next.number);
    expect(invoiceCode(next.kind, next.year, next.number, next.series)).toBe(`BKTT-${year}-${String(old.number! + 1).padStart(4, "0")}`);
  });

  it("the VietQR payload decodes, with an independent reader, to the bank, account, exact amount and statement number; its CRC is valid", async () => {
    const code = invoiceCode("invoice", year, inv.number, inv.series);
    const full = await db.invoice.findUniqueOrThrow({ where: { id: inv.id }, include: { lines: true, deductions: true } });
    const owed =
      full.lines.filter((l) => l.householdId === hh1).reduce((s, l) => s + l.amountVnd, 0) -
      full.deductions.filter((d) => d.householdId === hh1).reduce((s, d) => s + d.amountVnd, 0);
    expect(owed).toBeGreaterThan(0);
    // The page shows the code of what the app builds for hh1: the same payload.
    const page = await html(await (await buyerA()).get(`/invoices/${inv.id}`));
    expect(page).toContain('id="payouts"');
    expect(page).toMatch(/<svg[^>]*>/);
    // The payload the app put beside hh1's code (what the SVG encodes).
    const payload = new RegExp(`data-household="${hh1}" data-vietqr="([^"]+)"`).exec(page)?.[1] ?? "";
    expect(payload).toBe(vietQrPayload({ bankBin: VCB, bankAccount: ACCOUNT, bankHolder: "HO THI LAN" }, owed, code));
    const d = decodeVietQr(payload);
    expect(d).toEqual({
      crcOk: true,
      guid: "A000000727",
      service: "QRIBFTTA",
      bin: VCB,
      account: ACCOUNT,
      currency: "704",
      amount: String(owed),
      country: "VN",
      message: code,
    });
    // A changed character breaks the CRC.
    expect(decodeVietQr(payload.replace(ACCOUNT, "0071000123457")).crcOk).toBe(false);
  });

  it("the transfers CSV lists holder, bank, account, amount and message for households with an account, for the buyer only", async () => {
    const code = invoiceCode("invoice", year, inv.number, inv.series);
    const res = await (await buyerA()).get(`/invoices/${inv.id}/transfers`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((r) => r.split(","));
    const full = await db.invoice.findUniqueOrThrow({ where: { id: inv.id }, include: { lines: true, deductions: true } });
    const owed =
      full.lines.filter((l) => l.householdId === hh1).reduce((s, l) => s + l.amountVnd, 0) -
      full.deductions.filter((d) => d.householdId === hh1).reduce((s, d) => s + d.amountVnd, 0);
    expect(rows).toEqual([
      ["Chủ tài khoản", "Ngân hàng", "Mã BIN", "Số tài khoản", "Số tiền (₫)", "Nội dung"],
      ["HO THI LAN", "Vietcombank", VCB, ACCOUNT, String(owed), code],
    ]);
    for (const c of [await leader1(), await member1(), await projectOwner()]) expect((await c.get(`/invoices/${inv.id}/transfers`)).status).toBe(403);
    expect((await (await buyerB()).get(`/invoices/${inv.id}/transfers`)).status).toBe(404);
  });

  it("the account number is shown to the buyer paying, the leader and the household itself; not to the project owner, nor to another group's people", async () => {
    for (const c of [await buyerA(), await staffA(), await leader1()]) {
      const page = await html(await c.get(`/invoices/${inv.id}`));
      expect(page).toContain(ACCOUNT);
    }
    // member1 is hh1b's (cash): hh1's account is not theirs to read, on the page or in the PDF.
    expect(await html(await (await member1()).get(`/invoices/${inv.id}`))).not.toContain(ACCOUNT);
    const memberPdf = pdfText(new Uint8Array(await (await (await member1()).get(`/invoices/${inv.id}/pdf`)).arrayBuffer()));
    expect(memberPdf).not.toContain(ACCOUNT);
    const ownerPage = await (await projectOwner()).get(`/invoices/${inv.id}`);
    expect(ownerPage.status).toBe(200);
    {
      expect(await html(ownerPage)).not.toContain(ACCOUNT);
      const ownerPdf = pdfText(new Uint8Array(await (await (await projectOwner()).get(`/invoices/${inv.id}/pdf`)).arrayBuffer()));
      expect(ownerPdf).not.toContain(ACCOUNT);
      expect(ownerPdf).toContain("Chuyển khoản (ẩn số tài khoản)");
    }
    for (const c of [await leader2(), await buyerB()]) {
      const page = await c.get(`/invoices/${inv.id}`);
      expect(page.status).toBe(404);
      expect(await html(page)).not.toContain(ACCOUNT);
      expect((await c.get(`/invoices/${inv.id}/pdf`)).status).toBe(404);
    }
  });
});

it("one percentage formatter, as on screen: 95,6% (no space), in PDFs too", () => {
  expect(formatPercent(95.6)).toBe("95,6%");
  expect(formatPercent(10)).toBe("10%");
  expect(formatPercent(33.333)).toBe("33,3%");
});

describe("a credit note lowers the fund share with the statement", () => {
  it("a lot corrected down by 1.450.000 ₫ under a 10 % fund: the note keeps 145.000 ₫ less, the fund's entry follows", async () => {
    const pickupId = await ledgerPickup(c10, plusDays(today, -3), [{ householdId: hh1b, grossKg: 200, grade: "A" }]);
    const root = await write((tx) => issueInvoice(tx, { contractId: c10, pickupIds: [pickupId], issuedOn: today }));
    const lot = await db.lot.findFirstOrThrow({ where: { pickupId } });
    const fundBefore = (await db.invoiceDeduction.findFirstOrThrow({ where: { invoiceId: root.id, kind: "group_fund" } })).amountVnd;
    expect(fundBefore).toBe(Math.round(lot.amountVnd / 10));
    const res = await (
      await staffA()
    ).post(`/pickups/${pickupId}`, { intent: "correct", lotId: lot.id, explanation: "Cân lại", grossKg: "100", tareKg: "0", grade: "A" });
    expect(res.status).toBe(200);
    const fix = await db.lot.findFirstOrThrow({ where: { supersedesId: lot.id } });
    const diff = fix.amountVnd - lot.amountVnd;
    expect(diff).toBeLessThan(0);
    const note = await db.invoice.findFirstOrThrow({ where: { referencesId: root.id }, include: { deductions: true } });
    expect(note.kind).toBe("credit_note");
    const fundDelta = Math.round(fix.amountVnd / 10) - Math.round(lot.amountVnd / 10);
    expect(note.deductions.map((d) => [d.householdId, d.kind, d.amountVnd])).toEqual([[hh1b, "group_fund", fundDelta]]);
    expect(note.deductionsVnd).toBe(fundDelta);
    expect(note.totalVnd).toBe(diff - fundDelta);
    // The household is now owed its corrected amount less the fund's share of it.
    expect(root.totalVnd + note.totalVnd).toBe(fix.amountVnd - Math.round(fix.amountVnd / 10));
    const entries = await db.groupFundEntry.findMany({ where: { invoiceId: { in: [root.id, note.id] } } });
    expect(entries.reduce((s, e) => s + e.amountVnd, 0)).toBe(Math.round(fix.amountVnd / 10));
  });
});
