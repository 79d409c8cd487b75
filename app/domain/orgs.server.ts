// Organisations (buyers, project owners, authorities) and their members.
import { db, write } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import type { OrgInput } from "./orgs.schema";
import { newRef } from "./refs";
import { isAdminRole, rolesForKind, type OrgKind, type OrgRole } from "./roles";

type NewOrg = Omit<OrgInput, "kind"> & { kind: OrgKind };

/** The creator becomes the organisation's administrator. */
export async function createOrganisation(userId: string, input: NewOrg) {
  return write(async (tx) => {
    const org = await tx.organisation.create({ data: { ...input, ref: newRef(input.kind === "authority" ? "ubnd" : "org", input.name) } });
    await tx.membership.create({ data: { userId, organisationId: org.id, role: rolesForKind(input.kind)[0] } });
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

/** The organisation's people, each with the one contact the page shows (email, else phone). */
export async function listMembers(orgId: string) {
  const rows = await db.membership.findMany({
    where: { organisationId: orgId },
    select: { id: true, role: true, user: { select: { name: true, email: true, phone: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ id: m.id, role: m.role, user: { name: m.user.name, contact: m.user.email ?? m.user.phone } }));
}

export type AddMemberResult = { ok: true } | { ok: false; field: "login" | "role" | "name" | "password"; error: string };

/** Adds an existing account, or creates one (name + first password) for people without one. */
export async function addMember(
  org: { id: string; kind: OrgKind },
  input: { login: { email: string } | { phone: string }; role: OrgRole; name: string | null; password?: string },
): Promise<AddMemberResult> {
  if (!rolesForKind(org.kind).includes(input.role)) return { ok: false, field: "role", error: "error.invalid" };
  const existing = await db.user.findUnique({ where: input.login as { email: string } });
  if (!existing && !input.name) return { ok: false, field: "name", error: "error.newUserNeedsName" };
  if (!existing && !input.password) return { ok: false, field: "password", error: "error.newUserNeedsPassword" };
  const passwordHash = existing ? null : await hashPassword(input.password!);
  return write(async (tx) => {
    const user =
      existing ??
      (await tx.user.create({ data: { ...input.login, name: input.name!, passwordHash: passwordHash! } }));
    const already = await tx.membership.findFirst({ where: { userId: user.id, organisationId: org.id } });
    if (already) return { ok: false as const, field: "login" as const, error: "error.alreadyMember" };
    await tx.membership.create({ data: { userId: user.id, organisationId: org.id, role: input.role } });
    return { ok: true as const };
  });
}

/** Removes a membership of this organisation; the last administrator stays. */
export async function removeMember(orgId: string, membershipId: string): Promise<{ ok: boolean; error?: string }> {
  return write(async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: membershipId, organisationId: orgId } });
    if (!m) return { ok: false, error: "error.notFound" };
    if (isAdminRole(m.role)) {
      const admins = await tx.membership.count({ where: { organisationId: orgId, role: m.role } });
      if (admins <= 1) return { ok: false, error: "error.lastAdmin" };
    }
    await tx.membership.delete({ where: { id: m.id } });
    return { ok: true };
  });
}
