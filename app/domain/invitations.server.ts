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
      if (input.name && passwordHash) {
        const user = await tx.user.create({ data: { ...input.login, name: input.name, passwordHash } });
        await tx.membership.create({ data: { userId: user.id, ...where, role: input.role, householdId: input.householdId ?? null, acceptedAt: new Date() } });
        await claimOpenInvitations(tx, { id: user.id, email: null, phone: null, ...input.login });
        return { ok: true as const, outcome: "created" as const };
      }
      // No account: kept as an open invitation, listed like any other (the list must not tell).
      const login = loginText(input.login);
      if (!(await tx.openInvitation.findFirst({ where: { login, ...where }, select: { id: true } }))) {
        await tx.openInvitation.create({ data: { login, ...where, role: input.role, householdId: input.householdId ?? null } });
      }
      return { ok: true as const, outcome: "invited" as const };
    }
    // Already a member or already invited: the same answer, nothing changes.
    if (!(await tx.membership.findFirst({ where: { userId: existing.id, ...where }, select: { id: true } }))) {
      await invite(tx, existing.id, where, place.name, input, link);
    }
    return { ok: true as const, outcome: "invited" as const };
  });
}

async function invite(
  tx: Tx,
  userId: string,
  where: Place,
  placeName: string,
  input: { login: Login; role: string; householdId?: string | null },
  link: string,
) {
  const m = await tx.membership.create({
    data: { userId, ...where, role: input.role, householdId: input.householdId ?? null, acceptedAt: null, invitedLogin: loginText(input.login) },
  });
  await notify(tx, { userIds: [userId], kind: "membership_invitation", params: { place: placeName, role: input.role, invitationId: m.id }, link });
}

/**
 * A place's member list: people, and invitations shown only as the login the inviter typed,
 * those of existing accounts (pending memberships) and of no account (open invitations) alike,
 * in the order they were made.
 */
export async function memberList(where: Place) {
  const [members, open] = await Promise.all([
    db.membership.findMany({
      where,
      select: {
        id: true,
        role: true,
        createdAt: true,
        acceptedAt: true,
        invitedLogin: true,
        household: { select: { id: true, headName: true } },
        user: { select: { name: true, email: true, phone: true } },
      },
    }),
    db.openInvitation.findMany({ where, select: { id: true, role: true, createdAt: true, login: true, household: { select: { id: true, headName: true } } } }),
  ]);
  const rows = [
    ...members.map((m) => ({
      id: m.id,
      role: m.role,
      createdAt: m.createdAt,
      household: m.household,
      pending: !m.acceptedAt,
      user: m.acceptedAt ? { name: m.user.name as string | null, contact: m.user.email ?? m.user.phone } : { name: null, contact: m.invitedLogin },
    })),
    ...open.map((o) => ({
      id: o.id,
      role: o.role,
      createdAt: o.createdAt,
      household: o.household,
      pending: true,
      user: { name: null, contact: o.login as string | null },
    })),
  ];
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(({ createdAt: _c, ...r }) => r);
}

/** The inviter withdraws a pending invitation of their own organisation or group. */
export async function cancelInvitation(where: Place, id: string): Promise<boolean> {
  return write(async (tx) => {
    const { count } = await tx.membership.deleteMany({ where: { id, ...where, acceptedAt: null } });
    if (count) return true;
    return (await tx.openInvitation.deleteMany({ where: { id, ...where } })).count === 1;
  });
}

/**
 * A new account claims the open invitations of its email and phone: each becomes a pending
 * membership with its inbox notice, which the owner accepts or declines like any other.
 */
export async function claimOpenInvitations(tx: Tx, user: { id: string; email: string | null; phone: string | null }): Promise<void> {
  const logins = [user.email, user.phone].filter((l): l is string => !!l);
  if (!logins.length) return;
  const open = await tx.openInvitation.findMany({
    where: { login: { in: logins } },
    include: { organisation: { select: { name: true } }, group: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const o of open) {
    const where: Place = o.organisationId ? { organisationId: o.organisationId } : { groupId: o.groupId! };
    if (!(await tx.membership.findFirst({ where: { userId: user.id, ...where }, select: { id: true } }))) {
      const login = o.login.includes("@") ? { email: o.login } : { phone: o.login };
      await invite(tx, user.id, where, o.organisation?.name ?? o.group?.name ?? "", { login, role: o.role, householdId: o.householdId }, "/inbox");
    }
    await tx.openInvitation.delete({ where: { id: o.id } });
  }
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
