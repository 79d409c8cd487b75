// Contracts through their life: who may move them, why, and the renewal that links seasons.
import type { Prisma } from "~/generated/prisma/client";
import { db, write, type Tx } from "~/utils/db.server";
import { wholeGroupsWhere, type Access } from "./access.server";
import { buyerUserIds, groupLeaderIds, notify } from "./notifications.server";
import { buyerOrgIds } from "./offers.server";
import { allowedMoves, MOVES, type ContractRole, type ContractStatus } from "./contracts";
import { newRef } from "./refs";

/** Contracts the caller may see: its buyers' own, and every contract of a group it sees whole. */
export function contractsVisibleWhere(access: Access): Prisma.ContractWhereInput {
  if (access.user.isSiteAdmin) return {};
  return { OR: [{ buyerId: { in: buyerOrgIds(access) } }, { group: wholeGroupsWhere(access) }] };
}

export function roleOn(access: Access, c: { buyerId: string; groupId: string }): ContractRole {
  if (buyerOrgIds(access).includes(c.buyerId)) return "buyer";
  const g = access.groups.find((x) => x.id === c.groupId);
  if (g) return g.role === "group_leader" ? "group_leader" : "group_member";
  return access.user.isSiteAdmin ? "admin" : "observer";
}

export const contractInclude = {
  buyer: { select: { id: true, name: true, province: true, district: true, phone: true } },
  group: { select: { id: true, name: true, province: true, district: true, commune: true, hamlet: true } },
  season: { include: { product: true } },
  grades: { orderBy: { priceVndPerKg: "desc" } },
  allocations: { include: { household: { select: { id: true, headName: true } } } },
  events: { orderBy: { at: "asc" } },
  renews: { select: { id: true, ref: true, season: { select: { name: true } } } },
  renewedBy: { select: { id: true, ref: true, status: true, season: { select: { name: true } } } },
} satisfies Prisma.ContractInclude;

export type ContractFull = Prisma.ContractGetPayload<{ include: typeof contractInclude }>;

export async function findContractForViewer(access: Access, contractId: string): Promise<{ contract: ContractFull; role: ContractRole } | null> {
  const contract = await db.contract.findFirst({ where: { AND: [{ id: contractId }, contractsVisibleWhere(access)] }, include: contractInclude });
  if (!contract) return null;
  return { contract, role: roleOn(access, contract) };
}

export function listContracts(access: Access, f: { seasonId?: string; status?: string }) {
  return db.contract.findMany({
    where: { AND: [contractsVisibleWhere(access), f.seasonId ? { seasonId: f.seasonId } : {}, f.status ? { status: f.status } : {}] },
    include: { buyer: { select: { name: true } }, group: { select: { name: true } }, season: { select: { name: true, start: true } } },
    orderBy: [{ season: { start: "desc" } }, { createdAt: "desc" }],
    take: 500,
  });
}

async function notifyBothSides(tx: Tx, c: { buyerId: string; groupId: string }, n: Omit<Parameters<typeof notify>[1], "userIds">) {
  await notify(tx, { ...n, userIds: [...(await buyerUserIds(tx, c.buyerId)), ...(await groupLeaderIds(tx, [c.groupId]))] });
}

export async function changeContractStatus(
  contractId: string,
  to: ContractStatus,
  actor: { userId: string; role: ContractRole },
  reason: string | null,
  today: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  return write((tx) => moveContract(tx, contractId, to, actor, reason, today));
}

/**
 * One step of a contract's lifecycle, by whoever asks (a party in the app, a bundle import
 * acting for one): the same rules, the same event, the same notices. Call inside write().
 */
export async function moveContract(
  tx: Tx,
  contractId: string,
  to: ContractStatus,
  actor: { userId: string | null; role: ContractRole },
  reason: string | null,
  today: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const move = MOVES[to];
  if (!move) return { ok: false, error: "error.invalid" };
  const c = await tx.contract.findUniqueOrThrow({ where: { id: contractId }, include: { season: true, group: true } });
  // Who may move it first, then whether the move is complete: an outsider learns nothing more.
  if (!allowedMoves(c.status, actor.role).includes(to)) return { ok: false as const, error: "error.contractMove" };
  if (move.reason && !reason) return { ok: false as const, error: "error.reasonRequired" };
  await tx.contract.update({ where: { id: c.id }, data: { status: to, ...(to === "signed" && !c.signedOn ? { signedOn: today } : {}) } });
  await tx.contractEvent.create({ data: { contractId: c.id, fromStatus: c.status, toStatus: to, reason, byUserId: actor.userId } });
  const exceptUserId = actor.userId ?? undefined;
  await notifyBothSides(tx, c, {
    kind: "contract_status",
    params: { contract: c.ref, group: c.group.name, status: to },
    link: `/contracts/${c.id}`,
    exceptUserId,
  });
  if (to === "completed") {
    await notifyBothSides(tx, c, { kind: "renewal_due", params: { contract: c.ref, group: c.group.name }, link: `/contracts/${c.id}` });
  }
  return { ok: true as const };
}

/** The season that follows `seasonId` for the same product (by start date). */
export function nextSeason(client: Pick<Tx, "season">, season: { productId: string; start: string }) {
  return client.season.findFirst({ where: { productId: season.productId, start: { gt: season.start } }, orderBy: { start: "asc" } });
}

/** Prefills a draft contract for the next season, linked to the one it renews. */
export async function renewContract(
  contractId: string,
  actor: { userId: string; role: ContractRole },
): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  if (!["buyer", "group_leader", "admin"].includes(actor.role)) return { ok: false, error: "error.contractMove" };
  return write(async (tx) => {
    const c = await tx.contract.findUniqueOrThrow({ where: { id: contractId }, include: { season: true, grades: true, allocations: true, group: true } });
    if (c.status !== "active" && c.status !== "completed") return { ok: false as const, error: "error.renewStatus" };
    const existing = await tx.contract.findFirst({ where: { renewsId: c.id, status: { not: "cancelled" } } });
    if (existing) return { ok: false as const, error: "error.alreadyRenewed" };
    const next = await nextSeason(tx, c.season);
    if (!next) return { ok: false as const, error: "error.noNextSeason" };
    const renewal = await tx.contract.create({
      data: {
        ref: newRef(`c-${next.start.slice(0, 4)}`),
        buyerId: c.buyerId,
        groupId: c.groupId,
        seasonId: next.id,
        status: "draft",
        areaHa: c.areaHa,
        volumeTonnes: c.volumeTonnes,
        paymentTermsDays: c.paymentTermsDays,
        priceMechanism: c.priceMechanism,
        marketReference: c.marketReference,
        groupFundPct: c.groupFundPct,
        inputsAdvanced: c.inputsAdvanced,
        inputRecovery: c.inputRecovery,
        renewsId: c.id,
        grades: { create: c.grades.map((g) => ({ code: g.code, label: g.label, criteria: g.criteria, priceVndPerKg: g.priceVndPerKg })) },
        allocations: { create: c.allocations.map((a) => ({ householdId: a.householdId, tonnes: a.tonnes, areaHa: a.areaHa })) },
        events: { create: { fromStatus: null, toStatus: "draft", reason: null, byUserId: actor.userId } },
      },
    });
    await notifyBothSides(tx, c, {
      kind: "renewal_created",
      params: { contract: c.ref, group: c.group.name, season: next.name },
      link: `/contracts/${renewal.id}`,
      exceptUserId: actor.userId,
    });
    return { ok: true as const, id: renewal.id };
  });
}

/** Delivered tonnes so far (effective lots), by grade and by household — SQL aggregates. */
export async function deliveryProgress(contractId: string) {
  const [byGrade, byHousehold] = await Promise.all([
    db.lot.groupBy({ by: ["grade"], where: { contractId, supersededBy: { is: null } }, _sum: { netG: true, amountVnd: true } }),
    db.lot.groupBy({ by: ["householdId"], where: { contractId, supersededBy: { is: null } }, _sum: { netG: true } }),
  ]);
  return {
    deliveredKg: byGrade.reduce((s, g) => s + (g._sum.netG ?? 0), 0) / 1000,
    byGrade: byGrade.map((g) => ({ grade: g.grade, kg: (g._sum.netG ?? 0) / 1000, amountVnd: g._sum.amountVnd ?? 0 })),
    byHousehold: new Map(byHousehold.map((h) => [h.householdId, (h._sum.netG ?? 0) / 1000])),
  };
}
