// Payment statements and payments, told outside the app (issue 17, item 3): the group's leaders
// get the statement's total and each payment's amount; each household on the statement gets its
// own figures at the phone its leader recorded with its consent (deliveryTargets decides who
// wants what). Called by the form that issues a statement and the one that records a payment,
// inside their write; bundle imports and the demo replay history and send nothing.
import { invoiceCode } from "../invoices.server";
import { groupLeaderIds } from "../notifications.server";
import { paymentShares } from "../passbook-money.server";
import type { Tx } from "~/utils/db.server";
import { enqueueOutbox } from "./outbox.server";
import type { ReachKind } from "./preferences";
import { deliveryTargets } from "./preferences.server";

/**
 * Each household's net amount on a statement, as the passbook counts it: its lines on the
 * statement and its issued notes, less what was kept back from it on them.
 */
async function householdNets(tx: Tx, statementId: string): Promise<Map<string, number>> {
  const invoice = { OR: [{ id: statementId }, { referencesId: statementId }], status: "issued" };
  const [lines, deductions] = await Promise.all([
    tx.invoiceLine.groupBy({ by: ["householdId"], where: { invoice }, _sum: { amountVnd: true } }),
    tx.invoiceDeduction.groupBy({ by: ["householdId"], where: { invoice }, _sum: { amountVnd: true } }),
  ]);
  const nets = new Map(lines.map((l) => [l.householdId, l._sum.amountVnd ?? 0]));
  for (const d of deductions) nets.set(d.householdId, (nets.get(d.householdId) ?? 0) - (d._sum.amountVnd ?? 0));
  return nets;
}

/** The households (of these) that some channel reaches for this kind: one query, so a statement of forty households writes only for the few with a phone. */
async function reachable(tx: Tx, kind: ReachKind, householdIds: string[]): Promise<Set<string>> {
  const targets = await deliveryTargets(tx, { userIds: [], householdIds, kind });
  return new Set(targets.map((t) => t.householdId).filter((id): id is string => id !== null));
}

async function statementOf(tx: Tx, statementId: string) {
  const inv = await tx.invoice.findUniqueOrThrow({
    where: { id: statementId },
    select: { id: true, kind: true, year: true, number: true, series: true, totalVnd: true, contract: { select: { groupId: true } } },
  });
  return { ...inv, code: invoiceCode(inv.kind, inv.year, inv.number, inv.series), leaders: await groupLeaderIds(tx, [inv.contract.groupId]) };
}

/** A statement was issued: its total to the leaders, each household its own net amount. */
export async function announceStatement(tx: Tx, statementId: string): Promise<void> {
  const s = await statementOf(tx, statementId);
  const link = `/invoices/${s.id}`;
  await enqueueOutbox(tx, { kind: "statement_issued", params: { number: s.code, amount: s.totalVnd }, link, userIds: s.leaders, discriminator: s.id });
  const nets = await householdNets(tx, s.id);
  const reached = await reachable(tx, "statement_issued", [...nets.keys()]);
  for (const [householdId, amount] of nets) {
    if (!reached.has(householdId)) continue;
    await enqueueOutbox(tx, {
      kind: "statement_issued",
      params: { number: s.code, amount },
      link,
      userIds: [],
      householdIds: [householdId],
      discriminator: `${s.id}:${householdId}`,
    });
  }
}

/**
 * A payment was recorded: its amount to the leaders, each household its part of it, worked
 * out exactly as its passbook does (paymentShares on the statement's payments in order).
 */
export async function announcePayment(tx: Tx, paymentId: string): Promise<void> {
  const pay = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { id: true, invoiceId: true, paidOn: true, amountVnd: true } });
  const s = await statementOf(tx, pay.invoiceId);
  const link = `/invoices/${s.id}`;
  await enqueueOutbox(tx, {
    kind: "payment_recorded",
    params: { amount: pay.amountVnd, date: pay.paidOn },
    link,
    userIds: s.leaders,
    discriminator: pay.id,
  });
  const [nets, notes, payments] = await Promise.all([
    householdNets(tx, s.id),
    tx.invoice.aggregate({ where: { referencesId: s.id, status: "issued" }, _sum: { totalVnd: true } }),
    // The passbook's order (passbook-money.server.ts), so a share here is the share shown there.
    tx.payment.findMany({ where: { invoiceId: s.id }, select: { id: true, amountVnd: true }, orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }] }),
  ]);
  const dueVnd = s.totalVnd + (notes._sum.totalVnd ?? 0);
  const at = payments.findIndex((p) => p.id === pay.id);
  const amounts = payments.map((p) => p.amountVnd);
  const reached = await reachable(tx, "payment_recorded", [...nets.keys()]);
  for (const [householdId, netVnd] of nets) {
    if (!reached.has(householdId)) continue;
    const share = paymentShares(netVnd, dueVnd, amounts)[at];
    if (share <= 0) continue;
    await enqueueOutbox(tx, {
      kind: "payment_recorded",
      params: { amount: share, date: pay.paidOn },
      link,
      userIds: [],
      householdIds: [householdId],
      discriminator: `${pay.id}:${householdId}`,
    });
  }
}
