// The linkage map's data: a compact JSON document (arrays, short keys, indices instead of
// ids where possible) so 10,000 farmer groups fit in a few hundred kilobytes gzipped.
// Scoped exactly like the dashboard: resolveView() decides what the reader may see.
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { IN_FORCE } from "./contracts";
import { areaBreakdown, type View } from "./dashboard.server";
import { scopedContracts } from "./indicators.server";
import { scopeGroupWhere, type Scope } from "./indicators.server";

export type MapData = {
  s: string | null; // season ref
  p: string | null; // previous season ref
  g: [number, number, string][]; // farmer groups: lat, lng, id
  b: [number, number, string, string][]; // buyers: lat, lng, id, name
  l: [number, number, number][]; // linkages: index in g, index in b, kind (0 continued, 1 new, 2 lapsed: LINK_KINDS in ~/components/dashboard-map)
  a: [string, number, number][]; // provinces: name, ha under contract, tonnes delivered
};

const round = (x: number) => Math.round(x * 1e4) / 1e4; // ≈ 11 m

/** The farmer groups a scope covers (for a buyer: the groups it has had a contract with). */
function groupsWhere(s: Scope): Prisma.FarmerGroupWhereInput {
  return {
    ...scopeGroupWhere(s),
    ...(s.buyer ? { contracts: { some: { status: { in: IN_FORCE }, buyer: { ref: s.buyer } } } } : {}),
  };
}

export async function loadMapData(view: View): Promise<MapData> {
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

  const [pairs, provinces] = await Promise.all([
    db.$queryRaw<{ buyerId: string; groupId: string; cur: bigint | number; prev: bigint | number }[]>`
      SELECT "buyerId", "groupId", MAX(cur) AS cur, MAX(prev) AS prev FROM (
        SELECT "buyerId", "groupId", 1 AS cur, 0 AS prev FROM (${scopedContracts(season.id, scope)})
        ${prevSeason ? Prisma.sql`UNION ALL SELECT "buyerId", "groupId", 0 AS cur, 1 AS prev FROM (${scopedContracts(prevSeason.id, scope)})` : Prisma.empty}
      ) GROUP BY "buyerId", "groupId"`,
    // Provinces shaded by what the scope holds in them (with a drill-down: only that part).
    areaBreakdown(season.id, prevSeason?.id ?? null, scope, "province"),
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
  data.a = provinces.map((r) => [r.name, r.areaHa, r.deliveredTonnes]);
  return data;
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
