// Contracts through their life: who may move them, why, and the renewal that links seasons.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead, write, type Tx } from "~/utils/db.server";
import { seesGroupWhole, wholeGroupsWhere, type Access, type GroupPlaceKeys } from "./access.server";
import { buyerUserIds, groupLeaderIds, notify } from "./notifications.server";
import { buyerOrgIds } from "./offers.server";
import { allowedMoves, MOVES, type ContractRole, type ContractStatus } from "./contracts";
import { newRef } from "./refs";

/** Contracts the caller may see: its buyers' own, and every contract of a group it sees whole. */
export function contractsVisibleWhere(access: Access): Prisma.ContractWhereInput {
  if (access.user.isSiteAdmin) return {};
  return { OR: [{ buyerId: { in: buyerOrgIds(access) } }, { group: wholeGroupsWhere(access) }] };
}

/** contractsVisibleWhere for one contract already read with its group's placing: the same rule. */
export function contractVisible(access: Access, c: { buyerId: string; group: { id: string; projectOwnerId: string | null } & GroupPlaceKeys }): boolean {
  return access.user.isSiteAdmin || buyerOrgIds(access).includes(c.buyerId) || seesGroupWhole(access, c.group);
}

export function roleOn(access: Access, c: { buyerId: string; groupId: string }): ContractRole {
  if (buyerOrgIds(access).includes(c.buyerId)) return "buyer";
  const g = access.groups.find((x) => x.id === c.groupId);
  if (g) return g.role === "group_leader" ? "group_leader" : "group_member";
  return access.user.isSiteAdmin ? "admin" : "observer";
}

export const contractInclude = {
  buyer: { select: { id: true, name: true, province: true, commune: true, phone: true } },
  group: {
    select: {
      id: true,
      name: true,
      province: true,
      commune: true,
      hamlet: true,
      provinceCode: true,
      communeCode: true,
      formerProvince: true,
      formerDistrict: true,
      formerCommune: true,
      taxCode: true,
    },
  },
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

type ContractHead = {
  id: string;
  ref: string;
  status: string;
  buyerId: string;
  groupId: string;
  signedOn: string | null;
  signedPlace: string | null;
  areaHa: number;
  volumeTonnes: number;
  priceMechanism: string;
  marketReference: string | null;
  paymentTermsDays: number;
  buyerName: string;
  groupName: string;
  groupCommune: string;
  groupProvince: string;
  projectOwnerId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  formerDistrict: string | null;
  seasonName: string;
  productName: string;
  productNameEn: string | null;
  renewsId: string | null;
  renewsRef: string | null;
  renewsSeason: string | null;
};

/**
 * The contract's own row, its parties' and season's names and what it renews, if the caller may
 * see it (else null: 404). Fixed SQL on the hot connection (docs/decisions/0017-hot-reads.md),
 * the access rule applied to the row read (contractVisible, which agrees with contractsVisibleWhere).
 */
export async function contractHeadForViewer(access: Access, contractId: string): Promise<{ head: ContractHead; role: ContractRole } | null> {
  const [head] = await hotRead<ContractHead>(Prisma.sql`
    SELECT c."id", c."ref", c."status", c."buyerId", c."groupId", c."signedOn", c."signedPlace", c."areaHa", c."volumeTonnes", c."priceMechanism",
      c."marketReference", c."paymentTermsDays", b."name" AS "buyerName", g."name" AS "groupName", g."commune" AS "groupCommune",
      g."province" AS "groupProvince", g."projectOwnerId", g."provinceCode",
      g."communeCode", g."formerDistrict", s."name" AS "seasonName", p."name" AS "productName", p."nameEn" AS "productNameEn", r."id" AS "renewsId", r."ref" AS "renewsRef", rs."name" AS "renewsSeason"
    FROM "Contract" c JOIN "Organisation" b ON b."id" = c."buyerId" JOIN "FarmerGroup" g ON g."id" = c."groupId"
      JOIN "Season" s ON s."id" = c."seasonId" JOIN "Product" p ON p."id" = s."productId"
      LEFT JOIN "Contract" r ON r."id" = c."renewsId" LEFT JOIN "Season" rs ON rs."id" = r."seasonId"
    WHERE c."id" = ${contractId}`);
  const group = head && {
    id: head.groupId,
    projectOwnerId: head.projectOwnerId,
    provinceCode: head.provinceCode,
    communeCode: head.communeCode,
    formerDistrict: head.formerDistrict,
  };
  if (!head || !contractVisible(access, { buyerId: head.buyerId, group: group! })) return null;
  return { head, role: roleOn(access, head) };
}

/**
 * Everything the contract page shows of the contract itself, in the orders the page has always
 * used (grades by price, allocations by household id, events by time), or null (404).
 */
export async function contractPageView(access: Access, contractId: string) {
  const found = await contractHeadForViewer(access, contractId);
  if (!found) return null;
  const { head: c, role } = found;
  const grades = await hotRead<{ code: string; label: string; criteria: string | null; priceVndPerKg: number }>(Prisma.sql`
    SELECT "code", "label", "criteria", "priceVndPerKg" FROM "ContractGrade" WHERE "contractId" = ${c.id} ORDER BY "priceVndPerKg" DESC`);
  const allocations = await hotRead<{ householdId: string; tonnes: number; headName: string }>(Prisma.sql`
    SELECT a."householdId", a."tonnes", h."headName" FROM "ContractAllocation" a JOIN "Household" h ON h."id" = a."householdId"
    WHERE a."contractId" = ${c.id} ORDER BY a."householdId"`);
  const events = await hotRead<{ id: string; toStatus: string; reason: string | null; at: string; by: string | null }>(Prisma.sql`
    SELECT e."id", e."toStatus", e."reason", e."at", u."name" AS "by" FROM "ContractEvent" e LEFT JOIN "User" u ON u."id" = e."byUserId"
    WHERE e."contractId" = ${c.id} ORDER BY e."at" ASC`);
  // No index on renewsId: this scans the contracts (a few ms on the large set).
  const renewedBy = await hotRead<{ id: string; ref: string; status: string; seasonName: string }>(Prisma.sql`
    SELECT r."id", r."ref", r."status", s."name" AS "seasonName" FROM "Contract" r JOIN "Season" s ON s."id" = r."seasonId" WHERE r."renewsId" = ${c.id}`);
  return {
    role,
    contract: {
      id: c.id,
      ref: c.ref,
      status: c.status,
      groupId: c.groupId,
      signedOn: c.signedOn,
      signedPlace: c.signedPlace,
      areaHa: c.areaHa,
      volumeTonnes: c.volumeTonnes,
      priceMechanism: c.priceMechanism,
      marketReference: c.marketReference,
      paymentTermsDays: c.paymentTermsDays,
      buyer: { name: c.buyerName },
      group: { name: c.groupName, commune: c.groupCommune, province: c.groupProvince },
      season: { name: c.seasonName, product: { name: c.productName, nameEn: c.productNameEn } },
      renews: c.renewsId ? { id: c.renewsId, ref: c.renewsRef!, season: { name: c.renewsSeason! } } : null,
      renewedBy: renewedBy.map((r) => ({ id: r.id, ref: r.ref, status: r.status, season: { name: r.seasonName } })),
      grades,
      allocations: allocations.map((a) => ({ householdId: a.householdId, tonnes: a.tonnes, household: { headName: a.headName } })),
    },
    timeline: events.map((e) => ({ id: e.id, toStatus: e.toStatus, reason: e.reason, at: new Date(e.at), by: e.by ?? "" })),
  };
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
  signedPlace: string | null = null,
): Promise<{ ok: true } | { ok: false; error: string }> {
  return write((tx) => moveContract(tx, contractId, to, actor, reason, today, signedPlace));
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
  // Where it was signed, as the person signing gave it (signingSchema); kept when not given.
  signedPlace: string | null = null,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const move = MOVES[to];
  if (!move) return { ok: false, error: "error.invalid" };
  const c = await tx.contract.findUniqueOrThrow({ where: { id: contractId }, include: { season: true, group: true } });
  // Who may move it first, then whether the move is complete: an outsider learns nothing more.
  if (!allowedMoves(c.status, actor.role).includes(to)) return { ok: false as const, error: "error.contractMove" };
  if (move.reason && !reason) return { ok: false as const, error: "error.reasonRequired" };
  await tx.contract.update({
    where: { id: c.id },
    data: {
      status: to,
      ...(to === "signed" && !c.signedOn ? { signedOn: today } : {}),
      ...(to === "signed" && signedPlace ? { signedPlace } : {}),
    },
  });
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

/**
 * The place of signing of a contract already signed (one confirmed from an offer is signed at
 * once, before the paper is): the buyer may give it until deliveries start. False when the
 * contract is past "signed" (its paper is what it is) or the caller is not its buyer.
 */
export async function setSigningPlace(contractId: string, signedPlace: string, role: ContractRole): Promise<boolean> {
  if (role !== "buyer" && role !== "admin") return false;
  const { count } = await write((tx) => tx.contract.updateMany({ where: { id: contractId, status: "signed" }, data: { signedPlace } }));
  return count === 1;
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
        clauses: c.clauses,
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

/**
 * Delivered tonnes so far (effective lots), by grade and by household: one pass over the
 * contract's lots on the hot connection, grouped by both and folded here (sums of integers).
 */
export async function deliveryProgress(contractId: string) {
  const rows = await hotRead<{ grade: string; householdId: string; netG: number; amountVnd: number }>(Prisma.sql`
    SELECT l."grade", l."householdId", SUM(l."netG") AS "netG", SUM(l."amountVnd") AS "amountVnd"
    FROM "Lot" l WHERE l."contractId" = ${contractId} AND NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id")
    GROUP BY l."grade", l."householdId" ORDER BY l."grade"`);
  const byGrade = new Map<string, { netG: number; amountVnd: number }>();
  const byHousehold = new Map<string, number>();
  for (const r of rows) {
    const g = byGrade.get(r.grade) ?? byGrade.set(r.grade, { netG: 0, amountVnd: 0 }).get(r.grade)!;
    g.netG += r.netG;
    g.amountVnd += r.amountVnd;
    byHousehold.set(r.householdId, (byHousehold.get(r.householdId) ?? 0) + r.netG);
  }
  return {
    deliveredKg: [...byGrade.values()].reduce((s, g) => s + g.netG, 0) / 1000,
    byGrade: [...byGrade].map(([grade, g]) => ({ grade, kg: g.netG / 1000, amountVnd: g.amountVnd })),
    byHousehold: new Map([...byHousehold].map(([id, netG]) => [id, netG / 1000])),
  };
}
