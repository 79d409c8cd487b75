// Purchase offers: a buyer's standing proposal; groups take them up as acceptances, which the
// buyer confirms into contracts (app/domain/contracts.server.ts).
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead, write } from "~/utils/db.server";
import { jsonTextValues, writtenOrder } from "~/utils/sql-dialect.server";
import { freshCached } from "~/utils/fresh-cache.server";
import type { Access } from "./access.server";
import { distanceKm } from "./geo";
import { placeKey, stripKind } from "./places/fold";
import { formerLine, placeLine } from "./places/place";
import { placeUnits } from "./places/units.server";
import { groupLeaderIds, notify } from "./notifications.server";
import type { OfferInput, OfferStatus } from "./offers.schema";
import { BUYER_KINDS } from "./roles";

export const offerInclude = {
  buyer: { select: { id: true, name: true, kind: true } },
  season: { select: { id: true, ref: true, name: true, start: true, end: true, productId: true } },
  product: { select: { id: true, name: true, nameEn: true, unit: true } },
  grades: { orderBy: { sort: "asc" } },
  collectionPoints: true,
} satisfies Prisma.PurchaseOfferInclude;

export type OfferWithTerms = Prisma.PurchaseOfferGetPayload<{ include: typeof offerInclude }>;

export function buyerOrgIds(access: Access): string[] {
  return access.orgs.filter((o) => BUYER_KINDS.includes(o.kind)).map((o) => o.id);
}

/** People who act for no organisation, only for farmer groups, see just what their groups may take up. */
function groupOnly(access: Access): boolean {
  return !access.user.isSiteAdmin && access.orgs.length === 0;
}

type GroupPlace = { id: string; province: string; formerProvince: string | null; formerDistrict: string | null; lat: number | null; lng: number | null };
type EligiblePlace = { province: string; formerProvince: string | null; formerDistrict: string | null };

// Names compared as people write them: no two provinces, current or former, fold to the same
// key ("quang tri", "Tỉnh Quảng Trị", "Quảng Trị"); districts keep their diacritics (Phù Mỹ, Phú Mỹ).
const sameProvince = (a: string, b: string) => placeKey(a) === placeKey(b);
const sameDistrict = (a: string, b: string) => stripKind(a) === stripKind(b);

/** Whether a group lies where an offer buys: a province named current or former, a district former (docs/decisions/0019-places-2025.md). */
export function isEligible(offer: { eligibleProvinces: string; eligibleDistricts: string }, group: EligiblePlace): boolean {
  const provinces = JSON.parse(offer.eligibleProvinces) as string[];
  const districts = JSON.parse(offer.eligibleDistricts) as string[];
  const inProvince = (p: string) => sameProvince(p, group.province) || (group.formerProvince !== null && sameProvince(p, group.formerProvince));
  if (provinces.length && !provinces.some(inProvince)) return false;
  if (districts.length && !districts.some((d) => group.formerDistrict !== null && sameDistrict(d, group.formerDistrict))) return false;
  return true;
}

/** A province an offer names: a current one (spelt as the list of the 34 spells it), or one of before July 2025. */
export function readProvince(name: string): { name: string; code: string; former: boolean } | null {
  const u = placeUnits();
  const current = u.currentProvinces.find(name)[0];
  if (current) return { name: u.provinces.get(current)!.name, code: current, former: false };
  const former = u.formerProvinces.find(name)[0];
  return former ? { name: former.name, code: former.provinceCode, former: true } : null;
}

/** The 34 provinces, for the offer form. */
export function provinceChoices(): string[] {
  return [...placeUnits().provinces.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b, "vi"));
}

/**
 * Whether an offer buys in a province a reader filters by: one open anywhere, one naming it, or
 * one naming a province that is now, or was, part of the same current province (a filter by
 * Bắc Giang finds an offer for Bắc Ninh, and the other way round).
 */
function coversProvince(eligibleProvinces: string, typed: string, read: (n: string) => ReturnType<typeof readProvince>): boolean {
  const names = JSON.parse(eligibleProvinces) as string[];
  if (!names.length) return true;
  const want = read(typed);
  return names.some((n) => sameProvince(n, typed) || (want !== null && read(n)?.code === want.code));
}

async function leaderGroups(access: Access): Promise<GroupPlace[]> {
  if (!access.groups.length) return [];
  const ids = access.groups.filter((g) => g.role === "group_leader").map((g) => g.id);
  const member = access.groups.map((g) => g.id);
  return db.farmerGroup.findMany({
    where: { id: { in: ids.length ? ids : member } },
    select: { id: true, province: true, formerProvince: true, formerDistrict: true, lat: true, lng: true },
  });
}

/** leaderGroups on the hot connection, in the order Prisma returns them (by id). */
async function leaderGroupsHot(access: Access): Promise<GroupPlace[]> {
  if (!access.groups.length) return [];
  const ids = access.groups.filter((g) => g.role === "group_leader").map((g) => g.id);
  return await hotRead<GroupPlace>(Prisma.sql`
    SELECT "id", "province", "formerProvince", "formerDistrict", "lat", "lng" FROM "FarmerGroup"
    WHERE "id" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(ids.length ? ids : access.groups.map((g) => g.id)))}) ORDER BY "id"`);
}

export type OfferFilters = {
  productId?: string;
  seasonId?: string;
  province?: string;
  district?: string;
  minPrice?: number;
  openOnly?: boolean;
  today: string;
};

/** Offers per page of the list: one place, so the page links and the tests agree. */
export const OFFERS_PER_PAGE = 25;

/** A requested page number from the URL: anything but a positive whole number is page 1. */
export function parsePage(raw: string | null): number {
  return raw && /^\d+$/.test(raw.trim()) ? Math.max(1, Number(raw.trim())) : 1;
}

export type OfferListItem = {
  id: string;
  title: string;
  status: string;
  buyer: string;
  product: string;
  productEn: string | null;
  season: string;
  windowStart: string;
  windowEnd: string;
  maxTonnes: number;
  requiredScheme: string | null;
  minPrice: number;
  maxPrice: number;
  distanceKm: number | null;
  mine: boolean;
  points: { id: string; name: string; lat: number; lng: number }[];
};

/**
 * One page of the offers the caller may see, with the nearest collection point's distance
 * from their group. A page past the end shows the last one. Fixed SQL on the hot connection
 * (docs/decisions/0017-hot-reads.md): each filter is a bound value that is null when unused, so
 * one statement serves every combination.
 */
export async function listOffers(
  access: Access,
  f: OfferFilters,
  requestedPage = 1,
): Promise<{ total: number; pageCount: number; page: number; offers: OfferListItem[] }> {
  const mine = buyerOrgIds(access);
  // The caller's visibility (site administrators: every offer; others: published ones and
  // their own buyers'), then the filters. A total order (status, window start, id), so
  // consecutive pages neither repeat nor skip an offer.
  const where = Prisma.sql`
    (${access.user.isSiteAdmin} OR o."buyerId" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(mine))}) OR o."status" = 'published')
    AND (CAST(${f.productId || null} AS TEXT) IS NULL OR o."productId" = ${f.productId || null})
    AND (CAST(${f.seasonId || null} AS TEXT) IS NULL OR o."seasonId" = ${f.seasonId || null})
    AND (CAST(${f.minPrice || null} AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM "OfferGrade" g WHERE g."offerId" = o."id" AND g."priceVndPerKg" >= ${f.minPrice || null}))
    AND (NOT ${!!f.openOnly} OR (o."status" = 'published' AND o."windowEnd" >= ${f.today}))`;
  const order = Prisma.sql`ORDER BY o."status" ASC, o."windowStart" ASC, o."id" ASC`;
  const onlyFor = groupOnly(access);
  const groups = await leaderGroupsHot(access);
  const pageOf = (total: number) => {
    const pageCount = Math.max(1, Math.ceil(total / OFFERS_PER_PAGE));
    return { total, pageCount, page: Math.min(requestedPage, pageCount) };
  };
  let paging: ReturnType<typeof pageOf>;
  let ids: string[];
  if (onlyFor || f.province || f.district) {
    // Eligibility compares names Unicode-normalised and case-folded (isEligible), which
    // SQLite cannot do without ICU (its lower() folds ASCII only: "Đắk Lắk" ≠ "đắk lắk").
    // So the place test runs here, on the ids and the two short JSON columns of the rows the
    // other filters leave, and only the page's rows are loaded with their terms.
    const rows = await hotRead<{ id: string; eligibleProvinces: string; eligibleDistricts: string }>(
      Prisma.sql`SELECT o."id", o."eligibleProvinces", o."eligibleDistricts" FROM "PurchaseOffer" o WHERE ${where} ${order}`,
    );
    const known = new Map<string, ReturnType<typeof readProvince>>();
    const read = (n: string) => (known.has(n) ? known.get(n)! : known.set(n, readProvince(n)).get(n)!);
    const kept = rows
      .filter((o) => !onlyFor || groups.some((g) => isEligible(o, g)))
      .filter((o) => !f.province || coversProvince(o.eligibleProvinces, f.province, read))
      .filter(
        (o) =>
          !f.district ||
          isEligible({ eligibleProvinces: "[]", eligibleDistricts: o.eligibleDistricts }, { province: "", formerProvince: null, formerDistrict: f.district }),
      );
    paging = pageOf(kept.length);
    ids = kept.slice((paging.page - 1) * OFFERS_PER_PAGE, paging.page * OFFERS_PER_PAGE).map((o) => o.id);
  } else {
    const [count] = await hotRead<{ n: number }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "PurchaseOffer" o WHERE ${where}`);
    paging = pageOf(count.n);
    ids = (
      await hotRead<{ id: string }>(
        Prisma.sql`SELECT o."id" FROM "PurchaseOffer" o WHERE ${where} ${order} LIMIT ${OFFERS_PER_PAGE} OFFSET ${(paging.page - 1) * OFFERS_PER_PAGE}`,
      )
    ).map((o) => o.id);
  }
  if (!ids.length) return { ...paging, offers: [] };
  const page = JSON.stringify(ids);
  const rows = await hotRead<
    Omit<OfferListItem, "mine" | "distanceKm" | "points" | "minPrice" | "maxPrice"> & { buyerId: string; minPrice: number | null; maxPrice: number | null }
  >(
    Prisma.sql`
      SELECT o."id", o."title", o."status", o."buyerId", b."name" AS "buyer", p."name" AS "product", p."nameEn" AS "productEn", s."name" AS "season",
        o."windowStart", o."windowEnd", o."maxTonnes", o."requiredScheme",
        (SELECT MIN(g."priceVndPerKg") FROM "OfferGrade" g WHERE g."offerId" = o."id") AS "minPrice",
        (SELECT MAX(g."priceVndPerKg") FROM "OfferGrade" g WHERE g."offerId" = o."id") AS "maxPrice"
      FROM "PurchaseOffer" o JOIN "Organisation" b ON b."id" = o."buyerId" JOIN "Product" p ON p."id" = o."productId" JOIN "Season" s ON s."id" = o."seasonId"
      WHERE o."id" IN (SELECT "value" FROM ${jsonTextValues(page)}) ${order}`,
  );
  // Each offer's points in the order they were added (as the relation has always listed them).
  const points = new Map<string, OfferListItem["points"]>();
  for (const p of await hotRead<{ offerId: string; id: string; name: string; lat: number; lng: number }>(Prisma.sql`
    SELECT "offerId", "id", "name", "lat", "lng" FROM "CollectionPoint" WHERE "offerId" IN (SELECT "value" FROM ${jsonTextValues(page)}) ORDER BY "offerId", ${writtenOrder(`"id"`)}`)) {
    const list = points.get(p.offerId) ?? points.set(p.offerId, []).get(p.offerId)!;
    list.push({ id: p.id, name: p.name, lat: p.lat, lng: p.lng });
  }
  const home = groups.find((g) => g.lat !== null && g.lng !== null);
  return {
    ...paging,
    offers: rows.map(({ buyerId, minPrice, maxPrice, ...o }) => {
      const at = points.get(o.id) ?? [];
      return {
        ...o,
        // An offer without grades (never made by the forms) shows what Math.min/max of none gave.
        minPrice: minPrice ?? Infinity,
        maxPrice: maxPrice ?? -Infinity,
        distanceKm: home && at.length ? Math.min(...at.map((p) => distanceKm({ lat: home.lat!, lng: home.lng! }, p))) : null,
        mine: mine.includes(buyerId),
        points: at,
      };
    }),
  };
}

/** The caller's first group with a place on the map (by id), shown beside the offers' points. */
export async function homeGroup(access: Access): Promise<{ id: string; name: string; lat: number | null; lng: number | null } | null> {
  if (!access.groups.length) return null;
  const [home] = await hotRead<{ id: string; name: string; lat: number | null; lng: number | null }>(Prisma.sql`
    SELECT "id", "name", "lat", "lng" FROM "FarmerGroup"
    WHERE "id" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(access.groups.map((g) => g.id)))}) AND "lat" IS NOT NULL ORDER BY "id" LIMIT 1`);
  return home ?? null;
}

/** The filters' choices (products; seasons as "product — season"), the same for everyone: computed once per change of the data. */
export function offerFilterOptions(): Promise<{
  products: { id: string; name: string; nameEn: string | null }[];
  seasons: { id: string; name: string; product: string; productEn: string | null }[];
}> {
  return freshCached("offers:filter-options", async () => ({
    products: await hotRead<{ id: string; name: string; nameEn: string | null }>(Prisma.sql`SELECT "id", "name", "nameEn" FROM "Product" ORDER BY "name" ASC`),
    seasons: await hotRead<{ id: string; name: string; product: string; productEn: string | null }>(Prisma.sql`
      SELECT s."id", s."name", p."name" AS "product", p."nameEn" AS "productEn" FROM "Season" s JOIN "Product" p ON p."id" = s."productId" ORDER BY s."productId" ASC, s."start" DESC`),
  }));
}

export type OutsideGroup = { id: string; name: string; place: string; former: string | null };
export type OfferView = { offer: OfferWithTerms; canEdit: boolean; eligibleGroups: GroupPlace[]; outsideGroups: OutsideGroup[] };

/**
 * The offer if the caller may see it, else null (the route answers 404). A published offer is
 * no secret to a farmer group outside its area: the group sees it with why it cannot take it up
 * (outsideGroups). A draft stays the buyer's, and an account with neither an organisation nor
 * a group sees none.
 */
export async function findOfferForViewer(access: Access, offerId: string): Promise<OfferView | null> {
  const offer = await db.purchaseOffer.findUnique({ where: { id: offerId }, include: offerInclude });
  if (!offer) return null;
  const canEdit = access.user.isSiteAdmin || buyerOrgIds(access).includes(offer.buyerId);
  if (canEdit) return { offer, canEdit, eligibleGroups: [], outsideGroups: [] };
  if (offer.status === "draft") return null;
  const groups = await leaderGroups(access);
  const eligibleGroups = groups.filter((g) => isEligible(offer, g));
  const outside = groups.filter((g) => !isEligible(offer, g));
  if (groupOnly(access) && !eligibleGroups.length && !outside.length) return null;
  const named = outside.length
    ? await db.farmerGroup.findMany({
        where: { id: { in: outside.map((g) => g.id) } },
        select: { id: true, name: true, province: true, commune: true, hamlet: true, formerProvince: true, formerDistrict: true, formerCommune: true },
        orderBy: { name: "asc" },
      })
    : [];
  const outsideGroups = named.map((g) => ({ id: g.id, name: g.name, place: placeLine(g), former: formerLine(g) }));
  return { offer, canEdit, eligibleGroups, outsideGroups };
}

export type OfferWriteResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

async function checkSeason(input: OfferInput) {
  const season = await db.season.findUnique({ where: { id: input.seasonId } });
  if (!season) return { season: null, errors: { seasonId: ["error.invalid"] } };
  const errors: Record<string, string[]> = {};
  if (input.windowStart < season.start || input.windowStart > season.end) errors.windowStart = ["error.outsideSeason"];
  if (input.windowEnd > season.end || input.windowEnd < season.start) errors.windowEnd = ["error.outsideSeason"];
  if (input.eligibleProvinces.some((p) => !readProvince(p))) errors.eligibleProvinces = ["offer.unknownProvince"];
  return { season, errors };
}

function offerData(input: OfferInput) {
  return {
    title: input.title,
    seasonId: input.seasonId,
    minTonnes: input.minTonnes,
    maxTonnes: input.maxTonnes,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    priceMechanism: input.priceMechanism,
    marketReference: input.marketReference,
    paymentTermsDays: input.paymentTermsDays,
    groupFundPct: input.groupFundPct,
    inputsAdvanced: input.inputsAdvanced,
    inputRecovery: input.inputRecovery,
    // Spelt as the list spells them, so the offer page and the filters read one name.
    eligibleProvinces: JSON.stringify([...new Set(input.eligibleProvinces.map((p) => readProvince(p)?.name ?? p))]),
    eligibleDistricts: JSON.stringify(input.eligibleDistricts),
    notes: input.notes,
    requiredScheme: input.requiredScheme,
  };
}

const gradeRows = (input: OfferInput) =>
  input.grades.map((g, i) => ({ code: g.code.toUpperCase(), label: g.label, criteria: g.criteria, priceVndPerKg: g.priceVndPerKg, sort: i }));

export async function createOffer(buyerId: string, input: OfferInput): Promise<OfferWriteResult> {
  const { season, errors } = await checkSeason(input);
  if (!season || Object.keys(errors).length) return { ok: false, errors };
  const offer = await write((tx) =>
    tx.purchaseOffer.create({
      data: {
        ...offerData(input),
        buyerId,
        productId: season.productId,
        grades: { create: gradeRows(input) },
        collectionPoints: { create: input.points },
      },
    }),
  );
  return { ok: true, id: offer.id };
}

/** Terms change only while the offer is a draft: groups decide on what they saw. */
export async function updateOffer(offerId: string, input: OfferInput): Promise<OfferWriteResult> {
  const { season, errors } = await checkSeason(input);
  if (!season || Object.keys(errors).length) return { ok: false, errors };
  return write(async (tx) => {
    const current = await tx.purchaseOffer.findUniqueOrThrow({ where: { id: offerId } });
    if (current.status !== "draft") return { ok: false as const, errors: { _form: ["error.offerNotDraft"] } };
    await tx.offerGrade.deleteMany({ where: { offerId } });
    await tx.collectionPoint.deleteMany({ where: { offerId } });
    await tx.purchaseOffer.update({
      where: { id: offerId },
      data: { ...offerData(input), productId: season.productId, grades: { create: gradeRows(input) }, collectionPoints: { create: input.points } },
    });
    return { ok: true as const, id: offerId };
  });
}

export type OfferAction = "publish" | "pause" | "resume" | "close";
const MOVES: Record<OfferAction, { from: OfferStatus[]; to: OfferStatus }> = {
  publish: { from: ["draft"], to: "published" },
  pause: { from: ["published"], to: "paused" },
  resume: { from: ["paused"], to: "published" },
  close: { from: ["draft", "published", "paused"], to: "closed" },
};

export async function changeOfferStatus(offerId: string, action: OfferAction, byUserId: string): Promise<{ ok: boolean; error?: string }> {
  return write(async (tx) => {
    const offer = await tx.purchaseOffer.findUniqueOrThrow({ where: { id: offerId }, include: { buyer: true } });
    const move = MOVES[action];
    if (!move.from.includes(offer.status as OfferStatus)) return { ok: false, error: "error.offerStatus" };
    await tx.purchaseOffer.update({
      where: { id: offerId },
      data: { status: move.to, ...(action === "publish" ? { publishedAt: new Date() } : {}) },
    });
    if (action === "publish") {
      // Tell the leaders of every group that may take it up.
      const groups = await tx.farmerGroup.findMany({ select: { id: true, province: true, formerProvince: true, formerDistrict: true } });
      const eligible = groups.filter((g) => isEligible(offer, g)).map((g) => g.id);
      await notify(tx, {
        userIds: await groupLeaderIds(tx, eligible),
        kind: "offer_published",
        params: { buyer: offer.buyer.name, offer: offer.title },
        link: `/offers/${offer.id}`,
        exceptUserId: byUserId,
      });
    }
    return { ok: true };
  });
}

/** Tonnes already promised: confirmed acceptances (their contracts) count against the maximum. */
export async function confirmedTonnes(client: Pick<typeof db, "offerAcceptance">, offerId: string): Promise<number> {
  const r = await client.offerAcceptance.aggregate({ where: { offerId, status: "confirmed" }, _sum: { volumeTonnes: true } });
  return r._sum.volumeTonnes ?? 0;
}

export function seasonsForOffers() {
  return db.season.findMany({ include: { product: { select: { name: true, nameEn: true } } }, orderBy: [{ productId: "asc" }, { start: "desc" }] });
}
