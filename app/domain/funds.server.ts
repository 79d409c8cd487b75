// Input advances to households, and the group fund ("quỹ nhóm") as a ledger whose balances
// are sums, never stored numbers that could drift.
import { db, write } from "~/utils/db.server";
import type { z } from "zod";
import type { advanceSchema, fundEntrySchema } from "./money.schema";

/** A group's input advances, or (`onlyHousehold`) one household's. */
export async function advancesOf(groupId: string, onlyHousehold?: string | null) {
  const rows = await db.inputAdvance.findMany({
    where: { groupId, ...(onlyHousehold != null ? { householdId: onlyHousehold } : {}) },
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

/**
 * An advance tied to a contract is recovered from that contract's statements, so only the
 * contract's own buyer may tie one to it; a project's support is recorded, never deducted.
 */
export async function recordAdvance(groupId: string, input: z.output<typeof advanceSchema>): Promise<{ ok: true } | { ok: false; field: string; error: string }> {
  const [household, contract] = await Promise.all([
    db.household.findFirst({ where: { id: input.householdId, groupId }, select: { id: true } }),
    input.contractId ? db.contract.findFirst({ where: { id: input.contractId, groupId }, select: { buyerId: true } }) : Promise.resolve(null),
  ]);
  if (!household) return { ok: false, field: "householdId", error: "error.invalid" };
  if (input.contractId && !contract) return { ok: false, field: "contractId", error: "error.invalid" };
  if (contract && contract.buyerId !== input.providerId) return { ok: false, field: "contractId", error: "error.advanceNotBuyer" };
  await write((tx) => tx.inputAdvance.create({ data: { ...input, groupId } }));
  return { ok: true };
}

const SIGN: Record<string, 1 | -1> = { contribution: 1, counterpart: 1, deduction: 1, repayment: 1, loan_out: -1 };

export async function recordFundEntry(groupId: string, userId: string, input: z.output<typeof fundEntrySchema>): Promise<{ ok: boolean; field?: string; error?: string }> {
  if (input.householdId) {
    const hh = await db.household.findFirst({ where: { id: input.householdId, groupId }, select: { id: true } });
    if (!hh) return { ok: false, field: "householdId", error: "error.invalid" };
  } else if (input.kind !== "contribution") {
    return { ok: false, field: "householdId", error: "error.required" };
  }
  return write(async (tx) => {
    if (input.kind === "loan_out") {
      // The fund can only lend what it holds.
      const balance = (await tx.groupFundEntry.aggregate({ where: { groupId }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0;
      if (!input.inKind && input.amountVnd > balance) return { ok: false, field: "amountVnd", error: "error.fundTooLow" };
    }
    if (input.kind === "repayment") {
      const owed = await loanOutstanding(tx, groupId, input.householdId!);
      if (input.amountVnd > owed) return { ok: false, field: "amountVnd", error: "error.repayTooMuch" };
    }
    await tx.groupFundEntry.create({
      data: { groupId, householdId: input.householdId, kind: input.kind, amountVnd: SIGN[input.kind] * input.amountVnd, inKind: input.inKind, on: input.on, note: input.note, createdById: userId },
    });
    return { ok: true };
  });
}

async function loanOutstanding(client: Pick<typeof db, "groupFundEntry">, groupId: string, householdId: string): Promise<number> {
  const rows = await client.groupFundEntry.groupBy({ by: ["kind"], where: { groupId, householdId, kind: { in: ["loan_out", "repayment"] } }, _sum: { amountVnd: true } });
  const lent = -(rows.find((r) => r.kind === "loan_out")?._sum.amountVnd ?? 0);
  const repaid = rows.find((r) => r.kind === "repayment")?._sum.amountVnd ?? 0;
  return lent - repaid;
}

/** The fund's balance, and per household: paid in, borrowed and still owed. */
export async function fundSummary(groupId: string) {
  const [entries, byHousehold] = await Promise.all([
    db.groupFundEntry.findMany({ where: { groupId }, include: { household: { select: { headName: true } } }, orderBy: [{ on: "desc" }, { createdAt: "desc" }], take: 300 }),
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
 * Counterpart contribution for a project: what beneficiaries put in (counterpart fund entries)
 * against the support the project advanced, for the groups of the project. The seeds
 * recommend 15–20 % of the total.
 */
export async function counterpartShare(projectOwnerId: string) {
  const [support, counterpart] = await Promise.all([
    db.inputAdvance.aggregate({ where: { providerId: projectOwnerId }, _sum: { valueVnd: true } }),
    db.groupFundEntry.aggregate({ where: { kind: "counterpart", group: { projectOwnerId } }, _sum: { amountVnd: true } }),
  ]);
  const s = support._sum.valueVnd ?? 0;
  const c = counterpart._sum.amountVnd ?? 0;
  return { supportVnd: s, counterpartVnd: c, share: s + c > 0 ? c / (s + c) : null, target: [0.15, 0.2] as const };
}
