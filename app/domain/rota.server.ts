// The witness rota: which member households ride along with the buyer on which day.
import { db, write } from "~/utils/db.server";

/** The rota from `from` on, or (`onlyHousehold`) one household's turns. */
export function upcomingRota(groupId: string, from: string, onlyHousehold?: string | null) {
  return db.witnessRota.findMany({
    where: { groupId, on: { gte: from }, ...(onlyHousehold != null ? { householdId: onlyHousehold } : {}) },
    include: { household: { select: { id: true, headName: true } } },
    orderBy: [{ on: "asc" }, { createdAt: "asc" }],
    take: 200,
  });
}

/** Households scheduled for `date`, or else for the next scheduled day within a week. */
export async function suggestedWitnesses(groupId: string, date: string): Promise<string[]> {
  const next = await db.witnessRota.findFirst({ where: { groupId, on: { gte: date } }, orderBy: { on: "asc" } });
  if (!next) return [];
  const days = (Date.parse(next.on) - Date.parse(date)) / 86_400_000;
  if (days > 7) return [];
  const rows = await db.witnessRota.findMany({ where: { groupId, on: next.on }, select: { householdId: true } });
  return rows.map((r) => r.householdId);
}

export async function schedule(groupId: string, on: string, householdIds: string[]): Promise<{ ok: boolean; added: number }> {
  const own = await db.household.findMany({ where: { id: { in: householdIds }, groupId }, select: { id: true } });
  if (own.length !== new Set(householdIds).size) return { ok: false, added: 0 };
  const added = await write(async (tx) => {
    let n = 0;
    for (const h of own) {
      const exists = await tx.witnessRota.findFirst({ where: { groupId, on, householdId: h.id } });
      if (!exists) {
        await tx.witnessRota.create({ data: { groupId, on, householdId: h.id } });
        n++;
      }
    }
    return n;
  });
  return { ok: true, added };
}

export async function unschedule(groupId: string, rotaId: string): Promise<boolean> {
  const { count } = await write((tx) => tx.witnessRota.deleteMany({ where: { id: rotaId, groupId } }));
  return count === 1;
}

/** Pickups of the group's contracts that nobody from the group witnessed. */
export function unwitnessedCount(groupId: string) {
  return db.pickup.count({ where: { contract: { groupId }, witnesses: { none: {} } } });
}
