// The chain indicators of shared/interchange.md, computed by SQL aggregates over the totals kept
// on write (docs/decisions/0007-indicators.md, 0016-totals-on-write.md). Nothing here loads rows
// into JavaScript beyond a handful of grouped totals.
import { Prisma } from "~/generated/prisma/client";
import { hotRead } from "~/utils/db.server";
import { asInt, jsonArray, jsonGroupArray, jsonText, jsonTextValues, orderedJoin } from "~/utils/sql-dialect.server";
import { freshCached } from "~/utils/fresh-cache.server";
import { areaWhere, type Area } from "./access.server";
import { IN_FORCE } from "./contracts";
import { communesOfFormerDistrict } from "./places/units.server";

/**
 * What the figures cover (shared/interchange.md, "Places"): `province` is a name, current or
 * former; `district` a former district; `commune` a current commune's code; `area` an
 * authority's area, imposed by its role. Names are compared exactly: what people type is read
 * into the names the records hold first (resolveFilters in ./scope.server).
 */
export type Scope = { province?: string; district?: string; commune?: string; area?: Area; buyer?: string; projectOwner?: string };

export type Indicators = {
  season: string;
  asOf: string;
  scope: Scope;
  contractContinuance: { previousPairs: number; continuedPairs: number; rate: number | null };
  areaHa: number;
  contractedTonnes: number;
  deliveredTonnes: number;
  fulfilment: number | null;
  households: {
    total: number;
    byPoverty: { poor: number; near_poor: number; newly_escaped: number; non_poor: number };
    femaleHeaded: number;
    ethnicMinority: number;
  };
  paidVnd: number;
  onTimePaymentRate: number | null;
  witnessedPickupRate: number | null;
  disputedLots: number;
};

export class IndicatorError extends Error {
  constructor(
    public code: "unknown_season",
    message: string,
  ) {
    super(message);
  }
}

const IN_FORCE_SQL = Prisma.sql`(${Prisma.join(IN_FORCE)})`;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
// Sums of ha and tonnes are REAL: round away the float noise so installations agree.
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;

/** In-force contracts of one season within the scope, as a reusable SQL fragment (indicators, dashboard, map). */
export function scopedContracts(seasonId: string, s: Scope) {
  return Prisma.sql`
    SELECT c."id", c."buyerId", c."groupId", c."areaHa", c."volumeTonnes", c."paymentTermsDays", g."province", g."formerDistrict" AS "district",
      g."communeCode", g."commune"
    FROM "Contract" c
    JOIN "FarmerGroup" g ON g."id" = c."groupId"
    JOIN "Organisation" b ON b."id" = c."buyerId"
    LEFT JOIN "Organisation" po ON po."id" = g."projectOwnerId"
    WHERE c."seasonId" = ${seasonId} AND c."status" IN ${IN_FORCE_SQL}
      ${s.province ? Prisma.sql`AND (g."province" = ${s.province} OR g."formerProvince" = ${s.province})` : Prisma.empty}
      ${s.district ? Prisma.sql`AND g."formerDistrict" = ${s.district}` : Prisma.empty}
      ${s.commune ? Prisma.sql`AND g."communeCode" = ${s.commune}` : Prisma.empty}
      ${s.area ? areaSql(s.area) : Prisma.empty}
      ${s.buyer ? Prisma.sql`AND b."ref" = ${s.buyer}` : Prisma.empty}
      ${s.projectOwner ? Prisma.sql`AND po."ref" = ${s.projectOwner}` : Prisma.empty}`;
}

/**
 * A scope as a cache key: keys in order at every level. (A replacer array, the obvious way,
 * also filters the nested keys, and so would key every authority's area as {}.)
 */
export function scopeKey(s: Scope): string {
  return JSON.stringify(s, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The scope's places and project as Prisma's filter on farmer groups (the same rule as scopedContracts). */
export function scopeGroupWhere(s: Scope): Prisma.FarmerGroupWhereInput {
  return {
    AND: [
      s.province ? { OR: [{ province: s.province }, { formerProvince: s.province }] } : {},
      s.district ? { formerDistrict: s.district } : {},
      s.commune ? { communeCode: s.commune } : {},
      s.area ? (areaWhere(s.area) ?? { id: { in: [] } }) : {},
      s.projectOwner ? { projectOwner: { ref: s.projectOwner } } : {},
    ].filter((w) => Object.keys(w).length > 0),
  };
}

/** An authority's area as SQL on the group `g` (the same rule as access.server's areaWhere, term by term). */
function areaSql(a: Area): Prisma.Sql {
  if (a.communeCode) return Prisma.sql`AND g."communeCode" = ${a.communeCode}`;
  if (!a.provinceCode) return Prisma.sql`AND FALSE`;
  if (!a.formerDistrict) return Prisma.sql`AND g."provinceCode" = ${a.provinceCode}`;
  const communes = JSON.stringify(communesOfFormerDistrict(a.provinceCode, a.formerDistrict));
  return Prisma.sql`AND g."provinceCode" = ${a.provinceCode} AND (g."formerDistrict" = ${a.formerDistrict}
    OR (g."formerDistrict" IS NULL AND g."communeCode" IN (SELECT "value" FROM ${jsonTextValues(communes)})))`;
}

/** The season of the same product that starts last before this one, or null. */
export async function previousSeason(season: { productId: string; start: string }): Promise<SeasonKey | null> {
  const [prev] = await hotRead<SeasonKey>(
    Prisma.sql`SELECT "id", "ref", "name", "productId", "start" FROM "Season" WHERE "productId" = ${season.productId} AND "start" < ${season.start} ORDER BY "start" DESC LIMIT 1`,
  );
  return prev ?? null;
}

/**
 * Every figure of computeIndicators in one statement, the scope's contracts selected once
 * (exported so the benchmark times the same SQL raw). Each part is a sum over the totals kept on
 * write; the definitions are those of shared/interchange.md.
 */
export function indicatorSql(seasonId: string, prevSeasonId: string | null, scope: Scope, asOf: string): Prisma.Sql {
  return Prisma.sql`
    -- CROSS JOIN keeps the scope's contracts as the outer loop (SQLite has no statistics on a
    -- materialised CTE and would otherwise scan a whole totals table).
    WITH c AS MATERIALIZED (${scopedContracts(seasonId, scope)}),
         p AS MATERIALIZED (${prevSeasonId ? Prisma.sql`SELECT DISTINCT "buyerId", "groupId" FROM (${scopedContracts(prevSeasonId, scope)}) AS s` : Prisma.sql`SELECT NULL AS "buyerId", NULL AS "groupId" WHERE FALSE`})
    SELECT
      (SELECT ${jsonText(jsonArray(Prisma.sql`COALESCE(SUM("areaHa"), 0)`, Prisma.sql`COALESCE(SUM("volumeTonnes"), 0)`))} FROM c) AS contracted,
      -- Effective net weight, payments, pickups, witnessed pickups, disputed lots: one row per contract.
      (SELECT ${jsonText(
        jsonArray(
          Prisma.sql`COALESCE(SUM(t."netG"), 0)`,
          Prisma.sql`COALESCE(SUM(t."paidVnd"), 0)`,
          Prisma.sql`COALESCE(SUM(t."pickups"), 0)`,
          Prisma.sql`COALESCE(SUM(t."witnessedPickups"), 0)`,
          Prisma.sql`COALESCE(SUM(t."disputedLots"), 0)`,
        ),
      )}
       FROM c ${orderedJoin} "ContractTotal" t ON t."contractId" = c."id") AS sums,
      -- A household is linked when it has an effective lot under one of the contracts; its
      -- categories are kept beside its totals, so no household row is visited.
      (SELECT ${jsonGroupArray(jsonArray(Prisma.sql`"povertyStatus"`, Prisma.sql`"headSex"`, asInt(Prisma.sql`"ethnicMinority"`), Prisma.sql`n`))} FROM (
         SELECT t."povertyStatus", t."headSex", t."ethnicMinority", COUNT(DISTINCT t."householdId") AS n
         FROM c ${orderedJoin} "ContractHouseholdTotal" t ON t."contractId" = c."id" WHERE t."lots" > 0 GROUP BY 1, 2, 3) AS h) AS households,
      -- A statement is paid on time when the payments made by its due date, plus what was settled
      -- by deduction (advances, group fund), reach its amount (its pickups' effective lots).
      (SELECT ${jsonText(jsonArray(Prisma.sql`COUNT(*)`, Prisma.sql`COALESCE(SUM(${asInt(Prisma.sql`t."paidByDueVnd" + t."keptVnd" >= t."amountVnd"`)}), 0)`))}
       FROM c ${orderedJoin} "InvoiceTotal" t ON t."contractId" = c."id" WHERE NOT t."cancelled" AND t."dueOn" <= ${asOf}) AS "onTime",
      -- Pairs of the previous season continued by an in-force contract of the same buyer and group
      -- (every scope filter is about the group or the buyer, so the pair stays in scope).
      (SELECT COUNT(*) FROM p) AS previous,
      (SELECT COUNT(*) FROM p WHERE EXISTS (
         SELECT 1 FROM "Contract" x WHERE x."groupId" = p."groupId" AND x."seasonId" = ${seasonId} AND x."buyerId" = p."buyerId" AND x."status" IN ${IN_FORCE_SQL})) AS continued`;
}

type SeasonKey = { id: string; ref: string; name: string; productId: string; start: string };

/**
 * The indicators of one season within a scope, from the totals kept on write (per contract, per
 * contract × household, per statement: docs/decisions/0016-totals-on-write.md), so the cost
 * grows with contracts and households, not with lots. Computed once per change of the data.
 */
export function computeIndicators(seasonRef: string, opts: { asOf: string; scope?: Scope }): Promise<Indicators> {
  const scope = Object.fromEntries(Object.entries(opts.scope ?? {}).filter(([, v]) => v)) as Scope;
  const key = `indicators\u0000${seasonRef}\u0000${opts.asOf}\u0000${scopeKey(scope)}`;
  return freshCached(key, async () => indicatorsFromTotals(seasonRef, opts.asOf, scope));
}

/** The computation itself, uncached (the benchmark times it; everything else calls computeIndicators). */
export async function indicatorsFromTotals(seasonRef: string, asOf: string, scope: Scope): Promise<Indicators> {
  const [season] = await hotRead<SeasonKey>(Prisma.sql`SELECT "id", "ref", "name", "productId", "start" FROM "Season" WHERE "ref" = ${seasonRef}`);
  if (!season) throw new IndicatorError("unknown_season", `No season with ref "${seasonRef}"`);
  const prev = await previousSeason(season);
  const [row] = await hotRead<{ contracted: string; sums: string; households: string; onTime: string; previous: number; continued: number }>(
    indicatorSql(season.id, prev?.id ?? null, scope, asOf),
  );
  const contracted = JSON.parse(row.contracted) as [number, number];
  const sums = JSON.parse(row.sums) as [number, number, number, number, number];
  const households = JSON.parse(row.households) as [string, string, number, number][];
  const onTime = JSON.parse(row.onTime) as [number, number];
  const continuance = { previous: row.previous, continued: row.continued };

  const byPoverty = { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 };
  let total = 0;
  let femaleHeaded = 0;
  let ethnicMinority = 0;
  for (const [povertyStatus, headSex, ethnic, n] of households) {
    const count = num(n);
    total += count;
    if (povertyStatus in byPoverty) byPoverty[povertyStatus as keyof typeof byPoverty] += count;
    if (headSex === "female") femaleHeaded += count;
    if (Number(ethnic) === 1) ethnicMinority += count;
  }
  const previousPairs = num(continuance.previous);
  const continuedPairs = num(continuance.continued);
  const contractedTonnes = tidy(num(contracted[1]));
  const deliveredTonnes = num(sums[0]) / 1e6;
  const dueInvoices = num(onTime[0]);
  const pickups = num(sums[2]);

  return {
    season: season.ref,
    asOf,
    scope,
    contractContinuance: { previousPairs, continuedPairs, rate: prev && previousPairs > 0 ? continuedPairs / previousPairs : null },
    areaHa: tidy(num(contracted[0])),
    contractedTonnes,
    deliveredTonnes,
    fulfilment: contractedTonnes > 0 ? deliveredTonnes / contractedTonnes : null,
    households: { total, byPoverty, femaleHeaded, ethnicMinority },
    paidVnd: num(sums[1]),
    onTimePaymentRate: dueInvoices > 0 ? num(onTime[1]) / dueInvoices : null,
    witnessedPickupRate: pickups > 0 ? num(sums[3]) / pickups : null,
    disputedLots: num(sums[4]),
  };
}
