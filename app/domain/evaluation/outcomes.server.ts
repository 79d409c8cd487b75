// Household outcomes between survey rounds (issue 14, decision 0022): income change, exits from
// poverty and the money the linkage brought, for a project's households.
//
// - Rounds compared: the baseline (the earliest, if several), else the earliest round; and the
//   latest round other than it. Only rounds held on or before the scope's end count: a report for
//   2025 does not read a 2026 endline. The scope's start and seasons do not narrow the rounds (a
//   baseline is held before the period it is the baseline of).
// - Change figures read only households that answered both compared rounds; the others are
//   counted (households.onlyFirst / onlyLast) and left out.
// - A household's poverty status at a round is the status valid on the round's date in its
//   history (statusOn, the same rule as the seasons'), which holds the survey's own records.
// - Linkage income is money PAID, not lots delivered: each payment on a statement is shared among
//   its households in proportion to their net amount on it (as the household's passbook reads it,
//   householdStatement in invoices.server.ts), counting payments dated after the first round's day
//   up to and including the last round's.
import { db } from "~/utils/db.server";
import { IN_POVERTY, OUT_OF_POVERTY, statusOn } from "../households/poverty";
import { povertyHistories } from "../households/poverty.server";
import { POVERTY_STATUSES } from "../groups.schema";
import { totalIncome } from "../surveys/surveys.schema";
import { scopeGroupsWhere, type EvaluationScope, type IncomeRow, type OutcomeSummary } from "./summary";

type Round = { id: string; name: string; kind: string; heldOn: string };

/** The baseline (else the earliest) and the latest other round; rounds in date order. */
export function compareRounds(rounds: readonly Round[]): { first: Round; last: Round } | null {
  if (rounds.length < 2) return null;
  const first = rounds.find((r) => r.kind === "baseline") ?? rounds[0];
  const others = rounds.filter((r) => r.id !== first.id);
  return { first, last: others[others.length - 1] };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

function incomeRow(key: string, pairs: { first: number; last: number }[]): IncomeRow {
  const f = mean(pairs.map((p) => p.first));
  const l = mean(pairs.map((p) => p.last));
  return {
    key,
    households: pairs.length,
    firstMeanVnd: f === null ? null : Math.round(f),
    lastMeanVnd: l === null ? null : Math.round(l),
    // Relative change of the mean (0.25 = +25 %); changeVnd is the same in đồng.
    change: f && l !== null ? (l - f) / f : null,
    changeVnd: f !== null && l !== null ? Math.round(l - f) : null,
  };
}

export async function outcomeSummary(scope: EvaluationScope): Promise<OutcomeSummary> {
  const roundRows = await db.surveyRound.findMany({
    where: { projectOwnerId: scope.projectOwnerId, heldOn: { lte: scope.to } },
    select: { id: true, name: true, kind: true, heldOn: true, _count: { select: { answers: true } } },
    orderBy: [{ heldOn: "asc" }, { createdAt: "asc" }],
  });
  const rounds = roundRows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, heldOn: r.heldOn, households: r._count.answers }));
  const pick = compareRounds(rounds);
  const empty: OutcomeSummary = {
    rounds,
    compared: null,
    households: { both: 0, onlyFirst: 0, onlyLast: 0 },
    income: { all: incomeRow("all", []), by: [] },
    poverty: { inPovertyAtFirst: 0, exited: 0, exitRate: null, fellIn: 0 },
    linkageIncome: { households: 0, paidVnd: 0, meanPerHouseholdVnd: null },
  };
  if (!pick) return empty;
  const { first, last } = pick;

  // Answers of the project's households only: a household that has left the project's groups since is not its outcome.
  const answers = await db.householdSurvey.findMany({
    where: { roundId: { in: [first.id, last.id] }, household: { group: scopeGroupsWhere(scope) } },
    include: { household: { select: { id: true, headSex: true, ethnicMinority: true } } },
  });
  const atFirst = new Map(answers.filter((a) => a.roundId === first.id).map((a) => [a.householdId, a]));
  const atLast = new Map(answers.filter((a) => a.roundId === last.id).map((a) => [a.householdId, a]));
  const both = [...atFirst.keys()].filter((id) => atLast.has(id));
  const histories = await povertyHistories(both);

  const panel = both.map((id) => {
    const a = atFirst.get(id)!;
    const records = histories.get(id) ?? [];
    return {
      id,
      headSex: a.household.headSex,
      ethnicMinority: a.household.ethnicMinority,
      statusFirst: statusOn(records, first.heldOn),
      statusLast: statusOn(records, last.heldOn),
      first: totalIncome(a),
      last: totalIncome(atLast.get(id)!),
    };
  });

  const by: IncomeRow[] = [];
  for (const sex of ["female", "male"])
    by.push(
      incomeRow(
        `headSex:${sex}`,
        panel.filter((p) => p.headSex === sex),
      ),
    );
  for (const m of [true, false])
    by.push(
      incomeRow(
        `ethnicMinority:${m}`,
        panel.filter((p) => p.ethnicMinority === m),
      ),
    );
  for (const s of POVERTY_STATUSES)
    by.push(
      incomeRow(
        `poverty:${s}`,
        panel.filter((p) => p.statusFirst === s),
      ),
    );

  const inPoverty = panel.filter((p) => p.statusFirst !== null && IN_POVERTY.includes(p.statusFirst));
  const exited = inPoverty.filter((p) => p.statusLast !== null && OUT_OF_POVERTY.includes(p.statusLast)).length;
  const fellIn = panel.filter(
    (p) => p.statusFirst !== null && OUT_OF_POVERTY.includes(p.statusFirst) && p.statusLast !== null && IN_POVERTY.includes(p.statusLast),
  ).length;

  return {
    rounds,
    compared: { first: { id: first.id, name: first.name, heldOn: first.heldOn }, last: { id: last.id, name: last.name, heldOn: last.heldOn } },
    households: { both: both.length, onlyFirst: atFirst.size - both.length, onlyLast: atLast.size - both.length },
    income: { all: incomeRow("all", panel), by },
    poverty: { inPovertyAtFirst: inPoverty.length, exited, exitRate: inPoverty.length ? exited / inPoverty.length : null, fellIn },
    linkageIncome: await linkageIncome(scope, first.heldOn, last.heldOn),
  };
}

/**
 * Money paid to the project's households through contracts with paidOn in (after, upTo]. A
 * payment is made per statement; each household's share is its net amount on the statement
 * and its notes (lines less deductions) in proportion to what the statement was paid, capped at
 * what it was due. The share paid in the window is the share paid by its end less the share paid
 * by its start, so a statement paid in instalments on both sides of a round is split between them.
 */
export async function linkageIncome(
  scope: Pick<EvaluationScope, "projectOwnerId" | "groupIds">,
  after: string,
  upTo: string,
): Promise<OutcomeSummary["linkageIncome"]> {
  const inProject = { status: "issued", contract: { group: scopeGroupsWhere(scope) } };
  const docs = await db.invoice.findMany({
    where: inProject,
    select: { id: true, referencesId: true, totalVnd: true },
  });
  const roots = new Map<string, { dueVnd: number }>();
  for (const d of docs) if (!d.referencesId) roots.set(d.id, { dueVnd: d.totalVnd });
  for (const d of docs) if (d.referencesId && roots.has(d.referencesId)) roots.get(d.referencesId)!.dueVnd += d.totalVnd;
  const rootOf = new Map(docs.map((d) => [d.id, d.referencesId ?? d.id]));

  const ids = docs.map((d) => d.id);
  const [lines, deductions, payments] = await Promise.all([
    db.invoiceLine.groupBy({ by: ["invoiceId", "householdId"], where: { invoiceId: { in: ids } }, _sum: { amountVnd: true } }),
    db.invoiceDeduction.groupBy({ by: ["invoiceId", "householdId"], where: { invoiceId: { in: ids } }, _sum: { amountVnd: true } }),
    db.payment.findMany({ where: { invoiceId: { in: [...roots.keys()] }, paidOn: { lte: upTo } }, select: { invoiceId: true, paidOn: true, amountVnd: true } }),
  ]);
  // Net per statement (root) and household.
  const net = new Map<string, Map<string, number>>();
  const add = (invoiceId: string, householdId: string, v: number) => {
    const root = rootOf.get(invoiceId)!;
    if (!net.has(root)) net.set(root, new Map());
    const m = net.get(root)!;
    m.set(householdId, (m.get(householdId) ?? 0) + v);
  };
  for (const l of lines) add(l.invoiceId, l.householdId, l._sum.amountVnd ?? 0);
  for (const d of deductions) add(d.invoiceId, d.householdId, -(d._sum.amountVnd ?? 0));

  const paidBefore = new Map<string, number>();
  const paidByEnd = new Map<string, number>();
  for (const p of payments) {
    paidByEnd.set(p.invoiceId, (paidByEnd.get(p.invoiceId) ?? 0) + p.amountVnd);
    if (p.paidOn <= after) paidBefore.set(p.invoiceId, (paidBefore.get(p.invoiceId) ?? 0) + p.amountVnd);
  }

  const perHousehold = new Map<string, number>();
  for (const [root, { dueVnd }] of roots) {
    if (dueVnd <= 0) continue;
    const share = (paid: number) => Math.min(1, paid / dueVnd);
    const inWindow = share(paidByEnd.get(root) ?? 0) - share(paidBefore.get(root) ?? 0);
    if (inWindow <= 0) continue;
    for (const [hh, v] of net.get(root) ?? []) if (v > 0) perHousehold.set(hh, (perHousehold.get(hh) ?? 0) + v * inWindow);
  }
  const amounts = [...perHousehold.values()].map((v) => Math.round(v)).filter((v) => v > 0);
  const paidVnd = amounts.reduce((s, v) => s + v, 0);
  return { households: amounts.length, paidVnd, meanPerHouseholdVnd: amounts.length ? Math.round(paidVnd / amounts.length) : null };
}
