// The demo project's survey rounds (issue 14): a baseline in March 2024 and a midline in August
// 2025, answered by the households of its groups, so the outcome page and the report have
// figures. Deterministic like the rest of the demo (rngFor keyed by the household's ref; its own
// keys, so the demo's other draws do not shift). One household — the first poor one of the
// project's first group — is certified out of poverty between the rounds; a few households
// missed the midline, as in a real panel.
import type { Tx } from "~/utils/db.server";
import { recordPovertyStatus } from "../households/poverty.server";
import { rngFor } from "../rng";

export const DEMO_ROUNDS = [
  { key: "baseline", kind: "baseline", name: "Khảo sát đầu kỳ 2024", heldOn: "2024-03-15", certifiedOn: "2023-12-15" },
  { key: "midline", kind: "midline", name: "Khảo sát giữa kỳ 2025", heldOn: "2025-08-15", certifiedOn: "2024-12-15" },
] as const;
/** The commune's annual review that certified the demo's escaping household. */
export const DEMO_ESCAPE_ON = "2024-12-20";

const M = 100_000; // incomes in steps of 100.000 ₫

export async function writeDemoSurveys(tx: Tx, projectId: string, byUserId: string | null) {
  const households = await tx.household.findMany({
    where: { group: { projectOwnerId: projectId } },
    select: { id: true, ref: true, members: true, headSex: true, povertyStatus: true, baselineIncomeVnd: true, group: { select: { ref: true } } },
    orderBy: [{ group: { ref: "asc" } }, { ref: "asc" }],
  });
  if (!households.length) return;
  const escaper = households.find((h) => h.group.ref === households[0].group.ref && h.povertyStatus === "poor") ?? null;
  const roundIds: string[] = [];
  for (const r of DEMO_ROUNDS)
    roundIds.push(
      (await tx.surveyRound.create({ data: { projectOwnerId: projectId, kind: r.kind, name: r.name, heldOn: r.heldOn, createdById: byUserId } })).id,
    );

  const answers = [];
  for (const h of households) {
    const r = rngFor(`survey:${h.ref}`);
    const female = Math.min(h.members, Math.max(h.headSex === "female" ? 1 : 0, Math.round(h.members * r.between(0.35, 0.65))));
    const male = h.members - female;
    const over60 = r.next() < 0.3 ? 1 : 0;
    const under16 = Math.min(h.members - over60 - 1, r.int(0, Math.max(0, h.members - 2)));
    const people = {
      membersFemale: female,
      membersMale: male,
      membersUnder16: Math.max(0, under16),
      members16to60: h.members - over60 - Math.max(0, under16),
      membersOver60: over60,
      participantsFemale: Math.min(female, h.headSex === "female" ? 1 + (r.next() < 0.4 ? 1 : 0) : r.next() < 0.5 ? 1 : 0),
      participantsMale: Math.min(male, h.headSex === "male" ? 1 : r.next() < 0.3 ? 1 : 0),
    };
    const base = h.baselineIncomeVnd ?? 30_000_000;
    const growth = h.id === escaper?.id ? 1.5 : r.between(1.02, 1.28);
    const missedMidline = h.id !== escaper?.id && r.next() < 0.06;
    for (const [i, round] of DEMO_ROUNDS.entries()) {
      if (i === 1 && missedMidline) continue;
      const total = Math.round((i === 0 ? base : base * growth) / M) * M;
      const livestock = Math.round((total * r.between(0.08, 0.2)) / M) * M;
      const wages = Math.round((total * r.between(0.05, 0.2)) / M) * M;
      const other = r.next() < 0.3 ? Math.round((total * 0.05) / M) * M : 0;
      const escaped = i === 1 && h.id === escaper?.id;
      answers.push({
        roundId: roundIds[i],
        householdId: h.id,
        surveyedOn: round.heldOn,
        incomeCropsVnd: total - livestock - wages - other,
        incomeLivestockVnd: livestock,
        incomeWagesVnd: wages,
        incomeBusinessVnd: 0,
        incomeOtherVnd: other,
        povertyStatus: escaped ? "newly_escaped" : h.povertyStatus,
        povertyCertifiedOn: escaped ? DEMO_ESCAPE_ON : round.certifiedOn,
        ...people,
        recordedById: byUserId,
      });
    }
    await tx.household.update({ where: { id: h.id }, data: { membersFemale: female } });
  }
  await tx.householdSurvey.createMany({ data: answers });
  if (escaper) {
    const answer = await tx.householdSurvey.findUniqueOrThrow({ where: { roundId_householdId: { roundId: roundIds[1], householdId: escaper.id } } });
    await recordPovertyStatus(tx, {
      householdId: escaper.id,
      status: "newly_escaped",
      certifiedOn: DEMO_ESCAPE_ON,
      source: "survey",
      surveyId: answer.id,
      recordedById: byUserId,
    });
  }
}
