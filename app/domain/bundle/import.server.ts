// Imports a validated bundle in ONE write: either every record lands or none does. Refs are
// upsert keys, and a record whose fields already match is left alone, so importing the same
// bundle twice changes nothing. Pickups and lots are append-only: an existing one is kept.
import { write, type Tx } from "~/utils/db.server";
import { InvoiceError, issueInvoice } from "../invoices.server";
import { appendCorrection, appendPickup, LedgerError } from "../ledger.server";
import { kgToGrams } from "../money";
import type { Bundle, BundleProblem } from "./bundle.schema";
import { projectOwnerProblems } from "./ownership.server";
import { validateBundle } from "./validate.server";

export type ImportCounts = Record<"organisations" | "farmerGroups" | "households" | "products" | "seasons" | "contracts" | "pickups" | "lots" | "invoices" | "payments", { created: number; updated: number; unchanged: number }>;
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; problems: BundleProblem[] };

const emptyCounts = (): ImportCounts =>
  Object.fromEntries(["organisations", "farmerGroups", "households", "products", "seasons", "contracts", "pickups", "lots", "invoices", "payments"].map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as ImportCounts;

/** Only the fields the bundle sets; undefined optional fields become null so a re-export matches. */
function same(row: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([k, v]) => (row[k] ?? null) === (v ?? null));
}

type Delegate = {
  findUnique: (args: { where: { ref: string } }) => Promise<Record<string, unknown> | null>;
  create: (args: { data: Record<string, unknown> }) => Promise<{ id: string }>;
  update: (args: { where: { ref: string }; data: Record<string, unknown> }) => Promise<{ id: string }>;
};

async function upsert(d: Delegate, ref: string, data: Record<string, unknown>, count: { created: number; updated: number; unchanged: number }): Promise<string> {
  const row = await d.findUnique({ where: { ref } });
  if (!row) {
    count.created++;
    return (await d.create({ data: { ref, ...data } })).id;
  }
  if (same(row, data)) count.unchanged++;
  else {
    count.updated++;
    await d.update({ where: { ref }, data });
  }
  return row.id as string;
}

const n = <T>(v: T | undefined) => (v === undefined ? null : v);

async function importInto(tx: Tx, b: Bundle, counts: ImportCounts) {
  const id = { org: new Map<string, string>(), group: new Map<string, string>(), hh: new Map<string, string>(), product: new Map<string, string>(), season: new Map<string, string>(), contract: new Map<string, string>() };
  const resolve = async (map: Map<string, string>, ref: string, find: () => Promise<{ id: string } | null>) => {
    if (!map.has(ref)) {
      const row = await find();
      if (row) map.set(ref, row.id);
    }
    return map.get(ref)!;
  };
  const orgId = (ref: string) => resolve(id.org, ref, () => tx.organisation.findUnique({ where: { ref }, select: { id: true } }));
  const groupId = (ref: string) => resolve(id.group, ref, () => tx.farmerGroup.findUnique({ where: { ref }, select: { id: true } }));
  const hhId = (ref: string) => resolve(id.hh, ref, () => tx.household.findUnique({ where: { ref }, select: { id: true } }));
  const productId = (ref: string) => resolve(id.product, ref, () => tx.product.findUnique({ where: { ref }, select: { id: true } }));
  const seasonId = (ref: string) => resolve(id.season, ref, () => tx.season.findUnique({ where: { ref }, select: { id: true } }));
  const contractId = (ref: string) => resolve(id.contract, ref, () => tx.contract.findUnique({ where: { ref }, select: { id: true } }));

  for (const o of b.organisations) {
    id.org.set(o.ref, await upsert(tx.organisation as unknown as Delegate, o.ref, { kind: o.kind, name: o.name, province: n(o.province), district: n(o.district), commune: n(o.commune), lat: n(o.lat), lng: n(o.lng) }, counts.organisations));
  }
  for (const p of b.products) id.product.set(p.ref, await upsert(tx.product as unknown as Delegate, p.ref, { name: p.name, unit: p.unit ?? "kg" }, counts.products));
  for (const s of b.seasons) {
    id.season.set(s.ref, await upsert(tx.season as unknown as Delegate, s.ref, { productId: await productId(s.productRef), name: s.name, start: s.start, end: s.end }, counts.seasons));
  }
  for (const g of b.farmerGroups) {
    const data = { name: g.name, province: g.province, district: g.district, commune: g.commune, hamlet: n(g.hamlet), lat: n(g.lat), lng: n(g.lng), projectOwnerId: g.projectOwnerRef ? await orgId(g.projectOwnerRef) : null };
    id.group.set(g.ref, await upsert(tx.farmerGroup as unknown as Delegate, g.ref, data, counts.farmerGroups));
  }
  for (const h of b.households) {
    const data = { groupId: await groupId(h.groupRef), headName: h.headName, headSex: h.headSex, ethnicMinority: h.ethnicMinority, ethnicity: n(h.ethnicity), povertyStatus: h.povertyStatus, members: h.members, baselineIncomeVnd: n(h.baselineIncomeVnd) };
    id.hh.set(h.ref, await upsert(tx.household as unknown as Delegate, h.ref, data, counts.households));
  }

  // Contracts: terms first, then renewal links (they may point forward in the list).
  for (const c of b.contracts) {
    const data = {
      buyerId: await orgId(c.buyerRef),
      groupId: await groupId(c.groupRef),
      seasonId: await seasonId(c.seasonRef),
      status: c.status,
      signedOn: n(c.signedOn),
      areaHa: c.areaHa,
      volumeTonnes: c.volumeTonnes,
      paymentTermsDays: c.paymentTermsDays,
    };
    const before = await tx.contract.findUnique({ where: { ref: c.ref }, include: { grades: true } });
    const gradesSame =
      !!before && before.grades.length === c.grades.length && c.grades.every((g) => before.grades.some((x) => x.code === g.code && x.label === g.label && x.priceVndPerKg === g.priceVndPerKg));
    let cid: string;
    if (!before) {
      cid = (await tx.contract.create({ data: { ref: c.ref, ...data, events: { create: { fromStatus: null, toStatus: c.status, reason: "import" } } } })).id;
      counts.contracts.created++;
    } else if (same(before as unknown as Record<string, unknown>, data) && gradesSame) {
      cid = before.id;
      counts.contracts.unchanged++;
    } else {
      cid = before.id;
      await tx.contract.update({ where: { id: cid }, data });
      if (before.status !== c.status) await tx.contractEvent.create({ data: { contractId: cid, fromStatus: before.status, toStatus: c.status, reason: "import" } });
      counts.contracts.updated++;
    }
    id.contract.set(c.ref, cid);
    if (!gradesSame) {
      await tx.contractGrade.deleteMany({ where: { contractId: cid } });
      await tx.contractGrade.createMany({ data: c.grades.map((g) => ({ contractId: cid, code: g.code, label: g.label, priceVndPerKg: g.priceVndPerKg })) });
    }
  }
  for (const c of b.contracts) {
    const renewsId = c.renewsRef ? await contractId(c.renewsRef) : null;
    const row = await tx.contract.findUniqueOrThrow({ where: { ref: c.ref }, select: { renewsId: true } });
    if (row.renewsId !== renewsId) await tx.contract.update({ where: { ref: c.ref }, data: { renewsId } });
  }

  // Pickups and lots through the ledger, so imported records carry the same hash chain.
  const pickupIds = new Map<string, string>();
  for (const p of b.pickups) {
    const existing = await tx.pickup.findUnique({ where: { ref: p.ref }, select: { id: true } });
    const cid = await contractId(p.contractRef);
    const plain = p.lots.filter((l) => !l.supersedesRef);
    if (existing) {
      counts.pickups.unchanged++;
      counts.lots.unchanged += plain.length;
      pickupIds.set(p.ref, existing.id);
    } else {
      const witnessIds = await Promise.all((p.witnessRefs ?? []).map(hhId));
      const lots = await Promise.all(
        plain.map(async (l) => ({ ref: l.ref, householdId: await hhId(l.householdRef), grossG: kgToGrams(l.grossKg), tareG: kgToGrams(l.tareKg), grade: l.grade, measurements: l.measurements })),
      );
      const r = await appendPickup(tx, { ref: p.ref, contractId: cid, date: p.date, collectionPoint: n(p.collectionPoint), vehicle: n(p.vehicle), witnessHouseholdIds: witnessIds, lots, allowAnyStatus: true });
      pickupIds.set(p.ref, r.pickup.id);
      counts.pickups.created++;
      counts.lots.created += lots.length;
    }
  }
  // Corrections after every plain lot exists, in bundle order (a correction may correct a correction).
  for (const p of b.pickups) {
    for (const l of p.lots.filter((x) => x.supersedesRef)) {
      if (await tx.lot.findUnique({ where: { ref: l.ref }, select: { id: true } })) {
        counts.lots.unchanged++;
        continue;
      }
      const old = await tx.lot.findUniqueOrThrow({ where: { ref: l.supersedesRef! }, select: { id: true } });
      await appendCorrection(tx, {
        ref: l.ref,
        lotId: old.id,
        reason: "import",
        pickupId: pickupIds.get(p.ref),
        householdId: await hhId(l.householdRef),
        grossG: kgToGrams(l.grossKg),
        tareG: kgToGrams(l.tareKg),
        grade: l.grade,
        measurements: l.measurements,
      });
      counts.lots.created++;
    }
    for (const l of p.lots) {
      const lot = await tx.lot.findUniqueOrThrow({ where: { ref: l.ref }, select: { id: true, supersededBy: { select: { id: true } }, _count: { select: { disputes: true } } } });
      if (l.disputed && lot._count.disputes === 0) {
        await tx.lotDispute.create({ data: { lotId: lot.id, reason: "import", status: lot.supersededBy ? "corrected" : "open", correctionLotId: lot.supersededBy?.id ?? null } });
      }
    }
  }

  const invoiceIds = new Map<string, string>();
  for (const inv of b.invoices) {
    const existing = await tx.invoice.findUnique({ where: { ref: inv.ref }, select: { id: true } });
    if (existing) {
      counts.invoices.unchanged++;
      invoiceIds.set(inv.ref, existing.id);
      continue;
    }
    const ids = await Promise.all(inv.pickupRefs.map(async (r) => pickupIds.get(r) ?? (await tx.pickup.findUniqueOrThrow({ where: { ref: r }, select: { id: true } })).id));
    const created = await issueInvoice(tx, { ref: inv.ref, contractId: await contractId(inv.contractRef), pickupIds: ids, issuedOn: inv.issuedOn });
    invoiceIds.set(inv.ref, created.id);
    counts.invoices.created++;
  }
  for (const p of b.payments) {
    if (await tx.payment.findUnique({ where: { ref: p.ref }, select: { id: true } })) {
      counts.payments.unchanged++;
      continue;
    }
    const invoiceId = invoiceIds.get(p.invoiceRef) ?? (await tx.invoice.findUniqueOrThrow({ where: { ref: p.invoiceRef }, select: { id: true } })).id;
    await tx.payment.create({ data: { ref: p.ref, invoiceId, paidOn: p.paidOn, amountVnd: p.amountVnd, method: p.method } });
    counts.payments.created++;
  }
}

/**
 * Validates, then writes everything in one transaction; on any problem nothing is written.
 * `asProjectOwner` limits the bundle to that project's own groups (API and web import).
 */
export async function importBundle(input: unknown, opts: { asProjectOwner?: { id: string; ref: string } } = {}): Promise<ImportResult> {
  const v = await validateBundle(input);
  if (!v.ok) return v;
  if (opts.asProjectOwner) {
    const problems = await projectOwnerProblems(v.bundle, opts.asProjectOwner);
    if (problems.length) return { ok: false, problems };
  }
  const counts = emptyCounts();
  try {
    await write((tx) => importInto(tx, v.bundle, counts), { timeoutMs: 15 * 60_000 });
    return { ok: true, counts };
  } catch (e) {
    // The ledger and invoicing re-check what validation already did; anything they still
    // refuse (a pickup invoiced in the app, say) rejects the bundle whole.
    if (e instanceof LedgerError || e instanceof InvoiceError) return { ok: false, problems: [{ path: "$", reason: e.message }] };
    throw e;
  }
}
