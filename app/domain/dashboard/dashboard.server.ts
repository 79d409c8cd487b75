// The indicator dashboards: whose scope a reader sees (forced by the role they act in), which
// product and season, and the breakdowns by season and by area. Season totals come from
// computeIndicators(); the per-area rows use the same definitions (shared/interchange.md),
// grouped in SQL so a province table costs a handful of queries however many groups it holds.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead } from "~/utils/db.server";
import { freshCached } from "~/utils/fresh-cache.server";
import { forbidden, notFound } from "~/utils/http.server";
import { hasIndicatorScope, readsIndicators, type Access, type Area } from "../access.server";
import { IN_FORCE } from "../contracts";
import { certifiedFigures, type Certified } from "./certified.server";
import { comparisonFor, sameDayIndicators, type Comparison } from "./same-day.server";
import { computeIndicators, scopeGroupWhere, scopedContracts, scopeKey, type Indicators, type Scope } from "../indicators.server";
import { placeUnits } from "../places/units.server";
import type { OrgKind } from "../roles";
import { resolveFilters, UNITS_2025, type FilterProblem, type Filters, type ResolvedFilters } from "../scope.server";

export type ViewOrg = { id: string; name: string; kind: OrgKind };
/** The rows of the breakdown: per current province, per current commune of a province, per group. */
export type Level = "province" | "commune" | "group";
export type SeasonRow = { id: string; ref: string; name: string; start: string; end: string; productId: string };

/** One step of the drill-down trail; `query` goes back up to it (null: where the reader is, or what the role imposes). */
export type TrailStep = { kind: "all" | "province" | "formerProvince" | "district" | "commune"; name: string; query: string | null };

/** The place filters the form offers, from the groups the role lets the reader see. */
export type FilterOptions = {
  provinces: { name: string; former: boolean }[] | null; // null: the role imposes the province
  communes: { code: string; name: string }[] | null; // null: no province chosen yet, or a commune imposed
  districts: string[] | null; // null: not a season of before July 2025, or a district imposed
};

export type View = {
  orgs: ViewOrg[]; // the "view as" choices
  org: ViewOrg | null; // null: a site administrator looking at the whole programme
  canAll: boolean;
  forced: Scope; // what the role imposes; the drill-down can only narrow it
  scope: Scope;
  level: Level;
  trail: TrailStep[];
  options: FilterOptions;
  problems: FilterProblem[]; // filters that name no place (left out of the scope)
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
    if (!hasIndicatorScope(org)) forbidden(); // an authority with no area reads nothing
    return { area: { provinceCode: org.provinceCode, communeCode: org.communeCode, formerDistrict: org.formerDistrict } };
  }
  return { buyer: org.ref };
}

/** Who is looking, as which organisation, at which scope. Group-only accounts get 403; an organisation that is not theirs 404. */
async function resolveOrg(access: Access, orgParam: string | undefined) {
  const admin = access.user.isSiteAdmin;
  // The navigation offers these pages by the same rule (readsIndicators).
  if (!orgParam && !readsIndicators(access)) forbidden();
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

/** The farmer groups a scope covers (for a buyer: the groups it has had a contract with). */
export function groupsInScope(s: Scope): Prisma.FarmerGroupWhereInput {
  const where = scopeGroupWhere(s);
  return s.buyer ? { AND: [where, { contracts: { some: { status: { in: IN_FORCE }, buyer: { ref: s.buyer } } } }] } : where;
}

/**
 * The place filters a link asks for, narrowed to what the role allows. An authority's area is
 * imposed: a filter that would leave it (another province, another district) is dropped
 * without a word, so nothing outside the area is named on the page.
 */
async function placeFilters(q: URLSearchParams, area: Area | undefined): Promise<{ filters: Filters; problems: FilterProblem[]; read: ResolvedFilters }> {
  const read = await resolveFilters({ province: clean(q.get("province")), district: clean(q.get("district")), commune: clean(q.get("commune")) });
  if (!area) return { filters: { ...read.filters }, problems: read.problems, read };
  // A commune's authority narrows no further; a former district's chooses no province or district.
  if (area.communeCode) return { filters: {}, problems: [], read };
  const filters: Filters = { ...read.filters };
  const outside = read.province !== null && read.province.code !== area.provinceCode;
  // Within the area's province only a former province's name narrows it (Bắc Giang within Bắc Ninh).
  if (filters.province && (outside || area.formerDistrict || !read.province?.former)) delete filters.province;
  if (outside || area.formerDistrict) delete filters.district; // read within another province, or imposed
  if (filters.commune && read.commune?.provinceCode !== area.provinceCode) delete filters.commune;
  // Only what could narrow the area is worth a word; the rest is dropped without naming it.
  const problems = read.problems.filter((p) => !outside && (area.formerDistrict ? p.field === "commune" : true));
  return { filters, problems, read };
}

function trailOf(base: URLSearchParams, area: Area | undefined, f: Filters, read: ResolvedFilters): TrailStep[] {
  const u = placeUnits();
  const at = (keep: Filters) => {
    const q = new URLSearchParams(base);
    for (const k of ["province", "district", "commune"] as const) if (keep[k]) q.set(k, keep[k]!);
    return q.toString();
  };
  const steps: TrailStep[] = [];
  if (area?.communeCode) {
    steps.push({ kind: "commune", name: u.communes.get(area.communeCode)?.name ?? area.communeCode, query: null });
    return steps;
  }
  if (area) {
    steps.push({ kind: "province", name: (area.provinceCode && u.provinces.get(area.provinceCode)?.name) || "", query: at({}) });
    if (area.formerDistrict) steps.push({ kind: "district", name: area.formerDistrict, query: at({}) });
  } else steps.push({ kind: "all", name: "", query: at({}) });
  if (f.province) steps.push({ kind: read.province?.former ? "formerProvince" : "province", name: f.province, query: at({ province: f.province }) });
  if (f.district) steps.push({ kind: "district", name: f.district, query: at({ province: f.province, district: f.district }) });
  if (f.commune) steps.push({ kind: "commune", name: u.communes.get(f.commune)?.name ?? f.commune, query: at(f) });
  // Only a step above where the reader is links back up.
  return steps.map((s, i) => (i < steps.length - 1 && s.query !== steps[i + 1].query ? s : { ...s, query: null }));
}

const byName = (a: string, b: string) => a.localeCompare(b, "vi");

/** What the province, commune and former district pickers offer (computed once per change of the data). */
function filterOptions(forced: Scope, scope: Scope, season: SeasonRow | null): Promise<FilterOptions> {
  const area = forced.area;
  const inProvince = Boolean(scope.province || area);
  const showDistrict = inProvince && !area?.formerDistrict && !area?.communeCode && (Boolean(scope.district) || (season !== null && season.end < UNITS_2025));
  const key = `dashboard-options\u0000${scopeKey(forced)}\u0000${scope.province}\u0000${scope.district}\u0000${showDistrict}`;
  return freshCached(key, async () => {
    const base = groupsInScope(forced);
    const provinces = area?.formerDistrict || area?.communeCode ? null : await db.farmerGroup.groupBy({ by: ["province", "formerProvince"], where: base });
    // Within an authority's province only the former provinces now part of it narrow anything.
    const current = area ? [] : [...new Set((provinces ?? []).map((p) => p.province))].sort(byName);
    const currentNames = new Set((provinces ?? []).map((p) => p.province));
    const former = [...new Set((provinces ?? []).map((p) => p.formerProvince).filter((p): p is string => p !== null && !currentNames.has(p)))].sort(byName);
    const within = { AND: [base, scopeGroupWhere({ province: scope.province, district: scope.district })] };
    const communes =
      inProvince && !area?.communeCode
        ? (await db.farmerGroup.groupBy({ by: ["communeCode"], where: { AND: [within, { communeCode: { not: null } }] } }))
            .map((c) => ({ code: c.communeCode!, name: placeUnits().communes.get(c.communeCode!)?.name ?? c.communeCode! }))
            .sort((a, b) => byName(a.name, b.name))
        : null;
    const districts = showDistrict
      ? (
          await db.farmerGroup.groupBy({
            by: ["formerDistrict"],
            where: { AND: [base, scopeGroupWhere({ province: scope.province }), { formerDistrict: { not: null } }] },
          })
        )
          .map((d) => d.formerDistrict!)
          .sort(byName)
      : null;
    const provinceList = [...current.map((name) => ({ name, former: false })), ...former.map((name) => ({ name, former: true }))];
    return {
      provinces: provinces && (provinceList.length || !area) ? provinceList : null,
      communes,
      districts,
    };
  });
}

export async function resolveView(access: Access, q: URLSearchParams, today: string): Promise<View> {
  const { orgs, org, forced } = await resolveOrg(access, clean(q.get("org")));
  // The drill-down narrows what the role allows and never widens it.
  const area = forced.area;
  const { filters, problems, read } = await placeFilters(q, area);
  const scope: Scope = { ...forced, ...filters };
  const level: Level = scope.commune || scope.district || area?.communeCode || area?.formerDistrict ? "group" : scope.province || area ? "commune" : "province";

  // Products and seasons change rarely, the default season only with contracts: read once per write.
  const products = await freshCached("dashboard-products", () =>
    db.product.findMany({
      select: {
        id: true,
        ref: true,
        name: true,
        nameEn: true,
        seasons: { select: { id: true, ref: true, name: true, start: true, end: true, productId: true }, orderBy: { start: "asc" } },
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
      (await freshCached(`dashboard-default-season\u0000${productId}\u0000${scopeKey(scope)}`, () =>
        db.season.findFirst({
          where: { ...(productId ? { productId } : {}), contracts: { some: contractWhere(scope) } },
          orderBy: { start: "desc" },
          select: { id: true, ref: true, name: true, start: true, end: true, productId: true },
        }),
      )) ?? (product ? ([...product.seasons].reverse().find((s) => s.start <= today) ?? product.seasons[0]) : undefined);
  }
  product ??= products.find((p) => p.id === season?.productId);
  // The previous season of the same product: the one that starts last before it.
  const prev = season ? ((product?.seasons ?? []).filter((s) => s.start < season!.start).at(-1) ?? null) : null;

  const base = new URLSearchParams();
  if (org) base.set("org", org.id);
  if (product) base.set("product", product.ref);
  if (season) base.set("season", season.ref);
  const query = new URLSearchParams(base);
  for (const k of ["province", "district", "commune"] as const) if (filters[k]) query.set(k, filters[k]!);
  return {
    orgs,
    org,
    canAll: access.user.isSiteAdmin,
    forced,
    scope: Object.fromEntries(Object.entries(scope).filter(([, v]) => v)) as Scope,
    level,
    trail: trailOf(base, area, filters, read),
    options: await filterOptions(forced, scope, season ?? null),
    problems,
    products: products.map((p) => ({ ref: p.ref, name: p.name, nameEn: p.nameEn })),
    product: product?.ref ?? null,
    seasons: product?.seasons ?? [],
    season: season ?? null,
    prevSeason: prev,
    query: query.toString(),
  };
}

// ───────────────────────── per-area breakdown ─────────────────────────

/** The breakdown's key on the scope's contracts `cc`. */
const KEY: Record<Level, Prisma.Sql> = {
  province: Prisma.raw(`cc."province"`),
  // Groups still waiting for a person to pick their commune (an old commune split in 2025) make one row.
  commune: Prisma.raw(`COALESCE(cc."communeCode", '')`),
  group: Prisma.raw(`cc."groupId"`),
};
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;

export type AreaRow = {
  key: string; // the province's name, the commune's code ("" for groups whose commune is still to be picked), or the group's id
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

/** The key indicators per province, commune or group of the scope, for one season (computed once per change of the data). */
export function areaBreakdown(seasonId: string, prevSeasonId: string | null, scope: Scope, level: Level): Promise<AreaRow[]> {
  const key = `areas\u0000${seasonId}\u0000${prevSeasonId}\u0000${level}\u0000${scopeKey(scope)}`;
  return freshCached(key, () => computeAreaBreakdown(seasonId, prevSeasonId, scope, level));
}

async function computeAreaBreakdown(seasonId: string, prevSeasonId: string | null, scope: Scope, level: Level): Promise<AreaRow[]> {
  const k = KEY[level];
  const cur = scopedContracts(seasonId, scope);
  const ids = (alias: string) => Prisma.sql`JOIN (${cur}) cc ON cc."id" = ${Prisma.raw(alias)}."contractId"`;
  const contracted = await hotRead<{ k: string; area: number; tonnes: number }>(
    Prisma.sql`SELECT ${k} AS k, SUM(cc."areaHa") AS area, SUM(cc."volumeTonnes") AS tonnes FROM (${cur}) cc GROUP BY 1`,
  );
  // From the totals kept on write (docs/decisions/0016): effective lots per contract × household.
  const delivered = await hotRead<{ k: string; grams: number; households: number }>(Prisma.sql`
    SELECT ${k} AS k, COALESCE(SUM(t."netG"), 0) AS grams, COUNT(DISTINCT CASE WHEN t."lots" > 0 THEN t."householdId" END) AS households
    FROM "ContractHouseholdTotal" t ${ids("t")} GROUP BY 1`);
  const paid = await hotRead<{ k: string; vnd: number }>(
    Prisma.sql`SELECT ${k} AS k, COALESCE(SUM(t."paidVnd"), 0) AS vnd FROM "ContractTotal" t ${ids("t")} GROUP BY 1`,
  );
  const continuance = prevSeasonId
    ? await hotRead<{ k: string; previous: number; continued: number }>(Prisma.sql`
        SELECT k, COUNT(*) AS previous, SUM(cur) AS continued FROM (
          SELECT MAX(k) AS k, MAX(prev) AS prev, MAX(cur) AS cur FROM (
            SELECT cc."buyerId", cc."groupId", ${k} AS k, 1 AS prev, 0 AS cur FROM (${scopedContracts(prevSeasonId, scope)}) cc
            UNION ALL SELECT "buyerId", "groupId", NULL, 0, 1 FROM (${cur}) AS c
          ) AS pairs GROUP BY "buyerId", "groupId"
        ) AS pair WHERE prev = 1 GROUP BY k`)
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
  if (level === "commune") for (const r of rows.values()) r.name = r.key ? (placeUnits().communes.get(r.key)?.name ?? r.key) : "";
  // By name; the groups whose commune is still to be picked (no name) last.
  return [...rows.values()].sort((a, b) => (a.key === "" ? 1 : 0) - (b.key === "" ? 1 : 0) || a.name.localeCompare(b.name, "vi"));
}

// ───────────────────────── the whole dashboard ─────────────────────────

export type TrendRow = { ref: string; name: string; ind: Indicators };

/**
 * `prev`: the previous season's indicators as the cards compare them — up to the same day of
 * the season while the selected one is in progress at `asOf`, else the whole season
 * (`comparison` says which; ./dashboard/same-day.server). The trend keeps whole seasons.
 */
export type Dashboard = {
  view: View;
  asOf: string;
  cur: Indicators | null;
  prev: Indicators | null;
  comparison: Comparison | null;
  trend: TrendRow[];
  areas: AreaRow[];
  certified: Certified | null; // certified area and volume by scheme (./certified.server)
};

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
  if (!season) return { view, asOf, cur: null, prev: null, comparison: null, trend: [], areas: [], certified: null };
  const computed: Indicators[] = [];
  for (const s of seasons) computed.push(await computeIndicators(s.ref, { asOf, scope }));
  const at = seasons.findIndex((s) => s.id === season.id);
  const [from, to] = trendWindow(seasons, computed, at);
  const prevAt = prevSeason ? seasons.findIndex((s) => s.id === prevSeason.id) : -1;
  const whole = prevAt >= 0 ? computed[prevAt] : null;
  const comparison = whole ? comparisonFor(season, prevSeason, asOf) : null;
  return {
    view,
    asOf,
    cur: computed[at],
    prev: whole && comparison?.kind === "sameDay" ? await sameDayIndicators(prevSeason!, whole, scope, comparison.cutoff) : whole,
    comparison,
    trend: seasons.slice(from, to + 1).map((s, i) => ({ ref: s.ref, name: s.name, ind: computed[from + i] })),
    areas: await areaBreakdown(season.id, prevSeason?.id ?? null, scope, view.level),
    certified: await certifiedFigures(season, scope, asOf),
  };
}

/** A table cell: text, a raw number, or empty. */
export type Cell = string | number | null;
