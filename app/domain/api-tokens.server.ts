// Per-organisation API tokens for project owners' own tools (spreadsheets, other systems).
// The token is shown once; only its SHA-256 is stored. A token reaches only its
// organisation's data (app/routes/api.v1.*).
import crypto from "node:crypto";
import { db, write } from "~/utils/db.server";
import { rolesForKind, type OrgKind } from "./roles";
import { acceptedMembership } from "./access.server";

const digest = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createToken(organisationId: string, name: string, createdById: string): Promise<{ token: string; id: string }> {
  const token = `cn_${crypto.randomBytes(24).toString("base64url")}`;
  const row = await write((tx) => tx.apiToken.create({ data: { organisationId, name, tokenHash: digest(token), prefix: token.slice(0, 10), createdById } }));
  return { token, id: row.id };
}

export function listTokens(organisationId: string) {
  return db.apiToken.findMany({
    where: { organisationId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Scoped to the organisation: another organisation's token id changes nothing. */
export async function revokeToken(organisationId: string, tokenId: string): Promise<boolean> {
  const { count } = await write((tx) => tx.apiToken.updateMany({ where: { id: tokenId, organisationId, revokedAt: null }, data: { revokedAt: new Date() } }));
  return count === 1;
}

/**
 * A token acts for the person who made it: it works only while they could make it again, an
 * enabled administrator of the token's organisation (or an enabled site administrator). Being
 * disabled, demoted or removed ends their tokens with their sessions.
 */
async function creatorMayStillIssue(userId: string, org: { id: string; kind: string }): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { disabledAt: true, isSiteAdmin: true, memberships: { where: { organisationId: org.id, ...acceptedMembership }, select: { role: true } } },
  });
  if (!user || user.disabledAt) return false;
  return user.isSiteAdmin || user.memberships.some((m) => m.role === rolesForKind(org.kind as OrgKind)[0]);
}

export type ApiCaller = {
  organisation: { id: string; ref: string; kind: string; name: string; provinceCode: string | null; communeCode: string | null; formerDistrict: string | null };
  createdById: string;
};

/** The organisation behind `Authorization: Bearer cn_…`, or null. */
export async function authenticate(request: Request): Promise<ApiCaller | null> {
  const header = request.headers.get("Authorization") ?? "";
  const m = /^Bearer\s+(cn_[A-Za-z0-9_-]{20,64})$/.exec(header.trim());
  if (!m) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: digest(m[1]) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      createdById: true,
      organisation: { select: { id: true, ref: true, kind: true, name: true, provinceCode: true, communeCode: true, formerDistrict: true } },
    },
  });
  if (!row || row.revokedAt || !(await creatorMayStillIssue(row.createdById, row.organisation))) return null;
  // Recording use at most once a minute keeps reads from turning into writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await write((tx) => tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }));
  }
  return { organisation: row.organisation, createdById: row.createdById };
}
