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
  raw: Timing; // computeIndicators' one statement (indicatorSql), run directly with better-sqlite3
};
export type IndicatorResult = { season: string; asOf: string; contracts: number; lots: number; scopes: IndicatorScopeResult[] };

const IN_FORCE = `('signed','active','completed','breached')`;

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

/** The statement on the engine's own driver: better-sqlite3 on the file, or one pg connection. */
async function rawStatement(file: Database.Database, q: { sql: string; text: string; values: unknown[] }): Promise<() => Promise<unknown>> {
  const url = process.env.DATABASE_URL ?? "";
  if (!url.startsWith("postgres")) {
    const stmt = file.prepare(q.sql);
    return async () => stmt.all(...q.values);
  }
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  openClients.push(c);
  return async () => (await c.query({ name: "indicators-floor", text: q.text, values: q.values })).rows;
}
const openClients: { end(): Promise<void> }[] = [];

export async function benchIndicators(file: string, asOf: string, o: { runs: number; naiveRuns: number }): Promise<IndicatorResult> {
  const { computeIndicators, indicatorsFromTotals, indicatorSql } = await import("~/domain/indicators.server");
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
    // The raw floor: the very statement computeIndicators runs, without the app around it.
    const q = indicatorSql(season.id, season.prevId, scope, asOf);
    const rawT = await timeRuns(await rawStatement(raw, q), o.runs);
    out.push({
      scope,
      label,
      app: appT,
      naive: naiveT,
      cached,
      speedup: naiveT.p50 / appT.p50,
      matches: same,
      raw: rawT,
      ...(same ? {} : { mismatch: `app ${JSON.stringify(a)} ≠ naive ${JSON.stringify(n)}` }),
    });
  }
  raw.close();
  for (const c of openClients.splice(0)) await c.end();
  return { season: season.ref, asOf, contracts: season.n, lots, scopes: out };
}
