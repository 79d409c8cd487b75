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

/** Who is on the rota for one day: the ticks the rota form shows for that day. */
export async function rotaDay(groupId: string, on: string): Promise<string[]> {
  const rows = await db.witnessRota.findMany({ where: { groupId, on }, select: { householdId: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.householdId);
}

/**
 * Makes the day's rota exactly `householdIds`: those not yet on it are added, those on it but
 * not listed are taken off. The form shows a day's stored ticks and saves them whole, so what
 * is ticked is what is kept — a tick left over from an earlier save cannot add anyone.
 */
export async function setRotaDay(groupId: string, on: string, householdIds: string[]): Promise<{ ok: boolean; added: number; removed: number }> {
  const wanted = [...new Set(householdIds)];
  const own = await db.household.findMany({ where: { id: { in: wanted }, groupId }, select: { id: true } });
  if (own.length !== wanted.length) return { ok: false, added: 0, removed: 0 };
  return write(async (tx) => {
    const stored = new Set((await tx.witnessRota.findMany({ where: { groupId, on }, select: { householdId: true } })).map((r) => r.householdId));
    const { count: removed } = await tx.witnessRota.deleteMany({ where: { groupId, on, householdId: { notIn: wanted } } });
    const toAdd = wanted.filter((id) => !stored.has(id));
    if (toAdd.length) await tx.witnessRota.createMany({ data: toAdd.map((householdId) => ({ groupId, on, householdId })) });
    return { ok: true, added: toAdd.length, removed };
  });
}

export async function unschedule(groupId: string, rotaId: string): Promise<boolean> {
  const { count } = await write((tx) => tx.witnessRota.deleteMany({ where: { id: rotaId, groupId } }));
  return count === 1;
}

/** Pickups of the group's contracts that nobody from the group witnessed. */
export function unwitnessedCount(groupId: string) {
  return db.pickup.count({ where: { contract: { groupId }, witnesses: { none: {} } } });
}
