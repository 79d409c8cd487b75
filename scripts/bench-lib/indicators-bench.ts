// Indicator timings: computeIndicators() for one season over the whole programme (the project
// owner's scope) and one province, p50/p95 of repeated runs; the naive ORM-and-JavaScript
// version side by side (and checked to give the same numbers); and the raw SQLite floor — the
// same SQL run directly with better-sqlite3 — so a missed target can be explained.
import Database from "better-sqlite3";
import type { Scope } from "~/domain/indicators.server";
import { timeRuns, type Timing } from "./stats";

export type IndicatorScopeResult = {
  scope: Scope;
  label: string;
  app: Timing;
  naive: Timing;
  speedup: number; // naive p50 / app p50
  matches: boolean;
  mismatch?: string;
  cached: Timing; // computeIndicators when nothing was written since the last call (what pages pay)
  rawMain: Timing; // the households query alone (the heaviest), better-sqlite3
  rawAll: Timing; // all the queries in sequence, better-sqlite3
  rawEach: Record<string, number>; // p50 ms of each query alone
};
export type IndicatorResult = { season: string; asOf: string; contracts: number; lots: number; scopes: IndicatorScopeResult[] };

const IN_FORCE = `('signed','active','completed','breached')`;
type Q = { sql: string; params: (string | number)[] };

/** The SQL of app/domain/indicators.server.ts, for better-sqlite3 (keep in step with it). */
function contractsIn(seasonId: string, s: Scope): Q {
  const params: string[] = [seasonId];
  let sql = `SELECT c."id", c."buyerId", c."groupId", c."areaHa", c."volumeTonnes", c."paymentTermsDays"
    FROM "Contract" c JOIN "FarmerGroup" g ON g."id" = c."groupId" JOIN "Organisation" b ON b."id" = c."buyerId"
    LEFT JOIN "Organisation" po ON po."id" = g."projectOwnerId"
    WHERE c."seasonId" = ? AND c."status" IN ${IN_FORCE}`;
  const add = (clause: string, value: string | undefined) => {
    if (!value) return;
    sql += ` AND ${clause} = ?`;
    params.push(value);
  };
  add(`g."province"`, s.province);
  add(`g."district"`, s.district);
  add(`b."ref"`, s.buyer);
  add(`po."ref"`, s.projectOwner);
  return { sql, params };
}

/** Builds SQL from template parts, splicing in sub-queries with their parameters. */
function q(parts: TemplateStringsArray, ...subs: (Q | string)[]): Q {
  let sql = parts[0];
  const params: (string | number)[] = [];
  subs.forEach((x, i) => {
    const sub = typeof x === "string" ? { sql: "?", params: [x] } : x;
    sql += sub.sql + parts[i + 1];
    params.push(...sub.params);
  });
  return { sql, params };
}

export const QUERY_NAMES = ["contracted", "sums", "households", "onTime", "continuance"];

export function rawQueries(seasonId: string, prevId: string | null, s: Scope, asOf: string): { main: Q; all: Q[] } {
  const c = contractsIn(seasonId, s);
  const ids = q`SELECT "id" FROM (${c})`;
  const main = q`SELECT t."povertyStatus", t."headSex", t."ethnicMinority", COUNT(DISTINCT t."householdId")
      FROM (${c}) cc JOIN "ContractHouseholdTotal" t ON t."contractId" = cc."id" WHERE t."lots" > 0 GROUP BY 1, 2, 3`;
  const all = [
    q`SELECT COALESCE(SUM("areaHa"), 0), COALESCE(SUM("volumeTonnes"), 0) FROM (${c})`,
    q`SELECT COALESCE(SUM(t."netG"), 0), COALESCE(SUM(t."paidVnd"), 0), COALESCE(SUM(t."pickups"), 0), COALESCE(SUM(t."witnessedPickups"), 0),
        COALESCE(SUM(t."disputedLots"), 0) FROM "ContractTotal" t WHERE t."contractId" IN (${ids})`,
    main,
    q`SELECT COUNT(*), COALESCE(SUM(t."paidByDueVnd" + t."keptVnd" >= t."amountVnd"), 0) FROM "InvoiceTotal" t
        WHERE t."contractId" IN (${ids}) AND NOT t."cancelled" AND t."dueOn" <= ${asOf}`,
  ];
  if (prevId) {
    const p = contractsIn(prevId, s);
    all.push(q`WITH prev AS (SELECT DISTINCT "buyerId", "groupId" FROM (${p})), cur AS (SELECT DISTINCT "buyerId", "groupId" FROM (${c}))
      SELECT (SELECT COUNT(*) FROM prev), (SELECT COUNT(*) FROM prev p WHERE EXISTS (SELECT 1 FROM cur WHERE cur."buyerId" = p."buyerId" AND cur."groupId" = p."groupId"))`);
  }
  return { main, all };
}

/** The season with the most in-force contracts among those that have a previous season, the programme and its biggest province. */
export function chooseScopes(file: string) {
  const raw = new Database(file, { readonly: true });
  try {
    const season = raw
      .prepare(
        `SELECT s."id", s."ref", s."productId", (SELECT p."id" FROM "Season" p WHERE p."productId" = s."productId" AND p."start" < s."start" ORDER BY p."start" DESC LIMIT 1) AS prevId,
           (SELECT COUNT(*) FROM "Contract" c WHERE c."seasonId" = s."id" AND c."status" IN ${IN_FORCE}) AS n
         FROM "Season" s WHERE prevId IS NOT NULL ORDER BY n DESC, s."start" ASC LIMIT 1`,
      )
      .get() as { id: string; ref: string; prevId: string; n: number };
    const programme = raw
      .prepare(
        `SELECT o."ref" FROM "Organisation" o JOIN "FarmerGroup" g ON g."projectOwnerId" = o."id" WHERE o."kind" = 'project_owner' GROUP BY o."id" ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const province = raw
      .prepare(
        `SELECT g."province" FROM "Contract" c JOIN "FarmerGroup" g ON g."id" = c."groupId" WHERE c."seasonId" = ? GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .pluck()
      .get(season.id) as string;
    const lots = raw
      .prepare(`SELECT COUNT(*) FROM "Lot" l JOIN "Contract" c ON c."id" = l."contractId" WHERE c."seasonId" = ?`)
      .pluck()
      .get(season.id) as number;
    return { season, programme, province, lots };
  } finally {
    raw.close();
  }
}

export async function benchIndicators(file: string, asOf: string, o: { runs: number; naiveRuns: number }): Promise<IndicatorResult> {
  const { computeIndicators, indicatorsFromTotals } = await import("~/domain/indicators.server");
  const { naiveIndicators } = await import("./naive-indicators");
  const { season, programme, province, lots } = chooseScopes(file);
  const raw = new Database(file, { readonly: true });
  const scopes: { label: string; scope: Scope }[] = [
    { label: "whole programme", scope: { projectOwner: programme } },
    { label: `one province (${province})`, scope: { province } },
  ];
  const out: IndicatorScopeResult[] = [];
  for (const { label, scope } of scopes) {
    // Timed uncached: the computation a page pays after every write; the cached read beside it.
    const app = async () => indicatorsFromTotals(season.ref, asOf, scope);
    const cachedRead = () => computeIndicators(season.ref, { asOf, scope });
    const naive = () => naiveIndicators(season.ref, { asOf, scope });
    const [a, n] = [await app(), await naive()]; // also the warm-up
    const same = JSON.stringify(a) === JSON.stringify(n);
    const appT = await timeRuns(app, o.runs);
    await cachedRead();
    const cached = await timeRuns(cachedRead, o.runs);
    const naiveT = await timeRuns(naive, o.naiveRuns);
    const rq = rawQueries(season.id, season.prevId, scope, asOf);
    const main = raw.prepare(rq.main.sql);
    const all = rq.all.map((x) => ({ stmt: raw.prepare(x.sql), params: x.params }));
    const rawMain = await timeRuns(async () => main.get(rq.main.params), o.runs);
    const rawAll = await timeRuns(async () => all.forEach((x) => x.stmt.all(x.params)), o.runs);
    const rawEach: Record<string, number> = {};
    for (const [i, x] of all.entries()) rawEach[QUERY_NAMES[i]] = (await timeRuns(async () => x.stmt.all(x.params), Math.min(o.runs, 10))).p50;
    out.push({
      scope,
      label,
      app: appT,
      naive: naiveT,
      cached,
      speedup: naiveT.p50 / appT.p50,
      matches: same,
      rawMain,
      rawAll,
      rawEach,
      ...(same ? {} : { mismatch: `app ${JSON.stringify(a)} ≠ naive ${JSON.stringify(n)}` }),
    });
  }
  raw.close();
  return { season: season.ref, asOf, contracts: season.n, lots, scopes: out };
}
