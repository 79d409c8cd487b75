// A project's survey rounds and its households' answers (issue 14, decision 0022). Every read
// and write is scoped by the project owner: a round or household of another project is not
// found, whatever id is guessed. Callers check the caller's right first (requireProjectAccess).
import { Prisma } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import { statusOn } from "../households/poverty";
import { povertyHistory, recordPovertyStatus } from "../households/poverty.server";
import type { AnswerInput, RoundInput } from "./surveys.schema";

export function listRounds(projectId: string) {
  return db.surveyRound.findMany({
    where: { projectOwnerId: projectId },
    select: { id: true, kind: true, name: true, heldOn: true, _count: { select: { answers: true } } },
    orderBy: [{ heldOn: "asc" }, { createdAt: "asc" }],
  });
}

export type RoundResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

export async function createRound(projectId: string, input: RoundInput, byUserId: string): Promise<RoundResult> {
  try {
    const round = await write((tx) => tx.surveyRound.create({ data: { ...input, projectOwnerId: projectId, createdById: byUserId }, select: { id: true } }));
    return { ok: true, id: round.id };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return { ok: false, errors: { name: ["error.roundNameTaken"] } };
    throw e;
  }
}

export function findRound(projectId: string, roundId: string) {
  return db.surveyRound.findFirst({ where: { id: roundId, projectOwnerId: projectId }, select: { id: true, kind: true, name: true, heldOn: true } });
}

/** The households of the project's groups, in the order the survey walks them (group, then head's name). */
export function projectHouseholds(projectId: string) {
  return db.household.findMany({
    where: { group: { projectOwnerId: projectId } },
    select: { id: true, headName: true, headSex: true, members: true, membersFemale: true, povertyStatus: true, group: { select: { id: true, name: true } } },
    orderBy: [{ group: { name: "asc" } }, { headName: "asc" }, { id: "asc" }],
  });
}

export async function roundAnswers(roundId: string) {
  return db.householdSurvey.findMany({ where: { roundId } });
}

export function findAnswer(roundId: string, householdId: string) {
  return db.householdSurvey.findUnique({ where: { roundId_householdId: { roundId, householdId } } });
}

/**
 * One household's answers in a round, written again when sent again (one row per round and
 * household). A poverty status that differs from the one valid on its certification date is
 * also appended to the household's history (source "survey"), in the same write; the same status
 * sent again adds nothing. False when the round or household is not the project's.
 */
export async function saveAnswer(projectId: string, roundId: string, householdId: string, input: AnswerInput, byUserId: string): Promise<boolean> {
  return write(async (tx) => {
    const round = await tx.surveyRound.findFirst({ where: { id: roundId, projectOwnerId: projectId }, select: { id: true, heldOn: true } });
    const household = await tx.household.findFirst({ where: { id: householdId, group: { projectOwnerId: projectId } }, select: { id: true } });
    if (!round || !household) return false;
    const data = { ...input, surveyedOn: round.heldOn, recordedById: byUserId };
    const answer = await tx.householdSurvey.upsert({
      where: { roundId_householdId: { roundId: round.id, householdId: household.id } },
      create: { ...data, roundId: round.id, householdId: household.id },
      update: data,
      select: { id: true },
    });
    const history = await povertyHistory(household.id, tx);
    if (statusOn(history, input.povertyCertifiedOn) !== input.povertyStatus)
      await recordPovertyStatus(tx, {
        householdId: household.id,
        status: input.povertyStatus,
        certifiedOn: input.povertyCertifiedOn,
        source: "survey",
        surveyId: answer.id,
        recordedById: byUserId,
      });
    return true;
  });
}
