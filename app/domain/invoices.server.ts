// Invoices (payment statements). Numbers are gap-free per buyer per year: the counter row is
// incremented inside the same write as the invoice, and writes are serialised (write()).
import type { Tx } from "~/utils/db.server";
import { addDays } from "./money";

export class InvoiceError extends Error {
  constructor(
    public code: "no_pickups" | "already_invoiced" | "wrong_contract",
    message: string,
  ) {
    super(message);
  }
}

export function invoiceCode(year: number, number: number): string {
  return `HD-${year}-${String(number).padStart(4, "0")}`;
}

async function nextNumber(tx: Tx, buyerId: string, year: number): Promise<number> {
  const counter = await tx.invoiceCounter.upsert({
    where: { buyerId_year: { buyerId, year } },
    create: { buyerId, year, last: 1 },
    update: { last: { increment: 1 } },
  });
  return counter.last;
}

/** Issues an invoice for pickups of one contract, from their effective lots. Call inside write(). */
export async function issueInvoice(
  tx: Tx,
  input: { contractId: string; pickupIds: string[]; issuedOn: string; ref?: string },
) {
  if (input.pickupIds.length === 0) throw new InvoiceError("no_pickups", "Choose at least one pickup");
  const contract = await tx.contract.findUniqueOrThrow({ where: { id: input.contractId } });
  const pickups = await tx.pickup.findMany({
    where: { id: { in: input.pickupIds } },
    include: { invoices: true },
  });
  if (pickups.length !== input.pickupIds.length || pickups.some((p) => p.contractId !== contract.id)) {
    throw new InvoiceError("wrong_contract", "Pickups must belong to the contract");
  }
  if (pickups.some((p) => p.invoices.length > 0)) throw new InvoiceError("already_invoiced", "A pickup is already invoiced");

  const lots = await tx.lot.findMany({
    where: { pickupId: { in: input.pickupIds }, supersededBy: { is: null } },
    orderBy: { chainSeq: "asc" },
  });
  const subtotal = lots.reduce((s, l) => s + l.amountVnd, 0);
  const perHousehold = new Map<string, number>();
  for (const l of lots) perHousehold.set(l.householdId, (perHousehold.get(l.householdId) ?? 0) + l.amountVnd);
  const deductions = [...perHousehold].flatMap(([householdId, amount]) => {
    const fund = Math.round((amount * contract.groupFundPct) / 100);
    return fund > 0 ? [{ householdId, kind: "group_fund", amountVnd: fund }] : [];
  });
  const deductionsVnd = deductions.reduce((s, d) => s + d.amountVnd, 0);
  const year = Number(input.issuedOn.slice(0, 4));
  const number = await nextNumber(tx, contract.buyerId, year);
  const lotsHash = lots.length ? lots[lots.length - 1].hash : null;

  return tx.invoice.create({
    data: {
      ref: input.ref ?? `inv-${contract.buyerId.slice(-6)}-${year}-${number}`,
      buyerId: contract.buyerId,
      contractId: contract.id,
      year,
      number,
      issuedOn: input.issuedOn,
      dueOn: addDays(input.issuedOn, contract.paymentTermsDays),
      subtotalVnd: subtotal,
      deductionsVnd,
      totalVnd: subtotal - deductionsVnd,
      lotsHash,
      pickups: { create: input.pickupIds.map((pickupId) => ({ pickupId })) },
      lines: {
        create: lots.map((l) => ({
          lotId: l.id,
          householdId: l.householdId,
          netG: l.netG,
          grade: l.grade,
          unitPriceVnd: l.unitPriceVnd,
          amountVnd: l.amountVnd,
        })),
      },
      deductions: { create: deductions },
    },
  });
}
