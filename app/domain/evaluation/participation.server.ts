// Participation (issue 14): women among the members of the project's households, the money paid
// to households headed by women, and the share of non-poor ("pioneer") households per group
// against the programme's 30 % rule (NON_POOR_LIMIT).
//
// - Members: the households of the project's groups as registered now. Only a household that
//   records how many of its members are women (Household.membersFemale) counts; the others are
//   left out of both figures, and householdsCounted says how many did count.
// - "Paid" is the amount of the effective lots of the scope's seasons' contracts in force
//   (ContractHouseholdTotal.amountVnd: what the household sold, by the sex of its head), not the
//   money transferred: a statement still unpaid counts, a deduction for an advance does not reduce it.
//   The same figure as the dashboard's sales income, split by head of household.
// - Non-poor: households whose status valid on scope.from is non_poor (docs/decisions/0022: a
//   period counts the status valid on its start); "newly escaped" households are not pioneers.
import { db } from "~/utils/db.server";
import { IN_FORCE } from "../contracts";
import { povertyHistories } from "../households/poverty.server";
import { statusOn } from "../households/poverty";
import { NON_POOR_LIMIT, scopeGroupsWhere, type EvaluationScope, type ParticipationSummary } from "./summary";

export async function participationSummary(scope: EvaluationScope): Promise<ParticipationSummary> {
  const groups = await db.farmerGroup.findMany({
    where: scopeGroupsWhere(scope),
    select: { id: true, name: true, households: { select: { id: true, members: true, membersFemale: true } } },
    orderBy: { name: "asc" },
  });
  const households = groups.flatMap((g) => g.households);
  const [paid, histories] = await Promise.all([
    db.contractHouseholdTotal.groupBy({
      by: ["headSex"],
      where: { contract: { groupId: { in: groups.map((g) => g.id) }, seasonId: { in: scope.seasonIds }, status: { in: IN_FORCE } } },
      _sum: { amountVnd: true },
    }),
    povertyHistories(households.map((h) => h.id)),
  ]);

  let female = 0;
  let male = 0;
  let householdsCounted = 0;
  for (const h of households) {
    if (h.membersFemale === null) continue;
    householdsCounted += 1;
    female += h.membersFemale;
    male += Math.max(0, h.members - h.membersFemale);
  }
  const totalVnd = paid.reduce((s, r) => s + (r._sum.amountVnd ?? 0), 0);
  const toFemaleHeadedVnd = paid.find((r) => r.headSex === "female")?._sum.amountVnd ?? 0;

  return {
    members: { female, male, womenShare: female + male > 0 ? female / (female + male) : null, householdsCounted },
    paid: { totalVnd, toFemaleHeadedVnd, femaleHeadedShare: totalVnd > 0 ? toFemaleHeadedVnd / totalVnd : null },
    groups: groups.map((g) => {
      const nonPoor = g.households.filter((h) => statusOn(histories.get(h.id) ?? [], scope.from) === "non_poor").length;
      const share = g.households.length ? nonPoor / g.households.length : null;
      return {
        groupId: g.id,
        name: g.name,
        households: g.households.length,
        nonPoor,
        nonPoorShare: share,
        overLimit: share !== null && share > NON_POOR_LIMIT,
      };
    }),
  };
}

/** The group page's warning: the share of its households non-poor now, when above the 30 % rule; else null. */
export async function nonPoorOverLimit(groupId: string): Promise<number | null> {
  const rows = await db.household.groupBy({ by: ["povertyStatus"], where: { groupId }, _count: true });
  const all = rows.reduce((s, r) => s + r._count, 0);
  const nonPoor = rows.find((r) => r.povertyStatus === "non_poor")?._count ?? 0;
  const share = all ? nonPoor / all : 0;
  return share > NON_POOR_LIMIT ? share : null;
}
