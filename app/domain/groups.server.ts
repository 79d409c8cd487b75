// Farmer groups, their member households and the accounts that act for them.
import type { Prisma } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import type { GroupInput, HouseholdInput } from "./groups.schema";
import { announceRequest, projectChoice } from "./projects/enrolment.server";
import { newRef } from "./refs";

/** A group may only name a real project owner. */
async function checkProjectOwner(projectOwnerId: string | null): Promise<boolean> {
  if (!projectOwnerId) return true;
  const org = await db.organisation.findFirst({ where: { id: projectOwnerId, kind: "project_owner" }, select: { id: true } });
  return !!org;
}

export type GroupWriteResult = { ok: true; id: string } | { ok: false; field: "projectOwnerId"; error: string };

/** The person registering a group becomes its leader; a project it names must confirm it. */
export async function createGroup(actor: { userId: string; isSiteAdmin: boolean }, input: GroupInput): Promise<GroupWriteResult> {
  if (!(await checkProjectOwner(input.projectOwnerId))) return { ok: false, field: "projectOwnerId", error: "error.invalid" };
  const project = await projectChoice(actor, input.projectOwnerId, null);
  return write(async (tx) => {
    const group = await tx.farmerGroup.create({ data: { ...input, ...project, ref: newRef("tg", input.name) } });
    await tx.membership.create({ data: { userId: actor.userId, groupId: group.id, role: "group_leader" } });
    await announceRequest(tx, group);
    return { ok: true as const, id: group.id };
  });
}

export async function updateGroup(actor: { userId: string; isSiteAdmin: boolean }, groupId: string, input: GroupInput): Promise<GroupWriteResult> {
  if (!(await checkProjectOwner(input.projectOwnerId))) return { ok: false, field: "projectOwnerId", error: "error.invalid" };
  const current = await db.farmerGroup.findUniqueOrThrow({ where: { id: groupId }, select: { projectOwnerId: true, projectRequestedId: true } });
  const project = await projectChoice(actor, input.projectOwnerId, current);
  await write(async (tx) => {
    const group = await tx.farmerGroup.update({ where: { id: groupId }, data: { ...input, ...project } });
    if (group.projectRequestedId && group.projectRequestedId !== current.projectRequestedId) await announceRequest(tx, group);
  });
  return { ok: true, id: groupId };
}

export function listGroups(where: Prisma.FarmerGroupWhereInput) {
  return db.farmerGroup.findMany({
    where,
    select: {
      id: true,
      name: true,
      province: true,
      district: true,
      commune: true,
      lat: true,
      lng: true,
      projectOwner: { select: { name: true } },
      _count: { select: { households: true } },
    },
    orderBy: [{ province: "asc" }, { district: "asc" }, { name: "asc" }],
  });
}

export function projectOwners() {
  return db.organisation.findMany({ where: { kind: "project_owner" }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** A group's households; `onlyId` (a member's own, see memberHousehold) narrows to one. */
export function householdsOf(groupId: string, onlyId?: string | null) {
  return db.household.findMany({
    where: { groupId, ...(onlyId != null ? { id: onlyId } : {}) },
    orderBy: { headName: "asc" },
  });
}

export async function createHousehold(groupId: string, input: HouseholdInput) {
  return write((tx) => tx.household.create({ data: { ...input, groupId, ref: newRef("hh") } }));
}

/** Scoped by group: an id from another group matches nothing and changes nothing. */
export async function updateHousehold(groupId: string, householdId: string, input: HouseholdInput): Promise<boolean> {
  const { count } = await write((tx) => tx.household.updateMany({ where: { id: householdId, groupId }, data: input }));
  return count === 1;
}

/** The group's accounts, each with the one contact the page shows (email, else phone). */
export async function groupMembers(groupId: string) {
  const rows = await db.membership.findMany({
    where: { groupId },
    select: { id: true, role: true, household: { select: { id: true, headName: true } }, user: { select: { name: true, email: true, phone: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ id: m.id, role: m.role, household: m.household, user: { name: m.user.name, contact: m.user.email ?? m.user.phone } }));
}

export type AddGroupMemberResult = { ok: true } | { ok: false; field: string; error: string };

export async function addGroupMember(
  groupId: string,
  input: { login: { email: string } | { phone: string }; role: "group_leader" | "group_member"; householdId: string | null; name: string | null; password?: string },
): Promise<AddGroupMemberResult> {
  if (input.householdId) {
    const hh = await db.household.findFirst({ where: { id: input.householdId, groupId }, select: { id: true } });
    if (!hh) return { ok: false, field: "householdId", error: "error.invalid" };
  } else if (input.role === "group_member") {
    return { ok: false, field: "householdId", error: "error.required" };
  }
  const existing = await db.user.findUnique({ where: input.login as { email: string } });
  if (!existing && !input.name) return { ok: false, field: "name", error: "error.newUserNeedsName" };
  if (!existing && !input.password) return { ok: false, field: "password", error: "error.newUserNeedsPassword" };
  const passwordHash = existing ? null : await hashPassword(input.password!);
  return write(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { ...input.login, name: input.name!, passwordHash: passwordHash! } }));
    if (await tx.membership.findFirst({ where: { userId: user.id, groupId } })) {
      return { ok: false as const, field: "login", error: "error.alreadyMember" };
    }
    await tx.membership.create({ data: { userId: user.id, groupId, role: input.role, householdId: input.householdId } });
    return { ok: true as const };
  });
}
