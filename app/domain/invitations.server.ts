// Adding someone to an organisation or farmer group. An existing account is only invited: its
// owner must accept in their inbox before the membership grants anything, and the inviter
// learns nothing about the account (not whether it exists, not its name) until then. Only an
// account the admin creates here (name + first password) joins at once: the admin made it.
// See docs/decisions/0004-permissions.md.
import type { Prisma } from "~/generated/prisma/client";
import { db, write, type Tx } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { notify } from "./notifications.server";

export type Login = { email: string } | { phone: string };
type Place = { organisationId: string } | { groupId: string };

/**
 * "invited": the neutral answer, whether or not the account exists or already belongs.
 * "created": a new account made by the admin, a member at once.
 */
export type AddResult = { ok: true; outcome: "invited" | "created" } | { ok: false; field: "name" | "password"; error: string };

export function loginText(login: Login): string {
  return "email" in login ? login.email : login.phone;
}

/**
 * Login only: invite. Login + name + password: create the account, or (the login is taken)
 * invite its owner instead, with the same answer as any invitation. Half of the new-account
 * fields is refused whatever the login, so the refusal says nothing about the account.
 */
export async function addPerson(
  place: Place & { name: string },
  input: { login: Login; role: string; householdId?: string | null; name: string | null; password?: string },
  link: string,
): Promise<AddResult> {
  if (input.name && !input.password) return { ok: false, field: "password", error: "error.newUserNeedsPassword" };
  if (!input.name && input.password) return { ok: false, field: "name", error: "error.newUserNeedsName" };
  const where: Place = "organisationId" in place ? { organisationId: place.organisationId } : { groupId: place.groupId };
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return write(async (tx) => {
    const existing = await tx.user.findUnique({ where: input.login as { email: string }, select: { id: true } });
    if (!existing) {
      if (!input.name || !passwordHash) return { ok: true as const, outcome: "invited" as const };
      const user = await tx.user.create({ data: { ...input.login, name: input.name, passwordHash } });
      await tx.membership.create({ data: { userId: user.id, ...where, role: input.role, householdId: input.householdId ?? null, acceptedAt: new Date() } });
      return { ok: true as const, outcome: "created" as const };
    }
    // Already a member or already invited: the same answer, nothing changes.
    if (!(await tx.membership.findFirst({ where: { userId: existing.id, ...where }, select: { id: true } }))) {
      await invite(tx, existing.id, where, place.name, input, link);
    }
    return { ok: true as const, outcome: "invited" as const };
  });
}

async function invite(tx: Tx, userId: string, where: Place, placeName: string, input: { login: Login; role: string; householdId?: string | null }, link: string) {
  const m = await tx.membership.create({
    data: { userId, ...where, role: input.role, householdId: input.householdId ?? null, acceptedAt: null, invitedLogin: loginText(input.login) },
  });
  await notify(tx, { userIds: [userId], kind: "membership_invitation", params: { place: placeName, role: input.role, invitationId: m.id }, link });
}

/** For member lists: a pending invitation shows only what the inviter typed. */
export function memberRow<T extends { acceptedAt: Date | null; invitedLogin: string | null; user: { name: string; email: string | null; phone: string | null } }>(m: T) {
  const pending = !m.acceptedAt;
  return {
    pending,
    user: pending ? { name: null, contact: m.invitedLogin ?? "" } : { name: m.user.name as string | null, contact: m.user.email ?? m.user.phone },
  };
}

export const memberListSelect = { acceptedAt: true, invitedLogin: true, user: { select: { name: true, email: true, phone: true } } } as const;

/** The inviter withdraws a pending invitation of their own organisation or group. */
export async function cancelInvitation(where: Place, membershipId: string): Promise<boolean> {
  const { count } = await write((tx) => tx.membership.deleteMany({ where: { id: membershipId, ...where, acceptedAt: null } }));
  return count === 1;
}

/** The invitee's own pending invitations, for the inbox. */
export async function myInvitations(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId, acceptedAt: null },
    select: { id: true, role: true, organisation: { select: { name: true } }, group: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, role: r.role, place: r.organisation?.name ?? r.group?.name ?? "" }));
}

/** Accept or decline: scoped to the caller's own pending invitation, anything else is not found. */
export async function answerInvitation(userId: string, membershipId: string, accept: boolean): Promise<boolean> {
  const mine: Prisma.MembershipWhereInput = { id: membershipId, userId, acceptedAt: null };
  const { count } = await write((tx) =>
    accept ? tx.membership.updateMany({ where: mine, data: { acceptedAt: new Date() } }) : tx.membership.deleteMany({ where: mine }),
  );
  return count === 1;
}
