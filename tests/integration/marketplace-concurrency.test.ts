// Races over real HTTP against one built app server: confirmations fired at the same moment
// never promise more than an offer's maximum, a double-clicked confirmation makes one contract,
// and take-ups sent at the same moment are all kept (or, from one group, kept once).
// The server takes the requests concurrently; only its serialised writes keep them apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { expectStatus, html, offerRace } from "../support/offer-race";
import { tempDatabase } from "../support/temp-db";

tempDatabase("marketplace-concurrency");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, makeLeaderGroup } = await import("../support/marketplace-fixtures");
const { db, disconnect } = await import("~/utils/db.server");

type Group = Awaited<ReturnType<typeof makeLeaderGroup>>;

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;
/** Three Quảng Trị groups, each with its own leader and two households. */
let groups: Group[];
/** Three separate buyer sessions of orgA (two staff logins and the admin). */
let buyers: Client[];
/** A session of each group's leader, in the order of `groups`. */
let leaders: Client[];

const OVERSUBSCRIBED = "Xác nhận sẽ vượt quá số lượng tối đa của đơn.";

async function login(email: string): Promise<Client> {
  const c = new Client(server.url);
  await c.login(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  groups = [];
  for (const [i, name] of ["Tổ cà phê Hướng Lộc", "Tổ cà phê Hướng Linh", "Tổ cà phê Tân Hợp"].entries()) {
    groups.push(
      await makeLeaderGroup({
        email: `race-leader${i + 1}@test.vn`,
        leaderName: `Hồ Văn Tổ Trưởng ${i + 1}`,
        groupName: name,
        province: "Quảng Trị",
        district: "Hướng Hóa",
        households: [`Hồ Thị Hộ ${i + 1}A`, `Côn Văn Hộ ${i + 1}B`],
      }),
    );
  }
  server = await startServer();
  buyers = [await login(world.users.staffA.email), await login(world.users.staffA.email), await login(world.users.buyerA.email)];
  leaders = await Promise.all(groups.map((g) => login(g.leader.email)));
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const { openOffer, take, everyGroupTakes, confirmAllAtOnce, confirmedTonnes } = offerRace({
  buyerId: () => world.orgs.orgA.id,
  market: () => market,
  buyers: () => buyers,
  groups: () => groups,
  leaders: () => leaders,
  title: "Đơn tranh nhau số",
});

describe("confirmations racing for an offer's maximum", () => {
  // 3 × 6 t against a 10 t maximum: any one fits, no two do. Five rounds, five offers.
  it.each([1, 2, 3, 4, 5])("round %i: of three simultaneous 6 t confirmations on a 10 t offer exactly one wins", async () => {
    const offerId = await openOffer("10");
    const ids = await everyGroupTakes(offerId, 6);

    const results = await confirmAllAtOnce(offerId, ids);

    expect(results.map((r) => r.status).sort()).toEqual([302, 409, 409]);
    const winner = results.find((r) => r.status === 302)!;
    for (const r of results.filter((x) => x.status === 409)) expect(await html(r)).toContain(OVERSUBSCRIBED);

    const contracts = await db.contract.findMany({ where: { offerId } });
    expect(contracts).toHaveLength(1);
    expect(winner.headers.get("location")).toBe(`/contracts/${contracts[0].id}`);
    const confirmed = await db.offerAcceptance.findMany({ where: { offerId, status: "confirmed" } });
    expect(confirmed.map((a) => a.id)).toEqual([contracts[0].acceptanceId]);
    expect(await confirmedTonnes(offerId)).toBeLessThanOrEqual(10);
    // The losers are left pending, untouched, for the buyer to decline.
    expect(await db.offerAcceptance.count({ where: { offerId, status: "pending", decidedById: null } })).toBe(2);
  });

  it("of three simultaneous 4 t confirmations on a 10 t offer exactly two win", async () => {
    const offerId = await openOffer("10");
    const ids = await everyGroupTakes(offerId, 4);

    const results = await confirmAllAtOnce(offerId, ids);

    expect(results.map((r) => r.status).sort()).toEqual([302, 302, 409]);
    expect(await html(results.find((r) => r.status === 409)!)).toContain(OVERSUBSCRIBED);
    expect(await db.contract.count({ where: { offerId } })).toBe(2);
    expect(await confirmedTonnes(offerId)).toBe(8);
  });

  it("a confirmation sent twice at once (a double click) makes one contract", async () => {
    const offerId = await openOffer("40");
    await expectStatus(await leaders[0].post(`/offers/${offerId}`, take(0, 6)), 200);
    const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId } });

    const results = await confirmAllAtOnce(offerId, [acc.id, acc.id]);

    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await html(results.find((r) => r.status === 409)!)).toContain("Đề nghị này đã được trả lời.");
    expect(await db.contract.count({ where: { offerId } })).toBe(1);
    expect(await db.contractEvent.count({ where: { contract: { offerId } } })).toBe(1);
  });

  it("a confirmation and a decline of one take-up at once: exactly one of them takes effect", async () => {
    const offerId = await openOffer("40");
    await expectStatus(await leaders[1].post(`/offers/${offerId}`, take(1, 6)), 200);
    const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId } });

    const [confirm, decline] = await Promise.all([
      buyers[0].post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: acc.id, confirm: "on" }),
      buyers[1].post(`/offers/${offerId}`, { intent: "decline", acceptanceId: acc.id, reason: "Đã đủ hàng", confirm: "on" }),
    ]);

    const after = await db.offerAcceptance.findUniqueOrThrow({ where: { id: acc.id } });
    const contracts = await db.contract.count({ where: { offerId } });
    if (after.status === "confirmed") {
      expect([confirm.status, decline.status]).toEqual([302, 409]);
      expect(after.declineReason).toBeNull();
      expect(contracts).toBe(1);
    } else {
      expect(after.status).toBe("declined");
      expect([confirm.status, decline.status]).toEqual([409, 200]);
      expect(contracts).toBe(0);
    }
  });
});

describe("take-ups sent at the same moment", () => {
  it("two groups' leaders taking up one offer at once are both stored, each with its own allocations", async () => {
    const offerId = await openOffer("40");

    const results = await Promise.all([leaders[0].post(`/offers/${offerId}`, take(0, 6)), leaders[1].post(`/offers/${offerId}`, take(1, 8))]);

    for (const r of results) await expectStatus(r, 200);
    const rows = await db.offerAcceptance.findMany({ where: { offerId }, orderBy: { volumeTonnes: "asc" } });
    expect(rows.map((r) => [r.groupId, r.status, r.volumeTonnes, r.submittedById])).toEqual([
      [groups[0].groupId, "pending", 6, groups[0].leader.id],
      [groups[1].groupId, "pending", 8, groups[1].leader.id],
    ]);
    expect(JSON.parse(rows[0].allocations)).toEqual(groups[0].households.map((h) => ({ householdId: h.id, tonnes: 3 })));
    expect(JSON.parse(rows[1].allocations)).toEqual(groups[1].households.map((h) => ({ householdId: h.id, tonnes: 4 })));
    // Each take-up told each of the buyer's two people once.
    expect(await db.notification.count({ where: { kind: "acceptance_submitted", link: `/offers/${offerId}#acceptances` } })).toBe(4);
  });

  it("one leader's take-up sent three times at once is stored once", async () => {
    const offerId = await openOffer("40");

    const results = await Promise.all([0, 1, 2].map(() => leaders[2].post(`/offers/${offerId}`, take(2, 6))));

    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(await html(r)).toContain("Tổ đã gửi đề nghị và đang chờ bên mua trả lời.");
    expect(await db.offerAcceptance.count({ where: { offerId } })).toBe(1);
  });
});
