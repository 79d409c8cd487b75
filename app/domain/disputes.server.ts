// Disputes over a lot's weighing or grading. The group leader, a witness of the pickup or the
// household itself raises one; the buyer answers with a correction (a new, superseding lot)
// or upholds the lot with an explanation. The lot itself is never edited.
import { db, write } from "~/utils/db.server";
import type { Access } from "./access.server";
import { contractsVisibleWhere } from "./contracts.server";
import { buyerOrgIds } from "./offers.server";
import { todayInVietnam } from "~/utils/dates";
import { noteForCorrection } from "./invoices.server";
import { appendCorrection, LedgerError } from "./ledger.server";
import { kgToGrams } from "./money";
import { buyerUserIds, groupLeaderIds, notify } from "./notifications.server";
import { ledgerErrorResult } from "./pickups.server";

type Fail = { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string[]> };
const fail = (status: Fail["status"], key: string, field = "_form"): Fail => ({ ok: false, status, errors: { [field]: [key] } });

async function lotWithContext(lotId: string) {
  return db.lot.findUnique({
    where: { id: lotId },
    include: {
      contract: { select: { id: true, ref: true, buyerId: true, groupId: true } },
      pickup: { select: { id: true, witnesses: { select: { householdId: true } } } },
      supersededBy: { select: { id: true } },
    },
  });
}

/** Whether the caller may see the contract: a refusal is then a 403, else a 404 (learn nothing). */
async function seesContract(access: Access, contractId: string): Promise<boolean> {
  return (await db.contract.count({ where: { AND: [{ id: contractId }, contractsVisibleWhere(access)] } })) > 0;
}

/** Who may raise a dispute on this lot: the group's leader, a witness, or the household itself. */
function mayDispute(access: Access, lot: NonNullable<Awaited<ReturnType<typeof lotWithContext>>>): boolean {
  const m = access.groups.find((g) => g.id === lot.contract.groupId);
  if (!m) return false;
  if (m.role === "group_leader") return true;
  return !!m.householdId && (m.householdId === lot.householdId || lot.pickup.witnesses.some((w) => w.householdId === m.householdId));
}

export async function openDispute(access: Access, lotId: string, reason: string): Promise<{ ok: true; id: string } | Fail> {
  const lot = await lotWithContext(lotId);
  if (!lot) return fail(404, "error.notFound");
  if (!mayDispute(access, lot)) return fail((await seesContract(access, lot.contract.id)) ? 403 : 404, "error.page.403");
  if (lot.supersededBy) return fail(409, "error.lotSuperseded");
  return write(async (tx) => {
    if (await tx.lotDispute.findFirst({ where: { lotId, status: "open" } })) return fail(409, "error.disputeOpen");
    const d = await tx.lotDispute.create({ data: { lotId, reason, openedById: access.user.id } });
    await notify(tx, {
      userIds: await buyerUserIds(tx, lot.contract.buyerId),
      kind: "dispute_opened",
      params: { contract: lot.contract.ref, lot: lot.ref, reason },
      link: `/pickups/${lot.pickupId}#lot-${lot.id}`,
    });
    return { ok: true as const, id: d.id };
  });
}

type Answer =
  | { kind: "correct"; explanation: string; grossKg: number; tareKg: number; grade: string; measurements?: Record<string, string> }
  | { kind: "uphold"; explanation: string };

/** The buyer answers a dispute, or (disputeId null) corrects a lot on its own initiative. */
export async function answerLot(access: Access, lotId: string, disputeId: string | null, answer: Answer): Promise<{ ok: true; correctionId?: string } | Fail> {
  const lot = await lotWithContext(lotId);
  if (!lot) return fail(404, "error.notFound");
  if (!access.user.isSiteAdmin && !buyerOrgIds(access).includes(lot.contract.buyerId)) {
    return fail((await seesContract(access, lot.contract.id)) ? 403 : 404, "error.page.403");
  }
  if (answer.kind === "uphold" && !disputeId) return fail(400, "error.invalid");
  try {
    return await write(async (tx) => {
      const dispute = disputeId ? await tx.lotDispute.findFirst({ where: { id: disputeId, lotId } }) : null;
      if (disputeId && !dispute) return fail(404, "error.notFound");
      if (dispute && dispute.status !== "open") return fail(409, "error.disputeClosed");
      let correctionId: string | undefined;
      if (answer.kind === "correct") {
        const fix = await appendCorrection(tx, {
          lotId,
          reason: answer.explanation,
          grossG: kgToGrams(answer.grossKg),
          tareG: kgToGrams(answer.tareKg),
          grade: answer.grade.toUpperCase(),
          measurements: answer.measurements,
        });
        correctionId = fix.id;
        // Already invoiced? The invoice stays as issued; a credit or debit note settles the change.
        await noteForCorrection(tx, lotId, fix.id, todayInVietnam(), access.user.id);
      }
      if (dispute) {
        await tx.lotDispute.update({
          where: { id: dispute.id },
          data: {
            status: answer.kind === "correct" ? "corrected" : "upheld",
            resolution: answer.explanation,
            resolvedById: access.user.id,
            resolvedAt: new Date(),
            correctionLotId: correctionId ?? null,
          },
        });
      }
      await notify(tx, {
        userIds: [...(await groupLeaderIds(tx, [lot.contract.groupId])), ...(dispute?.openedById ? [dispute.openedById] : [])],
        // A correction nobody asked for is not an answer to a dispute.
        kind: dispute ? "dispute_resolved" : "lot_corrected",
        params: { contract: lot.contract.ref, lot: lot.ref, outcome: answer.kind === "correct" ? "corrected" : "upheld", explanation: answer.explanation },
        link: `/pickups/${lot.pickupId}#lot-${lot.id}`,
      });
      return { ok: true as const, correctionId };
    });
  } catch (e) {
    if (e instanceof LedgerError) return ledgerErrorResult(e);
    throw e;
  }
}
