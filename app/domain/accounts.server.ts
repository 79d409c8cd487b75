// Sign-up and log-in, with failed logins rate-limited per account identifier.
import { db, write } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { DUMMY_HASH, hashPassword, verifyPassword } from "~/utils/password.server";
import { normaliseLogin } from "./accounts.schema";
import { audit } from "./audit.server";
import { claimOpenInvitations } from "./invitations.server";

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "locked" };

function failureKey(login: string): string {
  const id = normaliseLogin(login);
  return "email" in id ? `email:${id.email}` : `phone:${id.phone}`;
}

/**
 * At most LOGIN_MAX_FAILURES passwords are checked per identifier and window, however many
 * arrive at once: each attempt is counted and claimed in one write before its (slow) hash is
 * checked, so parallel guesses cannot all read the count below the limit. The claim is a failure
 * row; only a right password removes it, and only its own (earlier failures stay until the
 * window passes, so the owner logging in does not give a guesser a fresh allowance). Unknown
 * accounts are counted and locked exactly like known ones.
 */
export async function login(loginId: string, password: string): Promise<LoginResult> {
  const key = failureKey(loginId);
  const since = new Date(Date.now() - env.LOGIN_WINDOW_MINUTES * 60_000);
  const claim = await write(async (tx) => {
    const recentFailures = await tx.loginFailure.count({ where: { key, at: { gte: since } } });
    if (recentFailures >= env.LOGIN_MAX_FAILURES) return null;
    return (await tx.loginFailure.create({ data: { key }, select: { id: true } })).id;
  });
  if (claim === null) {
    await audit({ action: "denied", detail: { key, reason: "login locked" } });
    return { ok: false, reason: "locked" };
  }

  const user = await db.user.findUnique({ where: normaliseLogin(loginId) as { email: string } | { phone: string } });
  // Always hash, so response time does not tell whether the account exists.
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabledAt) {
    await audit({ action: "login_failed", userId: user?.id, detail: { key } });
    return { ok: false, reason: "invalid" };
  }
  await write((tx) => tx.loginFailure.deleteMany({ where: { id: claim } }));
  await audit({ action: "login", userId: user.id });
  return { ok: true, userId: user.id };
}

export type SignupInput = { name: string; email?: string; phone?: string; password: string; locale: string };

/**
 * Creates the account unless its email or phone is taken. The password is hashed first either
 * way, so the time taken does not tell the two apart; the web form answers both alike.
 */
export async function signup(input: SignupInput): Promise<{ ok: true; userId: string } | { ok: false; field: "email" | "phone" }> {
  const email = input.email || null;
  const phone = input.phone || null;
  const passwordHash = await hashPassword(input.password);
  const result = await write(async (tx) => {
    if (email && (await tx.user.findUnique({ where: { email } }))) return { ok: false as const, field: "email" as const };
    if (phone && (await tx.user.findUnique({ where: { phone } }))) return { ok: false as const, field: "phone" as const };
    const user = await tx.user.create({ data: { name: input.name, email, phone, passwordHash, locale: input.locale } });
    await claimOpenInvitations(tx, user);
    return { ok: true as const, userId: user.id };
  });
  // An administrator can see it when someone who forgot their account asks for help.
  if (!result.ok)
    await audit({
      action: "denied",
      detail: { reason: "signup with a taken identifier", key: result.field === "email" ? `email:${email}` : `phone:${phone}` },
    });
  return result;
}

/** Disabling revokes every session at once. */
export async function setUserDisabled(userId: string, disabled: boolean): Promise<void> {
  await write(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
  });
}
