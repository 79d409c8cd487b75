// The indicator dashboards: whose scope a reader sees (forced by the role they act in), which
// product and season, and the breakdowns by season and by area. Season totals come from
// computeIndicators(); the per-area rows use the same definitions (shared/interchange.md),
// grouped in SQL so a province table costs a handful of queries however many groups it holds.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead } from "~/utils/db.server";
import { freshCached } from "~/utils/fresh-cache.server";
import { forbidden, notFound } from "~/utils/http.server";
import { areaWhere, type Access, type Area } from "./access.server";
import { IN_FORCE } from "./contracts";
import { computeIndicators, scopeGroupWhere, scopedContracts, type Indicators, type Scope } from "./indicators.server";
import type { OrgKind } from "./roles";

export type ViewOrg = { id: string; name: string; kind: OrgKind };
export type Level = "province" | "district" | "group";
export type SeasonRow = { id: string; ref: string; name: string; start: string; productId: string };

export type View = {
  orgs: ViewOrg[]; // the "view as" choices
  org: ViewOrg | null; // null: a site administrator looking at the whole programme
  canAll: boolean;
  forced: Scope; // what the role imposes; the drill-down can only narrow it
  scope: Scope;
  level: Level;
  products: { ref: string; name: string; nameEn: string | null }[];
  product: string | null;
  seasons: SeasonRow[]; // of the product, oldest first
  season: SeasonRow | null;
  prevSeason: SeasonRow | null;
  query: string; // the resolved filters, for links to the CSV, the map and the drill-down
};

const clean = (v: string | null) => (v ? v.normalize("NFC").trim().slice(0, 120) : "") || undefined;

function forcedScope(org: { ref: string; kind: string } & Area): Scope {
  if (org.kind === "project_owner") return { projectOwner: org.ref };
  if (org.kind === "authority") {
    if (!areaWhere(org)) forbidden(); // an authority with no area reads nothing
    return { area: { provinceCode: org.provinceCode, communeCode: org.communeCode, formerDistrict: org.formerDistrict } };
  }
  return { buyer: org.ref };
}

/** Who is looking, as which organisation, at which scope. Group-only accounts get 403; an organisation that is not theirs 404. */
async function resolveOrg(access: Access, orgParam: string | undefined) {
  const admin = access.user.isSiteAdmin;
  if (!admin && access.orgs.length === 0) forbidden();
  const orgs: ViewOrg[] = admin
    ? ((await db.organisation.findMany({ select: { id: true, name: true, kind: true }, orderBy: [{ kind: "asc" }, { name: "asc" }], take: 500 })) as ViewOrg[])
    : access.orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
  const id = orgParam ?? (admin ? undefined : access.orgs[0].id);
  if (!id) return { orgs, org: null, forced: {} as Scope };
  if (!admin && !access.orgs.some((o) => o.id === id)) notFound();
  const org =
    access.orgs.find((o) => o.id === id) ??
    (await db.organisation.findUnique({
      where: { id },
      select: { id: true, ref: true, name: true, kind: true, provinceCode: true, communeCode: true, formerDistrict: true },
    }));
  if (!org) notFound();
  return { orgs, org: { id: org.id, name: org.name, kind: org.kind as OrgKind }, forced: forcedScope(org) };
}

/** In-force contracts in the scope, as Prisma's filter (for "which seasons have data"). */
function contractWhere(s: Scope): Prisma.ContractWhereInput {
  return {
    status: { in: IN_FORCE },
    group: scopeGroupWhere(s),
    ...(s.buyer ? { buyer: { ref: s.buyer } } : {}),
  };
}

export async function resolveView(access: Access, q: URLSearchParams, today: string): Promise<View> {
  const { orgs, org, forced } = await resolveOrg(access, clean(q.get("org")));
  // The drill-down narrows what the role allows and never widens it.
  const province = clean(q.get("province"));
  const district = province ? clean(q.get("district")) : undefined;
  const scope: Scope = { ...forced, province, district };
  const level: Level = district ? "group" : province ? "district" : "province";

  // Products and seasons change rarely, the default season only with contracts: read once per write.
  const products = await freshCached("dashboard-products", () =>
    db.product.findMany({
      select: {
        id: true,
        ref: true,
        name: true,
        nameEn: true,
        seasons: { select: { id: true, ref: true, name: true, start: true, productId: true }, orderBy: { start: "asc" } },
      },
      orderBy: { name: "asc" },
    }),
  );
  let product = products.find((p) => p.ref === clean(q.get("product")));
  let season = products.flatMap((p) => p.seasons).find((s) => s.ref === clean(q.get("season")));
  if (season && product && season.productId !== product.id) season = undefined; // the product was changed: its own default
  if (!season) {
    const productId = product?.id;
    season =
      (await freshCached(`dashboard-default-season\u0000${productId}\u0000${JSON.stringify(scope)}`, () =>
        db.season.findFirst({
          where: { ...(productId ? { productId } : {}), contracts: { some: contractWhere(scope) } },
          orderBy: { start: "desc" },
          select: { id: true, ref: true, name: true, start: true, productId: true },
        }),
      )) ?? (product ? ([...product.seasons].reverse().find((s) => s.start <= today) ?? product.seasons[0]) : undefined);
  }
  product ??= products.find((p) => p.id === season?.productId);
  // The previous season of the same product: the one that starts last before it.
  const prev = season ? ((product?.seasons ?? []).filter((s) => s.start < season!.start).at(-1) ?? null) : null;

  const query = new URLSearchParams();
  if (org) query.set("org", org.id);
  if (product) query.set("product", product.ref);
  if (season) query.set("season", season.ref);
  if (province) query.set("province", province);
  if (district) query.set("district", district);
  return {
    orgs,
    org,
    canAll: access.user.isSiteAdmin,
    forced,
    scope: Object.fromEntries(Object.entries(scope).filter(([, v]) => v)) as Scope,
    level,
    products: products.map((p) => ({ ref: p.ref, name: p.name, nameEn: p.nameEn })),
    product: product?.ref ?? null,
    seasons: product?.seasons ?? [],
    season: season ?? null,
    prevSeason: prev,
    query: query.toString(),
  };
}

// ───────────────────────── per-area breakdown ─────────────────────────

const KEY: Record<Level, Prisma.Sql> = { province: Prisma.raw(`"province"`), district: Prisma.raw(`"district"`), group: Prisma.raw(`"groupId"`) };
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;

export type AreaRow = {
  key: string; // province or district name, or the group's id
  name: string;
  areaHa: number;
  contractedTonnes: number;
  deliveredTonnes: number;
  fulfilment: number | null;
  households: number;
  paidVnd: number;
  previousPairs: number;
  continuedPairs: number;
  continuance: number | null;
};

/** The key indicators per province, district or group of the scope, for one season (computed once per change of the data). */
export function areaBreakdown(seasonId: string, prevSeasonId: string | null, scope: Scope, level: Level): Promise<AreaRow[]> {
  const key = `areas\u0000${seasonId}\u0000${prevSeasonId}\u0000${level}\u0000${JSON.stringify(scope, Object.keys(scope).sort())}`;
  return freshCached(key, () => computeAreaBreakdown(seasonId, prevSeasonId, scope, level));
}

async function computeAreaBreakdown(seasonId: string, prevSeasonId: string | null, scope: Scope, level: Level): Promise<AreaRow[]> {
  const k = KEY[level];
  const cur = scopedContracts(seasonId, scope);
  const ids = (alias: string) => Prisma.sql`JOIN (${cur}) cc ON cc."id" = ${Prisma.raw(alias)}."contractId"`;
  const contracted = hotRead<{ k: string; area: number; tonnes: number }>(
    Prisma.sql`SELECT ${k} AS k, SUM("areaHa") AS area, SUM("volumeTonnes") AS tonnes FROM (${cur}) GROUP BY 1`,
  );
  // From the totals kept on write (docs/decisions/0016): effective lots per contract × household.
  const delivered = hotRead<{ k: string; grams: number; households: number }>(Prisma.sql`
    SELECT cc.${k} AS k, COALESCE(SUM(t."netG"), 0) AS grams, COUNT(DISTINCT CASE WHEN t."lots" > 0 THEN t."householdId" END) AS households
    FROM "ContractHouseholdTotal" t ${ids("t")} GROUP BY 1`);
  const paid = hotRead<{ k: string; vnd: number }>(
    Prisma.sql`SELECT cc.${k} AS k, COALESCE(SUM(t."paidVnd"), 0) AS vnd FROM "ContractTotal" t ${ids("t")} GROUP BY 1`,
  );
  const continuance = prevSeasonId
    ? hotRead<{ k: string; previous: number; continued: number }>(Prisma.sql`
        SELECT k, COUNT(*) AS previous, SUM(cur) AS continued FROM (
          SELECT MAX(k) AS k, MAX(prev) AS prev, MAX(cur) AS cur FROM (
            SELECT "buyerId", "groupId", ${k} AS k, 1 AS prev, 0 AS cur FROM (${scopedContracts(prevSeasonId, scope)})
            UNION ALL SELECT "buyerId", "groupId", NULL, 0, 1 FROM (${cur})
          ) GROUP BY "buyerId", "groupId"
        ) WHERE prev = 1 GROUP BY k`)
    : [];

  const rows = new Map<string, AreaRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = {
        key,
        name: key,
        areaHa: 0,
        contractedTonnes: 0,
        deliveredTonnes: 0,
        fulfilment: null,
        households: 0,
        paidVnd: 0,
        previousPairs: 0,
        continuedPairs: 0,
        continuance: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const r of contracted) Object.assign(row(r.k), { areaHa: tidy(num(r.area)), contractedTonnes: tidy(num(r.tonnes)) });
  for (const r of delivered) Object.assign(row(r.k), { deliveredTonnes: num(r.grams) / 1e6, households: num(r.households) });
  for (const r of paid) row(r.k).paidVnd = num(r.vnd);
  for (const r of continuance) Object.assign(row(r.k), { previousPairs: num(r.previous), continuedPairs: num(r.continued) });
  for (const r of rows.values()) {
    r.fulfilment = r.contractedTonnes > 0 ? r.deliveredTonnes / r.contractedTonnes : null;
    r.continuance = r.previousPairs > 0 ? r.continuedPairs / r.previousPairs : null;
  }
  if (level === "group") {
    const groups = await db.farmerGroup.findMany({ where: { id: { in: [...rows.keys()] } }, select: { id: true, name: true } });
    for (const g of groups) row(g.id).name = g.name;
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

// ───────────────────────── the whole dashboard ─────────────────────────

export type TrendRow = { ref: string; name: string; ind: Indicators };

export type Dashboard = { view: View; asOf: string; cur: Indicators | null; prev: Indicators | null; trend: TrendRow[]; areas: AreaRow[] };

/** Seasons of the product with in-force contracts in scope, from the first to the last (the chosen one always included). */
function trendWindow(seasons: SeasonRow[], computed: Indicators[], selected: number): [number, number] {
  const has = computed.map((i) => i.areaHa > 0 || i.contractedTonnes > 0);
  const first = has.indexOf(true);
  const last = has.lastIndexOf(true);
  return first < 0 ? [selected, selected] : [Math.min(first, selected), Math.max(last, selected)];
}

export async function loadDashboard(access: Access, q: URLSearchParams, asOf: string): Promise<Dashboard> {
  const view = await resolveView(access, q, asOf);
  const { season, prevSeason, seasons, scope } = view;
  if (!season) return { view, asOf, cur: null, prev: null, trend: [], areas: [] };
  const computed: Indicators[] = [];
  for (const s of seasons) computed.push(await computeIndicators(s.ref, { asOf, scope }));
  const at = seasons.findIndex((s) => s.id === season.id);
  const [from, to] = trendWindow(seasons, computed, at);
  const prevAt = prevSeason ? seasons.findIndex((s) => s.id === prevSeason.id) : -1;
  return {
    view,
    asOf,
    cur: computed[at],
    prev: prevAt >= 0 ? computed[prevAt] : null,
    trend: seasons.slice(from, to + 1).map((s, i) => ({ ref: s.ref, name: s.name, ind: computed[from + i] })),
    areas: await areaBreakdown(season.id, prevSeason?.id ?? null, scope, view.level),
  };
}

/** A table cell: text, a raw number, or empty. */
export type Cell = string | number | null;
