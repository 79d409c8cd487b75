// Publishing a purchase offer and confirming a farmer group's take-up commit the organisation
// (issue 15): each asks for a ticked confirmation that states the consequence, checked by the
// server, like closing an offer. Over real HTTP against the built app.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("offer-commitments");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, offerForm } = await import("../support/marketplace-fixtures");
const { db, disconnect } = await import("~/utils/db.server");

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
const leader = () => as(world.users.leader1.email);
const text = async (res: Response) =>
  (await res.text())
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

it("publishes an offer only with the confirmation ticked, and says what publishing means", async () => {
  const res = await (await staff()).post("/offers/new", offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: "Đơn cần xác nhận" }));
  const offerId = /\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
  const page = await text(await (await staff()).get(`/offers/${offerId}`));
  expect(page).toContain("Tôi xác nhận đăng đơn: mọi tổ nhóm thấy đơn và nhận được theo các điều khoản này");

  const refused = await (await staff()).post(`/offers/${offerId}`, { intent: "publish" });
  expect(refused.status).toBe(400);
  expect(await text(refused)).toContain("Hãy đánh dấu ô xác nhận");
  expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id: offerId } })).status).toBe("draft");

  expect((await (await staff()).post(`/offers/${offerId}`, { intent: "publish", confirm: "on" })).status).toBe(200);
  expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id: offerId } })).status).toBe("published");

  // A group takes it up; confirming makes a signed contract, so it too asks first.
  const take = await (
    await leader()
  ).post(`/offers/${offerId}`, {
    intent: "accept",
    groupId: world.groups.g1,
    areaHa: "6,5",
    volumeTonnes: "6",
    acceptTerms: "on",
    [`alloc.${world.households.hh1.id}`]: "3,5",
    [`alloc.${world.households.hh1b.id}`]: "2,5",
  });
  expect(take.status).toBe(200);
  const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId, status: "pending" } });
  expect(await text(await (await staff()).get(`/offers/${offerId}`))).toContain(
    "Tôi xác nhận: hợp đồng mua 6 tấn với Tổ hợp tác cà phê Hướng Phùng 1 được lập và ký nhân danh tổ chức",
  );

  const unconfirmed = await (await staff()).post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: acc.id });
  expect(unconfirmed.status).toBe(400);
  expect(await text(unconfirmed)).toContain("Hãy đánh dấu ô xác nhận");
  expect((await db.offerAcceptance.findUniqueOrThrow({ where: { id: acc.id } })).status).toBe("pending");
  expect(await db.contract.count({ where: { acceptanceId: acc.id } })).toBe(0);

  const confirmed = await (await staff()).post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: acc.id, confirm: "on" });
  expect(confirmed.status).toBe(302);
  expect((await db.offerAcceptance.findUniqueOrThrow({ where: { id: acc.id } })).status).toBe("confirmed");
});
