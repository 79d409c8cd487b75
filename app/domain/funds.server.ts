// Input advances to households, and the group fund ("quỹ nhóm") as a ledger whose balances
// are sums, never stored numbers that could drift.
import { resourcesSummary } from "./evaluation/resources.server";
import { COUNTERPART_RULE } from "./evaluation/summary";
import type { Prisma } from "~/generated/prisma/client";
import { db, write } from "~/utils/db.server";
import type { z } from "zod";
import { wholeGroupsWhere, type Access } from "./access.server";
import type { advanceSchema, fundEntrySchema } from "./money.schema";
import { buyerOrgIds } from "./offers.server";
import { isAdminRole } from "./roles";

/**
 * Advances the caller may read: every advance to a group it sees whole (its own, its project's,
 * its area's); otherwise only those its own organisations made. A buyer buying from a group does
 * not read what another buyer or a project advanced to it.
 */
export function advancesVisibleWhere(access: Access): Prisma.InputAdvanceWhereInput {
  if (access.user.isSiteAdmin) return {};
  return { OR: [{ group: wholeGroupsWhere(access) }, { providerId: { in: access.orgs.map((o) => o.id) } }] };
}

/** A group's input advances the caller may read, or (`onlyHousehold`) one household's. */
export async function advancesOf(access: Access, groupId: string, onlyHousehold?: string | null) {
  const rows = await db.inputAdvance.findMany({
    where: { AND: [{ groupId }, advancesVisibleWhere(access), onlyHousehold != null ? { householdId: onlyHousehold } : {}] },
    include: {
      household: { select: { id: true, headName: true } },
      provider: { select: { id: true, name: true, kind: true } },
      recoveries: { select: { amountVnd: true, invoice: { select: { status: true } } } },
    },
    orderBy: { advancedOn: "desc" },
  });
  return rows.map((a) => {
    const recovered = a.recoveries.filter((r) => r.invoice.status !== "cancelled").reduce((s, r) => s + r.amountVnd, 0);
    return { ...a, recovered, outstanding: a.valueVnd - recovered };
  });
}

/** A contract an advance may be tied to: one still to be delivered and paid under. */
export const ADVANCE_CONTRACT_STATUSES = ["signed", "active"];

type Group = { id: string; projectOwnerId: string | null };

/**
 * Who the caller may advance inputs to this group for: a buyer it acts for that has a contract
 * with the group, or (its administrators only: project staff read) the group's project.
 */
export async function advanceProviders(access: Access, group: Group): Promise<{ id: string; name: string }[]> {
  const buyers = await db.contract.findMany({
    where: { groupId: group.id, buyerId: { in: buyerOrgIds(access) } },
    select: { buyerId: true },
    distinct: ["buyerId"],
  });
  const ids = new Set(buyers.map((b) => b.buyerId));
  if (group.projectOwnerId && access.orgs.some((o) => o.id === group.projectOwnerId && isAdminRole(o.role))) ids.add(group.projectOwnerId);
  return access.orgs.filter((o) => ids.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
}

/** The caller's own contracts with the group that an advance may be tied to. */
export function advanceContracts(access: Access, groupId: string) {
  return db.contract.findMany({
    where: { groupId, buyerId: { in: buyerOrgIds(access) }, status: { in: ADVANCE_CONTRACT_STATUSES } },
    select: { id: true, ref: true },
  });
}

export type AdvanceResult = { ok: true } | { ok: false; status: 400 | 403; field: string; error: string };

/**
 * An advance tied to a contract is recovered from that contract's statements, so only the
 * contract's own buyer may tie one to it, and only while the contract runs; a project's support
 * is recorded, never deducted.
 */
export async function recordAdvance(access: Access, group: Group, input: z.output<typeof advanceSchema>): Promise<AdvanceResult> {
  if (!(await advanceProviders(access, group)).some((p) => p.id === input.providerId))
    return { ok: false, status: 403, field: "providerId", error: "error.page.403" };
  const [household, contract] = await Promise.all([
    db.household.findFirst({ where: { id: input.householdId, groupId: group.id }, select: { id: true } }),
    input.contractId
      ? db.contract.findFirst({ where: { id: input.contractId, groupId: group.id }, select: { buyerId: true, status: true } })
      : Promise.resolve(null),
  ]);
  if (!household) return { ok: false, status: 400, field: "householdId", error: "error.invalid" };
  if (input.contractId && !contract) return { ok: false, status: 400, field: "contractId", error: "error.invalid" };
  if (contract && contract.buyerId !== input.providerId) return { ok: false, status: 400, field: "contractId", error: "error.advanceNotBuyer" };
  if (contract && !ADVANCE_CONTRACT_STATUSES.includes(contract.status))
    return { ok: false, status: 400, field: "contractId", error: "error.advanceContractClosed" };
  await write((tx) => tx.inputAdvance.create({ data: { ...input, groupId: group.id } }));
  return { ok: true };
}

const SIGN: Record<string, 1 | -1> = { contribution: 1, counterpart: 1, deduction: 1, repayment: 1, loan_out: -1 };

export type FundEntryResult = { ok: true } | { ok: false; field: string; error: string; params?: Record<string, number> };

export async function recordFundEntry(groupId: string, userId: string, input: z.output<typeof fundEntrySchema>): Promise<FundEntryResult> {
  if (input.householdId) {
    const hh = await db.household.findFirst({ where: { id: input.householdId, groupId }, select: { id: true } });
    if (!hh) return { ok: false, field: "householdId", error: "error.invalid" };
  } else if (input.kind !== "contribution") {
    return { ok: false, field: "householdId", error: "error.required" };
  }
  return write(async (tx) => {
    if (input.kind === "loan_out") {
      // The fund can only lend what it holds, in cash or in kind alike: a goat lent is its value
      // gone from the fund. Read inside the write, so two loans sent together are checked one
      // after the other and the second sees the first.
      const balance = (await tx.groupFundEntry.aggregate({ where: { groupId }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0;
      if (input.amountVnd > balance) return { ok: false, field: "amountVnd", error: "error.fundTooLow", params: { balance, amount: input.amountVnd } };
    }
    if (input.kind === "repayment") {
      const owed = await loanOutstanding(tx, groupId, input.householdId!);
      if (input.amountVnd > owed) return { ok: false, field: "amountVnd", error: "error.repayTooMuch" };
    }
    await tx.groupFundEntry.create({
      data: {
        groupId,
        householdId: input.householdId,
        kind: input.kind,
        amountVnd: SIGN[input.kind] * input.amountVnd,
        inKind: input.inKind,
        on: input.on,
        note: input.note,
        createdById: userId,
      },
    });
    return { ok: true as const };
  });
}

async function loanOutstanding(client: Pick<typeof db, "groupFundEntry">, groupId: string, householdId: string): Promise<number> {
  const rows = await client.groupFundEntry.groupBy({
    by: ["kind"],
    where: { groupId, householdId, kind: { in: ["loan_out", "repayment"] } },
    _sum: { amountVnd: true },
  });
  const lent = -(rows.find((r) => r.kind === "loan_out")?._sum.amountVnd ?? 0);
  const repaid = rows.find((r) => r.kind === "repayment")?._sum.amountVnd ?? 0;
  return lent - repaid;
}

/** The fund's balance, and per household: paid in, borrowed and still owed. */
export async function fundSummary(groupId: string) {
  const [entries, byHousehold] = await Promise.all([
    db.groupFundEntry.findMany({
      where: { groupId },
      include: { household: { select: { headName: true } } },
      orderBy: [{ on: "desc" }, { createdAt: "desc" }],
      take: 300,
    }),
    db.groupFundEntry.groupBy({ by: ["householdId", "kind"], where: { groupId }, _sum: { amountVnd: true } }),
  ]);
  const balance = byHousehold.reduce((s, r) => s + (r._sum.amountVnd ?? 0), 0);
  const members = new Map<string, { paidIn: number; borrowed: number; repaid: number }>();
  for (const r of byHousehold) {
    if (!r.householdId) continue;
    const m = members.get(r.householdId) ?? { paidIn: 0, borrowed: 0, repaid: 0 };
    const v = r._sum.amountVnd ?? 0;
    if (r.kind === "loan_out") m.borrowed += -v;
    else if (r.kind === "repayment") m.repaid += v;
    else m.paidIn += v;
    members.set(r.householdId, m);
  }
  return { entries, balance, members };
}

/**
 * The project's counterpart share as its evaluation computes it (resourcesSummary: its own support
 * and inputs against what households, the commune and others put in), over the whole programme.
 */
export async function counterpartShare(projectOwnerId: string) {
  const r = await resourcesSummary({ projectOwnerId, from: "0000-01-01", to: "9999-12-31", seasonIds: [] });
  return {
    supportVnd: r.projectSupportVnd,
    counterpartVnd: r.counterpartVnd,
    share: r.counterpartShare,
    target: [COUNTERPART_RULE.min, COUNTERPART_RULE.max] as const,
  };
}
