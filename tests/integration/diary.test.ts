// Household diaries over real HTTP against the built app (issue 14): a member writes their own
// household's week, the leader any household of the group, the project reads; the week shows
// the ledger's sales under contract beside the typed lines; bad input and the harvest rule write
// nothing; and the monthly page's figures are worked out by hand below.
//
// Everything is dated today (Vietnam), so the week, the month and the calendar year of the
// harvest rule are the same whatever day the suite runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("diary");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts } = await import("../support/pickup-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { appendCorrection, appendPickup } = await import("~/domain/ledger.server");
const { weekStart, plusDays } = await import("~/domain/diary/diary.schema");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let today: string;
let productId: string; // the contract's product (coffee)
let otherProductId: string; // a product the household records no harvest of
let g1: string;
let hh1: string; // leader1's group, not member1's household
let hh1b: string; // member1's household

const as = sessionPool(() => server, PASSWORD);
const url = (household: string, rest = "") => `/groups/${g1}/households/${household}/diary${rest}`;
const count = () => db.diaryEntry.count();

beforeAll(async () => {
  world = await makeWorld();
  const setup = await makeContracts(world);
  today = setup.today;
  productId = setup.product.id;
  g1 = world.groups.g1;
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  otherProductId = (await write((tx) => tx.product.create({ data: { ref: "mit", name: "Mít" }, select: { id: true } }))).id;
  // hh1b delivers 48 kg of grade A (14.500 ₫/kg) today: 50 kg gross − 2 kg tare; 48 × 14.500 = 696.000 ₫.
  // A second lot of 10 kg is then corrected to 5 kg: only the correction counts (5 × 13.000 = 65.000 ₫, grade B).
  const { pickup } = await write((tx) =>
    appendPickup(tx, {
      contractId: setup.contracts.active.id,
      date: today,
      witnessHouseholdIds: [],
      lots: [
        { householdId: hh1b, grossG: 50_000, tareG: 2_000, grade: "A", measurements: { ripePct: 96 } },
        { householdId: hh1b, grossG: 10_000, tareG: 0, grade: "A", measurements: { ripePct: 96 } },
        { householdId: hh1, grossG: 30_000, tareG: 0, grade: "A", measurements: { ripePct: 96 } },
      ],
    }),
  );
  const wrong = await db.lot.findFirstOrThrow({ where: { pickupId: pickup.id, householdId: hh1b, netG: 10_000 } });
  await write((tx) => appendCorrection(tx, { lotId: wrong.id, reason: "cân lại", grossG: 5_000, tareG: 0, grade: "B", measurements: { ripePct: 88 } }));
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("writing a week", () => {
  it("a member writes a cost line for their own household and sees it in this week", async () => {
    const member = await as(world.users.member1.email);
    const before = await count();
    const res = await member.post(url(hh1b), { kind: "cost", on: today, category: "fertiliser", amountVnd: "1.250.000", note: "NPK" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(url(hh1b, `?week=${weekStart(today)}&saved=1`));
    expect(await count()).toBe(before + 1);
    const row = await db.diaryEntry.findFirstOrThrow({ where: { householdId: hh1b, kind: "cost" } });
    expect(row).toMatchObject({ on: today, category: "fertiliser", amountVnd: 1_250_000, quantityKg: null, recordedById: world.users.member1.id });
    const html = await (await member.get(url(hh1b))).text();
    expect(html).toContain("Phân bón · 1.250.000 ₫");
    // Beside it, the ledger: 48 kg at 14.500 ₫ = 696.000 ₫ and the corrected 5 kg at 13.000 ₫ =
    // 65.000 ₫ (not the 10 kg it replaced, 145.000 ₫), never typed: 53 kg, 761.000 ₫.
    const ledger = /id="diary-ledger"[\s\S]*?<\/table>/.exec(html.replaceAll("<!-- -->", ""))?.[0] ?? "";
    expect(ledger).toMatch(/48<\/td><td class="num hide-sm">14\.500 ₫<\/td><td class="num">696\.000 ₫/);
    expect(ledger).toMatch(/>5<\/td><td class="num hide-sm">13\.000 ₫<\/td><td class="num">65\.000 ₫/);
    expect(ledger).toMatch(/<tfoot>.*>53<\/td>.*761\.000 ₫/);
    expect(ledger).not.toContain("145.000 ₫");
    // Not hh1's 30 kg lot (435.000 ₫).
    expect(ledger).not.toContain("435.000 ₫");
  });

  it("labour, harvest and a sale: the sale's amount is kg × price, worked out by the server", async () => {
    const member = await as(world.users.member1.email);
    expect((await member.post(url(hh1b), { kind: "labour", on: today, category: "family", days: "2,5" })).status).toBe(302);
    expect((await member.post(url(hh1b), { kind: "harvest", on: today, productId, quantityKg: "100" })).status).toBe(302);
    // 12,5 kg × 20.000 ₫ = 250.000 ₫; an amount sent along is ignored.
    const res = await member.post(url(hh1b), {
      kind: "sale",
      on: today,
      productId,
      quantityKg: "12,5",
      priceVnd: "20.000",
      buyer: "Thương lái",
      amountVnd: "1",
    });
    expect(res.status).toBe(302);
    const sale = await db.diaryEntry.findFirstOrThrow({ where: { householdId: hh1b, kind: "sale" } });
    expect(sale).toMatchObject({ quantityKg: 12.5, priceVnd: 20_000, amountVnd: 250_000, buyer: "Thương lái", category: null, days: null });
    const labour = await db.diaryEntry.findFirstOrThrow({ where: { householdId: hh1b, kind: "labour" } });
    expect(labour.days).toBe(2.5);
  });

  it("the leader writes for any household of the group; a member only for their own", async () => {
    const leader = await as(world.users.leader1.email);
    expect((await leader.post(url(hh1), { kind: "cost", on: today, category: "seed", amountVnd: "300000" })).status).toBe(302);
    expect(await db.diaryEntry.count({ where: { householdId: hh1 } })).toBe(1);
    const member = await as(world.users.member1.email);
    const before = await count();
    expect((await member.get(url(hh1))).status).toBe(404);
    expect((await member.get(url(hh1, "/month"))).status).toBe(404);
    expect((await member.post(url(hh1), { kind: "cost", on: today, category: "seed", amountVnd: "300000" })).status).toBe(404);
    expect(await count()).toBe(before);
  });
});

describe("bad input writes nothing", () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["a zero amount", { kind: "cost", on: "", category: "seed", amountVnd: "0" }, "amountVnd", "Phải lớn hơn 0."],
    ["a negative amount", { kind: "cost", on: "", category: "seed", amountVnd: "-5000" }, "amountVnd", "Phải lớn hơn 0."],
    ["an amount of billions", { kind: "cost", on: "", category: "seed", amountVnd: "25000000000" }, "amountVnd", "Số nằm ngoài khoảng cho phép."],
    ["a date to come", { kind: "cost", on: "+1", category: "seed", amountVnd: "1000" }, "on", "Không ghi trước cho ngày chưa tới."],
    ["a cost without its item", { kind: "cost", on: "", amountVnd: "1000" }, "category", "Vui lòng nhập thông tin này."],
    ["a labour line with a cost's item", { kind: "labour", on: "", category: "seed", days: "1" }, "category", "Giá trị không hợp lệ."],
    ["zero days", { kind: "labour", on: "", category: "hired", days: "0" }, "days", "Phải lớn hơn 0."],
    ["a harvest of 900 tonnes", { kind: "harvest", on: "", productId: "P", quantityKg: "900000" }, "quantityKg", "Số quá lớn, vui lòng kiểm tra lại."],
    ["a sale without a price", { kind: "sale", on: "", productId: "P", quantityKg: "5" }, "priceVnd", "Vui lòng nhập thông tin này."],
    ["a product that does not exist", { kind: "harvest", on: "", productId: "nope", quantityKg: "5" }, "productId", "Giá trị không hợp lệ."],
  ];
  it.each(cases)("%s", async (_name, fields, field, message) => {
    const member = await as(world.users.member1.email);
    const before = await count();
    const on = fields.on === "" ? today : fields.on === "+1" ? plusDays(today, 1) : fields.on;
    const res = await member.post(url(hh1b), { ...fields, on, ...(fields.productId === "P" ? { productId } : {}) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`));
    expect(await count()).toBe(before);
  });

  it("a line of no known kind", async () => {
    const member = await as(world.users.member1.email);
    const before = await count();
    const res = await member.post(url(hh1b), { kind: "gift", on: today, amountVnd: "1000" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/class="alert alert-error" role="alert">[^<]*Vui lòng nhập thông tin này\./);
    expect(await count()).toBe(before);
  });
});

describe("the harvest rule (Bán nhiều hơn thu hoạch)", () => {
  // hh1b recorded a harvest of 100 kg this year; it delivered 48 + 5 = 53 kg under contract
  // (the corrected lot counts as corrected) and sold 12,5 kg to others: 65,5 kg sold, 34,5 kg left.
  it("a sale that would take the year's sales above the harvest is refused", async () => {
    const member = await as(world.users.member1.email);
    const before = await count();
    // 65,5 + 35 = 100,5 > 100
    const res = await member.post(url(hh1b), { kind: "sale", on: today, productId, quantityKg: "35", priceVnd: "20000" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Bán nhiều hơn thu hoạch");
    expect(await count()).toBe(before);
  });

  it("up to the harvest exactly is accepted (65,5 + 34,5 = 100)", async () => {
    const member = await as(world.users.member1.email);
    expect((await member.post(url(hh1b), { kind: "sale", on: today, productId, quantityKg: "34,5", priceVnd: "20000" })).status).toBe(302);
    // Now 100 of 100: even 0,1 kg more is refused.
    const res = await member.post(url(hh1b), { kind: "sale", on: today, productId, quantityKg: "0,1", priceVnd: "20000" });
    expect(res.status).toBe(400);
  });

  it("a product the household records no harvest of is not checked", async () => {
    const member = await as(world.users.member1.email);
    const res = await member.post(url(hh1b), { kind: "sale", on: today, productId: otherProductId, quantityKg: "500", priceVnd: "8000" });
    expect(res.status).toBe(302);
  });

  it("a line written by mistake is removed; another household's line cannot be", async () => {
    const member = await as(world.users.member1.email);
    const last = await db.diaryEntry.findFirstOrThrow({ where: { householdId: hh1b, productId: otherProductId } });
    const hh1Line = await db.diaryEntry.findFirstOrThrow({ where: { householdId: hh1 } });
    // Posted to member1's own diary URL with hh1's line id: matches nothing.
    expect((await member.post(url(hh1b), { intent: "delete", entryId: hh1Line.id, week: today })).status).toBe(302);
    expect(await db.diaryEntry.findUnique({ where: { id: hh1Line.id } })).not.toBeNull();
    expect((await member.post(url(hh1b), { intent: "delete", entryId: last.id, week: today })).status).toBe(302);
    expect(await db.diaryEntry.findUnique({ where: { id: last.id } })).toBeNull();
  });
});

describe("who reads", () => {
  it("the group's project reads the diary but cannot write", async () => {
    const project = await as(world.users.project.email);
    const res = await project.get(url(hh1b));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Bạn chỉ được xem sổ này.");
    expect(html).not.toContain('name="kind"');
    const before = await count();
    expect((await project.post(url(hh1b), { kind: "cost", on: today, category: "seed", amountVnd: "1000" })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it.each([
    ["the buyer of the group's contract", "buyerA"],
    ["another group's leader", "leader2"],
    ["the area's authority", "authority"],
  ] as const)("%s gets 404, and writes nothing", async (_name, who) => {
    const c = await as(world.users[who].email);
    const before = await count();
    expect((await c.get(url(hh1b))).status).toBe(404);
    expect((await c.get(url(hh1b, "/month"))).status).toBe(404);
    expect((await c.post(url(hh1b), { kind: "cost", on: today, category: "seed", amountVnd: "1000" })).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it("a household id under another group's URL is not found", async () => {
    const leader = await as(world.users.leader1.email);
    expect((await leader.get(`/groups/${g1}/households/${world.households.hh2.id}/diary`)).status).toBe(404);
  });
});

describe("the monthly page", () => {
  it("adds up the month by hand", async () => {
    // hh1b this month:
    //   costs: fertiliser 1.250.000 ₫                                   → total 1.250.000 ₫
    //   labour: family 2,5 days
    //   harvest: 100 kg coffee
    //   sales outside: 12,5 kg × 20.000 + 34,5 kg × 20.000 = 250.000 + 690.000 = 940.000 ₫ (47 kg)
    //     (the 500 kg of jackfruit was removed)
    //   sales inside: 48 kg × 14.500 + 5 kg × 13.000 = 696.000 + 65.000 = 761.000 ₫ (53 kg)
    //   sales total: 940.000 + 761.000 = 1.701.000 ₫
    //   margin: 1.701.000 − 1.250.000 = 451.000 ₫
    const leader = await as(world.users.leader1.email);
    const res = await leader.get(url(hh1b, `/month?month=${today.slice(0, 7)}`));
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll("<!-- -->", "");
    const cell = (id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
    expect(cell("month-costs-total")).toBe("1.250.000 ₫");
    expect(cell("month-sales-total")).toBe("1.701.000 ₫");
    expect(cell("month-margin")).toBe("451.000 ₫");
    expect(html).toMatch(/id="month-sales-inside"[\s\S]*?53 kg[\s\S]*?761\.000 ₫/);
    expect(html).toMatch(/id="month-sales-outside"[\s\S]*?47 kg[\s\S]*?940\.000 ₫/);
    expect(html).toMatch(/id="month-labour"[\s\S]*2,5 ngày công/);
    expect(html).toMatch(/id="month-harvest"[\s\S]*100 kg/);
  });

  it("a month with nothing written shows zero and no error", async () => {
    const leader = await as(world.users.leader1.email);
    const html = await (await leader.get(url(hh1b, "/month?month=2001-02"))).text();
    expect(html).toMatch(/id="month-margin"[^>]*>0 ₫</);
  });
});
