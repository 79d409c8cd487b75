// The steps of a race for an offer's maximum over real HTTP, shared by the suites that run it
// against one server (marketplace-concurrency) and against two processes (pg/two-writers):
// publish an offer, let every group take it up, confirm all the take-ups at the same moment.
import { expect } from "vitest";
import type { makeLeaderGroup, makeMarket } from "./marketplace-fixtures";
import { offerForm } from "./marketplace-fixtures";
import type { Client } from "./server";

type Group = Awaited<ReturnType<typeof makeLeaderGroup>>;

/** The page's HTML without the stray NUL bytes React 18.3 can stream (see marketplace.test.ts). */
export async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll("\0", "");
}

/** Expects `status`, naming the page's alerts when it is another; the page's HTML. */
export async function expectStatus(res: Response, status: number): Promise<string> {
  const body = await html(res);
  const alerts = [...body.matchAll(/role="alert"[^>]*>([^<]*)</g)].map((m) => m[1]).join(" | ");
  expect(res.status, `${res.url} → ${res.status}: ${alerts}`).toBe(status);
  return body;
}

export type OfferRace = {
  /** The buyer's id, and the market its offers are in. */
  buyerId: () => string;
  market: () => Awaited<ReturnType<typeof makeMarket>>;
  /** The buyer's sessions: confirmation i goes to buyers()[i % length]. buyers()[0] makes the offers. */
  buyers: () => Client[];
  /** Group i and its leader's session. */
  groups: () => Group[];
  leaders: () => Client[];
  title: string;
};

export function offerRace(race: OfferRace) {
  let offerCount = 0;
  /** A published offer, made and published over HTTP; its id. */
  async function openOffer(maxTonnes: string): Promise<string> {
    const m = race.market();
    const fields = offerForm(race.buyerId(), m.seasons.current, m.today, { title: `${race.title} ${++offerCount}`, minTonnes: "1", maxTonnes });
    const res = await race.buyers()[0].post("/offers/new", fields);
    await expectStatus(res, 302);
    const id = /^\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
    await expectStatus(await race.buyers()[0].post(`/offers/${id}`, { intent: "publish", confirm: "on" }), 200);
    return id;
  }

  /** Group i's take-up: `tonnes` split evenly over its two households. */
  function take(i: number, tonnes: number): Record<string, string> {
    const g = race.groups()[i];
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

  /** Every group takes up `tonnes`, one after another; the pending take-ups' ids. */
  async function everyGroupTakes(offerId: string, tonnes: number): Promise<string[]> {
    const { db } = await import("~/utils/db.server");
    for (let i = 0; i < race.groups().length; i++) await expectStatus(await race.leaders()[i].post(`/offers/${offerId}`, take(i, tonnes)), 200);
    const rows = await db.offerAcceptance.findMany({ where: { offerId, status: "pending" }, select: { id: true } });
    expect(rows).toHaveLength(race.groups().length);
    return rows.map((r) => r.id);
  }

  /** Confirmation i on the buyer's session i (round robin), all at once. */
  function confirmAllAtOnce(offerId: string, acceptanceIds: string[]): Promise<Response[]> {
    const buyers = race.buyers();
    return Promise.all(
      acceptanceIds.map((id, i) => buyers[i % buyers.length].post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: id, confirm: "on" })),
    );
  }

  async function confirmedTonnes(offerId: string): Promise<number> {
    const { db } = await import("~/utils/db.server");
    const r = await db.offerAcceptance.aggregate({ where: { offerId, status: "confirmed" }, _sum: { volumeTonnes: true } });
    return r._sum.volumeTonnes ?? 0;
  }

  return { openOffer, take, everyGroupTakes, confirmAllAtOnce, confirmedTonnes };
}
