// Editing a draft contract before it is signed. Signing fixes the terms both parties agreed
// (contracts.ts MOVES: draft → signed); a renewal is a draft prefilled from last season, so
// the buyer adjusts area, volume, prices, payment terms and the households' shares first.
import { write } from "~/utils/db.server";
import type { DraftContractInput } from "./draft.schema";

export type DraftEditResult = { ok: true } | { ok: false; status: 400 | 409; errors: Record<string, string[]> };

export async function updateDraftContract(contractId: string, input: DraftContractInput): Promise<DraftEditResult> {
  return write(async (tx): Promise<DraftEditResult> => {
    const c = await tx.contract.findUniqueOrThrow({ where: { id: contractId }, include: { grades: true, allocations: true } });
    // Checked inside the write: a draft signed meanwhile keeps the terms it was signed with.
    if (c.status !== "draft") return { ok: false, status: 409, errors: { _form: ["error.contractNotDraft"] } };
    const codes = new Set(c.grades.map((g) => g.code));
    if (input.grades.length !== codes.size || input.grades.some((g) => !codes.has(g.code)))
      return { ok: false, status: 400, errors: { grades: ["error.invalid"] } };
    const householdIds = input.allocations.map((a) => a.householdId);
    const own = await tx.household.count({ where: { id: { in: householdIds }, groupId: c.groupId } });
    if (own !== new Set(householdIds).size) return { ok: false, status: 400, errors: { allocations: ["error.invalid"] } };

    await tx.contract.update({
      where: { id: c.id },
      data: { areaHa: input.areaHa, volumeTonnes: input.volumeTonnes, paymentTermsDays: input.paymentTermsDays },
    });
    for (const g of input.grades) {
      await tx.contractGrade.update({ where: { contractId_code: { contractId: c.id, code: g.code } }, data: { priceVndPerKg: g.priceVndPerKg } });
    }
    // A household keeps the area it had; one given nothing leaves the contract.
    const areaOf = new Map(c.allocations.map((a) => [a.householdId, a.areaHa]));
    await tx.contractAllocation.deleteMany({ where: { contractId: c.id } });
    await tx.contractAllocation.createMany({
      data: input.allocations
        .filter((a) => a.tonnes > 0)
        .map((a) => ({ contractId: c.id, householdId: a.householdId, tonnes: a.tonnes, areaHa: areaOf.get(a.householdId) ?? null })),
    });
    return { ok: true };
  });
}
