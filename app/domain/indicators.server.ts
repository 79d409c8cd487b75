// The chain indicators of shared/interchange.md, computed by SQL aggregates over the totals kept
// on write (docs/decisions/0007-indicators.md, 0016-totals-on-write.md). Nothing here loads rows
// into JavaScript beyond a handful of grouped totals.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead } from "~/utils/db.server";
import { freshCached } from "~/utils/fresh-cache.server";

export type Scope = { province?: string; district?: string; buyer?: string; projectOwner?: string };

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

const IN_FORCE = Prisma.sql`('signed','active','completed','breached')`;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
// Sums of ha and tonnes are REAL: round away the float noise so installations agree.
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;

/** In-force contracts of one season within the scope, as a reusable SQL fragment. */
function contractsIn(seasonId: string, s: Scope) {
  return Prisma.sql`
    SELECT c."id", c."buyerId", c."groupId", c."areaHa", c."volumeTonnes", c."paymentTermsDays"
    FROM "Contract" c
    JOIN "FarmerGroup" g ON g."id" = c."groupId"
    JOIN "Organisation" b ON b."id" = c."buyerId"
    LEFT JOIN "Organisation" po ON po."id" = g."projectOwnerId"
    WHERE c."seasonId" = ${seasonId} AND c."status" IN ${IN_FORCE}
      ${s.province ? Prisma.sql`AND g."province" = ${s.province}` : Prisma.empty}
      ${s.district ? Prisma.sql`AND g."district" = ${s.district}` : Prisma.empty}
      ${s.buyer ? Prisma.sql`AND b."ref" = ${s.buyer}` : Prisma.empty}
      ${s.projectOwner ? Prisma.sql`AND po."ref" = ${s.projectOwner}` : Prisma.empty}`;
}

export async function previousSeason(season: { productId: string; start: string }) {
  return db.season.findFirst({ where: { productId: season.productId, start: { lt: season.start } }, orderBy: { start: "desc" } });
}

type SeasonKey = { id: string; ref: string; productId: string; start: string };

/**
 * The indicators of one season within a scope, from the totals kept on write (per contract, per
 * contract × household, per statement: docs/decisions/0016-totals-on-write.md), so the cost
 * grows with contracts and households, not with lots. Computed once per change of the data.
 */
export function computeIndicators(seasonRef: string, opts: { asOf: string; scope?: Scope }): Promise<Indicators> {
  const scope = Object.fromEntries(Object.entries(opts.scope ?? {}).filter(([, v]) => v)) as Scope;
  const key = `indicators\u0000${seasonRef}\u0000${opts.asOf}\u0000${JSON.stringify(scope, Object.keys(scope).sort())}`;
  return freshCached(key, async () => indicatorsFromTotals(seasonRef, opts.asOf, scope));
}

/** The computation itself, uncached (the benchmark times it; everything else calls computeIndicators). */
export function indicatorsFromTotals(seasonRef: string, asOf: string, scope: Scope): Indicators {
  const [season] = hotRead<SeasonKey>(Prisma.sql`SELECT "id", "ref", "productId", "start" FROM "Season" WHERE "ref" = ${seasonRef}`);
  if (!season) throw new IndicatorError("unknown_season", `No season with ref "${seasonRef}"`);
  const [prev] = hotRead<SeasonKey>(
    Prisma.sql`SELECT "id", "ref", "productId", "start" FROM "Season" WHERE "productId" = ${season.productId} AND "start" < ${season.start} ORDER BY "start" DESC LIMIT 1`,
  );
  const c = contractsIn(season.id, scope);
  const ids = Prisma.sql`SELECT "id" FROM (${c})`;

  const [contracted] = hotRead<{ area: number; tonnes: number }>(
    Prisma.sql`SELECT COALESCE(SUM("areaHa"), 0) AS area, COALESCE(SUM("volumeTonnes"), 0) AS tonnes FROM (${c})`,
  );
  const [continuance] = prev
    ? hotRead<{ previous: number; continued: number }>(Prisma.sql`
        WITH prev AS (SELECT DISTINCT "buyerId", "groupId" FROM (${contractsIn(prev.id, scope)})),
             cur AS (SELECT DISTINCT "buyerId", "groupId" FROM (${c}))
        SELECT (SELECT COUNT(*) FROM prev) AS previous,
               (SELECT COUNT(*) FROM prev p WHERE EXISTS (SELECT 1 FROM cur WHERE cur."buyerId" = p."buyerId" AND cur."groupId" = p."groupId")) AS continued`)
    : [];
  // Effective net weight, payments, pickups and disputed lots: one row per contract.
  const [sums] = hotRead<{ grams: number; vnd: number; pickups: number; witnessed: number; disputed: number }>(Prisma.sql`
    SELECT COALESCE(SUM(t."netG"), 0) AS grams, COALESCE(SUM(t."paidVnd"), 0) AS vnd, COALESCE(SUM(t."pickups"), 0) AS pickups,
           COALESCE(SUM(t."witnessedPickups"), 0) AS witnessed, COALESCE(SUM(t."disputedLots"), 0) AS disputed
    FROM "ContractTotal" t WHERE t."contractId" IN (${ids})`);
  // A household is linked when it has an effective lot under one of the contracts; its
  // categories are kept beside its totals, so no household row is visited.
  const households = hotRead<{ povertyStatus: string; headSex: string; ethnicMinority: number; n: number }>(Prisma.sql`
    SELECT t."povertyStatus", t."headSex", t."ethnicMinority", COUNT(DISTINCT t."householdId") AS n
    FROM (${c}) cc JOIN "ContractHouseholdTotal" t ON t."contractId" = cc."id" WHERE t."lots" > 0
    GROUP BY 1, 2, 3`);
  // An invoice is paid on time when the payments made by its due date, plus what was settled by
  // deduction (advances, group fund), reach its amount (its pickups' effective lots).
  const [onTime] = hotRead<{ due: number; onTime: number }>(Prisma.sql`
    SELECT COUNT(*) AS due, COALESCE(SUM(t."paidByDueVnd" + t."keptVnd" >= t."amountVnd"), 0) AS onTime
    FROM "InvoiceTotal" t WHERE t."contractId" IN (${ids}) AND NOT t."cancelled" AND t."dueOn" <= ${asOf}`);

  const byPoverty = { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 };
  let total = 0;
  let femaleHeaded = 0;
  let ethnicMinority = 0;
  for (const r of households) {
    const count = num(r.n);
    total += count;
    if (r.povertyStatus in byPoverty) byPoverty[r.povertyStatus as keyof typeof byPoverty] += count;
    if (r.headSex === "female") femaleHeaded += count;
    if (Number(r.ethnicMinority) === 1) ethnicMinority += count;
  }
  const previousPairs = num(continuance?.previous);
  const continuedPairs = num(continuance?.continued);
  const contractedTonnes = tidy(num(contracted?.tonnes));
  const deliveredTonnes = num(sums?.grams) / 1e6;
  const dueInvoices = num(onTime?.due);
  const pickups = num(sums?.pickups);

  return {
    season: season.ref,
    asOf,
    scope,
    contractContinuance: { previousPairs, continuedPairs, rate: prev && previousPairs > 0 ? continuedPairs / previousPairs : null },
    areaHa: tidy(num(contracted?.area)),
    contractedTonnes,
    deliveredTonnes,
    fulfilment: contractedTonnes > 0 ? deliveredTonnes / contractedTonnes : null,
    households: { total, byPoverty, femaleHeaded, ethnicMinority },
    paidVnd: num(sums?.vnd),
    onTimePaymentRate: dueInvoices > 0 ? num(onTime?.onTime) / dueInvoices : null,
    witnessedPickupRate: pickups > 0 ? num(sums?.witnessed) / pickups : null,
    disputedLots: num(sums?.disputed),
  };
}
