// Organisations (buyers, project owners, authorities) and their members.
import { write } from "~/utils/db.server";
import { acceptedMembership } from "./access.server";
import { addPerson, memberList, type AddResult, type Login } from "./invitations.server";
import type { OrgInput } from "./orgs.schema";
import { newRef } from "./refs";
import { isAdminRole, rolesForKind, type OrgKind, type OrgRole } from "./roles";

type NewOrg = Omit<OrgInput, "kind"> & { kind: OrgKind };

/** The creator becomes the organisation's administrator. */
export async function createOrganisation(userId: string, input: NewOrg) {
  return write(async (tx) => {
    const org = await tx.organisation.create({ data: { ...input, ref: newRef(input.kind === "authority" ? "ubnd" : "org", input.name) } });
    await tx.membership.create({ data: { userId, organisationId: org.id, role: rolesForKind(input.kind)[0], acceptedAt: new Date() } });
    return org;
  });
}

/**
 * An organisation's place decides what an authority reads, so only the site administrator
 * moves one (`mayMove`); its own administrator keeps its name and phone up to date.
 */
export async function updateOrganisation(orgId: string, input: Omit<OrgInput, "kind">, opts: { mayMove: boolean }) {
  const data = opts.mayMove ? input : { name: input.name, phone: input.phone };
  return write((tx) => tx.organisation.update({ where: { id: orgId }, data }));
}

/** The organisation's people and pending invitations (memberList). */
export function listMembers(orgId: string) {
  return memberList({ organisationId: orgId });
}

export type AddMemberResult = AddResult | { ok: false; field: "role"; error: string };

/** Invites an existing account, or creates one (name + first password) for people without one. */
export async function addMember(
  org: { id: string; kind: OrgKind; name: string },
  input: { login: Login; role: OrgRole; name: string | null; password?: string },
): Promise<AddMemberResult> {
  if (!rolesForKind(org.kind).includes(input.role)) return { ok: false, field: "role", error: "error.invalid" };
  return addPerson({ organisationId: org.id, name: org.name }, input, "/inbox");
}

/** Removes a membership (or withdraws an invitation) of this organisation; the last administrator stays. */
export async function removeMember(orgId: string, membershipId: string): Promise<{ ok: boolean; error?: string }> {
  return write(async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: membershipId, organisationId: orgId } });
    if (!m) {
      // An invitation of a login with no account is withdrawn the same way.
      const { count } = await tx.openInvitation.deleteMany({ where: { id: membershipId, organisationId: orgId } });
      return count ? { ok: true } : { ok: false, error: "error.notFound" };
    }
    if (m.acceptedAt && isAdminRole(m.role)) {
      const admins = await tx.membership.count({ where: { organisationId: orgId, role: m.role, ...acceptedMembership } });
      if (admins <= 1) return { ok: false, error: "error.lastAdmin" };
    }
    await tx.membership.delete({ where: { id: m.id } });
    return { ok: true };
  });
}
