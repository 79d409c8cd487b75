// One rule for imports: an import acts with the importer's rights. Every record it would create
// or change must be one the importer could create or change in the app, and a stored record
// that differs from the bundle is a conflict to report, never a silent overwrite
// (docs/decisions/0010-import-rights.md). Call inside the import's write().
import { todayInVietnam } from "~/utils/dates";
import type { Tx } from "~/utils/db.server";
import type { ContractRole, ContractStatus } from "../contracts";
import { canonicalJson } from "../ledger.server";
import { kgToGrams } from "../money";
import { groupPlaceColumns, placeColumns } from "../places/resolve.server";
import type { Bundle, BundlePlace, BundleProblem } from "./bundle.schema";
import type { Importer } from "./importer";
import { placeOver, type BundlePlaces } from "./places.server";
import { problem, type ProblemCode } from "./problems";
import { rightsContext, statusPath, type RightsContext } from "./rights-context.server";

type Add = (path: string, code: ProblemCode, params: Record<string, string | number>) => void;
/** Status changes the import may make, by contract ref: the steps, taken with the importer's role. */
export type PlannedMoves = Map<string, { steps: ContractStatus[]; role: ContractRole }>;

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? canonicalJson(v) : String(v));

/** The first field whose stored value differs from the bundle's (absent = null). */
function firstDiff(stored: Record<string, unknown>, given: Record<string, unknown>): string | null {
  return Object.keys(given).find((k) => (stored[k] ?? null) !== (given[k] ?? null)) ?? null;
}

function conflict(add: Add, at: string, ref: string, stored: Record<string, unknown>, given: Record<string, unknown>, field: string) {
  add(`${at}.${field}`, "bundle.problem.conflict", { ref, field, stored: show(stored[field]), given: show(given[field]) });
}

const PICKUP_STATUSES: ContractStatus[] = ["active", "completed", "breached"];

/** The bundle field a stored place column is read from, for the problem's path. */
function placeField(column: string, rec: BundlePlace): string {
  const named = (k: keyof BundlePlace, otherwise: string) => (rec[k] !== undefined ? k : otherwise);
  switch (column) {
    case "provinceCode":
      return named("provinceCode", "province");
    case "communeCode":
      return named("communeCode", "commune");
    case "formerProvince":
      return named("formerProvince", "province");
    case "formerDistrict":
      return "district";
    case "formerCommune":
      return named("formerCommune", "commune");
    case "placeCandidates":
      return "commune";
    default:
      return column;
  }
}

function organisations(ctx: RightsContext, b: Bundle, add: Add, places: BundlePlaces) {
  b.organisations.forEach((o, i) => {
    const at = `$.organisations[${i}]`;
    const row = ctx.orgs.get(o.ref);
    if (!row) {
      if (o.kind === "authority" && !ctx.full) add(`${at}.kind`, "bundle.problem.authorityByAdmin", { ref: o.ref });
      return;
    }
    // Kind and place decide what an organisation reads (an authority reads its whole area);
    // the place compared is the one the bundle's names resolve to, codes and former names.
    const place = placeColumns(placeOver(places.orgs.get(o.ref)!, row));
    const area = firstDiff(row, { kind: o.kind, ...place, lat: o.lat, lng: o.lng });
    if (area && !ctx.full) add(`${at}.${placeField(area, o)}`, "bundle.problem.orgKindArea", { ref: o.ref });
    if (row.name !== o.name && !ctx.actsForOrg(row)) add(`${at}.name`, "bundle.problem.orgNotYours", { ref: o.ref });
  });
}

function referenceData(ctx: RightsContext, b: Bundle, add: Add) {
  if (ctx.full) return;
  b.products.forEach((p, i) => {
    const row = ctx.products.get(p.ref);
    const field = row ? firstDiff(row, { name: p.name, unit: p.unit ?? "kg" }) : "ref";
    if (field) add(`$.products[${i}].${field}`, "bundle.problem.referenceData", { whatKey: "bundle.record.product", ref: p.ref });
  });
  b.seasons.forEach((s, i) => {
    const row = ctx.seasons.get(s.ref);
    const field = row ? firstDiff({ ...row, productRef: row.product.ref }, { productRef: s.productRef, name: s.name, start: s.start, end: s.end }) : "ref";
    if (field) add(`$.seasons[${i}].${field}`, "bundle.problem.referenceData", { whatKey: "bundle.record.season", ref: s.ref });
  });
}

function groupsAndHouseholds(ctx: RightsContext, b: Bundle, add: Add, places: BundlePlaces) {
  b.farmerGroups.forEach((g, i) => {
    const at = `$.farmerGroups[${i}]`;
    if (ctx.project && g.projectOwnerRef !== ctx.project.orgRef) add(`${at}.projectOwnerRef`, "bundle.problem.groupProject", { project: ctx.project.orgRef });
    const row = ctx.groups.get(g.ref);
    if (!row) return;
    if (!ctx.sees(row)) return add(`${at}.ref`, "bundle.problem.refTaken", { ref: g.ref });
    const given = {
      name: g.name,
      ...groupPlaceColumns(placeOver(places.groups.get(g.ref)!, row)),
      hamlet: g.hamlet,
      lat: g.lat,
      lng: g.lng,
      projectOwnerRef: g.projectOwnerRef,
    };
    const field = firstDiff({ ...row, projectOwnerRef: row.projectOwner?.ref }, given);
    if (field && !ctx.actsForGroup(row)) add(`${at}.${placeField(field, g)}`, "bundle.problem.groupOwnPeople", { ref: g.ref });
  });
  b.households.forEach((h, i) => {
    const at = `$.households[${i}]`;
    const row = ctx.households.get(h.ref);
    if (row) {
      if (!ctx.sees(row.group)) return add(`${at}.ref`, "bundle.problem.refTaken", { ref: h.ref });
      // A household's lots and payments follow it: it is never moved to another group.
      if (row.group.ref !== h.groupRef) return conflict(add, at, h.ref, { groupRef: row.group.ref }, { groupRef: h.groupRef }, "groupRef");
      const given = {
        headName: h.headName,
        headSex: h.headSex,
        ethnicMinority: h.ethnicMinority,
        ethnicity: h.ethnicity,
        povertyStatus: h.povertyStatus,
        members: h.members,
        baselineIncomeVnd: h.baselineIncomeVnd,
      };
      const field = firstDiff(row, given);
      if (field && !ctx.actsForGroup(row.group)) add(`${at}.${field}`, "bundle.problem.groupOwnPeople", { ref: h.groupRef });
      return;
    }
    const group = ctx.groups.get(h.groupRef);
    if (group && !ctx.sees(group)) add(`${at}.groupRef`, "bundle.problem.notYours", { ref: h.groupRef });
    else if (group && !ctx.actsForGroup(group)) add(`${at}.groupRef`, "bundle.problem.groupOwnPeople", { ref: h.groupRef });
  });
}

function contracts(ctx: RightsContext, b: Bundle, add: Add, moves: PlannedMoves) {
  b.contracts.forEach((c, i) => {
    const at = `$.contracts[${i}]`;
    const row = ctx.contracts.get(c.ref);
    // A renewal link is shown on the contract it renews: that one must be the importer's too.
    const renewed = c.renewsRef ? ctx.contracts.get(c.renewsRef) : undefined;
    const renewalProblem = () => {
      if (!renewed || ctx.full) return;
      if (!ctx.sees(renewed.group)) add(`${at}.renewsRef`, "bundle.problem.notYours", { ref: c.renewsRef! });
      else if (!ctx.actsForOrg(renewed.buyer) && !ctx.actsForGroup(renewed.group)) add(`${at}.renewsRef`, "bundle.problem.renewal", { ref: c.renewsRef! });
    };
    if (!row) {
      // Made in the app by both sides (a buyer's offer, the group's take-up): the importer must act for both.
      if (!ctx.actsForOrgRef(c.buyerRef)) add(`${at}.buyerRef`, "bundle.problem.contractBuyer", { buyer: c.buyerRef });
      const group = ctx.groups.get(c.groupRef);
      if (group && !ctx.sees(group)) add(`${at}.groupRef`, "bundle.problem.notYours", { ref: c.groupRef });
      else if (!ctx.actsForGroupRef(c.groupRef)) add(`${at}.groupRef`, "bundle.problem.contractGroup", { group: c.groupRef });
      return renewalProblem();
    }
    if (!ctx.sees(row.group)) return add(`${at}.ref`, "bundle.problem.refTaken", { ref: c.ref });
    const stored = {
      buyerRef: row.buyer.ref,
      groupRef: row.group.ref,
      seasonRef: row.season.ref,
      areaHa: row.areaHa,
      volumeTonnes: row.volumeTonnes,
      paymentTermsDays: row.paymentTermsDays,
    };
    const term = firstDiff(stored, {
      buyerRef: c.buyerRef,
      groupRef: c.groupRef,
      seasonRef: c.seasonRef,
      areaHa: c.areaHa,
      volumeTonnes: c.volumeTonnes,
      paymentTermsDays: c.paymentTermsDays,
    });
    const grades = (g: { code: string; label: string; priceVndPerKg: number }[]) => canonicalJson(g.map((x) => [x.code, x.label, x.priceVndPerKg]).sort());
    if (term) add(`${at}.${term}`, "bundle.problem.contractTerms", { ref: c.ref, field: term });
    if (grades(row.grades) !== grades(c.grades)) add(`${at}.grades`, "bundle.problem.contractTerms", { ref: c.ref, field: "grades" });
    const role = ctx.roleOn({ acts: ctx.actsForOrg(row.buyer) }, { acts: ctx.actsForGroup(row.group) });
    const path = row.status === c.status ? [] : statusPath(row.status as ContractStatus, c.status, role);
    if (!path) add(`${at}.status`, "bundle.problem.contractMove", { ref: c.ref, fromKey: `contractStatus.${row.status}`, toKey: `contractStatus.${c.status}` });
    else if (path.length) moves.set(c.ref, { steps: path, role });
    // The signing date is set once, when the contract is signed.
    if (c.signedOn && row.signedOn !== c.signedOn && (row.signedOn || !path?.includes("signed")))
      add(`${at}.signedOn`, "bundle.problem.contractTerms", { ref: c.ref, field: "signedOn" });
    // The renewal link is made once, by a party (as "Gia hạn" does in the app); absent = no claim.
    const storedRenews = row.renews?.ref ?? null;
    if (c.renewsRef !== undefined && (c.renewsRef ?? null) !== storedRenews) {
      if (storedRenews || role === "observer") add(`${at}.renewsRef`, "bundle.problem.contractTerms", { ref: c.ref, field: "renewsRef" });
      else renewalProblem();
    }
  });
}

function ledger(ctx: RightsContext, b: Bundle, add: Add) {
  /** The buyer and group of a pickup's contract, stored or new in this bundle; null when not the importer's to see. */
  const contractOf = (ref: string) => {
    const row = ctx.contracts.get(ref);
    if (row)
      return {
        ref,
        buyer: row.buyer.ref,
        status: row.status,
        visible: ctx.sees(row.group),
        buyerActs: ctx.actsForOrg(row.buyer),
        groupActs: ctx.actsForGroup(row.group),
      };
    const c = ctx.inBundle.contracts.get(ref)!;
    return { ref, buyer: c.buyerRef, status: c.status, visible: true, buyerActs: ctx.actsForOrgRef(c.buyerRef), groupActs: ctx.actsForGroupRef(c.groupRef) };
  };
  const correctedBy = new Map<string, string>();
  b.pickups.forEach((p, i) => {
    const at = `$.pickups[${i}]`;
    const row = ctx.pickups.get(p.ref);
    const contract = contractOf(p.contractRef);
    // A contract's own status in the bundle wins: a history may end completed or breached.
    const status = ctx.inBundle.contracts.get(p.contractRef)?.status ?? contract.status;
    if (row) {
      if (!ctx.sees(row.contract.group)) return add(`${at}.ref`, "bundle.problem.refTaken", { ref: p.ref });
      const plain = p.lots.filter((l) => !l.supersedesRef);
      const lotKey = (l: { ref: string; household: string; grossG: number; tareG: number; grade: string; measurements: unknown }) =>
        canonicalJson([l.ref, l.household, l.grossG, l.tareG, l.grade, l.measurements]);
      // A bundle may list only some of a stored pickup's lots (a delta), but never a new or different one.
      const storedLots = new Set(row.lots.map((l) => lotKey({ ...l, household: l.household.ref, measurements: JSON.parse(l.measurements) })));
      const lotsDiffer = plain.some(
        (l) =>
          !storedLots.has(
            lotKey({ ...l, household: l.householdRef, grossG: kgToGrams(l.grossKg), tareG: kgToGrams(l.tareKg), measurements: l.measurements ?? {} }),
          ),
      );
      const stored = {
        contractRef: row.contract.ref,
        date: row.date,
        collectionPoint: row.collectionPoint,
        vehicle: row.vehicle,
        witnessRefs: row.witnesses
          .map((w) => w.household.ref)
          .sort()
          .join(","),
      };
      const field =
        firstDiff(stored, {
          contractRef: p.contractRef,
          date: p.date,
          collectionPoint: p.collectionPoint,
          vehicle: p.vehicle,
          witnessRefs: [...(p.witnessRefs ?? [])].sort().join(","),
        }) ?? (lotsDiffer ? "lots" : null);
      if (field) add(`${at}.${field}`, "bundle.problem.appendOnly", { ref: p.ref, field });
    } else if (!contract.visible) add(`${at}.contractRef`, "bundle.problem.notYours", { ref: p.contractRef });
    else if (!contract.buyerActs) add(`${at}.contractRef`, "bundle.problem.buyerPickup", { contract: p.contractRef, buyer: contract.buyer });
    else if (!ctx.full && !PICKUP_STATUSES.includes(status as ContractStatus))
      add(`${at}.contractRef`, "bundle.problem.pickupStatus", { contract: p.contractRef, statusKey: `contractStatus.${status}` });

    p.lots.forEach((l, j) => {
      const lat = `${at}.lots[${j}]`;
      const lot = ctx.lots.get(l.ref);
      if (lot && !ctx.sees(lot.contract.group)) return add(`${lat}.ref`, "bundle.problem.refTaken", { ref: l.ref });
      if (l.supersedesRef) {
        if (lot) {
          const field = firstDiff(
            { supersedesRef: lot.supersedes?.ref, householdRef: lot.household.ref, grossG: lot.grossG, tareG: lot.tareG, grade: lot.grade },
            { supersedesRef: l.supersedesRef, householdRef: l.householdRef, grossG: kgToGrams(l.grossKg), tareG: kgToGrams(l.tareKg), grade: l.grade },
          );
          if (field) add(`${lat}.${field}`, "bundle.problem.appendOnly", { ref: l.ref, field });
        } else {
          if (contract.visible && !contract.buyerActs)
            add(`${lat}.supersedesRef`, "bundle.problem.buyerCorrection", { contract: p.contractRef, buyer: contract.buyer });
          const by = ctx.lots.get(l.supersedesRef)?.supersededBy?.ref ?? correctedBy.get(l.supersedesRef);
          if (by && by !== l.ref) add(`${lat}.supersedesRef`, "bundle.problem.alreadyCorrected", { ref: l.supersedesRef, by });
          correctedBy.set(l.supersedesRef, l.ref);
        }
      } else if (lot && !row) add(`${lat}.ref`, "bundle.problem.appendOnly", { ref: l.ref, field: "ref" });
      // Disputes are raised by the group; once raised, they stay.
      const disputed = (lot?._count.disputes ?? 0) > 0;
      if (l.disputed === true && !disputed && contract.visible && !contract.groupActs) add(`${lat}.disputed`, "bundle.problem.groupDispute", { ref: l.ref });
      if (l.disputed === false && disputed) add(`${lat}.disputed`, "bundle.problem.disputeRemoved", { ref: l.ref });
    });
  });
}

function statements(ctx: RightsContext, b: Bundle, add: Add) {
  const invoicedIn = new Map<string, string>();
  b.invoices.forEach((inv, i) => {
    const at = `$.invoices[${i}]`;
    const row = ctx.invoices.get(inv.ref);
    if (row) {
      if (!ctx.sees(row.contract.group)) return add(`${at}.ref`, "bundle.problem.refTaken", { ref: inv.ref });
      if (row.status === "cancelled") return add(`${at}.ref`, "bundle.problem.statementCancelled", { ref: inv.ref });
      const stored = {
        contractRef: row.contract.ref,
        issuedOn: row.issuedOn,
        pickupRefs: row.pickups
          .map((p) => p.pickup.ref)
          .sort()
          .join(","),
      };
      const given = { contractRef: inv.contractRef, issuedOn: inv.issuedOn, pickupRefs: [...inv.pickupRefs].sort().join(",") };
      const field = firstDiff(stored, given);
      if (field) conflict(add, at, inv.ref, stored, given, field);
      return;
    }
    const contract = ctx.contracts.get(inv.contractRef);
    if (contract && !ctx.sees(contract.group)) return add(`${at}.contractRef`, "bundle.problem.notYours", { ref: inv.contractRef });
    const buyer = contract?.buyer.ref ?? ctx.inBundle.contracts.get(inv.contractRef)!.buyerRef;
    if (!(contract ? ctx.actsForOrg(contract.buyer) : ctx.actsForOrgRef(buyer)))
      add(`${at}.contractRef`, "bundle.problem.buyerStatement", { contract: inv.contractRef, buyer });
    inv.pickupRefs.forEach((ref, j) => {
      const on = ctx.pickups.get(ref)?.invoices[0]?.invoice.ref ?? invoicedIn.get(ref);
      if (on) add(`${at}.pickupRefs[${j}]`, "bundle.problem.alreadyInvoiced", { ref, invoice: on });
      invoicedIn.set(ref, inv.ref);
    });
  });
}

function payments(ctx: RightsContext, b: Bundle, add: Add) {
  const today = todayInVietnam();
  const paying = new Map<string, number>();
  b.payments.forEach((pay, i) => {
    const at = `$.payments[${i}]`;
    const row = ctx.payments.get(pay.ref);
    if (row) {
      if (!ctx.sees(row.invoice.contract.group)) return add(`${at}.ref`, "bundle.problem.refTaken", { ref: pay.ref });
      const stored = { invoiceRef: row.invoice.ref, paidOn: row.paidOn, amountVnd: row.amountVnd, method: row.method };
      const given = { invoiceRef: pay.invoiceRef, paidOn: pay.paidOn, amountVnd: pay.amountVnd, method: pay.method };
      const field = firstDiff(stored, given);
      if (field) conflict(add, at, pay.ref, stored, given, field);
      return;
    }
    if (pay.paidOn > today) add(`${at}.paidOn`, "bundle.problem.futurePayment", { date: pay.paidOn });
    const inv = ctx.invoices.get(pay.invoiceRef);
    if (!inv) return; // a statement this bundle issues: its amount is known once issued (checked as it is written)
    if (!ctx.sees(inv.contract.group)) return add(`${at}.invoiceRef`, "bundle.problem.notYours", { ref: pay.invoiceRef });
    if (!ctx.actsForOrg(inv.buyer)) return add(`${at}.invoiceRef`, "bundle.problem.buyerPayment", { invoice: pay.invoiceRef, buyer: inv.buyer.ref });
    if (inv.status === "cancelled") return add(`${at}.invoiceRef`, "bundle.problem.statementCancelled", { ref: pay.invoiceRef });
    const owed = inv.totalVnd + inv.notes.reduce((s, n) => s + n.totalVnd, 0) - inv.payments.reduce((s, p) => s + p.amountVnd, 0);
    const total = (paying.get(inv.ref) ?? 0) + pay.amountVnd;
    paying.set(inv.ref, total);
    if (total > owed) add(`${at}.amountVnd`, "bundle.problem.overpayment", { ref: pay.invoiceRef, remaining: Math.max(0, owed - (total - pay.amountVnd)) });
  });
}

/** Every record the importer may not create or change, every conflict with what is stored, and the status moves it may make. */
export async function checkImportRights(
  tx: Tx,
  b: Bundle,
  importer: Importer,
  places: BundlePlaces,
): Promise<{ problems: BundleProblem[]; moves: PlannedMoves }> {
  const ctx = await rightsContext(tx, b, importer);
  const problems: BundleProblem[] = [];
  const moves: PlannedMoves = new Map();
  const add: Add = (path, code, params) => problems.push(problem(path, code, params));
  organisations(ctx, b, add, places);
  referenceData(ctx, b, add);
  groupsAndHouseholds(ctx, b, add, places);
  for (const check of [ledger, statements, payments]) check(ctx, b, add);
  contracts(ctx, b, add, moves);
  return { problems, moves };
}
