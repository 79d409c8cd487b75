// Offers and contracts as people in the field meet them (issue 15): a second, deliberate step
// before anything that cannot be undone, why a group cannot take an offer up, which grade row
// is wrong and why, the running total of a take-up's shares, editing a draft contract before
// it is signed, and what "Bắt đầu giao hàng" does. Real HTTP against the built app, real SQLite;
// every test asserts rows in the database as well as what the page says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("offers-field");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, offerForm } = await import("../support/marketplace-fixtures");
const { db, disconnect } = await import("~/utils/db.server");

type Form = Record<string, string | string[]>;

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const staff = () => as(world.users.staffA.email);
const leader1 = () => as(world.users.leader1.email);

async function expectStatus(res: Response, status: number): Promise<string> {
  const body = await res.text();
  expect(res.status, `${res.url} → ${res.status}: ${body.slice(0, 300)}`).toBe(status);
  return body;
}

/** The visible text of a page: scripts (the hydration data) and tags removed, quotes decoded. */
const text = (page: string) =>
  page
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

let n = 0;
async function openOffer(overrides: Form = {}): Promise<string> {
  const res = await (
    await staff()
  ).post("/offers/new", offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: `Đơn thử ${++n}`, ...overrides }));
  await expectStatus(res, 302);
  const id = /^\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
  await expectStatus(await (await staff()).post(`/offers/${id}`, { intent: "publish", confirm: "on" }), 200);
  return id;
}

const takeUp = (volumeTonnes: string, a: string, b: string): Form => ({
  intent: "accept",
  groupId: world.groups.g1,
  areaHa: "6,5",
  volumeTonnes,
  acceptTerms: "on",
  [`alloc.${world.households.hh1.id}`]: a,
  [`alloc.${world.households.hh1b.id}`]: b,
});

async function signedContract(): Promise<string> {
  const offerId = await openOffer();
  await expectStatus(await (await leader1()).post(`/offers/${offerId}`, takeUp("6", "3,5", "2,5")), 200);
  const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId, status: "pending" } });
  const res = await (await staff()).post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: acc.id, confirm: "on" });
  await expectStatus(res, 302);
  return /^\/contracts\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
}

describe("irreversible steps ask for a confirmation the server checks", () => {
  it("closing an offer without ticking the box is refused and leaves it open; ticked, it closes", async () => {
    const id = await openOffer();
    const s = await staff();
    const page = await expectStatus(await s.get(`/offers/${id}`), 200);
    expect(text(page)).toContain("Tôi xác nhận đóng đơn");

    const refused = await expectStatus(await s.post(`/offers/${id}`, { intent: "close" }), 400);
    expect(text(refused)).toContain("Hãy đánh dấu ô xác nhận");
    expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id } })).status).toBe("published");

    await expectStatus(await s.post(`/offers/${id}`, { intent: "close", confirm: "on" }), 200);
    expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id } })).status).toBe("closed");
  });

  it("declining a take-up needs the box ticked as well as a reason", async () => {
    const offerId = await openOffer();
    await expectStatus(await (await leader1()).post(`/offers/${offerId}`, takeUp("6", "3,5", "2,5")), 200);
    const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId, status: "pending" } });
    await expectStatus(await (await staff()).post(`/offers/${offerId}`, { intent: "decline", acceptanceId: acc.id, reason: "Đủ hàng" }), 400);
    expect((await db.offerAcceptance.findUniqueOrThrow({ where: { id: acc.id } })).status).toBe("pending");
    await expectStatus(await (await staff()).post(`/offers/${offerId}`, { intent: "decline", acceptanceId: acc.id, reason: "Đủ hàng", confirm: "on" }), 200);
    expect((await db.offerAcceptance.findUniqueOrThrow({ where: { id: acc.id } })).status).toBe("declined");
  });

  it("cancelling a contract without the box is refused, status and timeline unchanged; a party not allowed still hears 403", async () => {
    const id = await signedContract();
    const l = await leader1();
    const page = await expectStatus(await l.get(`/contracts/${id}`), 200);
    expect(text(page)).toContain("Tôi xác nhận bước này");

    const refused = await expectStatus(await l.post(`/contracts/${id}`, { intent: "move", to: "cancelled", reason: "Tổ không đủ hàng" }), 400);
    expect(text(refused)).toContain("Hãy đánh dấu ô xác nhận");
    expect((await db.contract.findUniqueOrThrow({ where: { id } })).status).toBe("signed");
    expect(await db.contractEvent.count({ where: { contractId: id } })).toBe(1);

    // Only the buyer starts deliveries: the leader is refused for that, box or not.
    expect((await l.post(`/contracts/${id}`, { intent: "move", to: "active" })).status).toBe(403);

    await expectStatus(await l.post(`/contracts/${id}`, { intent: "move", to: "cancelled", reason: "Tổ không đủ hàng", confirm: "on" }), 200);
    expect((await db.contract.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
  });
});

describe("a group outside an offer's area is told why", () => {
  it("a Sơn La leader opening a Quảng Trị offer sees it, the area and no take-up form; a draft stays 404", async () => {
    const id = await openOffer({ eligibleProvinces: "Quảng Trị" });
    const l2 = await as(world.users.leader2.email);
    const page = text(await expectStatus(await l2.get(`/offers/${id}`), 200));
    expect(page).toContain("Tổ rau an toàn Tân Xuân");
    expect(page).toContain("không nhận được đơn này: đơn chỉ thu mua ở Quảng Trị");
    expect(page).not.toContain("Gửi đề nghị nhận đơn");

    const draft = /^\/offers\/([^/]+)$/.exec(
      (await (await staff()).post("/offers/new", offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: "Nháp kín" }))).headers.get(
        "location",
      ) ?? "",
    )![1];
    expect((await l2.get(`/offers/${draft}`)).status).toBe(404);
  });
});

describe("grade rows say which row is wrong and what is allowed", () => {
  it("a price out of range and a repeated code are named by row; nothing is written", async () => {
    const before = await db.purchaseOffer.count();
    const res = await (
      await staff()
    ).post(
      "/offers/new",
      offerForm(world.orgs.orgA.id, market.seasons.current, market.today, {
        title: "Đơn sai hạng",
        "grade.code": ["A", "B", "a"],
        "grade.label": ["Loại 1", "Loại 2", "Loại 3"],
        "grade.criteria": ["", "", ""],
        "grade.priceVndPerKg": ["18.500", "0", "12.000"],
      }),
    );
    const page = text(await expectStatus(res, 400));
    expect(page).toContain("Hạng 2: giá phải từ 1 đến 100.000.000 ₫/kg");
    expect(page).toContain("Mã hạng “A” bị trùng (hạng 1 và hạng 3)");
    expect(await db.purchaseOffer.count()).toBe(before);
  });
});

describe("a take-up's shares against its volume", () => {
  it("the form shows the running total, and a refused take-up shows how far off the shares are", async () => {
    const offerId = await openOffer();
    const l = await leader1();
    expect(text(await expectStatus(await l.get(`/offers/${offerId}`), 200))).toContain("Đã chia cho các hộ: 0 / 0 tấn đề xuất.");
    const page = text(await expectStatus(await l.post(`/offers/${offerId}`, takeUp("6", "3,5", "2")), 400));
    expect(page).toContain("Đã chia cho các hộ: 5,5 / 6 tấn đề xuất. Còn thiếu 0,5 tấn.");
    expect(await db.offerAcceptance.count({ where: { offerId } })).toBe(0);
  });
});

describe("“Bắt đầu giao hàng” says what it does", () => {
  it("a signed contract explains each step offered, and why no pickup can be recorded yet", async () => {
    const id = await signedContract();
    const page = text(await expectStatus(await (await staff()).get(`/contracts/${id}`), 200));
    expect(page).toContain("Bắt đầu giao hàng");
    expect(page).toContain("Mở hợp đồng cho việc cân hàng: từ bước này bên mua mới ghi được các lần thu mua.");
    expect(page).toContain("Chưa ghi được lần thu mua: bấm “Bắt đầu giao hàng”");
    expect(page).not.toContain('href="/contracts/' + id + '/pickups/new"');
  });
});

describe("a draft contract is edited by the buyer before it is signed", () => {
  it("the renewal's area, volume, prices, payment terms and shares change; once signed, they do not", async () => {
    const id = await signedContract();
    const s = await staff();
    await expectStatus(await s.post(`/contracts/${id}`, { intent: "move", to: "active", confirm: "on" }), 200);
    const renew = await s.post(`/contracts/${id}`, { intent: "renew" });
    await expectStatus(renew, 302);
    const draftId = /^\/contracts\/([^/]+)$/.exec(renew.headers.get("location") ?? "")![1];
    expect(text(await expectStatus(await s.get(`/contracts/${draftId}`), 200))).toContain("Sửa bản nháp");
    const form = text(await expectStatus(await s.get(`/contracts/${draftId}/edit`), 200));
    expect(form).toContain("Giá loại A");

    const [hh1, hh1b] = [world.households.hh1.id, world.households.hh1b.id];
    const fields = (extra: Form = {}): Form => ({
      areaHa: "7,5",
      volumeTonnes: "8",
      paymentTermsDays: "10",
      "grade.code": ["A", "B"],
      "grade.priceVndPerKg": ["19.800", "17.000"],
      [`alloc.${hh1}`]: "5",
      [`alloc.${hh1b}`]: "3",
      ...extra,
    });
    // The shares must add up to the volume, shown with the running total; nothing changes.
    const off = text(await expectStatus(await s.post(`/contracts/${draftId}/edit`, fields({ [`alloc.${hh1b}`]: "2" })), 400));
    expect(off).toContain("Đã chia cho các hộ: 7 / 8 tấn đề xuất. Còn thiếu 1 tấn.");
    expect((await db.contract.findUniqueOrThrow({ where: { id: draftId } })).volumeTonnes).toBe(6);
    // A leader reads the draft but does not edit it.
    expect((await (await leader1()).post(`/contracts/${draftId}/edit`, fields())).status).toBe(403);

    await expectStatus(await s.post(`/contracts/${draftId}/edit`, fields()), 302);
    const saved = await db.contract.findUniqueOrThrow({
      where: { id: draftId },
      include: { grades: { orderBy: { code: "asc" } }, allocations: { orderBy: { tonnes: "desc" } } },
    });
    expect(saved).toMatchObject({ status: "draft", areaHa: 7.5, volumeTonnes: 8, paymentTermsDays: 10 });
    expect(saved.grades.map((g) => [g.code, g.priceVndPerKg])).toEqual([
      ["A", 19800],
      ["B", 17000],
    ]);
    expect(saved.allocations.map((a) => [a.householdId, a.tonnes])).toEqual([
      [hh1, 5],
      [hh1b, 3],
    ]);
    // The contract it renews is untouched.
    expect((await db.contract.findUniqueOrThrow({ where: { id } })).volumeTonnes).toBe(6);

    await expectStatus(await s.post(`/contracts/${draftId}`, { intent: "move", to: "signed", confirm: "on", signedPlace: "Xã Hướng Phùng, Quảng Trị" }), 200);
    expect(text(await expectStatus(await s.post(`/contracts/${draftId}/edit`, fields({ volumeTonnes: "9", [`alloc.${hh1}`]: "6" })), 409))).toContain(
      "Hợp đồng đã ký: điều khoản không sửa được nữa.",
    );
    expect((await db.contract.findUniqueOrThrow({ where: { id: draftId } })).volumeTonnes).toBe(8);
    expect(text(await expectStatus(await s.get(`/contracts/${draftId}`), 200))).not.toContain("Sửa bản nháp");
  });
});

describe("English mode names the product in English", () => {
  it("the offer list, an offer and a contract show “Fresh coffee cherry” to an English reader, “Cà phê quả tươi” to a Vietnamese one", async () => {
    const offerId = await openOffer({ title: "Coffee offer in English" });
    const contractId = await signedContract();
    const b = await as(world.users.buyerA.email);
    const vi = text(await expectStatus(await b.get(`/offers/${offerId}`), 200));
    expect(vi).toContain("Cà phê quả tươi");
    expect((await b.post("/locale", { locale: "en", redirectTo: `/offers/${offerId}` })).status).toBe(302);
    for (const path of [`/offers/${offerId}`, "/offers?open=0", `/contracts/${contractId}`, "/contracts", `/offers/new`]) {
      const page = text(await expectStatus(await b.get(path), 200));
      expect(page, path).toContain("Fresh coffee cherry");
      expect(page, path).not.toContain("Cà phê quả tươi");
    }
  });
});
