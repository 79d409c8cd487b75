// The buyer's bảng kê 01/TNDN and the household ID number behind it, over real HTTP on a real
// SQLite file: the number is recorded only with consent, the list (PDF, CSV, XLSX) carries every
// purchase with totals and the amount in words, only the buyer's own members and the site
// administrator may take it (and each export is logged), and the full number shows nowhere else.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("purchase-list");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { ledgerPickup, pdfText } = await import("../support/invoice-fixtures");
const { createToken } = await import("~/domain/api-tokens.server");
const { vndInWords } = await import("~/domain/vnd-words");
const { groupDigits } = await import("~/utils/format");
const { db, disconnect } = await import("~/utils/db.server");

const ID_LAN = "046190001234"; // hh1, Hồ Thị Lan
const ID_MAY = "046185009876"; // hh1b, Côn Thị Mây
const ID_ANH = "123456789"; // hh2 (g2, sold to orgB), an old 9-digit CMND

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let contracts: Awaited<ReturnType<typeof makeContracts>>;
let pickupIds: string[] = [];
let from: string;
let to: string;
const as = sessionPool(() => server, PASSWORD);

const householdForm = (headName: string, extra: Record<string, string> = {}) => ({
  headName,
  headSex: "female",
  ethnicMinority: "on",
  ethnicity: "Vân Kiều",
  povertyStatus: "poor",
  members: "5",
  workers: "2",
  baselineIncomeVnd: "28000000",
  phone: "",
  ...extra,
});

const idOf = (id: string) => db.household.findUnique({ where: { id }, select: { idNumber: true, idConsentAt: true, idConsentById: true } });

beforeAll(async () => {
  world = await makeWorld();
  contracts = await makeContracts(world);
  server = await startServer();
  const { today } = contracts;
  from = plusDays(today, -10);
  to = plusDays(today, -1);
  const { hh1, hh1b, hh2 } = world.households;
  pickupIds = [
    await ledgerPickup(contracts.contracts.active.id, plusDays(today, -9), [
      { householdId: hh1.id, grossKg: 120.5, tareKg: 0.5, grade: "A" },
      { householdId: hh1.id, grossKg: 40, grade: "B" },
      { householdId: hh1b.id, grossKg: 85.25, tareKg: 0.25, grade: "A" },
    ]),
    await ledgerPickup(contracts.contracts.active.id, plusDays(today, -3), [{ householdId: hh1b.id, grossKg: 60, grade: "B" }]),
    // Outside the period: not on the list.
    await ledgerPickup(contracts.contracts.active.id, plusDays(today, -20), [{ householdId: hh1.id, grossKg: 10, grade: "A" }]),
    await ledgerPickup(contracts.contracts.other.id, plusDays(today, -5), [{ householdId: hh2.id, grossKg: 70, grade: "A" }]),
  ];
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("recording the ID number", () => {
  it("refuses a number of the wrong shape with the Vietnamese field error, writing nothing", async () => {
    const leader = await as(world.users.leader1.email);
    const before = await db.household.count();
    for (const bad of ["12345", "04619000123A", "0461900012345"]) {
      const res = await leader.post(`/groups/${world.groups.g1}/households/new`, householdForm("Hộ sai số", { idNumber: bad, idConsent: "on" }));
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain("Số CCCD phải gồm 12 chữ số (hoặc CMND cũ 9 chữ số).");
    }
    const edit = await leader.post(
      `/groups/${world.groups.g1}/households/${world.households.hh1.id}`,
      householdForm("Hồ Thị Lan", { idNumber: "9999", idConsent: "on" }),
    );
    expect(edit.status).toBe(400);
    expect(await db.household.count()).toBe(before);
    expect((await idOf(world.households.hh1.id))?.idNumber).toBeNull();
  });

  it("refuses a number without the household's consent, writing nothing", async () => {
    const leader = await as(world.users.leader1.email);
    const before = await db.household.count();
    const res = await leader.post(`/groups/${world.groups.g1}/households/new`, householdForm("Hộ chưa đồng ý", { idNumber: ID_LAN }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Cần hộ đồng ý trước khi ghi số CCCD");
    const edit = await leader.post(`/groups/${world.groups.g1}/households/${world.households.hh1.id}`, householdForm("Hồ Thị Lan", { idNumber: ID_LAN }));
    expect(edit.status).toBe(400);
    expect(await db.household.count()).toBe(before);
    expect(await idOf(world.households.hh1.id)).toEqual({ idNumber: null, idConsentAt: null, idConsentById: null });
  });

  it("stores the number with who recorded the consent and when", async () => {
    const leader1 = await as(world.users.leader1.email);
    const t0 = Date.now();
    for (const [hh, name, id] of [
      [world.households.hh1.id, "Hồ Thị Lan", "046 190 001 234"],
      [world.households.hh1b.id, "Côn Thị Mây", ID_MAY],
    ] as const) {
      const res = await leader1.post(`/groups/${world.groups.g1}/households/${hh}`, householdForm(name, { idNumber: id, idConsent: "on" }));
      expect(res.status, name).toBe(302);
    }
    const lan = await idOf(world.households.hh1.id);
    expect(lan?.idNumber).toBe(ID_LAN);
    expect(lan?.idConsentById).toBe(world.users.leader1.id);
    expect(lan!.idConsentAt!.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    const leader2 = await as(world.users.leader2.email);
    const res = await leader2.post(
      `/groups/${world.groups.g2}/households/${world.households.hh2.id}`,
      householdForm("Lò Thị Ánh", { ethnicity: "Thái", idNumber: ID_ANH, idConsent: "on" }),
    );
    expect(res.status).toBe(302);
    expect((await idOf(world.households.hh2.id))?.idNumber).toBe(ID_ANH);
    // The leader sees the number in full on the household's page.
    expect(await (await leader1.get(`/groups/${world.groups.g1}/households/${world.households.hh1.id}`)).text()).toContain(ID_LAN);
  });
});

/** One CSV line (RFC 4180: quoted cells may hold commas, "" is a quote). */
function csvLine(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1]));
}

type Row = { date: string; name: string; id: string; kg: number; price: number; amount: number };

async function expectedRows(buyerId: string): Promise<Row[]> {
  const lots = await db.lot.findMany({
    where: { contract: { buyerId }, supersededBy: { is: null }, pickup: { date: { gte: from, lte: to } } },
    include: { pickup: true, household: { omit: { idNumber: false } } },
  });
  const map = new Map<string, Row>();
  for (const l of lots) {
    const key = `${l.pickupId}|${l.householdId}|${l.unitPriceVnd}`;
    const r = map.get(key) ?? { date: l.pickup.date, name: l.household.headName, id: l.household.idNumber ?? "", kg: 0, price: l.unitPriceVnd, amount: 0 };
    r.kg += l.netG / 1000;
    r.amount += l.amountVnd;
    map.set(key, r);
  }
  return [...map.values()].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name, "vi") || a.price - b.price);
}

describe("the bảng kê 01/TNDN", () => {
  it("has every purchase of the period in its PDF, with the totals and the amount in words", async () => {
    const rows = await expectedRows(world.orgs.orgA.id);
    expect(rows.length).toBe(4); // hh1 A + B on day -9, hh1b A on day -9, hh1b B on day -3
    const total = rows.reduce((s, r) => s + r.amount, 0);
    const buyer = await as(world.users.buyerA.email);
    const res = await buyer.get(`/orgs/${world.orgs.orgA.id}/purchase-list/pdf?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(await res.arrayBuffer()), true);
    const flat = text.replace(/\s+/g, " ");
    for (const heading of [
      "BẢNG KÊ THU MUA HÀNG HÓA, DỊCH VỤ MUA VÀO KHÔNG CÓ HÓA ĐƠN",
      "Mẫu số: 01/TNDN",
      "HTX Cà phê Khe Sanh",
      "Người lập bảng kê",
      "Kế toán trưởng",
      "Giám đốc",
    ])
      expect(flat).toContain(heading);
    const lines = text.split("\n");
    for (const r of rows) {
      const [y, m, d] = r.date.split("-");
      const line = lines.find((l) => l.includes(`${d}/${m}/${y}`) && l.includes(r.name) && l.includes(groupDigits(r.amount)));
      expect(line, `${r.date} ${r.name} ${r.amount}`).toBeDefined();
      expect(line).toContain(r.id);
      expect(line).toContain(groupDigits(r.price));
    }
    expect(flat).toContain("Hướng Phùng, Quảng Trị");
    expect(flat).toContain(`${groupDigits(total)} ₫`);
    expect(flat).toContain(vndInWords(total));
    // Another buyer's purchases and the pickup outside the period are not on it.
    expect(text).not.toContain("Lò Thị Ánh");
    expect(text).not.toContain(ID_ANH);
  });

  it("has the same rows in the CSV and the XLSX", async () => {
    const rows = await expectedRows(world.orgs.orgA.id);
    const staff = await as(world.users.staffA.email);
    const csv = await (await staff.get(`/orgs/${world.orgs.orgA.id}/purchase-list/csv?from=${from}&to=${to}`)).text();
    const csvRows = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .map(csvLine);
    expect(csvRows[0][0]).toBe("STT");
    const body = csvRows.slice(1, -1);
    expect(body.map((c) => [c[1], c[2], c[4], Number(c[6]), Number(c[7]), Number(c[8])])).toEqual(
      rows.map((r) => [r.date, r.name, r.id, Math.round(r.kg * 1000) / 1000, r.price, r.amount]),
    );
    expect(Number(csvRows.at(-1)![8])).toBe(rows.reduce((s, r) => s + r.amount, 0));

    const res = await staff.get(`/orgs/${world.orgs.orgA.id}/purchase-list/xlsx?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("01-TNDN")!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const start = values.findIndex((v) => v[0] === "STT");
    const xl = values.slice(start + 1, start + 1 + rows.length);
    expect(xl.map((c) => [c[1], c[2], c[4], c[6], c[7], c[8]])).toEqual(body.map((c) => [c[1], c[2], c[4], Number(c[6]), Number(c[7]), Number(c[8])]));
    expect(values[start + 1 + rows.length][8]).toBe(rows.reduce((s, r) => s + r.amount, 0));
  });

  it("is refused (404) to everyone but the buyer's members and the site administrator", async () => {
    const path = `/orgs/${world.orgs.orgA.id}/purchase-list`;
    const { buyerB, leader1, leader2, member1, project, authority, admin, buyerA } = world.users;
    for (const u of [buyerB, leader1, leader2, member1, project, authority]) {
      const c = await as(u.email);
      for (const p of [path, `${path}/pdf`, `${path}/csv`, `${path}/xlsx`]) expect((await c.get(p)).status, `${u.email} ${p}`).toBe(404);
    }
    // A buyer guessing its own list on another organisation's id (not a buyer) learns nothing either.
    const a = await as(buyerA.email);
    expect((await a.get(`/orgs/${world.orgs.orgB.id}/purchase-list/csv`)).status).toBe(404);
    expect((await a.get(`/orgs/${world.orgs.projectOrg.id}/purchase-list/csv`)).status).toBe(404);
    const site = await as(admin.email);
    expect((await site.get(`${path}/csv?from=${from}&to=${to}`)).status).toBe(200);
  });

  it("writes an audit entry naming who exported it", async () => {
    const before = await db.auditLog.count({ where: { action: "export", userId: world.users.buyerA.id } });
    const buyer = await as(world.users.buyerA.email);
    expect((await buyer.get(`/orgs/${world.orgs.orgA.id}/purchase-list/csv?from=${from}&to=${to}`)).status).toBe(200);
    const entries = await db.auditLog.findMany({ where: { action: "export", userId: world.users.buyerA.id }, orderBy: { at: "desc" } });
    expect(entries.length).toBe(before + 1);
    expect(entries[0].organisationId).toBe(world.orgs.orgA.id);
    expect(JSON.parse(entries[0].detail)).toMatchObject({ what: "purchase-list-01-tndn", format: "csv", from, to, rows: 4, withIdNumbers: 4 });
  });
});

describe("the ID number elsewhere", () => {
  it("never appears in full on a page, CSV or API answer of a role that may not see it", async () => {
    const { g1, g2 } = world.groups;
    const { hh1, hh1b, hh2 } = world.households;
    const paths = [
      `/groups/${g1}`,
      `/groups/${g2}`,
      `/groups/${g1}/passbook/${hh1.id}`,
      `/groups/${g1}/passbook/${hh1b.id}`,
      `/groups/${g2}/passbook/${hh2.id}`,
      `/groups/${g1}/households/${hh1.id}`,
      `/groups/${g1}/households/${hh1b.id}`,
      `/groups/${g2}/households/${hh2.id}`,
      "/passbook",
      "/groups",
      "/dashboard",
      "/dashboard.csv",
      "/reports",
      `/reports.csv?groupId=${g1}`,
      "/reports.csv",
      "/api/pickups",
      `/contracts/${contracts.contracts.active.id}`,
      `/contracts/${contracts.contracts.active.id}/pdf`,
      `/contracts/${contracts.contracts.other.id}`,
      ...pickupIds.map((id) => `/pickups/${id}`),
      `/orgs/${world.orgs.orgA.id}`,
      `/orgs/${world.orgs.orgA.id}/purchase-list?from=${from}&to=${to}`,
    ];
    const { member1, leader1, leader2, project, authority, buyerA, buyerB, staffA, admin } = world.users;
    // The group's leader may see its own households' numbers but not another group's; the
    // buyers see them only in the purchase list's downloads; nobody else at all.
    const cases: [string, string[]][] = [
      [member1.email, [ID_LAN, ID_MAY, ID_ANH]],
      [leader1.email, [ID_ANH]],
      [leader2.email, [ID_LAN, ID_MAY]],
      [project.email, [ID_LAN, ID_MAY, ID_ANH]],
      [authority.email, [ID_LAN, ID_MAY, ID_ANH]],
      [buyerA.email, [ID_LAN, ID_MAY, ID_ANH]],
      [staffA.email, [ID_LAN, ID_MAY, ID_ANH]],
      [buyerB.email, [ID_LAN, ID_MAY, ID_ANH]],
      [admin.email, [ID_LAN, ID_MAY, ID_ANH]],
    ];
    let fetched = 0;
    for (const [email, hidden] of cases) {
      const c = await as(email);
      for (const p of paths) {
        const res = await c.get(p);
        const body = Buffer.from(await res.arrayBuffer());
        const text = p.endsWith("/pdf") && res.status === 200 ? pdfText(new Uint8Array(body)) : body.toString("utf8");
        for (const id of hidden) expect(text.includes(id), `${email} ${p} shows ${id}`).toBe(false);
        if (res.status === 200) fetched++;
      }
    }
    expect(fetched).toBeGreaterThan(50);
    // Another buyer's purchase list does not have orgA's sellers.
    const b = await as(buyerB.email);
    const theirs = await (await b.get(`/orgs/${world.orgs.orgB.id}/purchase-list/csv?from=${from}&to=${to}`)).text();
    expect(theirs).toContain(ID_ANH);
    for (const id of [ID_LAN, ID_MAY]) expect(theirs).not.toContain(id);
    // The site administrator editing a household sees the mask, and saving leaves the number alone.
    const site = await as(admin.email);
    const page = await (await site.get(`/groups/${g1}/households/${hh1.id}`)).text();
    expect(page).toContain("••••••••1234");
    const saved = await site.post(`/groups/${g1}/households/${hh1.id}`, householdForm("Hồ Thị Lan", { idNumber: "••••••••1234", idConsent: "on" }));
    expect(saved.status).toBe(302);
    expect(await idOf(hh1.id)).toMatchObject({ idNumber: ID_LAN, idConsentById: leader1.id });
  });

  it("is not in the API's programme bundle nor in any household the reader returns", async () => {
    const { token } = await createToken(world.orgs.projectOrg.id, "test", world.users.project.id);
    const res = await fetch(`${server.url}/api/v1/export`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("Hồ Thị Lan");
    for (const id of [ID_LAN, ID_MAY, ID_ANH]) expect(text).not.toContain(id);
    expect(text).not.toContain("idNumber");
    const { exportBundle } = await import("~/domain/bundle/export.server");
    const all = JSON.stringify(await exportBundle({}));
    for (const id of [ID_LAN, ID_MAY, ID_ANH]) expect(all).not.toContain(id);
    const plain = await db.household.findMany();
    expect(plain.every((h) => !("idNumber" in h))).toBe(true);
  });
});
