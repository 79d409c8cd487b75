// A season in progress compared with the previous season at the same day of the season, not with
// the whole of it (docs/decisions/0023-same-day-comparison.md): otherwise every card of a season
// a month old shows a red ▼. The previous season's figures at a cut-off day cannot come from the
// totals kept on write (they hold the ledger as it stands), so they are summed here in one SQL
// statement over the dated rows of the previous season's contracts: pickups by date (index
// Pickup(contractId, date)), their lots (Lot(pickupId)), payments by the day paid, disputes by
// the day opened. Area, contracted tonnes and continuance are facts of a whole season and stay whole.
import { Prisma } from "~/generated/prisma/client";
import { hotRead } from "~/utils/db.server";
import { asInt, jsonArray, jsonGroupArray, jsonText, orderedJoin, subqueryName, vnDay } from "~/utils/sql-dialect.server";
import { freshCached } from "~/utils/fresh-cache.server";
import { addDays } from "../money";
import { scopedContracts, scopeKey, type Indicators, type Scope } from "../indicators.server";

/** What the previous season's figures on the cards are: up to the same day of the season, or the whole season. */
export type Comparison = { kind: "sameDay"; season: string; cutoff: string } | { kind: "whole"; season: string };

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The day of the previous season as far into it as `asOf` is into the selected one, or null
 * once the selected season has ended at `asOf` (then whole seasons compare). Before the
 * selected season starts the cut-off falls as far before the previous one's start.
 */
export function sameDayCutoff(season: { start: string; end: string }, prev: { start: string }, asOf: string): string | null {
  if (asOf >= season.end) return null;
  return addDays(prev.start, daysBetween(season.start, asOf));
}

export function comparisonFor(season: { start: string; end: string }, prev: { name: string; start: string } | null, asOf: string): Comparison | null {
  if (!prev) return null;
  const cutoff = sameDayCutoff(season, prev, asOf);
  return cutoff ? { kind: "sameDay", season: prev.name, cutoff } : { kind: "whole", season: prev.name };
}

/**
 * The previous season's dated figures up to the end of `cutoff` (exported so a test can read its
 * query plan). A lot counts when its pickup is dated up to the cut-off and, if it corrects
 * another lot, the correction was recorded by then too (a correction stays in the pickup of the
 * lot it corrects, so its pickup's date says nothing of when it was made); it is effective when
 * no correction known by the cut-off supersedes it — the ledger's rule (docs/decisions/0005),
 * applied to what the ledger held that day. A dispute resolved later by a correction thus
 * leaves the lot it disputed counted as it was weighed.
 */
export function sameDaySql(seasonId: string, scope: Scope, cutoff: string): Prisma.Sql {
  return Prisma.sql`
    WITH c AS MATERIALIZED (${scopedContracts(seasonId, scope)}),
      k AS MATERIALIZED (
        SELECT l."id", l."householdId", l."netG" FROM c
        ${orderedJoin} "Pickup" p ON p."contractId" = c."id" AND p."date" <= ${cutoff}
        JOIN "Lot" l ON l."pickupId" = p."id"
        WHERE l."supersedesId" IS NULL OR ${vnDay(`l."createdAt"`)} <= ${cutoff}),
      e AS MATERIALIZED (
        SELECT k.* FROM k WHERE NOT EXISTS (
          SELECT 1 FROM "Lot" s JOIN "Pickup" sp ON sp."id" = s."pickupId"
          WHERE s."supersedesId" = k."id" AND sp."date" <= ${cutoff} AND ${vnDay(`s."createdAt"`)} <= ${cutoff}))
    SELECT
      (SELECT COALESCE(SUM("netG"), 0) FROM e) AS "netG",
      (SELECT ${jsonGroupArray(jsonArray(Prisma.sql`"povertyStatus"`, Prisma.sql`"headSex"`, asInt(Prisma.sql`"ethnicMinority"`), Prisma.sql`n`))} FROM (
         SELECT h."povertyStatus", h."headSex", h."ethnicMinority", COUNT(*) AS n
         FROM (SELECT DISTINCT "householdId" FROM e) x JOIN "Household" h ON h."id" = x."householdId" GROUP BY 1, 2, 3)${subqueryName("g")}) AS households,
      (SELECT COALESCE(SUM(y."amountVnd"), 0) FROM c ${orderedJoin} "Invoice" i ON i."contractId" = c."id"
         JOIN "Payment" y ON y."invoiceId" = i."id" WHERE y."paidOn" <= ${cutoff}) AS "paidVnd",
      (SELECT ${jsonText(jsonArray(Prisma.sql`COUNT(*)`, Prisma.sql`COALESCE(SUM(${asInt(Prisma.sql`EXISTS (SELECT 1 FROM "PickupWitness" w WHERE w."pickupId" = p."id")`)}), 0)`))}
         FROM c ${orderedJoin} "Pickup" p ON p."contractId" = c."id" AND p."date" <= ${cutoff}) AS pickups,
      -- Lots (superseded ones too, as in the totals) with a dispute opened by the cut-off.
      (SELECT COUNT(*) FROM k WHERE EXISTS (
         SELECT 1 FROM "LotDispute" d WHERE d."lotId" = k."id" AND ${vnDay(`d."createdAt"`)} <= ${cutoff})) AS "disputedLots",
      -- Statements due by the cut-off, paid in full by their due day (itself before the cut-off).
      (SELECT ${jsonText(jsonArray(Prisma.sql`COUNT(*)`, Prisma.sql`COALESCE(SUM(${asInt(Prisma.sql`t."paidByDueVnd" + t."keptVnd" >= t."amountVnd"`)}), 0)`))}
         FROM c ${orderedJoin} "InvoiceTotal" t ON t."contractId" = c."id" WHERE NOT t."cancelled" AND t."dueOn" <= ${cutoff}) AS "onTime"`;
}

type Row = { netG: number; households: string; paidVnd: number; pickups: string; disputedLots: number; onTime: string };

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The previous season's indicators at the cut-off day: deliveries, fulfilment, households,
 * payments, on-time rate, witnessed pickups and disputes as they stood at the end of that day;
 * area, contracted tonnes and continuance from `whole` (its indicators for the whole season).
 */
export function sameDayIndicators(prev: { id: string }, whole: Indicators, scope: Scope, cutoff: string): Promise<Indicators> {
  const key = `same-day\u0000${prev.id}\u0000${cutoff}\u0000${scopeKey(scope)}`;
  return freshCached(key, async () => {
    const [row] = await hotRead<Row>(sameDaySql(prev.id, scope, cutoff));
    const byPoverty = { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 };
    let total = 0;
    let femaleHeaded = 0;
    let ethnicMinority = 0;
    for (const [povertyStatus, headSex, ethnic, n] of JSON.parse(row.households) as [string, string, number, number][]) {
      const count = num(n);
      total += count;
      if (povertyStatus in byPoverty) byPoverty[povertyStatus as keyof typeof byPoverty] += count;
      if (headSex === "female") femaleHeaded += count;
      if (Number(ethnic) === 1) ethnicMinority += count;
    }
    const [pickups, witnessed] = (JSON.parse(row.pickups) as [number, number]).map(num);
    const [due, onTime] = (JSON.parse(row.onTime) as [number, number]).map(num);
    const deliveredTonnes = num(row.netG) / 1e6;
    return {
      ...whole,
      asOf: cutoff,
      deliveredTonnes,
      fulfilment: whole.contractedTonnes > 0 ? deliveredTonnes / whole.contractedTonnes : null,
      households: { total, byPoverty, femaleHeaded, ethnicMinority },
      paidVnd: num(row.paidVnd),
      onTimePaymentRate: due > 0 ? onTime / due : null,
      witnessedPickupRate: pickups > 0 ? witnessed / pickups : null,
      disputedLots: num(row.disputedLots),
    };
  });
}
