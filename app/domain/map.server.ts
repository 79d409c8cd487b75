// The linkage map's data: a compact JSON document (arrays, short keys, indices instead of
// ids where possible) so 10,000 farmer groups fit in a few hundred kilobytes gzipped.
// Scoped exactly like the dashboard: resolveView() decides what the reader may see.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead } from "~/utils/db.server";
import { freshCached } from "~/utils/fresh-cache.server";
import { notFound } from "~/utils/http.server";
import { IN_FORCE } from "./contracts";
import { areaBreakdown, type View } from "./dashboard/dashboard.server";
import { scopedContracts, scopeGroupWhere, type Scope } from "./indicators.server";

export type MapData = {
  s: string | null; // season ref
  p: string | null; // previous season ref
  g: [number, number, string][]; // farmer groups: lat, lng, id
  b: [number, number, string, string][]; // buyers: lat, lng, id, name
  l: [number, number, number][]; // linkages: index in g, index in b, kind (0 continued, 1 new, 2 lapsed: LINK_KINDS in ~/components/dashboard-map)
  a: [string, number, number][]; // provinces: name, ha under contract, tonnes delivered
};

/**
 * Which provinces `a` names: the current ones (the 34 outlines since July 2025), or for the 63
 * outlines of before then each group's former province as its record wrote it, its current one
 * when it was registered in the new units (docs/decisions/0020-province-outlines-2025.md).
 */
export type MapProvinces = "current" | "former";

const round = (x: number) => Math.round(x * 1e4) / 1e4; // ≈ 11 m

/** The farmer groups a scope covers (for a buyer: the groups it has had a contract with). */
function groupsWhere(s: Scope): Prisma.FarmerGroupWhereInput {
  return {
    ...scopeGroupWhere(s),
    ...(s.buyer ? { contracts: { some: { status: { in: IN_FORCE }, buyer: { ref: s.buyer } } } } : {}),
  };
}

export async function loadMapData(view: View, provinces: MapProvinces = "current"): Promise<MapData> {
  const { scope, season, prevSeason } = view;
  const groups = await db.farmerGroup.findMany({
    where: { ...groupsWhere(scope), lat: { not: null }, lng: { not: null } },
    select: { id: true, lat: true, lng: true },
    orderBy: { lat: "asc" },
  });
  const data: MapData = { s: season?.ref ?? null, p: prevSeason?.ref ?? null, g: [], b: [], l: [], a: [] };
  const gIndex = new Map<string, number>();
  for (const g of groups) {
    gIndex.set(g.id, data.g.length);
    data.g.push([round(g.lat!), round(g.lng!), g.id]);
  }
  if (!season) return data;

  const [pairs, areas] = await Promise.all([
    db.$queryRaw<{ buyerId: string; groupId: string; cur: bigint | number; prev: bigint | number }[]>`
      SELECT "buyerId", "groupId", MAX(cur) AS cur, MAX(prev) AS prev FROM (
        SELECT "buyerId", "groupId", 1 AS cur, 0 AS prev FROM (${scopedContracts(season.id, scope)}) AS c
        ${prevSeason ? Prisma.sql`UNION ALL SELECT "buyerId", "groupId", 0 AS cur, 1 AS prev FROM (${scopedContracts(prevSeason.id, scope)}) AS p` : Prisma.empty}
      ) AS pairs GROUP BY "buyerId", "groupId" ORDER BY "buyerId", "groupId"`,
    // Provinces shaded by what the scope holds in them (with a drill-down: only that part).
    provinces === "former"
      ? formerProvinceAreas(season.id, scope)
      : areaBreakdown(season.id, prevSeason?.id ?? null, scope, "province").then((rows) =>
          rows.map((r): MapData["a"][number] => [r.name, r.areaHa, r.deliveredTonnes]),
        ),
  ]);
  const buyerIds = [...new Set(pairs.map((p) => p.buyerId))];
  const buyers = await db.organisation.findMany({
    where: { OR: [{ id: { in: buyerIds } }, ...(scope.buyer ? [{ ref: scope.buyer }] : [])], lat: { not: null }, lng: { not: null } },
    select: { id: true, name: true, lat: true, lng: true },
    orderBy: { name: "asc" },
  });
  const bIndex = new Map<string, number>();
  for (const b of buyers) {
    bIndex.set(b.id, data.b.length);
    data.b.push([round(b.lat!), round(b.lng!), b.id, b.name]);
  }
  for (const p of pairs) {
    const gi = gIndex.get(p.groupId);
    const bi = bIndex.get(p.buyerId);
    if (gi === undefined || bi === undefined) continue; // no coordinates: not on the map
    const kind = Number(p.cur) && Number(p.prev) ? 0 : Number(p.cur) ? 1 : 2;
    data.l.push([gi, bi, kind]);
  }
  data.a = areas;
  return data;
}

/** A cache key part for a scope: nested objects (an authority's area) included, keys in order. */
const scopeKey = (s: Scope) =>
  JSON.stringify(s, (_, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

/** Area under contract and tonnes delivered by former province (else current), as areaBreakdown sums them. */
function formerProvinceAreas(seasonId: string, scope: Scope): Promise<MapData["a"]> {
  return freshCached(`map-former\u0000${seasonId}\u0000${scopeKey(scope)}`, async () => {
    const cur = scopedContracts(seasonId, scope);
    const k = Prisma.sql`COALESCE(g."formerProvince", g."province")`;
    const contracted = await hotRead<{ k: string; area: number | null }>(Prisma.sql`
      SELECT ${k} AS k, SUM(cc."areaHa") AS area FROM (${cur}) cc JOIN "FarmerGroup" g ON g."id" = cc."groupId" GROUP BY 1`);
    const delivered = await hotRead<{ k: string; grams: number | null }>(Prisma.sql`
      SELECT ${k} AS k, COALESCE(SUM(t."netG"), 0) AS grams
      FROM "ContractHouseholdTotal" t JOIN (${cur}) cc ON cc."id" = t."contractId" JOIN "FarmerGroup" g ON g."id" = cc."groupId" GROUP BY 1`);
    const rows = new Map<string, MapData["a"][number]>();
    const row = (k: string) => rows.get(k) ?? rows.set(k, [k, 0, 0]).get(k)!;
    for (const r of contracted) row(r.k)[1] = Math.round(Number(r.area ?? 0) * 1e6) / 1e6;
    for (const r of delivered) row(r.k)[2] = Number(r.grams ?? 0) / 1e6;
    return [...rows.values()].sort((a, b) => a[0].localeCompare(b[0], "vi"));
  });
}

/** One group's label for the map's pop-up, only if the scope covers it. */
export async function mapGroupDetail(view: View, groupId: string) {
  const g = await db.farmerGroup.findFirst({
    where: { AND: [{ id: groupId }, groupsWhere(view.scope)] },
    select: { id: true, name: true, commune: true, formerDistrict: true, province: true },
  });
  if (!g) notFound();
  return g;
}
