// Resources put into a project (issue 14; MARD template 2.7) and the counterpart share against
// the programme's 15–20 % rule (COUNTERPART_RULE). Supersedes the report's older formula, which
// set the counterpart money paid into group funds against the project's advances alone.
//
// Over the scope's dates (scope.from..to):
// - project support: contributions recorded with party "project", and the inputs the project
//   owner itself advanced to households (InputAdvance.providerId = the project owner; a buyer's
//   advances are pre-financing it recovers, not support);
// - counterpart: contributions of households, the commune and others, and the counterpart money
//   households paid into the funds of the project's groups (GroupFundEntry kind "counterpart").
// byParty and byKind split the same money: advances count as party "project", kind "inputs";
// counterpart fund entries as party "household", kind "cash".
import { db, write } from "~/utils/db.server";
import type { ContributionInput } from "./contributions.schema";
import { COUNTERPART_RULE, type EvaluationScope, type ResourcesSummary } from "./summary";

export async function resourcesSummary(scope: EvaluationScope): Promise<ResourcesSummary> {
  const on = { gte: scope.from, lte: scope.to };
  const [contributions, advances, fund] = await Promise.all([
    db.projectContribution.groupBy({ by: ["party", "kind"], where: { projectOwnerId: scope.projectOwnerId, on }, _sum: { valueVnd: true } }),
    db.inputAdvance.aggregate({ where: { providerId: scope.projectOwnerId, advancedOn: on }, _sum: { valueVnd: true } }),
    db.groupFundEntry.aggregate({ where: { kind: "counterpart", on, group: { projectOwnerId: scope.projectOwnerId } }, _sum: { amountVnd: true } }),
  ]);
  const byParty: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const add = (party: string, kind: string, v: number) => {
    if (!v) return;
    byParty[party] = (byParty[party] ?? 0) + v;
    byKind[kind] = (byKind[kind] ?? 0) + v;
  };
  for (const c of contributions) add(c.party, c.kind, c._sum.valueVnd ?? 0);
  add("project", "inputs", advances._sum.valueVnd ?? 0);
  add("household", "cash", fund._sum.amountVnd ?? 0);
  const projectSupportVnd = byParty.project ?? 0;
  const counterpartVnd = Object.entries(byParty).reduce((s, [party, v]) => (party === "project" ? s : s + v), 0);
  const all = projectSupportVnd + counterpartVnd;
  const counterpartShare = all > 0 ? counterpartVnd / all : null;
  return {
    projectSupportVnd,
    counterpartVnd,
    byParty,
    byKind,
    counterpartShare,
    withinRule: counterpartShare === null ? null : counterpartShare >= COUNTERPART_RULE.min && counterpartShare <= COUNTERPART_RULE.max,
  };
}

export type ContributionResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

/**
 * Records a contribution for the project: dated within the project's dates where it has them;
 * its group must be one of the project's, its household one of that group's (or, without a
 * group, of any of the project's groups — the group is then taken from it).
 */
export async function recordContribution(
  project: { id: string; startedOn: string | null; endsOn: string | null },
  userId: string | null,
  input: ContributionInput,
): Promise<ContributionResult> {
  const errors: Record<string, string[]> = {};
  if ((project.startedOn && input.on < project.startedOn) || (project.endsOn && input.on > project.endsOn)) errors.on = ["error.contribOutsideProject"];
  let groupId = input.groupId;
  if (groupId && !(await db.farmerGroup.findFirst({ where: { id: groupId, projectOwnerId: project.id }, select: { id: true } })))
    errors.groupId = ["error.contribNotProjectGroup"];
  if (input.householdId && !errors.groupId) {
    const hh = await db.household.findFirst({ where: { id: input.householdId, group: { projectOwnerId: project.id } }, select: { groupId: true } });
    if (!hh) errors.householdId = ["error.contribNotProjectGroup"];
    else if (groupId && hh.groupId !== groupId) errors.householdId = ["error.contribHouseholdNotInGroup"];
    else groupId = hh.groupId;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const row = await write((tx) =>
    tx.projectContribution.create({ data: { ...input, groupId, projectOwnerId: project.id, recordedById: userId }, select: { id: true } }),
  );
  return { ok: true, id: row.id };
}

export function contributionsOf(projectOwnerId: string) {
  return db.projectContribution.findMany({
    where: { projectOwnerId },
    select: {
      id: true,
      party: true,
      kind: true,
      valueVnd: true,
      on: true,
      description: true,
      group: { select: { name: true } },
      household: { select: { headName: true } },
    },
    orderBy: [{ on: "desc" }, { createdAt: "desc" }],
    take: 500,
  });
}
