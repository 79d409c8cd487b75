// Who may see and do what. Every loader and action starts from requireAccess() and scopes
// its queries through the helpers here, so the rule lives in one place.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { requireUser, type SessionUser } from "~/utils/session.server";
import { communesOfFormerDistrict } from "./places/units.server";
import { isAdminRole, type GroupRole, type OrgKind, type OrgRole } from "./roles";

/** An authority's area (docs/decisions/0019-places-2025.md): a current province or commune, or a former district of a province. */
export type Area = { provinceCode: string | null; communeCode: string | null; formerDistrict: string | null };
export type OrgAccess = { id: string; ref: string; name: string; kind: OrgKind; role: OrgRole } & Area;
export type GroupAccess = { id: string; name: string; role: GroupRole; householdId: string | null };
export type Access = { user: SessionUser; orgs: OrgAccess[]; groups: GroupAccess[] };

/**
 * The memberships that count: a pending invitation (acceptedAt null) grants nothing — no access,
 * no notices, no say in "last administrator" or import rights — until its invitee accepts it.
 * Every query that reads memberships for any of those uses this fragment.
 */
export const acceptedMembership = { acceptedAt: { not: null } } satisfies Prisma.MembershipWhereInput;

export async function loadAccess(user: SessionUser): Promise<Access> {
  // Asked by every page: fixed SQL on the hot connection (docs/decisions/0017-hot-reads.md).
  const memberships = await hotRead<{
    role: string;
    householdId: string | null;
    orgId: string | null;
    orgRef: string;
    orgName: string;
    kind: string;
    provinceCode: string | null;
    communeCode: string | null;
    formerDistrict: string | null;
    groupId: string | null;
    groupName: string;
  }>(Prisma.sql`
    SELECT m."role", m."householdId", o."id" AS "orgId", o."ref" AS "orgRef", o."name" AS "orgName", o."kind", o."provinceCode", o."communeCode", o."formerDistrict", g."id" AS "groupId", g."name" AS "groupName"
    FROM "Membership" m LEFT JOIN "Organisation" o ON o."id" = m."organisationId" LEFT JOIN "FarmerGroup" g ON g."id" = m."groupId"
    WHERE m."userId" = ${user.id} AND m."acceptedAt" IS NOT NULL
    ORDER BY m."createdAt" ASC, m."id" ASC`);
  const orgs: OrgAccess[] = [];
  const groups: GroupAccess[] = [];
  for (const m of memberships) {
    if (m.orgId)
      orgs.push({
        id: m.orgId,
        ref: m.orgRef,
        name: m.orgName,
        kind: m.kind as OrgKind,
        role: m.role as OrgRole,
        provinceCode: m.provinceCode,
        communeCode: m.communeCode,
        formerDistrict: m.formerDistrict,
      });
    if (m.groupId) groups.push({ id: m.groupId, name: m.groupName, role: m.role as GroupRole, householdId: m.householdId });
  }
  return { user, orgs, groups };
}

export async function requireAccess(request: Request): Promise<Access> {
  return loadAccess(await requireUser(request));
}

export function orgMembership(access: Access, orgId: string): OrgAccess | undefined {
  return access.orgs.find((o) => o.id === orgId);
}

/** The caller's membership of the organisation, or 404 (non-members learn nothing). */
export function requireOrgMember(access: Access, orgId: string): OrgAccess | null {
  const m = orgMembership(access, orgId);
  if (m) return m;
  if (access.user.isSiteAdmin) return null;
  notFound();
}

export function requireOrgAdmin(access: Access, orgId: string): void {
  const m = requireOrgMember(access, orgId);
  if (m && !isAdminRole(m.role)) forbidden();
}

/**
 * The farmer groups the caller sees whole: its own, its project's, its authority's area (and
 * every group for a site administrator). Everything such a group holds is theirs to read.
 */
export function wholeGroupsWhere(access: Access): Prisma.FarmerGroupWhereInput {
  if (access.user.isSiteAdmin) return {};
  const or: Prisma.FarmerGroupWhereInput[] = [{ id: { in: access.groups.map((g) => g.id) } }];
  const projects = access.orgs.filter((o) => o.kind === "project_owner").map((o) => o.id);
  if (projects.length) or.push({ projectOwnerId: { in: projects } });
  for (const a of access.orgs.filter((o) => o.kind === "authority")) {
    const area = areaWhere(a);
    if (area) or.push(area);
  }
  return { OR: or };
}

/**
 * The groups of an authority's area: its commune, or its province, or — for an authority of
 * before July 2025 — its former district within its province: the groups recorded there, and
 * the groups registered since in a commune made wholly from it (communesOfFormerDistrict).
 * Null when it names no area (it reads nothing).
 */
export function areaWhere(a: Area): Prisma.FarmerGroupWhereInput | null {
  if (a.communeCode) return { communeCode: a.communeCode };
  if (!a.provinceCode) return null;
  if (!a.formerDistrict) return { provinceCode: a.provinceCode };
  return {
    provinceCode: a.provinceCode,
    OR: [{ formerDistrict: a.formerDistrict }, { formerDistrict: null, communeCode: { in: communesOfFormerDistrict(a.provinceCode, a.formerDistrict) } }],
  };
}

/** areaWhere for one group already read. */
export function inArea(a: Area, g: { provinceCode: string | null; communeCode: string | null; formerDistrict: string | null }): boolean {
  if (a.communeCode) return g.communeCode === a.communeCode;
  if (!a.provinceCode || g.provinceCode !== a.provinceCode) return false;
  if (!a.formerDistrict) return true;
  if (g.formerDistrict !== null) return g.formerDistrict === a.formerDistrict;
  return g.communeCode !== null && communesOfFormerDistrict(a.provinceCode, a.formerDistrict).includes(g.communeCode);
}

/** Whether an organisation has a scope to read indicators in: an authority only through its area (areaWhere). */
export function hasIndicatorScope(o: { kind: string } & Area): boolean {
  return o.kind !== "authority" || areaWhere(o) !== null;
}

/**
 * Whether the indicators (dashboard, map) open for the caller as they open by default: a site
 * administrator reads the whole programme, anyone else as their first organisation
 * (resolveView); a group's leader or member, with no organisation, reads none.
 */
export function readsIndicators(access: Access): boolean {
  if (access.user.isSiteAdmin) return true;
  const first = access.orgs[0];
  return first !== undefined && hasIndicatorScope(first);
}

/**
 * Whether the caller reads programme reports (app/domain/report/access.server.ts): the project
 * owner's own people, an authority with an area (the projects with groups in it), a site administrator.
 */
export function readsProjectReports(access: Access): boolean {
  return access.user.isSiteAdmin || access.orgs.some((o) => o.kind === "project_owner" || (o.kind === "authority" && areaWhere(o) !== null));
}

export type GroupPlaceKeys = { provinceCode: string | null; communeCode: string | null; formerDistrict: string | null };

/**
 * wholeGroupsWhere for one group already read (pages whose reads are fixed SQL): the same rule,
 * term by term, so the two always agree (tests/integration/permissions.test.ts compares them).
 */
export function seesGroupWhole(access: Access, g: { id: string; projectOwnerId: string | null } & GroupPlaceKeys): boolean {
  if (access.user.isSiteAdmin) return true;
  if (access.groups.some((x) => x.id === g.id)) return true;
  if (g.projectOwnerId !== null && access.orgs.some((o) => o.kind === "project_owner" && o.id === g.projectOwnerId)) return true;
  return access.orgs.some((a) => a.kind === "authority" && inArea(a, g));
}

/**
 * The farmer groups the caller may see: those it sees whole, and (read-only) those a buyer it
 * acts for has a contract with. Such a buyer reads the group and its households, but of what the
 * group holds only its own dealings with it: its contracts and what hangs off them, its advances
 * (contractsVisibleWhere, advancesVisibleWhere), never another buyer's or a project's.
 */
export function visibleGroupsWhere(access: Access): Prisma.FarmerGroupWhereInput {
  if (access.user.isSiteAdmin) return {};
  const buyers = access.orgs.filter((o) => o.kind === "cooperative" || o.kind === "enterprise").map((o) => o.id);
  if (!buyers.length) return wholeGroupsWhere(access);
  return { OR: [wholeGroupsWhere(access), { contracts: { some: { buyerId: { in: buyers } } } }] };
}

export type GroupView = {
  group: Prisma.FarmerGroupGetPayload<{ include: { projectOwner: { select: { id: true; name: true } } } }>;
  role: GroupRole | "viewer" | "admin";
  /** False for a buyer that sees the group only through its contracts with it. */
  whole: boolean;
};

/** Loads a group the caller may see, or 404. `role` says how far they may go. */
export async function requireGroup(access: Access, groupId: string): Promise<GroupView> {
  const group = await db.farmerGroup.findFirst({
    where: { AND: [{ id: groupId }, visibleGroupsWhere(access)] },
    include: { projectOwner: { select: { id: true, name: true } } },
  });
  if (!group) notFound();
  const own = access.groups.find((g) => g.id === groupId);
  const role = own?.role ?? (access.user.isSiteAdmin ? "admin" : "viewer");
  const whole = role !== "viewer" || (await db.farmerGroup.count({ where: { AND: [{ id: groupId }, wholeGroupsWhere(access)] } })) > 0;
  return { group, role, whole };
}

/**
 * Which households of a group the caller may read in detail: null for every one of them
 * (leaders, viewers, the site administrator); for a member, their own household's id, or ""
 * (which matches nothing) when the account has none. Filter every household-level list with it.
 */
export function memberHousehold(access: Access, groupId: string, role: string): string | null {
  if (role !== "group_member") return null;
  return access.groups.find((g) => g.id === groupId)?.householdId ?? "";
}

/** What the group keeps for itself (its fund): for those who see it whole, else 404. */
export async function requireWholeGroup(access: Access, groupId: string): Promise<GroupView> {
  const view = await requireGroup(access, groupId);
  if (!view.whole) notFound();
  return view;
}

export async function requireGroupLeader(access: Access, groupId: string, opts: { whole?: boolean } = {}): Promise<GroupView> {
  const view = await (opts.whole ? requireWholeGroup : requireGroup)(access, groupId);
  if (view.role !== "group_leader" && view.role !== "admin") forbidden();
  return view;
}
