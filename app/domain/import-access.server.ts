// Which project a signed-in person may import into: a project owner they belong to.
import { forbidden } from "~/utils/http.server";
import { requireAccess } from "./access.server";

export async function projectOrgFor(request: Request, orgId: string | null) {
  const access = await requireAccess(request);
  const orgs = access.orgs.filter((o) => o.kind === "project_owner");
  const org = orgs.find((o) => o.id === orgId) ?? (orgId ? undefined : orgs[0]);
  if (!org) forbidden();
  return { access, org, orgs };
}
