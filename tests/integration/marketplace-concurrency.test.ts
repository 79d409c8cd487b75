// Races over real HTTP against one built app server: confirmations fired at the same moment
// never promise more than an offer's maximum, a double-clicked confirmation makes one contract,
// and take-ups sent at the same moment are all kept (or, from one group, kept once).
// The server takes the requests concurrently; only its serialised writes keep them apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("marketplace-concurrency");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, makeLeaderGroup, offerForm } = await import("../support/marketplace-fixtures");
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

/** The page's HTML without the stray NUL bytes React 18.3 can stream (see marketplace.test.ts). */
async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll("\0", "");
}

async function expectStatus(res: Response, status: number): Promise<string> {
  const body = await html(res);
  const alerts = [...body.matchAll(/role="alert"[^>]*>([^<]*)</g)].map((m) => m[1]).join(" | ");
  expect(res.status, `${res.url} → ${res.status}: ${alerts}`).toBe(status);
  return body;
}

let offerCount = 0;
/** A published offer of orgA, made and published over HTTP. */
async function openOffer(maxTonnes: string): Promise<string> {
  const fields = offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: `Đơn tranh nhau số ${++offerCount}`, minTonnes: "1", maxTonnes });
  const res = await buyers[0].post("/offers/new", fields);
  await expectStatus(res, 302);
  const id = /^\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
  await expectStatus(await buyers[0].post(`/offers/${id}`, { intent: "publish", confirm: "on" }), 200);
  return id;
}

/** Group i's take-up: `tonnes` split evenly over its two households. */
function take(i: number, tonnes: number): Record<string, string> {
  const g = groups[i];
  return {
    intent: "accept",
    groupId: g.groupId,
    areaHa: "3",
    volumeTonnes: String(tonnes),
    acceptTerms: "on",
    [`alloc.${g.households[0].id}`]: String(tonnes / 2),
    [`alloc.${g.households[1].id}`]: String(tonnes / 2),
  };
}

/** Every group takes up `tonnes` (one after another); returns the pending acceptances' ids. */
async function everyGroupTakes(offerId: string, tonnes: number): Promise<string[]> {
  for (let i = 0; i < groups.length; i++) await expectStatus(await leaders[i].post(`/offers/${offerId}`, take(i, tonnes)), 200);
  const rows = await db.offerAcceptance.findMany({ where: { offerId, status: "pending" }, select: { id: true } });
  expect(rows).toHaveLength(groups.length);
  return rows.map((r) => r.id);
}

/** The buyer's three sessions each confirm one acceptance, all at once. */
function confirmAllAtOnce(offerId: string, acceptanceIds: string[]): Promise<Response[]> {
  return Promise.all(
    acceptanceIds.map((id, i) => buyers[i % buyers.length].post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: id, confirm: "on" })),
  );
}

async function confirmedTonnes(offerId: string): Promise<number> {
  const r = await db.offerAcceptance.aggregate({ where: { offerId, status: "confirmed" }, _sum: { volumeTonnes: true } });
  return r._sum.volumeTonnes ?? 0;
}

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
