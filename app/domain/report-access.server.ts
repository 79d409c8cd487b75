// Who may read a programme report: the project owner's own people (or a site administrator).
import { db } from "~/utils/db.server";
import { readsProjectReports, requireAccess } from "./access.server";
import { forbidden, notFound } from "~/utils/http.server";

export async function reportScope(request: Request) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  if (!readsProjectReports(access)) forbidden(); // the navigation offers the page by the same rule
  const projects = access.user.isSiteAdmin
    ? await db.organisation.findMany({ where: { kind: "project_owner" }, select: { id: true, name: true }, orderBy: { name: "asc" } })
    : access.orgs.filter((o) => o.kind === "project_owner").map((o) => ({ id: o.id, name: o.name }));
  if (!projects.length) forbidden();
  const orgId = q.get("org");
  const org = orgId ? projects.find((p) => p.id === orgId) : projects[0];
  if (!org) notFound();
  const seasons = await db.season.findMany({
    where: { contracts: { some: { group: { projectOwnerId: org.id } } } },
    include: { product: { select: { name: true } } },
    orderBy: [{ start: "desc" }],
  });
  const season = seasons.find((s) => s.ref === q.get("season")) ?? seasons[0] ?? null;
  return { access, projects, org, seasons, season };
}
