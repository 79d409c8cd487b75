// Recording pickups, the farmers' view of them, and verifying the chain. The ledger itself
// (hashes, append-only rows) is app/domain/ledger.server.ts.
import { Prisma } from "~/generated/prisma/client";
import { db, hotRead, write } from "~/utils/db.server";
import type { Access } from "./access.server";
import { contractsVisibleWhere } from "./contracts.server";
import { appendPickup, LedgerError } from "./ledger.server";
import { kgToGrams } from "./money";
import { groupLeaderIds, notify } from "./notifications.server";
import { buyerOrgIds } from "./offers.server";
import { recordPickupCertifications } from "./certifications/validity.server";
import type { PickupFormInput } from "./pickups.schema";
import { enqueueReceipts } from "./reach/outbox.server";
import { householdReceipts } from "./reach/receipt-code.server";

export type RecordResult = { ok: true; pickupId: string; duplicate: boolean } | { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string[]> };

const LEDGER_ERRORS: Record<LedgerError["code"], { status: 400 | 409; field: string; key: string }> = {
  contract_not_active: { status: 409, field: "_form", key: "error.contractNotActive" },
  unknown_grade: { status: 400, field: "lots", key: "error.unknownGrade" },
  tare_above_gross: { status: 400, field: "lots", key: "error.tareAboveGross" },
  unknown_household: { status: 400, field: "lots", key: "error.unknownHousehold" },
  unknown_lot: { status: 400, field: "_form", key: "error.notFound" },
  bad_measurement: { status: 400, field: "lots", key: "error.unknownMeasure" },
};

export function ledgerErrorResult(e: LedgerError) {
  const m = LEDGER_ERRORS[e.code];
  return { ok: false as const, status: m.status, errors: e.fields ?? { [m.field]: [m.key] } };
}

/** Buyer staff record a pickup on an active contract. A retried submission returns the first pickup. */
export async function recordPickup(access: Access, contractId: string, input: PickupFormInput, today: string): Promise<RecordResult> {
  const contract = await contractToRecordOn(access, contractId);
  if (contract === "not_found") return { ok: false, status: 404, errors: { _form: ["error.notFound"] } };
  if (contract === "forbidden") return { ok: false, status: 403, errors: { _form: ["error.page.403"] } };
  if (input.date > today) return { ok: false, status: 400, errors: { date: ["error.futureDate"] } };
  const problems = await lotProblems(contract, input);
  if (problems) return { ok: false, status: 400, errors: problems };
  try {
    const result = await write(async (tx) => {
      const r = await appendPickup(tx, {
        contractId: contract.id,
        date: input.date,
        collectionPoint: input.collectionPoint,
        vehicle: input.vehicle,
        staffName: input.staffName ?? access.user.name,
        recordedById: access.user.id,
        clientKey: `${access.user.id}:${input.clientKey}`,
        witnessHouseholdIds: [...new Set(input.witnesses)],
        lots: input.lots.map((l) => ({
          householdId: l.householdId,
          grossG: kgToGrams(l.grossKg),
          tareG: kgToGrams(l.tareKg),
          grade: l.grade.toUpperCase(),
          measurements: l.measurements,
        })),
      });
      if (!r.duplicate) {
        // The certificates valid for this group and product on the pickup's date, kept with the
        // pickup (issue 16): one fixed statement, in this write, so a later withdrawal or expiry
        // cannot change what the lots were sold as.
        await recordPickupCertifications(tx, r.pickup.id);
        const kg = input.lots.reduce((s, l) => s + (l.grossKg - l.tareKg), 0);
        await notify(tx, {
          userIds: await groupLeaderIds(tx, [contract.groupId]),
          kind: input.witnesses.length ? "pickup_recorded" : "pickup_unwitnessed",
          params: { contract: contract.ref, lots: input.lots.length, kg: Math.round(kg * 10) / 10, date: input.date },
          link: `/pickups/${r.pickup.id}`,
        });
        // Each household weighed, at the phone it consented to: its receipt with the code that
        // anchors this record (issue 17). One query for all of them; no statement without a phone.
        await enqueueReceipts(tx, await householdReceipts(tx, r.pickup.id));
      }
      return r;
    });
    return { ok: true, pickupId: result.pickup.id, duplicate: result.duplicate };
  } catch (e) {
    if (e instanceof LedgerError) return onFormRows(ledgerErrorResult(e), input.lots);
    throw e;
  }
}

/**
 * A grade or household the contract does not know, named on the row and field where it was
 * picked, so the form can mark it (the ledger checks again inside its transaction, but only
 * says that some lot is wrong).
 */
async function lotProblems(contract: { id: string; groupId: string }, input: PickupFormInput): Promise<Record<string, string[]> | null> {
  const ids = [...new Set([...input.lots.map((l) => l.householdId), ...input.witnesses])];
  const [grades, households] = await Promise.all([
    db.contractGrade.findMany({ where: { contractId: contract.id }, select: { code: true } }),
    db.household.findMany({ where: { groupId: contract.groupId, id: { in: ids } }, select: { id: true } }),
  ]);
  const codes = new Set(grades.map((g) => g.code.toUpperCase()));
  const known = new Set(households.map((h) => h.id));
  const errors: Record<string, string[]> = {};
  for (const l of input.lots) {
    if (!known.has(l.householdId)) errors[`lots.${l.row}.householdId`] = ["error.unknownHousehold"];
    if (!codes.has(l.grade.toUpperCase())) errors[`lots.${l.row}.grade`] = ["error.unknownGrade"];
  }
  if (input.witnesses.some((w) => !known.has(w))) errors.witnesses = ["error.unknownHousehold"];
  return Object.keys(errors).length ? errors : null;
}

/** The ledger numbers the lots it was given; the form numbers its rows (blank ones included). */
function onFormRows<R extends { errors: Record<string, string[]> }>(result: R, lots: { row: number }[]): R {
  const errors = Object.fromEntries(
    Object.entries(result.errors).map(([k, v]) => {
      const m = /^lots\.(\d+)\.(.+)$/.exec(k);
      return [m && lots[Number(m[1])] ? `lots.${lots[Number(m[1])].row}.${m[2]}` : k, v];
    }),
  );
  return { ...result, errors };
}

/**
 * The contract if the caller may record pickups on it (its buyer's staff, a site administrator):
 * one lean query at harvest pace; "forbidden" when they may only see it, "not_found" otherwise.
 */
async function contractToRecordOn(access: Access, contractId: string) {
  const [contract] = await hotRead<{ id: string; ref: string; buyerId: string; groupId: string }>(
    Prisma.sql`SELECT "id", "ref", "buyerId", "groupId" FROM "Contract" WHERE "id" = ${contractId}`,
  );
  if (contract && (access.user.isSiteAdmin || buyerOrgIds(access).includes(contract.buyerId))) return contract;
  const visible = contract && (await db.contract.count({ where: { AND: [{ id: contractId }, contractsVisibleWhere(access)] } }));
  return visible ? ("forbidden" as const) : ("not_found" as const);
}

export const pickupInclude = {
  witnesses: { include: { household: { select: { id: true, headName: true } } } },
  lots: {
    include: {
      household: { select: { id: true, headName: true } },
      supersededBy: { select: { id: true } },
      disputes: { orderBy: { createdAt: "asc" as const } },
    },
    orderBy: { chainSeq: "asc" as const },
  },
} as const;

export type PickupListItem = { id: string; date: string; collectionPoint: string | null; lots: number; witnesses: number };

/**
 * The contract page's pickup list, newest first, with each pickup's lot and witness counts;
 * `onlyHouseholdId` keeps the pickups with a lot of that household (null: none).
 * Counted by correlated sub-selects on the (pickupId) indexes, so the cost is this contract's
 * pickups; Prisma's `_count` here joined a GROUP BY over the whole Lot and PickupWitness tables.
 * Fixed SQL on the hot connection (docs/decisions/0017-hot-reads.md).
 */
export async function pickupList(contractId: string, onlyHouseholdId?: string | null): Promise<PickupListItem[]> {
  if (onlyHouseholdId === null) return [];
  return await hotRead<PickupListItem>(Prisma.sql`
    SELECT p."id", p."date", p."collectionPoint",
      (SELECT COUNT(*) FROM "Lot" l WHERE l."pickupId" = p."id") AS lots,
      (SELECT COUNT(*) FROM "PickupWitness" w WHERE w."pickupId" = p."id") AS witnesses
    FROM "Pickup" p
    WHERE p."contractId" = ${contractId}
    ${onlyHouseholdId === undefined ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM "Lot" h WHERE h."pickupId" = p."id" AND h."householdId" = ${onlyHouseholdId})`}
    ORDER BY p."date" DESC, p."chainSeq" DESC`);
}

/** Counts shown on the contract page: pickups without a witness, disputes still open. */
export async function contractFlags(contractId: string): Promise<{ unwitnessed: number; openDisputes: number }> {
  const [flags] = await hotRead<{ unwitnessed: number; openDisputes: number }>(Prisma.sql`
    SELECT
      (SELECT COUNT(*) FROM "Pickup" p WHERE p."contractId" = ${contractId}
        AND NOT EXISTS (SELECT 1 FROM "PickupWitness" w WHERE w."pickupId" = p."id")) AS "unwitnessed",
      (SELECT COUNT(*) FROM "Lot" l JOIN "LotDispute" d ON d."lotId" = l."id" WHERE l."contractId" = ${contractId} AND d."status" = 'open') AS "openDisputes"`);
  return flags;
}

// Verifying a chain (recomputed, and against its signed checkpoints) lives in chain-verify.
export { verifyAll, verifyChain } from "./chain-verify.server";

/** A household's passbook: every lot (corrections included) with what its grade means, on the contracts the caller may see (a buyer: its own). */
export async function passbook(access: Access, householdId: string) {
  const lots = await db.lot.findMany({
    where: { householdId, contract: contractsVisibleWhere(access) },
    include: {
      pickup: { select: { id: true, date: true, collectionPoint: true, witnesses: { select: { householdId: true } } } },
      contract: {
        select: {
          id: true,
          ref: true,
          season: { select: { name: true, product: { select: { name: true, nameEn: true } } } },
          buyer: { select: { name: true } },
          grades: true,
        },
      },
      supersedes: { select: { id: true } },
      supersededBy: { select: { id: true } },
      disputes: { select: { status: true, reason: true, resolution: true } },
    },
    orderBy: [{ pickup: { date: "desc" } }, { chainSeq: "asc" }],
  });
  return lots.map((l) => {
    const grade = l.contract.grades.find((g) => g.code === l.grade);
    return { ...l, gradeLabel: grade?.label ?? l.grade, gradeCriteria: grade?.criteria ?? null, effective: !l.supersededBy };
  });
}
