// The ledger side of an import: pickups, corrections, disputes, statements and payments, each
// through the app's own domain operation (the hash-chained ledger, invoicing with its gap-free
// numbers, the payment rule). Call inside the import's write(), after the rights check.
import type { Tx } from "~/utils/db.server";
import { addPayment, InvoiceError, issueInvoice, noteForCorrection } from "../invoices.server";
import { appendCorrection, appendPickup, LedgerError } from "../ledger.server";
import { kgToGrams } from "../money";
import type { Bundle } from "./bundle.schema";
import type { ImportCounts } from "./import.server";
import { ImportRefused, problem } from "./problems";

type Ids = { contractId: (ref: string) => Promise<string>; hhId: (ref: string) => Promise<string> };
type Lot = Bundle["pickups"][number]["lots"][number];
type Pickup = Bundle["pickups"][number];

const n = <T>(v: T | undefined) => (v === undefined ? null : v);

/** Runs one domain operation for the record at `path`; what it refuses becomes that record's problem. */
async function at<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof LedgerError) throw new ImportRefused([problem(path, `bundle.problem.ledger.${e.code}`, {})]);
    if (e instanceof InvoiceError) throw new ImportRefused([problem(path, `bundle.problem.invoice.${e.code}`, {})]);
    throw e;
  }
}

/**
 * A bundle does not say when a correction was made. A correction of a lot already on a stored
 * statement is replayed after the bundle's payments and settled by a credit or debit note, as
 * in the app, so a payment made before it stays valid. Any other correction is replayed before
 * the statements, which then cover the effective lots (shared/interchange.md).
 */
async function correctionsByPhase(tx: Tx, b: Bundle) {
  const targets = b.pickups.flatMap((p) => p.lots.flatMap((l) => (l.supersedesRef ? [l.supersedesRef] : [])));
  const onStatement = new Set(
    (
      await tx.lot.findMany({
        where: { ref: { in: targets }, invoiceLines: { some: { invoice: { status: "issued" } } } },
        select: { ref: true },
      })
    ).map((l) => l.ref),
  );
  const early: [Pickup, Lot][] = [];
  const late: [Pickup, Lot][] = [];
  for (const p of b.pickups) for (const l of p.lots) if (l.supersedesRef) (onStatement.has(l.supersedesRef) ? late : early).push([p, l]);
  return { early, late };
}

/**
 * `keepUndeclaredMeasures`: full-rights importers only (the operator, a site administrator),
 * who may create the products too. The bundle format cannot declare a product's measures, so
 * lots of a product that declares none keep their measurements as written; a product that
 * declares measures is always checked (app/domain/measures.ts), and a project's import always.
 */
export async function importLedger(
  tx: Tx,
  b: Bundle,
  counts: ImportCounts,
  ctx: Ids & { userId: string | null; today: string; keepUndeclaredMeasures: boolean },
) {
  const { contractId, hhId, userId, today, keepUndeclaredMeasures } = ctx;
  const lotPath = (p: Pickup, l: Lot) => `$.pickups[${b.pickups.indexOf(p)}].lots[${p.lots.indexOf(l)}]`;

  // Pickups and their lots through the ledger, so imported records carry the same hash chain.
  const pickupIds = new Map<string, string>();
  for (const p of b.pickups) {
    const existing = await tx.pickup.findUnique({ where: { ref: p.ref }, select: { id: true } });
    const plain = p.lots.filter((l) => !l.supersedesRef);
    if (existing) {
      counts.pickups.unchanged++;
      counts.lots.unchanged += plain.length;
      pickupIds.set(p.ref, existing.id);
      continue;
    }
    const witnessHouseholdIds = await Promise.all((p.witnessRefs ?? []).map(hhId));
    const lots = await Promise.all(
      plain.map(async (l) => ({
        ref: l.ref,
        householdId: await hhId(l.householdRef),
        grossG: kgToGrams(l.grossKg),
        tareG: kgToGrams(l.tareKg),
        grade: l.grade,
        measurements: l.measurements,
      })),
    );
    const pickup = {
      ref: p.ref,
      contractId: await contractId(p.contractRef),
      date: p.date,
      collectionPoint: n(p.collectionPoint),
      vehicle: n(p.vehicle),
      recordedById: userId,
      witnessHouseholdIds,
      lots,
      keepUndeclaredMeasures,
    };
    // A history may end completed or breached; the rights check held project imports to contracts that ran.
    const r = await at(`$.pickups[${b.pickups.indexOf(p)}]`, () => appendPickup(tx, { ...pickup, allowAnyStatus: true }));
    pickupIds.set(p.ref, r.pickup.id);
    counts.pickups.created++;
    counts.lots.created += lots.length;
  }

  const correct = async ([p, l]: [Pickup, Lot]) => {
    if (await tx.lot.findUnique({ where: { ref: l.ref }, select: { id: true } })) {
      counts.lots.unchanged++;
      return;
    }
    const old = await tx.lot.findUniqueOrThrow({ where: { ref: l.supersedesRef! }, select: { id: true, pickupId: true, amountVnd: true } });
    const householdId = await hhId(l.householdRef);
    const input = {
      ref: l.ref,
      lotId: old.id,
      reason: "import",
      pickupId: pickupIds.get(p.ref),
      householdId,
      grossG: kgToGrams(l.grossKg),
      tareG: kgToGrams(l.tareKg),
      grade: l.grade,
      measurements: l.measurements,
      keepUndeclaredMeasures,
    };
    const corrected = await at(lotPath(p, l), () => appendCorrection(tx, input));
    await noteForCorrection(tx, old.id, corrected.id, p.date, userId ?? undefined);
    lowered.set(old.pickupId, (lowered.get(old.pickupId) ?? 0) + Math.max(0, old.amountVnd - corrected.amountVnd));
    counts.lots.created++;
  };
  // By pickup: how much corrections replayed before the statements took off what was weighed.
  const lowered = new Map<string, number>();
  const { early, late } = await correctionsByPhase(tx, b);
  for (const c of early) await correct(c);

  const invoiceIds = new Map<string, string>();
  // A statement this bundle issues after a correction may have been paid before it, in full.
  const allowance = new Map<string, number>();
  for (const inv of b.invoices) {
    const existing = await tx.invoice.findUnique({ where: { ref: inv.ref }, select: { id: true } });
    if (existing) {
      counts.invoices.unchanged++;
      invoiceIds.set(inv.ref, existing.id);
      continue;
    }
    const ids = await Promise.all(
      inv.pickupRefs.map(async (r) => pickupIds.get(r) ?? (await tx.pickup.findUniqueOrThrow({ where: { ref: r }, select: { id: true } })).id),
    );
    const input = { ref: inv.ref, contractId: await contractId(inv.contractRef), pickupIds: ids, issuedOn: inv.issuedOn, byUserId: userId ?? undefined };
    const created = await at(`$.invoices[${b.invoices.indexOf(inv)}]`, () => issueInvoice(tx, input));
    invoiceIds.set(inv.ref, created.id);
    allowance.set(
      created.id,
      ids.reduce((sum, id) => sum + (lowered.get(id) ?? 0), 0),
    );
    counts.invoices.created++;
  }
  for (const [i, p] of b.payments.entries()) {
    if (await tx.payment.findUnique({ where: { ref: p.ref }, select: { id: true } })) {
      counts.payments.unchanged++;
      continue;
    }
    const invoiceId = invoiceIds.get(p.invoiceRef) ?? (await tx.invoice.findUniqueOrThrow({ where: { ref: p.invoiceRef }, select: { id: true } })).id;
    // The same rule as the payment form: never more than the statement still owes.
    const payment = { ref: p.ref, paidOn: p.paidOn, amountVnd: p.amountVnd, method: p.method, reference: null };
    const r = await addPayment(tx, invoiceId, payment, userId, today, allowance.get(invoiceId) ?? 0);
    if (!r.ok) {
      const [field, [key]] = Object.entries(r.errors)[0];
      const refused =
        key === "error.overpayment"
          ? problem(`$.payments[${i}].amountVnd`, "bundle.problem.overpayment", { ref: p.invoiceRef, remaining: "—" })
          : problem(`$.payments[${i}]${field === "_form" ? "" : `.${field}`}`, "bundle.problem.refusedKey", { reasonKey: key });
      throw new ImportRefused([refused]);
    }
    counts.payments.created++;
  }
  for (const c of late) await correct(c);

  // Disputes last, when every lot and its correction exist.
  for (const p of b.pickups) {
    for (const l of p.lots.filter((x) => x.disputed)) {
      const lot = await tx.lot.findUniqueOrThrow({
        where: { ref: l.ref },
        select: { id: true, supersededBy: { select: { id: true } }, _count: { select: { disputes: true } } },
      });
      if (lot._count.disputes > 0) continue;
      await tx.lotDispute.create({
        data: {
          lotId: lot.id,
          reason: "import",
          openedById: userId,
          status: lot.supersededBy ? "corrected" : "open",
          correctionLotId: lot.supersededBy?.id ?? null,
        },
      });
    }
  }
}
