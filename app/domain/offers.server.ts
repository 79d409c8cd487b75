// Purchase offers: a buyer's standing proposal; groups take them up as acceptances, which the
// buyer confirms into contracts (app/domain/contracts.server.ts).
import type { Prisma } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import type { Access } from "./access.server";
import { distanceKm } from "./geo";
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

type GroupPlace = { id: string; province: string; district: string; lat: number | null; lng: number | null };

export function isEligible(offer: { eligibleProvinces: string; eligibleDistricts: string }, group: { province: string; district: string }): boolean {
  const provinces = JSON.parse(offer.eligibleProvinces) as string[];
  const districts = JSON.parse(offer.eligibleDistricts) as string[];
  const norm = (s: string) => s.normalize("NFC").trim().toLowerCase();
  if (provinces.length && !provinces.some((p) => norm(p) === norm(group.province))) return false;
  if (districts.length && !districts.some((d) => norm(d) === norm(group.district))) return false;
  return true;
}

async function leaderGroups(access: Access): Promise<GroupPlace[]> {
  if (!access.groups.length) return [];
  const ids = access.groups.filter((g) => g.role === "group_leader").map((g) => g.id);
  const member = access.groups.map((g) => g.id);
  return db.farmerGroup.findMany({
    where: { id: { in: ids.length ? ids : member } },
    select: { id: true, province: true, district: true, lat: true, lng: true },
  });
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

// A total order, so consecutive pages neither repeat nor skip an offer.
const offerOrder: Prisma.PurchaseOfferOrderByWithRelationInput[] = [{ status: "asc" }, { windowStart: "asc" }, { id: "asc" }];

/** A requested page number from the URL: anything but a positive whole number is page 1. */
export function parsePage(raw: string | null): number {
  return raw && /^\d+$/.test(raw.trim()) ? Math.max(1, Number(raw.trim())) : 1;
}

/**
 * One page of the offers the caller may see, with the nearest collection point's distance
 * from their group. A page past the end shows the last one.
 */
export async function listOffers(access: Access, f: OfferFilters, requestedPage = 1) {
  const mine = buyerOrgIds(access);
  const visible: Prisma.PurchaseOfferWhereInput = access.user.isSiteAdmin ? {} : { OR: [{ buyerId: { in: mine } }, { status: "published" }] };
  const where: Prisma.PurchaseOfferWhereInput = {
    AND: [
      visible,
      f.productId ? { productId: f.productId } : {},
      f.seasonId ? { seasonId: f.seasonId } : {},
      f.minPrice ? { grades: { some: { priceVndPerKg: { gte: f.minPrice } } } } : {},
      f.openOnly ? { status: "published", windowEnd: { gte: f.today } } : {},
    ],
  };
  const onlyFor = groupOnly(access);
  const groups = await leaderGroups(access);
  const pageOf = (total: number) => {
    const pageCount = Math.max(1, Math.ceil(total / OFFERS_PER_PAGE));
    return { total, pageCount, page: Math.min(requestedPage, pageCount) };
  };
  let paging: ReturnType<typeof pageOf>;
  let offers: OfferWithTerms[];
  if (onlyFor || f.province || f.district) {
    // Eligibility compares names Unicode-normalised and case-folded (isEligible), which
    // SQLite cannot do without ICU (its lower() folds ASCII only: "Đắk Lắk" ≠ "đắk lắk").
    // So the place test runs here, on the ids and the two short JSON columns of the rows the
    // other filters leave, and only the page's rows are loaded with their terms.
    const rows = await db.purchaseOffer.findMany({ where, select: { id: true, eligibleProvinces: true, eligibleDistricts: true }, orderBy: offerOrder });
    const kept = rows
      .filter((o) => !onlyFor || groups.some((g) => isEligible(o, g)))
      .filter((o) => !f.province || isEligible({ eligibleProvinces: o.eligibleProvinces, eligibleDistricts: "[]" }, { province: f.province, district: "" }))
      .filter((o) => !f.district || isEligible({ eligibleProvinces: "[]", eligibleDistricts: o.eligibleDistricts }, { province: "", district: f.district }));
    paging = pageOf(kept.length);
    const ids = kept.slice((paging.page - 1) * OFFERS_PER_PAGE, paging.page * OFFERS_PER_PAGE).map((o) => o.id);
    offers = ids.length ? await db.purchaseOffer.findMany({ where: { id: { in: ids } }, include: offerInclude, orderBy: offerOrder }) : [];
  } else {
    paging = pageOf(await db.purchaseOffer.count({ where }));
    const skip = (paging.page - 1) * OFFERS_PER_PAGE;
    offers = await db.purchaseOffer.findMany({ where, include: offerInclude, orderBy: offerOrder, skip, take: OFFERS_PER_PAGE });
  }
  const home = groups.find((g) => g.lat !== null && g.lng !== null);
  return {
    ...paging,
    offers: offers.map((o) => ({
      ...o,
      mine: mine.includes(o.buyerId),
      distanceKm: home && o.collectionPoints.length ? Math.min(...o.collectionPoints.map((p) => distanceKm({ lat: home.lat!, lng: home.lng! }, p))) : null,
    })),
  };
}

export type OfferView = { offer: OfferWithTerms; canEdit: boolean; eligibleGroups: GroupPlace[] };

/** The offer if the caller may see it, else null (the route answers 404). */
export async function findOfferForViewer(access: Access, offerId: string): Promise<OfferView | null> {
  const offer = await db.purchaseOffer.findUnique({ where: { id: offerId }, include: offerInclude });
  if (!offer) return null;
  const canEdit = access.user.isSiteAdmin || buyerOrgIds(access).includes(offer.buyerId);
  if (canEdit) return { offer, canEdit, eligibleGroups: [] };
  if (offer.status === "draft") return null;
  const groups = await leaderGroups(access);
  const eligibleGroups = groups.filter((g) => isEligible(offer, g));
  if (groupOnly(access) && !eligibleGroups.length) return null;
  return { offer, canEdit, eligibleGroups };
}

export type OfferWriteResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

async function checkSeason(input: OfferInput) {
  const season = await db.season.findUnique({ where: { id: input.seasonId } });
  if (!season) return { season: null, errors: { seasonId: ["error.invalid"] } };
  const errors: Record<string, string[]> = {};
  if (input.windowStart < season.start || input.windowStart > season.end) errors.windowStart = ["error.outsideSeason"];
  if (input.windowEnd > season.end || input.windowEnd < season.start) errors.windowEnd = ["error.outsideSeason"];
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
    eligibleProvinces: JSON.stringify(input.eligibleProvinces),
    eligibleDistricts: JSON.stringify(input.eligibleDistricts),
    notes: input.notes,
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
      const groups = await tx.farmerGroup.findMany({ select: { id: true, province: true, district: true } });
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
