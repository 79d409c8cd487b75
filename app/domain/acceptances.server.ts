// A farmer group taking up an offer, and the buyer's answer. Confirming creates the contract
// with a copy of the offer's terms; confirmed volumes never exceed the offer's maximum,
// because the check and the insert happen in one serialised write.
import { db, write } from "~/utils/db.server";
import type { Access } from "./access.server";
import { buyerUserIds, groupLeaderIds, notify } from "./notifications.server";
import type { AcceptanceInput } from "./offers.schema";
import { confirmedTonnes, isEligible } from "./offers.server";
import { newRef } from "./refs";
import { hasValidScheme } from "./certifications/validity.server";

export type AcceptanceResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

const EPS = 1e-6;

export async function submitAcceptance(access: Access, offerId: string, groupId: string, input: AcceptanceInput, today: string): Promise<AcceptanceResult> {
  const leads = access.groups.some((g) => g.id === groupId && g.role === "group_leader");
  if (!leads) return { ok: false, errors: { groupId: ["error.notLeader"] } };
  const householdIds = input.allocations.map((a) => a.householdId);
  return write(async (tx): Promise<AcceptanceResult> => {
    const offer = await tx.purchaseOffer.findUniqueOrThrow({ where: { id: offerId }, include: { buyer: true } });
    const group = await tx.farmerGroup.findUniqueOrThrow({ where: { id: groupId } });
    if (offer.status !== "published" || offer.windowEnd < today) return { ok: false as const, errors: { _form: ["error.offerNotOpen"] } };
    if (!isEligible(offer, group)) return { ok: false as const, errors: { _form: ["error.notEligible"] } };
    // A required certification: valid for the offer's product today and still on the day buying
    // starts (a take-up ahead of the window must not rest on a certificate lapsing before it).
    if (offer.requiredScheme) {
      const certified = await hasValidScheme(tx, { groupId, productId: offer.productId, on: today, through: offer.windowStart }, offer.requiredScheme);
      if (!certified) return { ok: false as const, errors: { _form: [`certuse.required.${offer.requiredScheme}`] } };
    }
    const ownHouseholds = await tx.household.count({ where: { id: { in: householdIds }, groupId } });
    if (ownHouseholds !== new Set(householdIds).size) return { ok: false as const, errors: { allocations: ["error.invalid"] } };
    if (await tx.offerAcceptance.findFirst({ where: { offerId, groupId, status: "pending" } })) {
      return { ok: false as const, errors: { _form: ["error.alreadyPending"] } };
    }
    const remaining = offer.maxTonnes - (await confirmedTonnes(tx, offerId));
    if (input.volumeTonnes > remaining + EPS) return { ok: false as const, errors: { volumeTonnes: ["error.aboveRemaining"] } };
    const acceptance = await tx.offerAcceptance.create({
      data: {
        offerId,
        groupId,
        areaHa: input.areaHa,
        volumeTonnes: input.volumeTonnes,
        allocations: JSON.stringify(input.allocations),
        submittedById: access.user.id,
      },
    });
    await notify(tx, {
      userIds: await buyerUserIds(tx, offer.buyerId),
      kind: "acceptance_submitted",
      params: { group: group.name, offer: offer.title, tonnes: input.volumeTonnes },
      link: `/offers/${offerId}#acceptances`,
    });
    return { ok: true as const, id: acceptance.id };
  });
}

export type DecisionResult = { ok: true; contractId?: string } | { ok: false; error: string };

export async function confirmAcceptance(offerId: string, acceptanceId: string, byUserId: string, today: string): Promise<DecisionResult> {
  return write(async (tx) => {
    const acc = await tx.offerAcceptance.findFirst({ where: { id: acceptanceId, offerId }, include: { group: true } });
    if (!acc) return { ok: false as const, error: "error.notFound" };
    if (acc.status !== "pending") return { ok: false as const, error: "error.alreadyDecided" };
    const offer = await tx.purchaseOffer.findUniqueOrThrow({ where: { id: offerId }, include: { grades: { orderBy: { sort: "asc" } }, season: true } });
    if (offer.status === "closed") return { ok: false as const, error: "error.offerNotOpen" };
    if ((await confirmedTonnes(tx, offerId)) + acc.volumeTonnes > offer.maxTonnes + EPS) {
      return { ok: false as const, error: "error.oversubscribed" };
    }
    await tx.offerAcceptance.update({ where: { id: acc.id }, data: { status: "confirmed", decidedById: byUserId, decidedAt: new Date() } });
    const allocations = JSON.parse(acc.allocations) as { householdId: string; tonnes: number }[];
    const contract = await tx.contract.create({
      data: {
        ref: newRef(`c-${offer.season.start.slice(0, 4)}`),
        buyerId: offer.buyerId,
        groupId: acc.groupId,
        seasonId: offer.seasonId,
        offerId: offer.id,
        acceptanceId: acc.id,
        status: "signed",
        signedOn: today,
        areaHa: acc.areaHa,
        volumeTonnes: acc.volumeTonnes,
        paymentTermsDays: offer.paymentTermsDays,
        priceMechanism: offer.priceMechanism,
        marketReference: offer.marketReference,
        groupFundPct: offer.groupFundPct,
        inputsAdvanced: offer.inputsAdvanced,
        inputRecovery: offer.inputRecovery,
        clauses: offer.clauses,
        grades: { create: offer.grades.map((g) => ({ code: g.code, label: g.label, criteria: g.criteria, priceVndPerKg: g.priceVndPerKg })) },
        allocations: { create: allocations.filter((a) => a.tonnes > 0).map((a) => ({ householdId: a.householdId, tonnes: a.tonnes })) },
        events: { create: { fromStatus: null, toStatus: "signed", byUserId, reason: null } },
      },
    });
    await notify(tx, {
      userIds: await groupLeaderIds(tx, [acc.groupId]),
      kind: "acceptance_confirmed",
      params: { offer: offer.title, group: acc.group.name },
      link: `/contracts/${contract.id}`,
    });
    return { ok: true as const, contractId: contract.id };
  });
}

export async function declineAcceptance(offerId: string, acceptanceId: string, byUserId: string, reason: string): Promise<DecisionResult> {
  return write(async (tx) => {
    const acc = await tx.offerAcceptance.findFirst({ where: { id: acceptanceId, offerId }, include: { offer: true, group: true } });
    if (!acc) return { ok: false as const, error: "error.notFound" };
    if (acc.status !== "pending") return { ok: false as const, error: "error.alreadyDecided" };
    await tx.offerAcceptance.update({
      where: { id: acc.id },
      data: { status: "declined", declineReason: reason, decidedById: byUserId, decidedAt: new Date() },
    });
    await notify(tx, {
      userIds: await groupLeaderIds(tx, [acc.groupId]),
      kind: "acceptance_declined",
      params: { offer: acc.offer.title, reason },
      link: `/offers/${offerId}`,
    });
    return { ok: true as const };
  });
}

/** What the buyer reviews: every acceptance of the offer, with the proposed allocations. */
export async function acceptancesForBuyer(offerId: string) {
  const rows = await db.offerAcceptance.findMany({
    where: { offerId },
    include: {
      group: { select: { id: true, name: true, province: true, commune: true, formerProvince: true, formerDistrict: true } },
      contract: { select: { id: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const hhIds = rows.flatMap((r) => (JSON.parse(r.allocations) as { householdId: string }[]).map((a) => a.householdId));
  const names = new Map((await db.household.findMany({ where: { id: { in: hhIds } }, select: { id: true, headName: true } })).map((h) => [h.id, h.headName]));
  return rows.map((r) => ({
    ...r,
    allocations: (JSON.parse(r.allocations) as { householdId: string; tonnes: number }[]).map((a) => ({ ...a, headName: names.get(a.householdId) ?? "?" })),
  }));
}

/** A leader's own groups' acceptances of this offer. */
export function acceptancesOfGroups(offerId: string, groupIds: string[]) {
  return db.offerAcceptance.findMany({
    where: { offerId, groupId: { in: groupIds } },
    select: { id: true, status: true, volumeTonnes: true, areaHa: true, declineReason: true, groupId: true, contract: { select: { id: true } } },
    orderBy: { createdAt: "desc" },
  });
}
