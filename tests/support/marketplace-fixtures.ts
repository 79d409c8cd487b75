// What the marketplace tests need on top of makeWorld(): a product with two consecutive
// seasons around today (so offers are open and renewal has a next season), extra farmer
// groups with their own leaders, an account with no memberships at all, and the offer form
// as a browser would post it. Written through the app's own domain functions.
// Import it (dynamically) only after tempDatabase(): the domain modules read DATABASE_URL.
import type { HouseholdInput } from "~/domain/groups.schema";
import type { GroupData } from "~/domain/groups.server";
import { PASSWORD } from "./fixtures";

/** "YYYY-MM-DD" + n days. */
export function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Season = { id: string; name: string; start: string; end: string };

/**
 * Coffee, with a current season that contains today and the next one a year later. Dates are
 * relative to today in Vietnam, so the offers the tests make stay open whenever they run.
 */
export async function makeMarket() {
  const { write } = await import("~/utils/db.server");
  const { todayInVietnam } = await import("~/utils/dates");
  const today = todayInVietnam();
  const start = plusDays(today, -80);
  const end = plusDays(today, 90);
  const nextStart = plusDays(start, 365);
  const nextEnd = plusDays(end, 365);
  return write(async (tx) => {
    const coffee = await tx.product.create({ data: { ref: "ca-phe-qua-tuoi", name: "Cà phê quả tươi", nameEn: "Fresh coffee cherry" } });
    const season = (ref: string, s: string, e: string) =>
      tx.season.create({
        data: { ref, productId: coffee.id, name: `Vụ cà phê ${s.slice(0, 4)}–${e.slice(0, 4)}`, start: s, end: e },
        select: { id: true, name: true, start: true, end: true },
      });
    const current = await season("cp-current", start, end);
    const next = await season("cp-next", nextStart, nextEnd);
    return { today, product: { id: coffee.id, name: coffee.name }, seasons: { current, next } };
  });
}

export async function makeUser(email: string, name: string) {
  const { signup } = await import("~/domain/accounts.server");
  const r = await signup({ name, email, password: PASSWORD, locale: "vi" });
  if (!r.ok) throw new Error(`signup ${email}`);
  return { id: r.userId, email };
}

const household = (headName: string): HouseholdInput => ({
  headName,
  headSex: "female",
  ethnicMinority: true,
  ethnicity: "Vân Kiều",
  povertyStatus: "poor",
  members: 4,
  workers: 2,
  baselineIncomeVnd: 30_000_000,
  phone: null,
});

/** A new farmer group led by a new account, with the named households. */
export async function makeLeaderGroup(opts: {
  email: string;
  leaderName: string;
  groupName: string;
  province: string;
  district: string;
  households: string[];
}) {
  const { createGroup, createHousehold } = await import("~/domain/groups.server");
  const leader = await makeUser(opts.email, opts.leaderName);
  const input: GroupData = {
    name: opts.groupName,
    province: opts.province,
    district: opts.district,
    commune: "Hướng Phùng",
    hamlet: null,
    lat: 16.72,
    lng: 106.62,
    projectOwnerId: null,
    foundedOn: null,
  };
  const g = await createGroup({ userId: leader.id, isSiteAdmin: false }, input);
  if (!g.ok) throw new Error(`group ${opts.groupName}`);
  const households = [];
  for (const name of opts.households) households.push(await createHousehold(g.id, household(name)));
  return { leader, groupId: g.id, households: households.map((h) => ({ id: h.id, headName: h.headName })) };
}

export type OfferForm = Record<string, string | string[]>;

/**
 * The offer editor's fields as a browser posts them: two grades (A 18.500 ₫/kg, B 16.200 ₫/kg),
 * one collection point, open from a few days from now for two months. Override any field.
 */
export function offerForm(buyerId: string, season: Season, today: string, overrides: OfferForm = {}): OfferForm {
  return {
    buyerId,
    title: "Thu mua cà phê chín đỏ",
    seasonId: season.id,
    minTonnes: "5",
    maxTonnes: "40",
    windowStart: plusDays(today, 3),
    windowEnd: plusDays(today, 60),
    priceMechanism: "fixed",
    paymentTermsDays: "7",
    groupFundPct: "2",
    eligibleProvinces: "",
    eligibleDistricts: "",
    "grade.code": ["A", "B"],
    "grade.label": ["Chín ≥ 95%", "Chín 85–95%"],
    "grade.criteria": ["Tỷ lệ quả chín ≥ 95%", ""],
    "grade.priceVndPerKg": ["18.500", "16.200"],
    "point.name": ["Điểm thu mua Hướng Phùng"],
    "point.lat": ["16,71"],
    "point.lng": ["106,61"],
    ...overrides,
  };
}
