// Paying the households of a statement: what each is owed (its lines less what was kept back,
// with the notes that corrected them), where to send it (its bank account, or cash against its
// signed slip), the VietQR code per household and the transfers list for a bank's bulk service.
//
// Who sees an account number (docs/decisions/0021-statements-payouts.md): the buyer paying the
// statement, the group's leader (who keeps the accounts), the site administrator, and a member
// for their own household. Anyone else who may read the statement (a project owner, an
// authority) sees neither the number nor the code: it is personal banking data they do not need.
import { db, write } from "~/utils/db.server";
import type { ContractRole } from "../contracts";
import { invoiceCode, type InvoiceFull } from "../invoices.server";
import { bankByBin } from "./banks";
import { vietQrPayload, type Payee } from "./vietqr.server";

export type Payout = {
  householdId: string;
  name: string;
  amountVnd: number;
  /** null: no account recorded, paid in cash against the signed slip. */
  payee: (Payee & { bankName: string }) | null;
  /** The account is on record but the reader may not see it. */
  hidden: boolean;
  payload: string | null;
};

export function seesAccounts(role: ContractRole): boolean {
  return role === "buyer" || role === "admin" || role === "group_leader" || role === "group_member";
}

/** One payout per household on the statement, in name order. `own`: a member's own household. */
export async function payoutsFor(invoice: InvoiceFull, names: Map<string, string>, role: ContractRole, own: string | null): Promise<Payout[]> {
  const code = invoiceCode(invoice.kind, invoice.year, invoice.number, invoice.series);
  const owed = new Map<string, number>();
  for (const l of invoice.lines) owed.set(l.householdId, (owed.get(l.householdId) ?? 0) + l.amountVnd);
  for (const d of invoice.deductions) owed.set(d.householdId, (owed.get(d.householdId) ?? 0) - d.amountVnd);
  // Notes that corrected the statement change what each household is owed.
  const noteIds = invoice.notes.filter((n) => n.status === "issued").map((n) => n.id);
  if (noteIds.length) {
    const [lines, kept] = await Promise.all([
      db.invoiceLine.groupBy({ by: ["householdId"], where: { invoiceId: { in: noteIds } }, _sum: { amountVnd: true } }),
      db.invoiceDeduction.groupBy({ by: ["householdId"], where: { invoiceId: { in: noteIds } }, _sum: { amountVnd: true } }),
    ]);
    for (const l of lines) owed.set(l.householdId, (owed.get(l.householdId) ?? 0) + (l._sum.amountVnd ?? 0));
    for (const k of kept) owed.set(k.householdId, (owed.get(k.householdId) ?? 0) - (k._sum.amountVnd ?? 0));
  }
  const accounts = new Map(
    (
      await db.household.findMany({
        where: { id: { in: [...owed.keys()] } },
        select: { id: true, bankBin: true, bankAccount: true, bankHolder: true },
      })
    ).map((h) => [h.id, h]),
  );
  return [...owed.entries()]
    .map(([householdId, amountVnd]) => {
      const a = accounts.get(householdId);
      const bank = bankByBin(a?.bankBin);
      const has = !!(a?.bankAccount && a.bankHolder && bank);
      const may = seesAccounts(role) && (role !== "group_member" || householdId === own);
      const payee = has && may ? { bankBin: bank!.bin, bankName: bank!.shortName, bankAccount: a!.bankAccount!, bankHolder: a!.bankHolder! } : null;
      return {
        householdId,
        name: names.get(householdId) ?? "?",
        amountVnd,
        payee,
        hidden: has && !may,
        payload: payee && amountVnd > 0 ? vietQrPayload(payee, amountVnd, code) : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** The bulk-transfer list: one row per household with an account and something to receive. */
export function transferRows(payouts: Payout[], code: string, headers: string[]) {
  return [
    headers,
    ...payouts
      .filter((p) => p.payee && p.amountVnd > 0)
      .map((p) => [p.payee!.bankHolder, p.payee!.bankName, p.payee!.bankBin, p.payee!.bankAccount, p.amountVnd, code]),
  ];
}

export async function saveBankAccount(householdId: string, input: { bankBin: string; bankAccount: string; bankHolder: string } | null) {
  await write((tx) =>
    tx.household.update({
      where: { id: householdId },
      data: input ?? { bankBin: null, bankAccount: null, bankHolder: null },
    }),
  );
}
