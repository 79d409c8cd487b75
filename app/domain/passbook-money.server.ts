// A household's money in its passbook, statement by statement: what its lots earned, each
// deduction, and each payment the buyer made with the household's part of it.
//
// Payments are made to the group per statement (docs/decisions/0008-money.md): a payment has no
// household. A household's part of the payments is its net amount on the statement over what the
// statement is due, capped at what it is owed. Parts are worked out on the running total of
// payments, so each payment's part is rounded once and the parts add up to exactly the
// household's part of the whole amount paid.
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { Access } from "./access.server";
import { balances, invoiceCode, invoicesVisibleWhere } from "./invoices.server";

export type PassbookDeduction = { kind: string; item: string | null; amountVnd: number; note: string | null };
export type PassbookPayment = { id: string; paidOn: string; method: string; amountVnd: number; shareVnd: number };
export type PassbookStatement = {
  id: string;
  code: string;
  issuedOn: string;
  buyer: string;
  /** Codes of the credit and debit notes that changed the household's part of it. */
  notes: string[];
  grossVnd: number;
  deductions: PassbookDeduction[];
  netVnd: number;
  /** The whole statement, for the rule: due with its notes, and paid to the group. */
  dueVnd: number;
  paidVnd: number;
  payments: PassbookPayment[];
  receivedVnd: number;
};

/** The household's part of each payment on one statement, on the running total. */
export function paymentShares(netVnd: number, dueVnd: number, amounts: number[]): number[] {
  let paid = 0;
  let before = 0;
  return amounts.map((a) => {
    paid += a;
    const upTo = dueVnd > 0 ? Math.round(netVnd * Math.min(1, paid / dueVnd)) : 0;
    const share = upTo - before;
    before = upTo;
    return share;
  });
}

/** The household's statements the caller may see (issued ones, with their live notes), newest first. */
export async function passbookStatements(access: Access, householdId: string): Promise<PassbookStatement[]> {
  const invoice: Prisma.InvoiceWhereInput = { AND: [{ status: "issued" }, invoicesVisibleWhere(access)] };
  const [lines, deductions] = await Promise.all([
    db.invoiceLine.groupBy({ by: ["invoiceId"], where: { householdId, invoice }, _sum: { amountVnd: true } }),
    db.invoiceDeduction.findMany({
      where: { householdId, invoice },
      select: { id: true, invoiceId: true, kind: true, amountVnd: true, advance: { select: { item: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  const docIds = [...new Set([...lines.map((l) => l.invoiceId), ...deductions.map((d) => d.invoiceId)])];
  if (!docIds.length) return [];
  const docSelect = { id: true, kind: true, year: true, number: true, series: true, issuedOn: true, totalVnd: true, referencesId: true } as const;
  const docs = await db.invoice.findMany({ where: { id: { in: docIds } }, select: docSelect });
  const rootIds = [...new Set(docs.map((d) => d.referencesId ?? d.id))];
  const [roots, b, payments] = await Promise.all([
    db.invoice.findMany({ where: { id: { in: rootIds } }, select: { ...docSelect, buyer: { select: { name: true } } } }),
    balances(rootIds),
    db.payment.findMany({
      where: { invoiceId: { in: rootIds } },
      select: { id: true, invoiceId: true, paidOn: true, method: true, amountVnd: true },
      orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }],
    }),
  ]);
  const gross = new Map(lines.map((l) => [l.invoiceId, l._sum.amountVnd ?? 0]));
  const code = (d: (typeof docs)[number]) => invoiceCode(d.kind, d.year, d.number, d.series);
  const out = roots.map((root): PassbookStatement => {
    const own = docs.filter((d) => (d.referencesId ?? d.id) === root.id);
    const notes = own.filter((d) => d.id !== root.id);
    const kept: PassbookDeduction[] = own.flatMap((d) =>
      deductions
        .filter((x) => x.invoiceId === d.id)
        .map((x) => ({ kind: x.kind, item: x.advance?.item ?? null, amountVnd: x.amountVnd, note: d.id === root.id ? null : code(d) })),
    );
    const grossVnd = own.reduce((s, d) => s + (gross.get(d.id) ?? 0), 0);
    const netVnd = grossVnd - kept.reduce((s, x) => s + x.amountVnd, 0);
    const dueVnd = root.totalVnd + (b.notes.get(root.id) ?? 0);
    const paid = payments.filter((p) => p.invoiceId === root.id);
    const shares = paymentShares(
      netVnd,
      dueVnd,
      paid.map((p) => p.amountVnd),
    );
    return {
      id: root.id,
      code: code(root),
      issuedOn: root.issuedOn,
      buyer: root.buyer.name,
      notes: notes.map(code),
      grossVnd,
      deductions: kept,
      netVnd,
      dueVnd,
      paidVnd: b.paid.get(root.id) ?? 0,
      payments: paid.map((p, i) => ({ id: p.id, paidOn: p.paidOn, method: p.method, amountVnd: p.amountVnd, shareVnd: shares[i] })),
      receivedVnd: shares.reduce((s, x) => s + x, 0),
    };
  });
  return out.sort((x, y) => (x.issuedOn === y.issuedOn ? y.code.localeCompare(x.code) : y.issuedOn.localeCompare(x.issuedOn)));
}
