// Who may open a project's pages (/projects/:projectId/…, projectId = the project owner's
// Organisation id): the project owner's own people (project_admin, project_staff) and a site
// administrator. Anyone else — another project, a buyer, an authority, a group — gets 404, as for
// a project that does not exist: guessing ids reveals nothing. Writing (survey rounds, answers,
// contributions) is for the same people; `write` is there so a read-only role added later is
// refused in one place.
import { db } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { requireAccess, type Access } from "../access.server";

export type ProjectAccess = {
  access: Access;
  project: { id: string; ref: string; name: string; startedOn: string | null; endsOn: string | null };
  /** The caller's role in the project owner, or "admin" for a site administrator. */
  role: "project_admin" | "project_staff" | "admin";
};

const WRITERS: readonly string[] = ["project_admin", "project_staff", "admin"];

export async function requireProjectAccess(request: Request, projectId: string | undefined, opts: { write?: boolean } = {}): Promise<ProjectAccess> {
  const access = await requireAccess(request);
  if (!projectId) notFound();
  const own = access.orgs.find((o) => o.id === projectId && o.kind === "project_owner");
  if (!own && !access.user.isSiteAdmin) notFound();
  const project = await db.organisation.findFirst({
    where: { id: projectId, kind: "project_owner" },
    select: { id: true, ref: true, name: true, startedOn: true, endsOn: true },
  });
  if (!project) notFound();
  const role = own ? (own.role as ProjectAccess["role"]) : "admin";
  if (opts.write && !WRITERS.includes(role)) forbidden();
  return { access, project, role };
}
