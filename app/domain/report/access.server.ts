// Who reads which programme report, over which groups, and who writes its words:
// - the project owner's own people read it whole, and they alone write its texts;
// - an authority reads the reports of the projects that have groups in its area, with every
//   figure limited to those groups (scope.area), and writes nothing;
// - the site administrator reads every project's whole report.
// A project the reader may not read is not found (404), as any record one may not see.
import { db } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { areaWhere, readsProjectReports, requireAccess, type Access, type Area, type OrgAccess } from "../access.server";
import type { Scope } from "../indicators.server";
import { placeUnits } from "../places/units.server";
import { seasonsOf, type ReportFigures } from "./figures.server";
import { periodKeyFrom, resolvePeriod, type Period, type PeriodSeason } from "./period";

export type ReportReader = {
  access: Access;
  projects: { id: string; name: string }[];
  org: ReportFigures["org"];
  scope: Scope;
  /** The authority's area the figures are limited to, by name; null for the whole project. */
  areaName: string | null;
  canEdit: boolean;
  seasons: PeriodSeason[];
  /** Null when the project has no contract in force in the scope yet. */
  period: Period | null;
};

const ORG_SELECT = { id: true, ref: true, name: true, phone: true, objectives: true, beneficiarySelection: true, startedOn: true, endsOn: true } as const;

export function areaLabel(a: Area): string {
  const u = placeUnits();
  const province = a.provinceCode ? (u.provinces.get(a.provinceCode)?.name ?? a.provinceCode) : "";
  if (a.communeCode) return `${u.communes.get(a.communeCode)?.name ?? a.communeCode}${province ? ` (${province})` : ""}`;
  if (a.formerDistrict) return `${a.formerDistrict} (${province})`;
  return province;
}

export async function reportReader(request: Request): Promise<ReportReader> {
  const access = await requireAccess(request);
  if (!readsProjectReports(access)) forbidden(); // the navigation offers the page by the same rule
  const q = new URL(request.url).searchParams;
  const own = access.orgs.filter((o) => o.kind === "project_owner");
  const authorities = access.orgs.filter((o) => o.kind === "authority" && areaWhere(o));
  const [all, byArea] = await Promise.all([
    access.user.isSiteAdmin
      ? db.organisation.findMany({ where: { kind: "project_owner" }, select: { id: true, name: true }, orderBy: { name: "asc" } })
      : Promise.resolve(own.map((o) => ({ id: o.id, name: o.name }))),
    Promise.all(
      authorities.map(async (a) => ({
        authority: a,
        projects: await db.organisation.findMany({
          where: { kind: "project_owner", projectGroups: { some: areaWhere(a)! } },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        }),
      })),
    ),
  ]);
  const projects = [...all];
  for (const b of byArea) for (const p of b.projects) if (!projects.some((x) => x.id === p.id)) projects.push(p);
  if (!projects.length) forbidden();

  const orgId = q.get("org") ?? projects[0].id;
  if (!projects.some((p) => p.id === orgId)) notFound();
  const org = await db.organisation.findFirst({ where: { id: orgId, kind: "project_owner" }, select: ORG_SELECT });
  if (!org) notFound();
  // Whole for its own people and the site administrator; else the first of the reader's areas it has groups in.
  const whole = access.user.isSiteAdmin || own.some((o) => o.id === org.id);
  const authority: OrgAccess | undefined = whole ? undefined : byArea.find((b) => b.projects.some((p) => p.id === org.id))?.authority;
  const area: Area | undefined = authority
    ? { provinceCode: authority.provinceCode, communeCode: authority.communeCode, formerDistrict: authority.formerDistrict }
    : undefined;
  const scope: Scope = area ? { projectOwner: org.ref, area } : { projectOwner: org.ref };
  const seasons = await seasonsOf(scope);
  const key = periodKeyFrom(q);
  const period = resolvePeriod(org.id, key, seasons);
  // A period that names none of the project's seasons is not found; no seasons at all is an empty report.
  if (!period && key && seasons.length) notFound();
  return {
    access,
    projects,
    org,
    scope,
    areaName: area ? areaLabel(area) : null,
    canEdit: own.some((o) => o.id === org.id),
    seasons,
    period,
  };
}
