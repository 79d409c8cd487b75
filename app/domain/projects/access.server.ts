// Who may read and write a project's own pages (/projects/:projectId/…): the project owner's
// people. projectId is the project owner Organisation's id; anyone else — another project, a
// buyer, a group — is answered 404, exactly as for an id that does not exist.
import { requireAccess, type Access } from "../access.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export type ProjectAccess = {
  access: Access;
  project: { id: string; name: string; startedOn: string | null; endsOn: string | null };
  /** May record (the project's administrators and staff, the site administrator). */
  canWrite: boolean;
};

export async function requireProjectAccess(request: Request, projectId: string, opts: { write?: boolean } = {}): Promise<ProjectAccess> {
  const access = await requireAccess(request);
  const member = access.orgs.find((o) => o.id === projectId && o.kind === "project_owner");
  if (!member && !access.user.isSiteAdmin) notFound();
  const project = await db.organisation.findFirst({
    where: { id: projectId, kind: "project_owner" },
    select: { id: true, name: true, startedOn: true, endsOn: true },
  });
  if (!project) notFound();
  // Staff record as the administrators do: what the project put in is their daily work.
  const canWrite = access.user.isSiteAdmin || member?.role === "project_admin" || member?.role === "project_staff";
  if (opts.write && !canWrite) notFound();
  return { access, project, canWrite };
}
