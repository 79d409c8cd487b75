// The computed figures of the report, all for the same period (its seasons, one product or all)
// and the same groups (the project's, or those of an authority's area). Each season's figures are
// computeIndicators' own; figures across seasons are added only where adding means something:
// tonnes, money, lots and pickups add up; rates are recomputed from their added counts; a
// household linked in two seasons is one household (read from ContractHouseholdTotal over the
// period's contracts); an area is the largest of one product's seasons (the same fields
// contracted again), added over products.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead } from "~/utils/db.server";
import { asInt, orderedJoin } from "~/utils/sql-dialect.server";
import { IN_FORCE } from "../contracts";
import type { EvaluationScope, EvaluationSummaries } from "../evaluation/summary";
import { outcomeSummary } from "../evaluation/outcomes.server";
import { participationSummary } from "../evaluation/participation.server";
import { productivitySummary } from "../evaluation/productivity.server";
import { resourcesSummary } from "../evaluation/resources.server";
import { computeIndicators, previousSeason, scopedContracts, scopeGroupWhere, type Indicators, type Scope } from "../indicators.server";
import { placeUnits } from "../places/units.server";
import { UNITS_2025 } from "../scope.server";
import type { Period, PeriodSeason } from "./period";

export type PovertyCounts = { poor: number; near_poor: number; newly_escaped: number; non_poor: number };
export type HouseholdCounts = { total: number; byPoverty: PovertyCounts; femaleHeaded: number; ethnicMinority: number };

export type SeasonFigures = { season: PeriodSeason; indicators: Indicators };

export type PeriodTotals = {
  areaHa: number;
  contractedTonnes: number;
  deliveredTonnes: number;
  fulfilment: number | null;
  paidVnd: number;
  disputedLots: number;
  onTime: { due: number; paid: number; rate: number | null };
  witnessed: { pickups: number; witnessed: number; rate: number | null };
  continuance: { previousPairs: number; continuedPairs: number; rate: number | null };
  /** Distinct households with an effective lot in the period, by their status at the start of the first season they sold in. */
  households: HouseholdCounts & { ethnicities: Record<string, number> };
};

export type ReportFigures = {
  org: {
    id: string;
    ref: string;
    name: string;
    phone: string | null;
    objectives: string | null;
    beneficiarySelection: string | null;
    startedOn: string | null;
    endsOn: string | null;
  };
  period: Period;
  /** The groups the figures cover: the project's, and an authority's area when the reader is one. */
  scope: Scope;
  asOf: string;
  location: {
    provinces: string[];
    communesByProvince: { province: string; communes: string[] }[];
    unplaced: number;
    formerDistricts: string[] | null;
    communes: number;
    hamlets: number;
  };
  /** Groups with a contract in force in the period, and their households. */
  scale: { groups: number; householdsRegistered: number; householdsLinked: number; areaHa: number };
  beneficiaries: { registered: HouseholdCounts };
  results: { seasons: SeasonFigures[]; total: PeriodTotals; previous: SeasonFigures | null };
  resources: {
    projectSupportVnd: number;
    buyerAdvancesVnd: number;
    counterpartVnd: number;
    paidToFarmersVnd: number;
    counterpartShare: number | null;
  };
  sustainability: { continuanceRate: number | null; renewals: number; groupFundBalanceVnd: number };
  /** The evaluation figures of the other modules; a part is absent until its module answers. */
  evaluation: Partial<EvaluationSummaries>;
};

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;
const byName = (a: string, b: string) => a.localeCompare(b, "vi");

/** The seasons a project's groups (within the scope) have contracts in force in, oldest first. */
export async function seasonsOf(scope: Scope): Promise<PeriodSeason[]> {
  const seasons = await db.season.findMany({
    where: { contracts: { some: { status: { in: IN_FORCE }, group: scopeGroupWhere(scope) } } },
    include: { product: { select: { ref: true, name: true, nameEn: true } } },
    orderBy: [{ start: "asc" }, { ref: "asc" }],
  });
  return seasons.map((s) => ({
    id: s.id,
    ref: s.ref,
    name: s.name,
    start: s.start,
    end: s.end,
    productId: s.productId,
    productRef: s.product.ref,
    productName: s.product.name,
    productNameEn: s.product.nameEn,
  }));
}

/** What the evaluation modules compute over: the period's dates and seasons, and the area's groups when a report is limited to one. */
export function evaluationScope(period: Period, groupIds?: string[]): EvaluationScope {
  return {
    projectOwnerId: period.projectOwnerId,
    from: period.from,
    to: period.to,
    seasonIds: period.seasons.map((s) => s.id),
    ...(groupIds ? { groupIds } : {}),
  };
}

/**
 * The evaluation figures for a scope, from the four modules of app/domain/evaluation. A report
 * limited to an authority's area (`scope.groupIds`) leaves out the resources: the project's own
 * support is mostly not tied to a group, so a share computed on the area's groups alone would mislead.
 */
export async function evaluationSummaries(scope: EvaluationScope): Promise<Partial<EvaluationSummaries>> {
  const [outcomes, productivity, participation, resources] = await Promise.all([
    outcomeSummary(scope),
    productivitySummary(scope),
    participationSummary(scope),
    scope.groupIds ? Promise.resolve(undefined) : resourcesSummary(scope),
  ]);
  return { outcomes, productivity, participation, ...(resources ? { resources } : {}) };
}

type ContractRow = { id: string; groupId: string; seasonId: string };
type LinkedRow = { householdId: string; povertyStatus: string; headSex: string; ethnicMinority: number; ethnicity: string | null; start: string };
type CountRow = { pickups: number; witnessed: number; due: number; paid: number };

/** The period's in-force contracts within the scope, each with its season (one SQL fragment). */
function periodContracts(seasons: PeriodSeason[], scope: Scope): Prisma.Sql {
  return Prisma.join(
    seasons.map((s) => Prisma.sql`SELECT x."id", x."groupId", ${s.id} AS "seasonId", ${s.start} AS "start" FROM (${scopedContracts(s.id, scope)}) x`),
    " UNION ALL ",
  );
}

/** The counts behind one season's on-time and witnessed rates (computeIndicators returns only the rates), by the same definitions. */
async function rateCounts(seasonId: string, scope: Scope, asOf: string): Promise<CountRow> {
  const [row] = await hotRead<CountRow>(Prisma.sql`
    WITH c AS MATERIALIZED (${scopedContracts(seasonId, scope)})
    SELECT
      (SELECT COALESCE(SUM(t."pickups"), 0) FROM c ${orderedJoin} "ContractTotal" t ON t."contractId" = c."id") AS pickups,
      (SELECT COALESCE(SUM(t."witnessedPickups"), 0) FROM c ${orderedJoin} "ContractTotal" t ON t."contractId" = c."id") AS witnessed,
      (SELECT COUNT(*) FROM c ${orderedJoin} "InvoiceTotal" t ON t."contractId" = c."id" WHERE NOT t."cancelled" AND t."dueOn" <= ${asOf}) AS due,
      (SELECT COALESCE(SUM(${asInt(Prisma.sql`t."paidByDueVnd" + t."keptVnd" >= t."amountVnd"`)}), 0)
       FROM c ${orderedJoin} "InvoiceTotal" t ON t."contractId" = c."id" WHERE NOT t."cancelled" AND t."dueOn" <= ${asOf}) AS paid`);
  return { pickups: num(row.pickups), witnessed: num(row.witnessed), due: num(row.due), paid: num(row.paid) };
}

/** Households with an effective lot under the period's contracts: one each, by its status at the start of the first season it sold in. */
export async function linkedHouseholds(seasons: PeriodSeason[], scope: Scope): Promise<PeriodTotals["households"]> {
  const rows = await hotRead<LinkedRow>(Prisma.sql`
    SELECT t."householdId", t."povertyStatus", t."headSex", t."ethnicMinority", h."ethnicity", c."start"
    FROM (${periodContracts(seasons, scope)}) c
    ${orderedJoin} "ContractHouseholdTotal" t ON t."contractId" = c."id"
    JOIN "Household" h ON h."id" = t."householdId"
    WHERE t."lots" > 0
    ORDER BY c."start" ASC`);
  const first = new Map<string, LinkedRow>();
  for (const r of rows) if (!first.has(r.householdId)) first.set(r.householdId, r);
  const out: PeriodTotals["households"] = {
    total: 0,
    byPoverty: { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 },
    femaleHeaded: 0,
    ethnicMinority: 0,
    ethnicities: {},
  };
  for (const r of first.values()) {
    out.total++;
    if (r.povertyStatus in out.byPoverty) out.byPoverty[r.povertyStatus as keyof PovertyCounts]++;
    if (r.headSex === "female") out.femaleHeaded++;
    if (Number(r.ethnicMinority) === 1) {
      out.ethnicMinority++;
      const e = r.ethnicity ?? "?";
      out.ethnicities[e] = (out.ethnicities[e] ?? 0) + 1;
    }
  }
  return out;
}

/** Every season's indicators and their sums over the period. */
export async function periodResults(period: Period, scope: Scope, asOf: string): Promise<ReportFigures["results"]> {
  const seasons: SeasonFigures[] = await Promise.all(
    period.seasons.map(async (season) => ({ season, indicators: await computeIndicators(season.ref, { asOf, scope }) })),
  );
  const counts = await Promise.all(period.seasons.map((s) => rateCounts(s.id, scope, asOf)));
  const sum = (f: (i: Indicators) => number) => seasons.reduce((a, s) => a + f(s.indicators), 0);
  const areaByProduct = new Map<string, number>();
  for (const s of seasons) areaByProduct.set(s.season.productId, Math.max(areaByProduct.get(s.season.productId) ?? 0, s.indicators.areaHa));
  const contractedTonnes = tidy(sum((i) => i.contractedTonnes));
  const deliveredTonnes = sum((i) => i.deliveredTonnes);
  const due = counts.reduce((a, c) => a + c.due, 0);
  const paid = counts.reduce((a, c) => a + c.paid, 0);
  const pickups = counts.reduce((a, c) => a + c.pickups, 0);
  const witnessed = counts.reduce((a, c) => a + c.witnessed, 0);
  const previousPairs = sum((i) => i.contractContinuance.previousPairs);
  const continuedPairs = sum((i) => i.contractContinuance.continuedPairs);
  // A season with no season before it has no continuance to count (computeIndicators' null).
  const anyPrevious = seasons.some((s) => s.indicators.contractContinuance.rate !== null);
  let previous: SeasonFigures | null = null;
  if (period.kind === "season") {
    const prev = await previousSeason(period.seasons[0]);
    if (prev) {
      const s = await db.season.findUnique({ where: { id: prev.id }, include: { product: true } });
      if (s)
        previous = {
          season: { ...period.seasons[0], id: s.id, ref: s.ref, name: s.name, start: s.start, end: s.end },
          indicators: await computeIndicators(s.ref, { asOf, scope }),
        };
    }
  }
  return {
    seasons,
    previous,
    total: {
      areaHa: tidy([...areaByProduct.values()].reduce((a, b) => a + b, 0)),
      contractedTonnes,
      deliveredTonnes,
      fulfilment: ratio(deliveredTonnes, contractedTonnes),
      paidVnd: sum((i) => i.paidVnd),
      disputedLots: sum((i) => i.disputedLots),
      onTime: { due, paid, rate: ratio(paid, due) },
      witnessed: { pickups, witnessed, rate: ratio(witnessed, pickups) },
      continuance: { previousPairs, continuedPairs, rate: anyPrevious ? ratio(continuedPairs, previousPairs) : null },
      households: await linkedHouseholds(period.seasons, scope),
    },
  };
}

/**
 * The report's figures for a project, a period and a scope (the project's groups, or those in an
 * authority's area). `evaluation` replaces what the evaluation modules would say (tests).
 */
export async function reportFigures(
  org: ReportFigures["org"],
  period: Period,
  scope: Scope,
  asOf: string,
  opts: { evaluation?: Partial<EvaluationSummaries> } = {},
): Promise<ReportFigures> {
  const contracts = await hotRead<ContractRow>(Prisma.sql`SELECT DISTINCT "id", "groupId", "seasonId" FROM (${periodContracts(period.seasons, scope)}) AS c`);
  const groupIds = [...new Set(contracts.map((c) => c.groupId))];
  const contractIds = contracts.map((c) => c.id);
  const scopeGroups = await db.farmerGroup.findMany({ where: scopeGroupWhere(scope), select: { id: true } });
  const scopeGroupIds = scopeGroups.map((g) => g.id);
  const groups = await db.farmerGroup.findMany({
    where: { id: { in: groupIds } },
    select: { id: true, province: true, commune: true, communeCode: true, formerDistrict: true, formerProvince: true, hamlet: true },
  });
  const firstSeason = org.startedOn
    ? null
    : await db.season.findFirst({ where: { contracts: { some: { group: { projectOwnerId: org.id } } } }, orderBy: { start: "asc" }, select: { start: true } });
  const began = org.startedOn ?? firstSeason?.start ?? period.from;
  // Money put in and kept is the period's groups' (those with its contracts, so of its products):
  // advances under its contracts, and those under none given within its dates.
  const advancesOfPeriod: Prisma.InputAdvanceWhereInput = {
    groupId: { in: groupIds },
    OR: [{ contractId: { in: contractIds } }, { contractId: null, advancedOn: { gte: period.from, lte: period.to } }],
  };
  const [results, registered, support, buyerAdvances, counterpart, fund, renewals] = await Promise.all([
    periodResults(period, scope, asOf),
    db.household.groupBy({ by: ["povertyStatus", "headSex", "ethnicMinority"], where: { groupId: { in: groupIds } }, _count: { _all: true } }),
    db.inputAdvance.aggregate({ where: { ...advancesOfPeriod, providerId: org.id }, _sum: { valueVnd: true } }),
    db.inputAdvance.aggregate({ where: { ...advancesOfPeriod, providerId: { not: org.id } }, _sum: { valueVnd: true } }),
    db.groupFundEntry.aggregate({
      where: { groupId: { in: groupIds }, kind: "counterpart", on: { gte: period.from, lte: period.to } },
      _sum: { amountVnd: true },
    }),
    db.groupFundEntry.aggregate({ where: { groupId: { in: groupIds }, on: { lte: period.to } }, _sum: { amountVnd: true } }),
    db.contract.count({ where: { renewsId: { in: contractIds }, status: { not: "cancelled" } } }),
  ]);
  const reg: HouseholdCounts = { total: 0, byPoverty: { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 }, femaleHeaded: 0, ethnicMinority: 0 };
  for (const h of registered) {
    const n = h._count._all;
    reg.total += n;
    if (h.povertyStatus in reg.byPoverty) reg.byPoverty[h.povertyStatus as keyof PovertyCounts] += n;
    if (h.headSex === "female") reg.femaleHeaded += n;
    if (h.ethnicMinority) reg.ethnicMinority += n;
  }
  const supportVnd = support._sum.valueVnd ?? 0;
  const counterpartVnd = counterpart._sum.amountVnd ?? 0;
  const evaluation = opts.evaluation ?? (await evaluationSummaries(evaluationScope(period, scope.area ? scopeGroupIds : undefined)));
  return {
    org,
    period,
    scope,
    asOf,
    location: {
      provinces: [...new Set(groups.map((g) => g.province))].sort(byName),
      communesByProvince: communesByProvince(groups),
      unplaced: groups.filter((g) => !g.communeCode).length,
      // Districts are those of before July 2025, for a programme that began then.
      formerDistricts:
        began < UNITS_2025
          ? [...new Set(groups.filter((g) => g.formerDistrict).map((g) => `${g.formerDistrict} (${g.formerProvince ?? g.province})`))].sort(byName)
          : null,
      communes: new Set(groups.map((g) => g.communeCode ?? `${g.province}/${g.commune}`)).size,
      hamlets: new Set(groups.filter((g) => g.hamlet).map((g) => `${g.communeCode ?? `${g.province}/${g.commune}`}/${g.hamlet}`)).size,
    },
    scale: { groups: groups.length, householdsRegistered: reg.total, householdsLinked: results.total.households.total, areaHa: results.total.areaHa },
    beneficiaries: { registered: reg },
    results,
    resources: {
      projectSupportVnd: supportVnd,
      buyerAdvancesVnd: buyerAdvances._sum.valueVnd ?? 0,
      counterpartVnd,
      paidToFarmersVnd: results.total.paidVnd,
      counterpartShare: ratio(counterpartVnd, supportVnd + counterpartVnd),
    },
    sustainability: { continuanceRate: results.total.continuance.rate, renewals, groupFundBalanceVnd: fund._sum.amountVnd ?? 0 },
    evaluation,
  };
}

function communesByProvince(groups: { province: string; communeCode: string | null }[]): ReportFigures["location"]["communesByProvince"] {
  const names = placeUnits().communes;
  const by = new Map<string, Set<string>>();
  for (const g of groups) {
    if (!by.has(g.province)) by.set(g.province, new Set());
    if (g.communeCode) by.get(g.province)!.add(names.get(g.communeCode)?.name ?? g.communeCode);
  }
  return [...by.entries()].sort(([a], [b]) => byName(a, b)).map(([province, communes]) => ({ province, communes: [...communes].sort(byName) }));
}
