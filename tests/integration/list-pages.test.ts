// Two list pages that must stay cheap on a programme-sized database, over real HTTP against the
// built app: the offers list comes in pages of OFFERS_PER_PAGE with its filters kept in the
// URL (counts right when the place filters run outside SQL), and the contract page's pickup
// list counts each pickup's lots and witnesses for this contract only. Every expectation is
// checked against rows in the database, not only against what the page says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type AppServer, sessionPool } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("list-pages");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, offerForm, plusDays } = await import("../support/marketplace-fixtures");
const { makeContracts, pickupFields } = await import("../support/pickup-fixtures");
const { db, disconnect } = await import("~/utils/db.server");
const { offerFormValues, offerSchema } = await import("~/domain/offers.schema");
const { changeOfferStatus, createOffer, OFFERS_PER_PAGE } = await import("~/domain/offers.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;
let contracts: Awaited<ReturnType<typeof makeContracts>>;

/** Offer ids by how they were made: limited to Quảng Trị, to Sơn La, or open to anywhere; and those with a 25.000 ₫/kg grade. */
const made = { quangTri: new Set<string>(), sonLa: new Set<string>(), anywhere: new Set<string>(), highPrice: new Set<string>() };
const OFFERS = 60;

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  contracts = await makeContracts(world);
  // 60 published offers of orgA, made as its staff would (the form's fields, the domain's writes):
  // every 4th limited to Quảng Trị, the next to Sơn La, the rest anywhere; every other one
  // pays 25.000 ₫/kg for grade A. Windows start on different days, so the order is by date.
  for (let i = 0; i < OFFERS; i++) {
    const place = i % 4 === 0 ? "Quảng Trị" : i % 4 === 1 ? "Sơn La" : "";
    const form = offerForm(world.orgs.orgA.id, market.seasons.current, market.today, {
      title: `Đơn phân trang số ${String(i).padStart(2, "0")}`,
      windowStart: plusDays(market.today, 1 + ((i * 7) % 50)),
      windowEnd: plusDays(market.today, 80),
      eligibleProvinces: place,
      "grade.priceVndPerKg": [i % 2 === 0 ? "25.000" : "18.500", "16.200"],
    });
    const parsed = offerSchema.safeParse(offerFormValues(form));
    if (!parsed.success) throw new Error(`offer ${i}: ${parsed.error.message}`);
    const r = await createOffer(world.orgs.orgA.id, parsed.data);
    if (!r.ok) throw new Error(`offer ${i}: ${JSON.stringify(r.errors)}`);
    expect(await changeOfferStatus(r.id, "publish", world.users.staffA.id)).toEqual({ ok: true });
    (place === "Quảng Trị" ? made.quangTri : place === "Sơn La" ? made.sonLa : made.anywhere).add(r.id);
    if (i % 2 === 0) made.highPrice.add(r.id);
  }
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);

/** What the offers page shows: the offers' ids in order, the "Trang x / y" line, and its page links (decoded). */
function offersPage(html: string) {
  const ids = [...html.matchAll(/class="card offer-card"><h2><a [^>]*href="\/offers\/([^"/?#]+)"/g)].map((m) => m[1]);
  const status = /aria-current="page">([^<]*)</.exec(html)?.[1] ?? null;
  const link = (rel: string) => {
    const tag = new RegExp(`<a [^>]*rel="${rel}"[^>]*>`).exec(html)?.[0];
    return tag ? /href="([^"]*)"/.exec(tag)![1].replaceAll("&amp;", "&") : null;
  };
  const count = /(\d+) đơn thu mua</.exec(html)?.[1];
  return { ids, status, prev: link("prev"), next: link("next"), total: count === undefined ? null : Number(count) };
}

async function getOffers(login: string, path: string) {
  const res = await (await as(login)).get(path);
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  return offersPage(html);
}

/** Every offer id, in the order the list shows them, from following the "next" links from `path`. */
async function allPages(login: string, path: string) {
  const seen: string[] = [];
  const sizes: number[] = [];
  for (let next: string | null = path; next;) {
    const p = await getOffers(login, next);
    seen.push(...p.ids);
    sizes.push(p.ids.length);
    next = p.next;
  }
  return { seen, sizes };
}

/** The published offers in the list's order: status, window start, then id. */
async function expectedOrder(ids: Set<string>): Promise<string[]> {
  const rows = await db.purchaseOffer.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true },
    orderBy: [{ status: "asc" }, { windowStart: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => r.id);
}

const union = (...sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));
const intersect = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => b.has(x)));

describe("the offers list in pages", () => {
  const staff = () => world.users.staffA.email;

  it("shows 25 offers a page, the last page the rest, each offer once and in order", async () => {
    expect(OFFERS_PER_PAGE).toBe(25);
    expect(await db.purchaseOffer.count({ where: { status: "published" } })).toBe(OFFERS);

    const first = await getOffers(staff(), "/offers");
    expect(first).toMatchObject({ status: "Trang 1 / 3", prev: null, next: "/offers?page=2", total: 60 });
    expect(first.ids).toHaveLength(25);

    const third = await getOffers(staff(), "/offers?page=3");
    expect(third).toMatchObject({ status: "Trang 3 / 3", prev: "/offers?page=2", next: null, total: 60 });
    expect(third.ids).toHaveLength(10);

    const { seen, sizes } = await allPages(staff(), "/offers");
    expect(sizes).toEqual([25, 25, 10]);
    expect(seen).toEqual(await expectedOrder(union(made.quangTri, made.sonLa, made.anywhere)));
  });

  it("a page number out of range or not a number gives the nearest page, not an error", async () => {
    const last = await getOffers(staff(), "/offers?page=99");
    expect(last).toMatchObject({ status: "Trang 3 / 3", prev: "/offers?page=2", next: null });
    expect(last.ids).toEqual((await getOffers(staff(), "/offers?page=3")).ids);
    const first = (await getOffers(staff(), "/offers")).ids;
    for (const page of ["abc", "0", "-2", "1.5", "", "99999999999999999999"]) {
      const p = await getOffers(staff(), `/offers?page=${encodeURIComponent(page)}`);
      // "99999999999999999999" is past any end: the last page; the rest are page 1.
      if (page.length > 9) expect({ status: p.status, ids: p.ids }, page).toEqual({ status: "Trang 3 / 3", ids: last.ids });
      else expect({ status: p.status, ids: p.ids }, page).toEqual({ status: "Trang 1 / 3", ids: first });
    }
  });

  it("a price filter narrows the count, and the page links keep it", async () => {
    const first = await getOffers(staff(), "/offers?minPrice=20.000");
    expect(first).toMatchObject({ status: "Trang 1 / 2", prev: null, total: 30 });
    expect(first.next).toBe("/offers?minPrice=20.000&page=2");
    const second = await getOffers(staff(), first.next!);
    expect(second).toMatchObject({ status: "Trang 2 / 2", prev: "/offers?minPrice=20.000", next: null });
    expect([...first.ids, ...second.ids]).toEqual(await expectedOrder(made.highPrice));
  });

  it("a province filter compares names as the offer page does (case and accents) and pages the offers that pass it", async () => {
    // Lower case on purpose: "sơn la" must match "Sơn La", which SQLite's lower() alone would not.
    const path = `/offers?${new URLSearchParams({ province: "sơn la", district: "", open: "1" })}`;
    const first = await getOffers(staff(), path);
    expect(first).toMatchObject({ status: "Trang 1 / 2", total: 45 });
    expect(new URL(first.next!, "http://x").searchParams.get("province")).toBe("sơn la");
    expect(new URL(first.next!, "http://x").searchParams.get("page")).toBe("2");
    const { seen, sizes } = await allPages(staff(), path);
    expect(sizes).toEqual([25, 20]);
    expect(seen).toEqual(await expectedOrder(union(made.sonLa, made.anywhere)));
  });

  it("a group leader's pages hold only the offers the group may take up, counted before paging", async () => {
    // leader2's group is in Sơn La: the Quảng Trị offers are not theirs to see.
    const leader2 = world.users.leader2.email;
    const first = await getOffers(leader2, "/offers");
    expect(first).toMatchObject({ status: "Trang 1 / 2", total: 45 });
    const { seen, sizes } = await allPages(leader2, "/offers");
    expect(sizes).toEqual([25, 20]);
    expect(seen).toEqual(await expectedOrder(union(made.sonLa, made.anywhere)));
    expect((await getOffers(leader2, "/offers?page=7")).ids).toEqual(seen.slice(25));

    // With a price filter as well, one page: no pager at all.
    const one = await getOffers(leader2, "/offers?minPrice=20000");
    expect(one).toMatchObject({ status: null, prev: null, next: null, total: 15 });
    expect(one.ids).toEqual(await expectedOrder(intersect(made.highPrice, union(made.sonLa, made.anywhere))));

    // leader1's group is in Quảng Trị.
    const l1 = await allPages(world.users.leader1.email, "/offers?page=1");
    expect(l1.seen).toEqual(await expectedOrder(union(made.quangTri, made.anywhere)));
  });
});

describe("the contract page's pickup list", () => {
  /** The pickup list as shown: each pickup's id with its line of text (React's <!-- --> removed). */
  async function pickupList(login: string, contractId: string) {
    const res = await (await as(login)).get(`/contracts/${contractId}`);
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    const section = html.split('id="pickups"')[1].split("</section>")[0];
    return [...section.matchAll(/<li><a [^>]*href="\/pickups\/([^"]+)">(.*?)<\/li>/g)].map((m) => ({
      id: m[1],
      text: m[2]
        .replaceAll("<!-- -->", "")
        .replace(/<[^>]+>/g, "")
        .trim(),
    }));
  }

  it("shows each pickup's own lot and witness counts, newest first, and a member only the pickups with their lots", async () => {
    const { today } = contracts;
    const A = contracts.contracts.active.id;
    const B = contracts.contracts.other.id;
    const { hh1, hh1b, hh2 } = world.households;
    const lot = (householdId: string, grossKg = "50") => ({ householdId, grossKg, tareKg: "1", grade: "A" });
    const staff = await as(world.users.staffA.email);
    const buyerB = await as(world.users.buyerB.email);
    const post = async (c: typeof staff, fields: Record<string, string | string[]>) => {
      const res = await c.post("/api/pickups", fields);
      expect(res.status, await res.clone().text()).toBe(201);
    };
    // Contract A: three pickups on three days, recorded out of date order.
    await post(staff, pickupFields(A, { date: plusDays(today, -1), witnesses: [hh1.id], lots: [lot(hh1.id), lot(hh1b.id), lot(hh1.id, "70")] }));
    await post(staff, pickupFields(A, { date: today, witnesses: [], lots: [lot(hh1.id)] }));
    await post(staff, pickupFields(A, { date: plusDays(today, -2), witnesses: [hh1.id, hh1b.id], lots: [lot(hh1.id), lot(hh1.id, "60")] }));
    // Another contract's pickups must not add to these counts.
    await post(buyerB, pickupFields(B, { date: today, witnesses: [hh2.id], lots: [lot(hh2.id), lot(hh2.id), lot(hh2.id), lot(hh2.id)] }));

    // What the page must say, from the rows.
    const rows = await db.pickup.findMany({
      where: { contractId: A },
      include: { lots: { select: { householdId: true } }, _count: { select: { witnesses: true } } },
      orderBy: [{ date: "desc" }, { chainSeq: "desc" }],
    });
    expect(rows.map((p) => [p.date, p.lots.length, p._count.witnesses])).toEqual([
      [today, 1, 0],
      [plusDays(today, -1), 3, 1],
      [plusDays(today, -2), 2, 2],
    ]);
    const [d0, d1, d2] = [today, plusDays(today, -1), plusDays(today, -2)].map((d) => d.split("-").reverse().join("/"));
    const line = (date: string, lots: number, witnessed: boolean) =>
      `${date} · Điểm thu mua Hướng Phùng · ${lots} lô${witnessed ? "" : " · Không có người chứng kiến"}`;

    const full = [
      { id: rows[0].id, text: line(d0, 1, false) },
      { id: rows[1].id, text: line(d1, 3, true) },
      { id: rows[2].id, text: line(d2, 2, true) },
    ];
    expect(await pickupList(world.users.staffA.email, A)).toEqual(full);
    expect(await pickupList(world.users.leader1.email, A)).toEqual(full);
    // member1's household (hh1b) has a lot only in the pickup of the day before.
    expect(await pickupList(world.users.member1.email, A)).toEqual([full[1]]);
    expect(await pickupList(world.users.buyerB.email, B)).toEqual([{ id: expect.any(String), text: line(d0, 4, true) }]);
  });
});
