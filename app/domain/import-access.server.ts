// Who a person importing through the web acts for: a project owner they administer, or, for a
// site administrator, the site itself (full rights). Staff and every other role only read.
import { forbidden } from "~/utils/http.server";
import { requireAccess, type Access } from "./access.server";
import type { Importer } from "./bundle/importer";
import { db } from "~/utils/db.server";

export const AS_SITE_ADMIN = "site-admin";

export function importChoices(access: Access) {
  const projects = access.orgs.filter((o) => o.kind === "project_owner" && o.role === "project_admin").map((o) => ({ id: o.id, name: o.name }));
  return access.user.isSiteAdmin ? [...projects, { id: AS_SITE_ADMIN, name: null }] : projects;
}

export async function importerFor(
  request: Request,
  choice: string | null,
): Promise<{ access: Access; importer: Importer; organisationId: string | null; choices: ReturnType<typeof importChoices> }> {
  const access = await requireAccess(request);
  const choices = importChoices(access);
  const picked = choices.find((c) => c.id === choice) ?? (choice ? undefined : choices[0]);
  if (!picked) forbidden();
  if (picked.id === AS_SITE_ADMIN) return { access, choices, organisationId: null, importer: { kind: "site_admin", userId: access.user.id } };
  const { ref } = await db.organisation.findUniqueOrThrow({ where: { id: picked.id }, select: { ref: true } });
  return { access, choices, organisationId: picked.id, importer: { kind: "project", orgId: picked.id, orgRef: ref, userId: access.user.id } };
}
