// Productivity (issue 14): yield per hectare against the contracted area, per household, per
// group and for the project, over the scope's seasons' contracts in force (IN_FORCE).
//
// - Contracted area: a group's is the sum of its contracts' areaHa; a household's the sum of its
//   allocations' areaHa on those contracts (an allocation without an area counts 0 ha).
// - Delivered: the effective lots' net weight, from the running totals (ContractTotal per group,
//   ContractHouseholdTotal per household), so it equals the dashboard's figure.
// - Harvest: diary harvest lines dated scope.from..to, of the scope seasons' products, of the
//   households that keep a diary. Its kg per ha is over those households' own contracted area,
//   not the whole group's, so a group where three households of twenty write their harvest does
//   not show a yield twenty/three times too low. Null where no household recorded a harvest.
import { db } from "~/utils/db.server";
import { IN_FORCE } from "../contracts";
import { scopeGroupsWhere, type EvaluationScope, type ProductivityRow, type ProductivitySummary } from "./summary";

const perHa = (kg: number, ha: number) => (ha > 0 ? kg / ha : null);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export async function productivitySummary(scope: EvaluationScope): Promise<ProductivitySummary & { households: ProductivityRow[] }> {
  const groups = await db.farmerGroup.findMany({ where: scopeGroupsWhere(scope), select: { id: true, name: true }, orderBy: { name: "asc" } });
  const groupIds = groups.map((g) => g.id);
  const [contracts, seasons] = await Promise.all([
    db.contract.findMany({
      where: { groupId: { in: groupIds }, seasonId: { in: scope.seasonIds }, status: { in: IN_FORCE } },
      select: {
        groupId: true,
        areaHa: true,
        total: { select: { netG: true } },
        allocations: { select: { householdId: true, areaHa: true } },
        householdTotals: { select: { householdId: true, netG: true } },
      },
    }),
    db.season.findMany({ where: { id: { in: scope.seasonIds } }, select: { productId: true } }),
  ]);
  const harvests = await db.diaryEntry.groupBy({
    by: ["householdId"],
    where: {
      kind: "harvest",
      on: { gte: scope.from, lte: scope.to },
      productId: { in: [...new Set(seasons.map((s) => s.productId))] },
      household: { groupId: { in: groupIds } },
    },
    _sum: { quantityKg: true },
  });
  const harvestOf = new Map(harvests.map((h) => [h.householdId, h._sum.quantityKg ?? 0]));

  type Acc = { areaHa: number; deliveredG: number };
  const byGroup = new Map<string, Acc>(groupIds.map((id) => [id, { areaHa: 0, deliveredG: 0 }]));
  const byHousehold = new Map<string, Acc & { groupId: string }>();
  const household = (id: string, groupId: string) => {
    let h = byHousehold.get(id);
    if (!h) byHousehold.set(id, (h = { groupId, areaHa: 0, deliveredG: 0 }));
    return h;
  };
  for (const c of contracts) {
    const g = byGroup.get(c.groupId)!;
    g.areaHa += c.areaHa;
    g.deliveredG += c.total?.netG ?? 0;
    for (const a of c.allocations) household(a.householdId, c.groupId).areaHa += a.areaHa ?? 0;
    for (const t of c.householdTotals) household(t.householdId, c.groupId).deliveredG += t.netG;
  }
  // A household that keeps a diary but had no allocation still has its harvest counted (0 ha).
  const hhGroups = await db.household.findMany({
    where: { id: { in: [...new Set([...byHousehold.keys(), ...harvestOf.keys()])] } },
    select: { id: true, headName: true, groupId: true },
    orderBy: { headName: "asc" },
  });
  for (const h of hhGroups) household(h.id, h.groupId);

  const row = (groupId: string, name: string, acc: Acc, harvest: { kg: number; areaHa: number } | null, householdId?: string): ProductivityRow => ({
    groupId,
    ...(householdId ? { householdId } : {}),
    name,
    contractedAreaHa: round3(acc.areaHa),
    deliveredKg: acc.deliveredG / 1000,
    deliveredKgPerHa: perHa(acc.deliveredG / 1000, acc.areaHa),
    harvestKg: harvest ? round3(harvest.kg) : null,
    harvestKgPerHa: harvest ? perHa(harvest.kg, harvest.areaHa) : null,
  });

  const households = hhGroups.map((h) => {
    const acc = byHousehold.get(h.id)!;
    const kg = harvestOf.get(h.id);
    return row(h.groupId, h.headName, acc, kg === undefined ? null : { kg, areaHa: acc.areaHa }, h.id);
  });
  const diaryOf = (groupId: string | null) => {
    const keepers = hhGroups.filter((h) => harvestOf.has(h.id) && (groupId === null || h.groupId === groupId));
    if (!keepers.length) return null;
    return { kg: keepers.reduce((s, h) => s + harvestOf.get(h.id)!, 0), areaHa: keepers.reduce((s, h) => s + byHousehold.get(h.id)!.areaHa, 0) };
  };
  const total: Acc = { areaHa: 0, deliveredG: 0 };
  for (const acc of byGroup.values()) {
    total.areaHa += acc.areaHa;
    total.deliveredG += acc.deliveredG;
  }
  // Kilograms of coffee and of bamboo shoots per hectare do not add up: over several products the
  // total keeps its area and kilograms but has no yield (each group grows one product).
  const totalRow = row("", "", total, diaryOf(null));
  const mixed = new Set(seasons.map((s) => s.productId)).size > 1;
  return {
    groups: groups.map((g) => row(g.id, g.name, byGroup.get(g.id)!, diaryOf(g.id))),
    total: mixed ? { ...totalRow, deliveredKgPerHa: null, harvestKgPerHa: null } : totalRow,
    households,
  };
}
