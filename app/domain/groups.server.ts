// Farmer groups, their member households and the accounts that act for them.
import type { Prisma } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import { addPerson, memberList, type AddResult, type Login } from "./invitations.server";
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
    await tx.membership.create({ data: { userId: actor.userId, groupId: group.id, role: "group_leader", acceptedAt: new Date() } });
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
      commune: true,
      formerDistrict: true,
      placeCandidates: true,
      lat: true,
      lng: true,
      projectOwner: { select: { name: true } },
      _count: { select: { households: true } },
    },
    orderBy: [{ province: "asc" }, { commune: "asc" }, { name: "asc" }],
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

/** The group's accounts and pending invitations (memberList). */
export function groupMembers(groupId: string) {
  return memberList({ groupId });
}

export type AddGroupMemberResult = AddResult | { ok: false; field: "householdId"; error: string };

/** Invites an existing account, or creates one for a household member without one. */
export async function addGroupMember(
  group: { id: string; name: string },
  input: { login: Login; role: "group_leader" | "group_member"; householdId: string | null; name: string | null; password?: string },
): Promise<AddGroupMemberResult> {
  if (input.householdId) {
    const hh = await db.household.findFirst({ where: { id: input.householdId, groupId: group.id }, select: { id: true } });
    if (!hh) return { ok: false, field: "householdId", error: "error.invalid" };
  } else if (input.role === "group_member") {
    return { ok: false, field: "householdId", error: "error.required" };
  }
  return addPerson({ groupId: group.id, name: group.name }, input, "/inbox");
}
