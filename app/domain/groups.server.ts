// Farmer groups, their member households and the accounts that act for them.
import type { Prisma } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import { addPerson, memberList, type AddResult, type Login } from "./invitations.server";
import type { GroupInput, HouseholdEditInput, HouseholdInput } from "./groups.schema";
import { recordPovertyStatus } from "./households/poverty.server";
import type { Translator } from "~/i18n";
import type { FieldErrors } from "~/utils/forms";
import { formPlace, keepsPlace, parseCandidates, placeErrors } from "./place-form.server";
import { groupPlaceColumns, pickCandidate, resolvePlace, type PlaceInput, type PlaceProblem } from "./places/resolve.server";
import { placeUnits } from "./places/units.server";
import { announceRequest, projectChoice } from "./projects/enrolment.server";
import { newRef } from "./refs";

/** A group may only name a real project owner. */
async function checkProjectOwner(projectOwnerId: string | null): Promise<boolean> {
  if (!projectOwnerId) return true;
  const org = await db.organisation.findFirst({ where: { id: projectOwnerId, kind: "project_owner" }, select: { id: true } });
  return !!org;
}

/**
 * A group as a form sends it (a province code, a commune picked or typed) or as a caller writes
 * it with names, the pre-2025 way included (province, district, commune): read by resolvePlace.
 */
export type GroupData = Omit<GroupInput, "provinceCode" | "communeCode" | "commune"> & PlaceInput;

/** `place`: the place's problems (field errors, see placeErrors); nothing was written. */
export type GroupWriteResult = { ok: true; id: string } | { ok: false; field: "projectOwnerId"; error: string } | { ok: false; place: PlaceProblem[] };

/** A refused write's field errors, in the reader's language (a place's problems name candidates). */
export function groupWriteErrors(result: Exclude<GroupWriteResult, { ok: true }>, t: Translator): FieldErrors {
  return "place" in result ? placeErrors(result.place, t) : { [result.field]: [result.error] };
}

/** The group's own columns, without the place as sent. */
function details(input: GroupData) {
  const { provinceCode: _pc, communeCode: _cc, province: _p, district: _d, commune: _c, ...rest } = input;
  return rest;
}

/** The person registering a group becomes its leader; a project it names must confirm it. */
export async function createGroup(actor: { userId: string; isSiteAdmin: boolean }, input: GroupData): Promise<GroupWriteResult> {
  const place = resolvePlace(formPlace(input), "commune");
  if (!place.ok) return { ok: false, place: place.problems };
  if (!(await checkProjectOwner(input.projectOwnerId))) return { ok: false, field: "projectOwnerId", error: "error.invalid" };
  const project = await projectChoice(actor, input.projectOwnerId, null);
  return write(async (tx) => {
    const group = await tx.farmerGroup.create({ data: { ...details(input), ...groupPlaceColumns(place.place), ...project, ref: newRef("tg", input.name) } });
    await tx.membership.create({ data: { userId: actor.userId, groupId: group.id, role: "group_leader", acceptedAt: new Date() } });
    await announceRequest(tx, group);
    return { ok: true as const, id: group.id };
  });
}

/** A place left as it was keeps what the group holds (its former names, a split commune's candidates). */
export async function updateGroup(actor: { userId: string; isSiteAdmin: boolean }, groupId: string, input: GroupData): Promise<GroupWriteResult> {
  const current = await db.farmerGroup.findUniqueOrThrow({
    where: { id: groupId },
    select: { projectOwnerId: true, projectRequestedId: true, provinceCode: true, communeCode: true, commune: true },
  });
  const place = keepsPlace(input, current) ? null : resolvePlace(formPlace(input), "commune");
  if (place && !place.ok) return { ok: false, place: place.problems };
  if (!(await checkProjectOwner(input.projectOwnerId))) return { ok: false, field: "projectOwnerId", error: "error.invalid" };
  const project = await projectChoice(actor, input.projectOwnerId, current);
  await write(async (tx) => {
    const group = await tx.farmerGroup.update({
      where: { id: groupId },
      // The form always sends the tax code: a blank one clears it.
      data: { ...details(input), taxCode: input.taxCode ?? null, ...(place ? groupPlaceColumns(place.place) : {}), ...project },
    });
    if (group.projectRequestedId && group.projectRequestedId !== current.projectRequestedId) await announceRequest(tx, group);
  });
  return { ok: true, id: groupId };
}

/**
 * The current commune a person picked for a group whose old commune was split. Read and written
 * in one transaction, so only one of the candidates, and only once, is ever taken; the former
 * names stay as the group was recorded. False when the code is not one of the candidates.
 */
export async function pickGroupCommune(groupId: string, code: string): Promise<boolean> {
  return write(async (tx) => {
    const g = await tx.farmerGroup.findUniqueOrThrow({ where: { id: groupId }, select: { communeCode: true, placeCandidates: true } });
    const commune = g.communeCode ? null : pickCandidate(parseCandidates(g.placeCandidates), code);
    if (!commune) return false;
    const province = placeUnits().provinces.get(commune.provinceCode)!;
    await tx.farmerGroup.update({
      where: { id: groupId },
      data: { provinceCode: province.code, province: province.name, communeCode: commune.code, commune: commune.name, placeCandidates: null },
    });
    return true;
  });
}

export function listGroups(where: Prisma.FarmerGroupWhereInput) {
  return db.farmerGroup.findMany({
    where,
    select: {
      id: true,
      name: true,
      province: true,
      commune: true,
      communeCode: true,
      hamlet: true,
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

/**
 * The ID number with who recorded the household's consent and when (Decree 13/2023). An
 * unchanged number keeps its first consent; a number removed takes its consent with it.
 */
function idColumns(
  input: Pick<HouseholdInput, "idNumber">,
  byUserId: string | null,
  before?: { idNumber: string | null; idConsentAt: Date | null; idConsentById: string | null },
) {
  if (!input.idNumber) return { idNumber: null, idConsentAt: null, idConsentById: null };
  if (before && before.idNumber === input.idNumber && before.idConsentAt)
    return { idNumber: input.idNumber, idConsentAt: before.idConsentAt, idConsentById: before.idConsentById };
  return { idNumber: input.idNumber, idConsentAt: new Date(), idConsentById: byUserId };
}

/**
 * A new household, and in the same write its status as the commune certified it (the trigger on
 * Household starts the history with the status undated; this record gives it its date). Callers
 * without a date (fixtures, older imports) leave the undated record only.
 */
export async function createHousehold(groupId: string, input: HouseholdInput, byUserId: string | null = null) {
  const { idConsent: _consent, povertyCertifiedOn, ...fields } = input;
  return write(async (tx) => {
    const household = await tx.household.create({ data: { ...fields, ...idColumns(input, byUserId), groupId, ref: newRef("hh") } });
    if (povertyCertifiedOn)
      await recordPovertyStatus(tx, {
        householdId: household.id,
        status: input.povertyStatus,
        certifiedOn: povertyCertifiedOn,
        source: "registration",
        recordedById: byUserId,
      });
    return household;
  });
}

/** Scoped by group: an id from another group matches nothing and changes nothing. Never the poverty status (recordPovertyStatus). */
export async function updateHousehold(groupId: string, householdId: string, input: HouseholdEditInput, byUserId: string): Promise<boolean> {
  const { idConsent: _consent, ...fields } = input;
  const { count } = await write(async (tx) => {
    const before = await tx.household.findFirst({ where: { id: householdId, groupId }, select: { idNumber: true, idConsentAt: true, idConsentById: true } });
    if (!before) return { count: 0 };
    return tx.household.updateMany({ where: { id: householdId, groupId }, data: { ...fields, ...idColumns(input, byUserId, before) } });
  });
  return count === 1;
}

/** A household's new poverty status, as certified on a day; scoped by group like updateHousehold. */
export async function updatePovertyStatus(
  groupId: string,
  householdId: string,
  input: { povertyStatus: string; povertyCertifiedOn: string },
  byUserId: string,
): Promise<boolean> {
  return write(async (tx) => {
    const hh = await tx.household.findFirst({ where: { id: householdId, groupId }, select: { id: true } });
    if (!hh) return false;
    await recordPovertyStatus(tx, {
      householdId: hh.id,
      status: input.povertyStatus,
      certifiedOn: input.povertyCertifiedOn,
      source: "edit",
      recordedById: byUserId,
    });
    return true;
  });
}

/** "••••••••1234": the last four digits, for everyone who may not see the number. */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  return idNumber ? "•".repeat(Math.max(0, idNumber.length - 4)) + idNumber.slice(-4) : null;
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
