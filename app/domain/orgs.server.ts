// Organisations (buyers, project owners, authorities) and their members.
import type { Organisation } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import { acceptedMembership } from "./access.server";
import { addPerson, memberList, type AddResult, type Login } from "./invitations.server";
import type { OrgInput } from "./orgs.schema";
import { formPlace, keepsPlace } from "./place-form.server";
import { placeColumns, resolvePlace, type PlaceInput, type PlaceProblem } from "./places/resolve.server";
import { newRef } from "./refs";
import { isAdminRole, rolesForKind, type OrgKind, type OrgRole } from "./roles";

/**
 * An organisation as a form sends it (a province code, a commune picked or typed) or as a caller
 * writes it with names, the pre-2025 way included: read by resolvePlace. See groups.server.ts.
 */
export type OrgData = Omit<OrgInput, "kind" | "provinceCode" | "communeCode" | "commune" | "representativeName" | "representativeTitle"> &
  Partial<Pick<OrgInput, "representativeName" | "representativeTitle">> &
  PlaceInput;
export type OrgWriteResult = { ok: true; org: Organisation } | { ok: false; place: PlaceProblem[] };

/** An authority reads the groups of its area, so it names at least a province; others may name none. */
function readPlace(input: OrgData, kind: OrgKind) {
  return resolvePlace(formPlace(input), kind === "authority" ? "province" : "none");
}

function details(input: OrgData) {
  const { provinceCode: _pc, communeCode: _cc, province: _p, district: _d, commune: _c, ...rest } = input;
  return rest;
}

/** On an update a field left blank clears what was there. */
function taxAndBank(input: OrgData) {
  return {
    representativeName: input.representativeName ?? null,
    representativeTitle: input.representativeTitle ?? null,
    taxCode: input.taxCode ?? null,
    bankBin: input.bankBin ?? null,
    bankAccount: input.bankAccount ?? null,
    bankHolder: input.bankHolder ?? null,
  };
}

/** The creator becomes the organisation's administrator. */
export async function createOrganisation(userId: string, input: OrgData & { kind: OrgKind }): Promise<OrgWriteResult> {
  const place = readPlace(input, input.kind);
  if (!place.ok) return { ok: false, place: place.problems };
  return write(async (tx) => {
    const org = await tx.organisation.create({
      data: { ...details(input), kind: input.kind, ...placeColumns(place.place), ref: newRef(input.kind === "authority" ? "ubnd" : "org", input.name) },
    });
    await tx.membership.create({ data: { userId, organisationId: org.id, role: rolesForKind(input.kind)[0], acceptedAt: new Date() } });
    return { ok: true as const, org };
  });
}

/**
 * An organisation's place decides what an authority reads, so only the site administrator
 * moves one (`mayMove`); its own administrator keeps its name and phone up to date. A place
 * left as it was keeps what the organisation holds (an authority's former district).
 */
export async function updateOrganisation(orgId: string, input: OrgData, opts: { mayMove: boolean }): Promise<OrgWriteResult> {
  const current = await db.organisation.findUniqueOrThrow({
    where: { id: orgId },
    select: { kind: true, provinceCode: true, communeCode: true, commune: true },
  });
  if (!opts.mayMove)
    return {
      ok: true,
      org: await write((tx) => tx.organisation.update({ where: { id: orgId }, data: { name: input.name, phone: input.phone, ...taxAndBank(input) } })),
    };
  const place = keepsPlace(input, current) ? null : readPlace(input, current.kind as OrgKind);
  if (place && !place.ok) return { ok: false, place: place.problems };
  const data = { ...details(input), ...taxAndBank(input), ...(place ? placeColumns(place.place) : {}) };
  return { ok: true, org: await write((tx) => tx.organisation.update({ where: { id: orgId }, data })) };
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
