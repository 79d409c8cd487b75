// Which project a farmer group counts for. A group chooses to join a project, and the project
// chooses to count it: a group's leader may ask (or leave), but the link that puts the group in
// the project's dashboards, reports and exports is made only by the project's administrator
// (docs/decisions/0015-project-enrolment.md). Otherwise anyone could register groups, invent
// their deliveries and inflate another organisation's programme figures.
import { db, write, type Tx } from "~/utils/db.server";
import { acceptedMembership } from "../access.server";
import { groupLeaderIds, notify } from "../notifications.server";

type Actor = { userId: string; isSiteAdmin: boolean };

async function administers(actor: Actor, projectId: string): Promise<boolean> {
  if (actor.isSiteAdmin) return true;
  const m = await db.membership.findFirst({
    where: { userId: actor.userId, organisationId: projectId, role: "project_admin", ...acceptedMembership },
    select: { id: true },
  });
  return !!m;
}

/**
 * The group's project fields for a choice made on the group's form: leaving takes effect at
 * once; joining at once only for the project's own administrator, else it is a request.
 */
export async function projectChoice(actor: Actor, chosen: string | null, current: { projectOwnerId: string | null } | null) {
  if (!chosen) return { projectOwnerId: null, projectRequestedId: null };
  if (chosen === current?.projectOwnerId) return { projectOwnerId: chosen, projectRequestedId: null };
  if (await administers(actor, chosen)) return { projectOwnerId: chosen, projectRequestedId: null };
  return { projectOwnerId: current?.projectOwnerId ?? null, projectRequestedId: chosen };
}

async function projectAdminIds(tx: Tx, projectId: string): Promise<string[]> {
  const ms = await tx.membership.findMany({ where: { organisationId: projectId, role: "project_admin", ...acceptedMembership }, select: { userId: true } });
  return ms.map((m) => m.userId);
}

/** Tells the project's administrators that a group asks to join. Call inside the group's write. */
export async function announceRequest(tx: Tx, group: { id: string; name: string; projectRequestedId: string | null }) {
  if (!group.projectRequestedId) return;
  await notify(tx, {
    userIds: await projectAdminIds(tx, group.projectRequestedId),
    kind: "project_request",
    params: { group: group.name },
    link: `/orgs/${group.projectRequestedId}#project-requests`,
  });
}

export function pendingRequests(projectId: string) {
  return db.farmerGroup.findMany({
    where: { projectRequestedId: projectId },
    select: { id: true, name: true, commune: true, formerDistrict: true, province: true, _count: { select: { households: true } } },
    orderBy: { name: "asc" },
  });
}

/** The project's answer to a group's request; another project's or a withdrawn request matches nothing. */
export async function decideRequest(projectId: string, groupId: string, accept: boolean): Promise<boolean> {
  return write(async (tx) => {
    const group = await tx.farmerGroup.findFirst({ where: { id: groupId, projectRequestedId: projectId }, select: { id: true, name: true } });
    if (!group) return false;
    await tx.farmerGroup.update({
      where: { id: group.id },
      data: accept ? { projectOwnerId: projectId, projectRequestedId: null } : { projectRequestedId: null },
    });
    const project = await tx.organisation.findUniqueOrThrow({ where: { id: projectId }, select: { name: true } });
    await notify(tx, {
      userIds: await groupLeaderIds(tx, [group.id]),
      kind: accept ? "project_accepted" : "project_declined",
      params: { group: group.name, project: project.name },
      link: `/groups/${group.id}`,
    });
    return true;
  });
}
