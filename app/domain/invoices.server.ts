// Invoices (payment statements), credit/debit notes and payments. Numbers are gap-free per
// buyer per year: the counter row is incremented inside the same write as the document, and
// writes are serialised (write()). Issued documents are immutable (database triggers).
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { todayInVietnam } from "~/utils/dates";
import { db, hotRead, write, type Tx } from "~/utils/db.server";
import type { Access } from "./access.server";
import { contractsVisibleWhere, roleOn } from "./contracts.server";
import { addDays } from "./money";
import { buyerOrgIds } from "./offers.server";
import { announcePayment } from "./reach/money-notices.server";

export class InvoiceError extends Error {
  constructor(
    public code: "no_pickups" | "already_invoiced" | "wrong_contract" | "no_lots",
    message: string,
  ) {
    super(message);
  }
}

/**
 * A payment statement is a bảng kê thanh toán, not a hóa đơn: from issue 13 it is numbered
 * "BKTT-…". Statements issued before keep the "HD-…" they were printed with (series null);
 * the counter is the same, so the sequence runs on without a gap. Notes keep GC/GN.
 */
export const STATEMENT_SERIES = "BKTT";

export function invoiceCode(kind: string, year: number | null, number: number | null, series?: string | null): string {
  const prefix = kind === "credit_note" ? "GC" : kind === "debit_note" ? "GN" : (series ?? "HD");
  return `${prefix}-${year}-${String(number).padStart(4, "0")}`;
}

const CODE = /^(BKTT|HD|HĐ|GC|GN)-(\d{4})-(\d{1,6})$/i;

/** A buyer's document by its printed number, old ("HD-2026-0001") or new ("BKTT-2026-0002"). */
export async function findByCode(buyerId: string, code: string) {
  const m = CODE.exec(code.trim());
  if (!m) return null;
  const prefix = m[1].toUpperCase();
  const kind = prefix === "GC" ? "credit_note" : prefix === "GN" ? "debit_note" : "invoice";
  const found = await db.invoice.findFirst({ where: { buyerId, kind, year: Number(m[2]), number: Number(m[3]) } });
  if (!found) return null;
  // The number must be the one printed: HD-2026-0002 is not BKTT-2026-0002.
  return invoiceCode(found.kind, found.year, found.number, found.series) === `${prefix.replace("HĐ", "HD")}-${m[2]}-${m[3].padStart(4, "0")}` ? found : null;
}

async function nextNumber(tx: Tx, buyerId: string, year: number): Promise<number> {
  const counter = await tx.invoiceCounter.upsert({
    where: { buyerId_year: { buyerId, year } },
    create: { buyerId, year, last: 1 },
    update: { last: { increment: 1 } },
  });
  return counter.last;
}

/** One digest over the ledger hashes of the lots a document covers, printed on it. */
export function lotsDigest(hashes: (string | null)[]): string {
  return crypto
    .createHash("sha256")
    .update(hashes.map((h) => h ?? "").join("\n"))
    .digest("hex");
}

type Deduction = { householdId: string; kind: "advance_recovery" | "group_fund"; amountVnd: number; advanceId?: string };

/**
 * What is kept back from each household's amount: advanced inputs being recovered (by their
 * plan) and the contract's group-fund share, never more than the household earned.
 * Only the buyer's own advances, and only when the contract provides for recovering inputs:
 * support from a project or anyone else is never taken out of what a buyer pays.
 */
async function deductionsFor(
  tx: Tx,
  contract: { id: string; buyerId: string; groupFundPct: number; inputsAdvanced: string | null; inputRecovery: string | null },
  perHousehold: Map<string, number>,
): Promise<Deduction[]> {
  const recoversInputs = !!(contract.inputsAdvanced || contract.inputRecovery);
  const advances = !recoversInputs
    ? []
    : await tx.inputAdvance.findMany({
        where: {
          householdId: { in: [...perHousehold.keys()] },
          providerId: contract.buyerId,
          OR: [{ contractId: contract.id }, { contractId: null }],
          recoveryPlan: { not: "none" },
        },
        include: { recoveries: { select: { amountVnd: true, invoice: { select: { status: true } } } } },
        orderBy: { advancedOn: "asc" },
      });
  const out: Deduction[] = [];
  for (const [householdId, earned] of perHousehold) {
    let room = earned;
    for (const a of advances.filter((x) => x.householdId === householdId)) {
      const recovered = a.recoveries.filter((r) => r.invoice.status !== "cancelled").reduce((s, r) => s + r.amountVnd, 0);
      const outstanding = a.valueVnd - recovered;
      const want = a.recoveryPlan === "lump_sum" ? outstanding : Math.round((earned * a.recoveryPct) / 100);
      const take = Math.max(0, Math.min(outstanding, want, room));
      if (take > 0) {
        out.push({ householdId, kind: "advance_recovery", amountVnd: take, advanceId: a.id });
        room -= take;
      }
    }
    const fund = Math.min(room, Math.round((earned * contract.groupFundPct) / 100));
    if (fund > 0) out.push({ householdId, kind: "group_fund", amountVnd: fund });
  }
  return out;
}

/** Issues an invoice for pickups of one contract, from their effective lots. Call inside write(). */
export async function issueInvoice(tx: Tx, input: { contractId: string; pickupIds: string[]; issuedOn: string; ref?: string; byUserId?: string }) {
  const pickupIds = [...new Set(input.pickupIds)];
  if (pickupIds.length === 0) throw new InvoiceError("no_pickups", "Choose at least one pickup");
  const contract = await tx.contract.findUniqueOrThrow({ where: { id: input.contractId }, include: { buyer: { select: { ref: true } } } });
  const pickups = await tx.pickup.findMany({
    where: { id: { in: pickupIds } },
    include: { invoices: { select: { invoice: { select: { status: true } } } } },
  });
  if (pickups.length !== pickupIds.length || pickups.some((p) => p.contractId !== contract.id)) {
    throw new InvoiceError("wrong_contract", "Pickups must belong to the contract");
  }
  if (pickups.some((p) => p.invoices.some((i) => i.invoice.status !== "cancelled"))) throw new InvoiceError("already_invoiced", "A pickup is already invoiced");

  const lots = await tx.lot.findMany({ where: { pickupId: { in: pickupIds }, supersededBy: { is: null } }, orderBy: { chainSeq: "asc" } });
  if (lots.length === 0) throw new InvoiceError("no_lots", "The pickups have no lots");
  const subtotal = lots.reduce((s, l) => s + l.amountVnd, 0);
  const perHousehold = new Map<string, number>();
  for (const l of lots) perHousehold.set(l.householdId, (perHousehold.get(l.householdId) ?? 0) + l.amountVnd);
  const deductions = await deductionsFor(tx, contract, perHousehold);
  const deductionsVnd = deductions.reduce((s, d) => s + d.amountVnd, 0);
  const year = Number(input.issuedOn.slice(0, 4));
  const number = await nextNumber(tx, contract.buyerId, year);

  const invoice = await tx.invoice.create({
    data: {
      ref: input.ref ?? `${contract.buyer.ref}-${invoiceCode("invoice", year, number, STATEMENT_SERIES)}`,
      buyerId: contract.buyerId,
      contractId: contract.id,
      year,
      number,
      series: STATEMENT_SERIES,
      issuedOn: input.issuedOn,
      dueOn: addDays(input.issuedOn, contract.paymentTermsDays),
      subtotalVnd: subtotal,
      deductionsVnd,
      totalVnd: subtotal - deductionsVnd,
      lotsHash: lotsDigest(lots.map((l) => l.hash)),
      issuedById: input.byUserId ?? null,
      pickups: { create: pickupIds.map((pickupId) => ({ pickupId })) },
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
  // The fund's side of the group-fund deductions: money the buyer holds for the group.
  const fund = deductions.filter((d) => d.kind === "group_fund");
  if (fund.length) {
    await tx.groupFundEntry.createMany({
      data: fund.map((d) => ({
        groupId: contract.groupId,
        householdId: d.householdId,
        kind: "deduction",
        amountVnd: d.amountVnd,
        on: input.issuedOn,
        invoiceId: invoice.id,
        note: invoice.ref,
      })),
    });
  }
  return invoice;
}

/**
 * When a lot already on an invoice is corrected, the invoice stays as issued and a credit note
 * (less to pay) or debit note (more) settles the difference. Call inside write(), after the
 * correcting lot is appended. Returns null when the lot was never invoiced or nothing changed.
 */
export async function noteForCorrection(tx: Tx, oldLotId: string, newLotId: string, issuedOn: string, byUserId?: string) {
  // The lot's live line: on the invoice, or on the note of an earlier correction (a corrected
  // correction). Negated lines on notes (amount < 0) are the old side of a swap, not live.
  const line = await tx.invoiceLine.findFirst({
    where: { lotId: oldLotId, amountVnd: { gte: 0 }, invoice: { status: "issued" } },
    include: { invoice: { include: { contract: { include: { buyer: { select: { ref: true } } } } } } },
    orderBy: { invoice: { createdAt: "desc" } },
  });
  if (!line) return null;
  const rootId = line.invoice.referencesId ?? line.invoiceId;
  const newLot = await tx.lot.findUniqueOrThrow({ where: { id: newLotId } });
  const diff = newLot.amountVnd - line.amountVnd;
  if (diff === 0) return null;
  const kind = diff < 0 ? "credit_note" : "debit_note";
  // The note moves the group-fund share with the amount: a statement lowered by 200.000 ₫
  // under a 10 % fund keeps 20.000 ₫ less for the fund (a negative deduction), never more
  // back than this household's share on the statement and its notes so far.
  const pct = line.invoice.contract.groupFundPct;
  let fundDelta = Math.round((newLot.amountVnd * pct) / 100) - Math.round((line.amountVnd * pct) / 100);
  if (fundDelta < 0) {
    const kept = await tx.invoiceDeduction.aggregate({
      where: { householdId: line.householdId, kind: "group_fund", invoice: { status: "issued", OR: [{ id: rootId }, { referencesId: rootId }] } },
      _sum: { amountVnd: true },
    });
    fundDelta = Math.max(fundDelta, -(kept._sum.amountVnd ?? 0));
  }
  const year = Number(issuedOn.slice(0, 4));
  const number = await nextNumber(tx, line.invoice.buyerId, year);
  const note = await tx.invoice.create({
    data: {
      ref: `${line.invoice.contract.buyer.ref}-${invoiceCode(kind, year, number)}`,
      kind,
      buyerId: line.invoice.buyerId,
      contractId: line.invoice.contractId,
      year,
      number,
      issuedOn,
      dueOn: addDays(issuedOn, line.invoice.contract.paymentTermsDays),
      subtotalVnd: diff,
      deductionsVnd: fundDelta,
      totalVnd: diff - fundDelta,
      lotsHash: lotsDigest([newLot.hash]),
      referencesId: rootId,
      issuedById: byUserId ?? null,
      lines: {
        create: [
          {
            lotId: line.lotId,
            householdId: line.householdId,
            netG: -line.netG,
            grade: line.grade,
            unitPriceVnd: line.unitPriceVnd,
            amountVnd: -line.amountVnd,
          },
          {
            lotId: newLot.id,
            householdId: newLot.householdId,
            netG: newLot.netG,
            grade: newLot.grade,
            unitPriceVnd: newLot.unitPriceVnd,
            amountVnd: newLot.amountVnd,
          },
        ],
      },
      deductions: fundDelta ? { create: [{ householdId: line.householdId, kind: "group_fund", amountVnd: fundDelta }] } : undefined,
    },
  });
  if (fundDelta) {
    await tx.groupFundEntry.create({
      data: {
        groupId: line.invoice.contract.groupId,
        householdId: line.householdId,
        kind: "deduction",
        amountVnd: fundDelta,
        on: issuedOn,
        invoiceId: note.id,
        note: note.ref,
      },
    });
  }
  return note;
}

export type InvoiceStatus = "unpaid" | "partly_paid" | "paid" | "overdue" | "cancelled";

/** Amount due on an invoice = its total plus the notes that reference it. */
export function statusOf(inv: { status: string; dueOn: string }, dueVnd: number, paidVnd: number, today: string): InvoiceStatus {
  if (inv.status === "cancelled") return "cancelled";
  if (paidVnd >= dueVnd) return "paid";
  if (inv.dueOn < today) return "overdue";
  return paidVnd > 0 ? "partly_paid" : "unpaid";
}

/** Due and paid per invoice, by SQL aggregates. */
export async function balances(invoiceIds: string[]) {
  const [notes, payments] = await Promise.all([
    db.invoice.groupBy({ by: ["referencesId"], where: { referencesId: { in: invoiceIds }, status: "issued" }, _sum: { totalVnd: true } }),
    db.payment.groupBy({ by: ["invoiceId"], where: { invoiceId: { in: invoiceIds } }, _sum: { amountVnd: true } }),
  ]);
  return {
    notes: new Map(notes.map((n) => [n.referencesId!, n._sum.totalVnd ?? 0])),
    paid: new Map(payments.map((p) => [p.invoiceId, p._sum.amountVnd ?? 0])),
  };
}

type Standing = { code: string; dueVnd: number; paidVnd: number; state: InvoiceStatus };

/** Each invoice with its number, amount due (with notes), amount paid and status. */
async function withStanding<
  T extends { id: string; kind: string; year: number | null; number: number | null; series: string | null; status: string; dueOn: string; totalVnd: number },
>(invoices: T[], today: string): Promise<(T & Standing)[]> {
  const b = await balances(invoices.map((i) => i.id));
  return invoices.map((i) => {
    const dueVnd = i.totalVnd + (b.notes.get(i.id) ?? 0);
    const paidVnd = b.paid.get(i.id) ?? 0;
    return { ...i, code: invoiceCode(i.kind, i.year, i.number, i.series), dueVnd, paidVnd, state: statusOf(i, dueVnd, paidVnd, today) };
  });
}

export function invoicesVisibleWhere(access: Access): Prisma.InvoiceWhereInput {
  return { contract: contractsVisibleWhere(access) };
}

export async function listInvoices(access: Access, f: { status?: InvoiceStatus; buyerOnly?: boolean; today: string }) {
  const where: Prisma.InvoiceWhereInput = {
    AND: [invoicesVisibleWhere(access), { kind: "invoice" }, f.buyerOnly ? { buyerId: { in: buyerOrgIds(access) } } : {}],
  };
  const invoices = await db.invoice.findMany({
    where,
    include: { contract: { select: { ref: true, group: { select: { id: true, name: true } } } } },
    orderBy: [{ issuedOn: "desc" }, { number: "desc" }],
    take: 1000,
  });
  return (await withStanding(invoices, f.today)).filter((i) => !f.status || i.state === f.status);
}

export const invoiceInclude = {
  buyer: {
    select: {
      id: true,
      name: true,
      province: true,
      commune: true,
      phone: true,
      taxCode: true,
      bankBin: true,
      bankAccount: true,
      bankHolder: true,
      representativeName: true,
    },
  },
  contract: { include: { group: true, season: { include: { product: true } } } },
  pickups: { include: { pickup: { select: { id: true, date: true, collectionPoint: true, hash: true } } } },
  lines: {
    include: { lot: { select: { ref: true, hash: true, chainSeq: true, pickupId: true, grossG: true, tareG: true, pickup: { select: { date: true } } } } },
  },
  deductions: { include: { advance: { select: { item: true } } } },
  payments: { orderBy: { paidOn: "asc" } },
  notes: { where: { status: "issued" }, orderBy: { createdAt: "asc" } },
  references: { select: { id: true, kind: true, year: true, number: true, series: true } },
} satisfies Prisma.InvoiceInclude;

export type InvoiceFull = Prisma.InvoiceGetPayload<{ include: typeof invoiceInclude }>;

export async function findInvoiceForViewer(access: Access, invoiceId: string) {
  const invoice = await db.invoice.findFirst({ where: { AND: [{ id: invoiceId }, invoicesVisibleWhere(access)] }, include: invoiceInclude });
  if (!invoice) return null;
  const names = new Map(
    (await db.household.findMany({ where: { groupId: invoice.contract.groupId }, select: { id: true, headName: true } })).map((h) => [h.id, h.headName]),
  );
  return { invoice, role: roleOn(access, invoice.contract), names };
}

export type PaymentResult = { ok: true; id: string } | { ok: false; status: 400 | 403 | 409; errors: Record<string, string[]> };

type PaymentInput = { paidOn: string; amountVnd: number; method: string; reference: string | null; ref?: string };

/**
 * The rule for every payment, whoever records it (the form, a bundle import): on an issued
 * statement, not in the future, never more than what is still owed after its notes.
 * `replayedVnd` is only for an import replaying a history: what corrections replayed before the
 * statement took off it, which the statement may have been paid before they were made.
 * Call inside write(); the caller has already checked that it acts for the buyer.
 */
export async function addPayment(
  tx: Tx,
  invoiceId: string,
  input: PaymentInput,
  byUserId: string | null,
  today: string,
  replayedVnd = 0,
): Promise<PaymentResult> {
  if (input.paidOn > today) return { ok: false, status: 400, errors: { paidOn: ["error.futureDate"] } };
  const inv = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (inv.status === "cancelled") return { ok: false, status: 409, errors: { _form: ["error.invoiceCancelled"] } };
  if (inv.kind !== "invoice") return { ok: false, status: 409, errors: { _form: ["error.payTheInvoice"] } };
  const [notes, paid] = await Promise.all([
    tx.invoice.aggregate({ where: { referencesId: inv.id, status: "issued" }, _sum: { totalVnd: true } }),
    tx.payment.aggregate({ where: { invoiceId: inv.id }, _sum: { amountVnd: true } }),
  ]);
  const remaining = inv.totalVnd + replayedVnd + (notes._sum.totalVnd ?? 0) - (paid._sum.amountVnd ?? 0);
  if (input.amountVnd > remaining) return { ok: false, status: 409, errors: { amountVnd: ["error.overpayment"] } };
  const p = await tx.payment.create({
    data: {
      ref: input.ref ?? `pay-${crypto.randomUUID().slice(0, 13)}`,
      invoiceId: inv.id,
      paidOn: input.paidOn,
      amountVnd: input.amountVnd,
      method: input.method,
      reference: input.reference,
      recordedById: byUserId,
    },
  });
  return { ok: true, id: p.id };
}

export async function recordPayment(access: Access, invoiceId: string, input: PaymentInput, today: string): Promise<PaymentResult> {
  return write(async (tx): Promise<PaymentResult> => {
    const inv = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { buyerId: true } });
    if (!access.user.isSiteAdmin && !buyerOrgIds(access).includes(inv.buyerId)) return { ok: false, status: 403, errors: { _form: ["error.page.403"] } };
    const r = await addPayment(tx, invoiceId, input, access.user.id, today);
    // Only a payment recorded here is told to the group and its households; an import replays history.
    if (r.ok) await announcePayment(tx, r.id);
    return r;
  });
}

export async function cancelInvoice(
  access: Access,
  invoiceId: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; status: 403 | 409; error: string }> {
  return write(async (tx) => {
    const inv = await tx.invoice.findUniqueOrThrow({
      where: { id: invoiceId },
      include: { _count: { select: { payments: true, notes: { where: { status: "issued" } } } } },
    });
    if (!access.user.isSiteAdmin && !buyerOrgIds(access).includes(inv.buyerId)) return { ok: false as const, status: 403 as const, error: "error.page.403" };
    if (inv.status === "cancelled") return { ok: false as const, status: 409 as const, error: "error.invoiceCancelled" };
    if (inv._count.payments > 0) return { ok: false as const, status: 409 as const, error: "error.invoiceHasPayments" };
    // Its credit/debit notes settle corrections against it: cancelling would orphan them.
    if (inv._count.notes > 0) return { ok: false as const, status: 409 as const, error: "error.invoiceHasNotes" };
    await tx.invoice.update({ where: { id: inv.id }, data: { status: "cancelled", cancelledAt: new Date(), cancelReason: reason } });
    // The fund gives back what this invoice had put in.
    const fund = await tx.groupFundEntry.findMany({ where: { invoiceId: inv.id, kind: "deduction" } });
    if (fund.length) {
      await tx.groupFundEntry.createMany({
        data: fund.map((f) => ({
          groupId: f.groupId,
          householdId: f.householdId,
          kind: "deduction",
          amountVnd: -f.amountVnd,
          on: f.on,
          invoiceId: inv.id,
          note: `${f.note ?? ""} (huỷ)`,
        })),
      });
    }
    return { ok: true as const };
  });
}

/** Pickups of a contract not yet on a live invoice: what the buyer can invoice next. */
export function uninvoicedPickups(contractId: string) {
  return db.pickup.findMany({
    where: { contractId, invoices: { none: { invoice: { status: { not: "cancelled" } } } } },
    select: { id: true, date: true, collectionPoint: true, _count: { select: { lots: true } } },
    orderBy: { date: "asc" },
  });
}

/**
 * A contract's invoices with their standing, for the contract page: amounts due (with notes)
 * and paid summed per invoice in the same statement, on the hot connection (docs/decisions/0017-hot-reads.md).
 */
export async function contractInvoices(contractId: string) {
  const today = todayInVietnam();
  const rows = await hotRead<{
    id: string;
    kind: string;
    year: number | null;
    number: number | null;
    series: string | null;
    status: string;
    issuedOn: string;
    dueOn: string;
    totalVnd: number;
    notesVnd: number;
    paidVnd: number;
  }>(
    Prisma.sql`
      SELECT i."id", i."kind", i."year", i."number", i."series", i."status", i."issuedOn", i."dueOn", i."totalVnd",
        (SELECT COALESCE(SUM(n."totalVnd"), 0) FROM "Invoice" n WHERE n."referencesId" = i."id" AND n."status" = 'issued') AS "notesVnd",
        (SELECT COALESCE(SUM(y."amountVnd"), 0) FROM "Payment" y WHERE y."invoiceId" = i."id") AS "paidVnd"
      FROM "Invoice" i WHERE i."contractId" = ${contractId} AND i."kind" = 'invoice' ORDER BY i."issuedOn" DESC`,
  );
  return rows.map((i) => {
    const dueVnd = i.totalVnd + i.notesVnd;
    return { id: i.id, code: invoiceCode(i.kind, i.year, i.number, i.series), issuedOn: i.issuedOn, dueVnd, state: statusOf(i, dueVnd, i.paidVnd, today) };
  });
}
