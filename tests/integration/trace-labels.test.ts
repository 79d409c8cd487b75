// QR label sheets (issue 16) over real HTTP on a real SQLite file, read back as a phone would:
// each PDF page rendered with MuPDF, cut along the label grid and decoded with jsQR. The QRs hold
// exactly the pickup's lot addresses (/t/{code}, or /01/{gtin}/10/{code} once the buyer sets a
// GTIN), codes are given once to records made before codes existed, text stays inside each
// label, and nobody but the buyer's people and the group's leader can print.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPool, startServer, type AppServer, type Client } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("trace-labels");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { ledgerPickup } = await import("../support/invoice-fixtures");
const { pageCount, readLabelSheet, textLines } = await import("../support/qr-from-pdf");
const { labelCell, LAYOUTS } = await import("~/domain/trace/label-sizes");
const { Prisma } = await import("~/generated/prisma/client");
const { db, write, disconnect } = await import("~/utils/db.server");

type Size = "a4-3x8" | "a4-2x7" | "thermal-50x30";

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let contracts: Awaited<ReturnType<typeof makeContracts>>;
let pickupId: string; // orgA ← g1: three lots
let otherPickupId: string; // orgB ← g2: one lot
let date: string;
const as = sessionPool(() => server, PASSWORD);

const GTIN = "04006381333931"; // GTIN-13 4006381333931 with its check digit, as 14 digits

beforeAll(async () => {
  world = await makeWorld();
  contracts = await makeContracts(world);
  server = await startServer();
  date = plusDays(contracts.today, -2);
  const { hh1, hh1b, hh2 } = world.households;
  pickupId = await ledgerPickup(contracts.contracts.active.id, date, [
    { householdId: hh1.id, grossKg: 120.5, tareKg: 0.5, grade: "A" },
    { householdId: hh1b.id, grossKg: 40.75, grade: "B" },
    { householdId: hh1.id, grossKg: 85.25, tareKg: 0.25, grade: "A" },
  ]);
  otherPickupId = await ledgerPickup(contracts.contracts.other.id, date, [{ householdId: hh2.id, grossKg: 70, grade: "A" }]);
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

async function sheet(client: Client, id: string, size: Size, scope = "lots"): Promise<Uint8Array> {
  const res = await client.get(`/pickups/${id}/labels/pdf?size=${size}&scope=${scope}`);
  expect(
    res.status,
    await res
      .clone()
      .text()
      .catch(() => ""),
  ).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return new Uint8Array(await res.arrayBuffer());
}

/** The lots' codes in chain order, as the labels print them. */
async function lotCodes(id: string): Promise<string[]> {
  const lots = await db.lot.findMany({ where: { pickupId: id }, orderBy: { chainSeq: "asc" }, select: { traceCode: { select: { code: true } } } });
  return lots.map((l) => l.traceCode!.code);
}

const codeCount = (id: string) => db.traceCode.count({ where: { pickupId: id } });

describe("the label sheet", () => {
  it("A4 3×8: exactly the three lot addresses, in the first three cells, each QR at least 18 mm, code and facts in text", async () => {
    const staff = await as(world.users.staffA.email);
    const pdf = await sheet(staff, pickupId, "a4-3x8");
    expect(await codeCount(pickupId)).toBe(4); // three lots and the pickup
    const codes = await lotCodes(pickupId);
    const read = readLabelSheet(pdf, "a4-3x8");
    expect(read.map((r) => [r.page, r.cell])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
    expect(read.map((r) => r.url)).toEqual(codes.map((c) => `${server.url}/t/${c}`));
    for (const r of read) expect(r.symbolMm).toBeGreaterThanOrEqual(18);

    const text = textLines(pdf).map((l) => l.text);
    for (const c of codes) expect(text).toContain(c);
    const group = await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } });
    const [y, m, d] = date.split("-");
    for (const line of [
      "Cà phê quả tươi",
      "Tịnh 120 kg",
      "Tịnh 40,75 kg",
      "Tịnh 85 kg",
      "Loại A · Chín ≥ 95%",
      "Loại B · Chín 85–95%",
      `Ngày ${d}/${m}/${y}`,
    ]) {
      expect(text, line).toContain(line);
    }
    expect(text.join("\n")).toContain(group.commune);
    expect(text.join(" ")).toContain(group.name);
  });

  it("A4 2×7 holds the same three; the thermal size puts one label on each of three pages", async () => {
    const staff = await as(world.users.staffA.email);
    const codes = await lotCodes(pickupId);
    const twoBySeven = readLabelSheet(await sheet(staff, pickupId, "a4-2x7"), "a4-2x7");
    expect(twoBySeven.map((r) => r.url)).toEqual(codes.map((c) => `${server.url}/t/${c}`));
    const thermal = await sheet(staff, pickupId, "thermal-50x30");
    expect(pageCount(thermal)).toBe(3);
    const read = readLabelSheet(thermal, "thermal-50x30");
    expect(read.map((r) => [r.page, r.url])).toEqual(codes.map((c, i) => [i, `${server.url}/t/${c}`]));
    for (const r of [...twoBySeven, ...read]) expect(r.symbolMm).toBeGreaterThanOrEqual(18);
  });

  it("one label for the pickup as a whole, with its own code, total weight and lot count", async () => {
    const leader = await as(world.users.leader1.email);
    const pdf = await sheet(leader, pickupId, "a4-2x7", "pickup");
    const own = await db.traceCode.findFirstOrThrow({ where: { pickupId, lotId: null } });
    expect(readLabelSheet(pdf, "a4-2x7").map((r) => r.url)).toEqual([`${server.url}/t/${own.code}`]);
    const text = textLines(pdf).map((l) => l.text);
    expect(text).toContain("Tịnh 245,75 kg · 3 lô");
    expect(text).toContain("Loại A, B");
  });

  it("every lot of the contract's pickups on that date, in chain order", async () => {
    const second = await ledgerPickup(contracts.contracts.active.id, date, [{ householdId: world.households.hh1b.id, grossKg: 12, grade: "B" }]);
    const elsewhere = await ledgerPickup(contracts.contracts.active.id, plusDays(date, -1), [{ householdId: world.households.hh1.id, grossKg: 9, grade: "A" }]);
    const elsewhereCodes = await codeCount(elsewhere);
    const staff = await as(world.users.staffA.email);
    const read = readLabelSheet(await sheet(staff, pickupId, "a4-3x8", "day"), "a4-3x8");
    const expected = [...(await lotCodes(pickupId)), ...(await lotCodes(second))].map((c) => `${server.url}/t/${c}`);
    expect(read.map((r) => r.url)).toEqual(expected);
    expect(await codeCount(elsewhere)).toBe(elsewhereCodes); // another day's pickup: not on the sheet, given nothing
  });

  it("the choice page offers the three sizes and scopes; ?size= on it leads to the PDF", async () => {
    const staff = await as(world.users.staffA.email);
    const page = await (await staff.get(`/pickups/${pickupId}/labels`)).text();
    expect(page).toContain("In nhãn QR cho lần cân ngày");
    for (const v of ["a4-3x8", "a4-2x7", "thermal-50x30", "lots", "pickup", "day"]) expect(page).toContain(`value="${v}"`);
    const res = await staff.get(`/pickups/${pickupId}/labels?size=thermal-50x30&scope=pickup`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/pickups/${pickupId}/labels/pdf?size=thermal-50x30&scope=pickup`);
    expect(await (await staff.get(`/pickups/${pickupId}`)).text()).toContain(`href="/pickups/${pickupId}/labels"`);
    expect(await (await (await as(world.users.member1.email)).get(`/pickups/${pickupId}`)).text()).not.toContain(`/pickups/${pickupId}/labels`);
    expect((await staff.get(`/pickups/${pickupId}/labels/pdf?size=a5`)).status).toBe(400);
  });
});

describe("who may print", () => {
  it("another buyer, a member, the project, the authority and made-up ids get 404, and no code is written", async () => {
    const fresh = await ledgerPickup(contracts.contracts.active.id, date, [{ householdId: world.households.hh1.id, grossKg: 5, grade: "A" }]);
    const before = await db.traceCode.count();
    const { buyerB, member1, project, authority } = world.users;
    for (const who of [buyerB, member1, project, authority]) {
      const client = await as(who.email);
      for (const path of [
        `/pickups/${fresh}/labels/pdf?size=a4-3x8&scope=lots`,
        `/pickups/${fresh}/labels`,
        `/pickups/${pickupId}/labels/pdf?size=thermal-50x30`,
      ]) {
        expect((await client.get(path)).status, `${who.email} ${path}`).toBe(404);
      }
    }
    const staff = await as(world.users.staffA.email);
    expect((await staff.get(`/pickups/${otherPickupId}/labels/pdf?size=a4-3x8`)).status).toBe(404);
    expect((await staff.get(`/pickups/ckzzzzzzzzzzzzzzzzzzzzzzz/labels/pdf?size=a4-3x8`)).status).toBe(404);
    expect(await db.traceCode.count()).toBe(before);
  });
});

describe("a pickup recorded before codes existed", () => {
  it("gets its codes at the first print, and the same codes at the next", async () => {
    const old = await ledgerPickup(contracts.contracts.active.id, plusDays(date, -3), [
      { householdId: world.households.hh1.id, grossKg: 30, grade: "A" },
      { householdId: world.households.hh1b.id, grossKg: 31, grade: "B" },
    ]);
    // Codes are append-only: take them away behind the app's back, as a database of before would be.
    await write(async (tx) => {
      const [trigger] = await tx.$queryRaw<{ sql: string }[]>(
        Prisma.sql`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'TraceCode_no_delete'`,
      );
      await tx.$executeRawUnsafe(`DROP TRIGGER "TraceCode_no_delete"`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM "TraceCode" WHERE "pickupId" = ${old}`);
      await tx.$executeRawUnsafe(trigger.sql);
    });
    expect(await codeCount(old)).toBe(0);
    const staff = await as(world.users.staffA.email);
    const first = readLabelSheet(await sheet(staff, old, "a4-3x8"), "a4-3x8").map((r) => r.url);
    expect(await codeCount(old)).toBe(3);
    expect(first).toEqual((await lotCodes(old)).map((c) => `${server.url}/t/${c}`));
    const again = readLabelSheet(await sheet(staff, old, "a4-3x8"), "a4-3x8").map((r) => r.url);
    expect(again).toEqual(first);
    expect(await codeCount(old)).toBe(3);
  });
});

describe("the buyer's GTINs", () => {
  const post = (client: Client, orgId: string, productId: string, gtin: string) => client.post(`/orgs/${orgId}/gtins`, { productId, gtin });
  const rows = () => db.productGtin.findMany({ orderBy: { buyerId: "asc" } });

  it("only the buyer's members see them, only its administrators change them", async () => {
    const { orgA } = world.orgs;
    for (const who of [world.users.leader1, world.users.buyerB, world.users.project]) {
      expect((await (await as(who.email)).get(`/orgs/${orgA.id}/gtins`)).status, who.email).toBe(404);
    }
    const staff = await as(world.users.staffA.email);
    const page = await staff.get(`/orgs/${orgA.id}/gtins`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Cà phê quả tươi");
    expect((await post(staff, orgA.id, contracts.product.id, GTIN)).status).toBe(403);
    expect((await post(await as(world.users.buyerB.email), orgA.id, contracts.product.id, GTIN)).status).toBe(404);
    expect(await rows()).toEqual([]);
    expect(await (await (await as(world.users.buyerA.email)).get(`/orgs/${orgA.id}`)).text()).toContain(`href="/orgs/${orgA.id}/gtins"`);
  });

  it("refuses a wrong check digit or length with the field's message, and a product the buyer does not buy with 404", async () => {
    const admin = await as(world.users.buyerA.email);
    const { orgA } = world.orgs;
    const bad = await post(admin, orgA.id, contracts.product.id, "4006381333932");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Mã GTIN không hợp lệ (sai số kiểm tra)");
    const short = await post(admin, orgA.id, contracts.product.id, "12345");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Mã GTIN gồm 8, 12, 13 hoặc 14 chữ số.");
    const stranger = await write((tx) => tx.product.create({ data: { ref: "sp-khac", name: "Chè búp tươi" }, select: { id: true } }));
    expect((await post(admin, orgA.id, stranger.id, GTIN)).status).toBe(404);
    expect(await rows()).toEqual([]);
  });

  it("with a GTIN the labels carry /01/{gtin}/10/{code}; another buyer cannot take it; cleared, /t/{code} again", async () => {
    const admin = await as(world.users.buyerA.email);
    const { orgA, orgB } = world.orgs;
    const saved = await post(admin, orgA.id, contracts.product.id, "400 6381 33393 1");
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Đã lưu GTIN của Cà phê quả tươi.");
    expect(await rows()).toEqual([{ buyerId: orgA.id, productId: contracts.product.id, gtin: GTIN }]);

    const codes = await lotCodes(pickupId);
    const staff = await as(world.users.staffA.email);
    const read = readLabelSheet(await sheet(staff, pickupId, "a4-3x8"), "a4-3x8");
    expect(read.map((r) => r.url)).toEqual(codes.map((c) => `${server.url}/01/${GTIN}/10/${c}`));
    for (const r of read) expect(r.symbolMm).toBeGreaterThanOrEqual(18);

    // The same product bought by orgB: the GTIN is orgA's, orgB's labels keep /t/.
    const buyerB = await as(world.users.buyerB.email);
    const taken = await post(buyerB, orgB.id, contracts.product.id, GTIN);
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Mã GTIN này đã thuộc về một đơn vị khác.");
    expect(await rows()).toHaveLength(1);
    const otherSheet = readLabelSheet(await sheet(buyerB, otherPickupId, "a4-3x8"), "a4-3x8");
    const [other] = await lotCodes(otherPickupId);
    expect(otherSheet.map((r) => r.url)).toEqual([`${server.url}/t/${other}`]);

    const cleared = await post(admin, orgA.id, contracts.product.id, "");
    expect(cleared.status).toBe(200);
    expect(await rows()).toEqual([]);
    expect(readLabelSheet(await sheet(staff, pickupId, "a4-3x8"), "a4-3x8").map((r) => r.url)).toEqual(codes.map((c) => `${server.url}/t/${c}`));
  });
});

describe("long text", () => {
  it("a very long group name is shrunk and cut with an ellipsis, never printed past its label's edge", async () => {
    const long = "Tổ hợp tác sản xuất và tiêu thụ rau an toàn theo tiêu chuẩn VietGAP của đồng bào dân tộc Thái bản Tân Xuân xã Tân Xuân tỉnh Sơn La";
    await write((tx) => tx.farmerGroup.update({ where: { id: world.groups.g2 }, data: { name: long } }));
    const buyerB = await as(world.users.buyerB.email);
    for (const size of ["a4-3x8", "a4-2x7", "thermal-50x30"] as const) {
      const pdf = await sheet(buyerB, otherPickupId, size);
      expect(readLabelSheet(pdf, size)).toHaveLength(1);
      const lines = textLines(pdf);
      expect(
        lines.some((l) => l.text.endsWith("…")),
        size,
      ).toBe(true);
      const cell = labelCell(size, 0);
      const tol = 0.3;
      for (const l of lines) {
        expect(l.x, `${size}: ${l.text}`).toBeGreaterThanOrEqual(cell.x - tol);
        expect(l.y, `${size}: ${l.text}`).toBeGreaterThanOrEqual(cell.y - tol);
        expect(l.x + l.w, `${size}: ${l.text}`).toBeLessThanOrEqual(cell.x + cell.w + tol);
        expect(l.y + l.h, `${size}: ${l.text}`).toBeLessThanOrEqual(cell.y + cell.h + tol);
      }
      expect(LAYOUTS[size].label.w).toBe(cell.w);
    }
  });
});
