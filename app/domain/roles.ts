// Roles per organisation kind (shared by server and UI; docs/decisions/0004-permissions.md).
export const ORG_KINDS = ["cooperative", "enterprise", "project_owner", "authority"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const BUYER_KINDS: readonly OrgKind[] = ["cooperative", "enterprise"];

export const ORG_ROLES = ["buyer_admin", "buyer_staff", "project_admin", "project_staff", "authority_admin", "authority_viewer"] as const;
export const GROUP_ROLES = ["group_leader", "group_member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export type GroupRole = (typeof GROUP_ROLES)[number];
export type Role = OrgRole | GroupRole;

/** Which roles an organisation of a kind can grant, the first being its administrator. */
export function rolesForKind(kind: OrgKind): [OrgRole, OrgRole] {
  if (kind === "project_owner") return ["project_admin", "project_staff"];
  if (kind === "authority") return ["authority_admin", "authority_viewer"];
  return ["buyer_admin", "buyer_staff"];
}

export const isAdminRole = (role: string) => role === "buyer_admin" || role === "project_admin" || role === "authority_admin";
