// The chain indicators of shared/interchange.md, computed by SQL aggregates over indexed
// columns (docs/decisions/0007-indicators.md). Nothing here loads rows into JavaScript
// beyond a handful of grouped totals.
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";

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

// A lot is effective unless a later lot supersedes it (Lot.supersedesId is unique-indexed).
const EFFECTIVE = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id")`;

export async function previousSeason(season: { productId: string; start: string }) {
  return db.season.findFirst({ where: { productId: season.productId, start: { lt: season.start } }, orderBy: { start: "desc" } });
}

export async function computeIndicators(seasonRef: string, opts: { asOf: string; scope?: Scope }): Promise<Indicators> {
  const scope = Object.fromEntries(Object.entries(opts.scope ?? {}).filter(([, v]) => v)) as Scope;
  const season = await db.season.findUnique({ where: { ref: seasonRef } });
  if (!season) throw new IndicatorError("unknown_season", `No season with ref "${seasonRef}"`);
  const prev = await previousSeason(season);
  const c = contractsIn(season.id, scope);

  const [contracted, continuance, delivered, households, paid, onTime, witnessed, disputed] = await Promise.all([
    db.$queryRaw<{ area: number; tonnes: number }[]>`SELECT COALESCE(SUM("areaHa"), 0) AS area, COALESCE(SUM("volumeTonnes"), 0) AS tonnes FROM (${c})`,
    prev
      ? db.$queryRaw<{ previous: bigint; continued: bigint }[]>`
          WITH prev AS (SELECT DISTINCT "buyerId", "groupId" FROM (${contractsIn(prev.id, scope)})),
               cur AS (SELECT DISTINCT "buyerId", "groupId" FROM (${c}))
          SELECT (SELECT COUNT(*) FROM prev) AS previous,
                 (SELECT COUNT(*) FROM prev p WHERE EXISTS (SELECT 1 FROM cur WHERE cur."buyerId" = p."buyerId" AND cur."groupId" = p."groupId")) AS continued`
      : Promise.resolve(null),
    db.$queryRaw<{ grams: bigint }[]>`
      SELECT COALESCE(SUM(l."netG"), 0) AS grams FROM "Lot" l
      WHERE l."contractId" IN (SELECT "id" FROM (${c})) AND ${EFFECTIVE}`,
    db.$queryRaw<{ povertyStatus: string; headSex: string; ethnicMinority: bigint | boolean; n: bigint }[]>`
      SELECT h."povertyStatus", h."headSex", h."ethnicMinority", COUNT(*) AS n FROM "Household" h
      WHERE h."id" IN (SELECT DISTINCT l."householdId" FROM "Lot" l WHERE l."contractId" IN (SELECT "id" FROM (${c})) AND ${EFFECTIVE})
      GROUP BY 1, 2, 3`,
    db.$queryRaw<{ vnd: bigint }[]>`
      SELECT COALESCE(SUM(p."amountVnd"), 0) AS vnd FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId"
      WHERE i."contractId" IN (SELECT "id" FROM (${c}))`,
    // An invoice's amount is its pickups' effective lots; it is paid on time when the payments
    // made by its due date, plus what was settled by deduction (advances, group fund), reach it.
    db.$queryRaw<{ due: bigint; onTime: bigint }[]>`
      WITH inv AS (
        SELECT i."id", date(i."issuedOn", '+' || cc."paymentTermsDays" || ' days') AS due
        FROM "Invoice" i JOIN (${c}) cc ON cc."id" = i."contractId"
        WHERE i."kind" = 'invoice' AND i."status" <> 'cancelled'
      ), due AS (
        SELECT inv."id", inv.due,
          (SELECT COALESCE(SUM(l."amountVnd"), 0) FROM "InvoicePickup" ip JOIN "Lot" l ON l."pickupId" = ip."pickupId" WHERE ip."invoiceId" = inv."id" AND ${EFFECTIVE}) AS amount,
          (SELECT COALESCE(SUM(p."amountVnd"), 0) FROM "Payment" p WHERE p."invoiceId" = inv."id" AND p."paidOn" <= inv.due) AS paid,
          (SELECT COALESCE(SUM(d."amountVnd"), 0) FROM "InvoiceDeduction" d WHERE d."invoiceId" = inv."id") AS kept
        FROM inv WHERE inv.due <= ${opts.asOf}
      )
      SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN paid + kept >= amount THEN 1 ELSE 0 END), 0) AS onTime FROM due`,
    db.$queryRaw<{ total: bigint; witnessed: bigint }[]>`
      SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "PickupWitness" w WHERE w."pickupId" = p."id") THEN 1 ELSE 0 END), 0) AS witnessed
      FROM "Pickup" p WHERE p."contractId" IN (SELECT "id" FROM (${c}))`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(DISTINCT d."lotId") AS n FROM "LotDispute" d JOIN "Lot" l ON l."id" = d."lotId"
      WHERE l."contractId" IN (SELECT "id" FROM (${c}))`,
  ]);

  const byPoverty = { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 };
  let total = 0;
  let femaleHeaded = 0;
  let ethnicMinority = 0;
  for (const r of households) {
    const count = num(r.n);
    total += count;
    if (r.povertyStatus in byPoverty) byPoverty[r.povertyStatus as keyof typeof byPoverty] += count;
    if (r.headSex === "female") femaleHeaded += count;
    if (r.ethnicMinority === true || Number(r.ethnicMinority) === 1) ethnicMinority += count;
  }
  const previousPairs = num(continuance?.[0]?.previous);
  const continuedPairs = num(continuance?.[0]?.continued);
  const contractedTonnes = tidy(num(contracted[0]?.tonnes));
  const deliveredTonnes = num(delivered[0]?.grams) / 1e6;
  const dueInvoices = num(onTime[0]?.due);
  const pickups = num(witnessed[0]?.total);

  return {
    season: season.ref,
    asOf: opts.asOf,
    scope,
    contractContinuance: { previousPairs, continuedPairs, rate: prev && previousPairs > 0 ? continuedPairs / previousPairs : null },
    areaHa: tidy(num(contracted[0]?.area)),
    contractedTonnes,
    deliveredTonnes,
    fulfilment: contractedTonnes > 0 ? deliveredTonnes / contractedTonnes : null,
    households: { total, byPoverty, femaleHeaded, ethnicMinority },
    paidVnd: num(paid[0]?.vnd),
    onTimePaymentRate: dueInvoices > 0 ? num(onTime[0]?.onTime) / dueInvoices : null,
    witnessedPickupRate: pickups > 0 ? num(witnessed[0]?.witnessed) / pickups : null,
    disputedLots: num(disputed[0]?.n),
  };
}
