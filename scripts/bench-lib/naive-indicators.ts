// The NAIVE way to compute the chain indicators, as a yardstick for computeIndicators():
// load the rows through the ORM (Prisma findMany of contracts, lots, households, pickups,
// invoices, payments, disputes) and add them up in JavaScript. Same definitions
// (shared/interchange.md), so on the same database it must return the same numbers — the
// benchmark checks that on the small data set before timing both side by side.
import { IN_FORCE } from "~/domain/contracts";
import type { Indicators, Scope } from "~/domain/indicators.server";
import { addDays } from "~/domain/money";
import { db } from "~/utils/db.server";

const tidy = (v: number) => Math.round(v * 1e6) / 1e6;
const CHUNK = 5000; // stay under SQLite's bound-variable limit

async function chunked<T>(ids: string[], load: (part: string[]) => Promise<T[]>): Promise<T[]> {
  let out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out = out.concat(await load(ids.slice(i, i + CHUNK)));
  return out;
}

/** In-force contracts of a season, filtered to the scope in JavaScript. */
async function contractsOf(seasonId: string, s: Scope) {
  const all = await db.contract.findMany({
    where: { seasonId },
    include: { group: { include: { projectOwner: true } }, buyer: true },
  });
  return all.filter(
    (c) =>
      (IN_FORCE as string[]).includes(c.status) &&
      (!s.province || c.group.province === s.province || c.group.formerProvince === s.province) &&
      (!s.district || c.group.formerDistrict === s.district) &&
      (!s.commune || c.group.communeCode === s.commune) &&
      (!s.buyer || c.buyer.ref === s.buyer) &&
      (!s.projectOwner || c.group.projectOwner?.ref === s.projectOwner),
  );
}

export async function naiveIndicators(seasonRef: string, opts: { asOf: string; scope?: Scope }): Promise<Indicators> {
  const scope = Object.fromEntries(Object.entries(opts.scope ?? {}).filter(([, v]) => v)) as Scope;
  const season = await db.season.findUniqueOrThrow({ where: { ref: seasonRef } });
  const prev = await db.season.findFirst({ where: { productId: season.productId, start: { lt: season.start } }, orderBy: { start: "desc" } });
  const contracts = await contractsOf(season.id, scope);
  const ids = contracts.map((c) => c.id);

  const pair = (c: { buyerId: string; groupId: string }) => `${c.buyerId}|${c.groupId}`;
  let previousPairs = 0;
  let continuedPairs = 0;
  if (prev) {
    const before = new Set((await contractsOf(prev.id, scope)).map(pair));
    const now = new Set(contracts.map(pair));
    previousPairs = before.size;
    continuedPairs = [...before].filter((p) => now.has(p)).length;
  }

  const lots = await chunked(ids, (part) =>
    db.lot.findMany({
      where: { contractId: { in: part } },
      select: { id: true, pickupId: true, householdId: true, netG: true, amountVnd: true, supersedesId: true },
    }),
  );
  const superseded = new Set(lots.filter((l) => l.supersedesId).map((l) => l.supersedesId!));
  const effective = lots.filter((l) => !superseded.has(l.id));
  const grams = effective.reduce((s, l) => s + l.netG, 0);

  const delivering = new Set(effective.map((l) => l.householdId));
  const groupIds = [...new Set(contracts.map((c) => c.groupId))];
  const households = (await chunked(groupIds, (part) => db.household.findMany({ where: { groupId: { in: part } } }))).filter((h) => delivering.has(h.id));
  const byPoverty = { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 };
  for (const h of households) if (h.povertyStatus in byPoverty) byPoverty[h.povertyStatus as keyof typeof byPoverty]++;

  const invoices = await chunked(ids, (part) =>
    db.invoice.findMany({ where: { contractId: { in: part } }, include: { pickups: true, payments: true, deductions: true } }),
  );
  const paidVnd = invoices.reduce((s, i) => s + i.payments.reduce((t, p) => t + p.amountVnd, 0), 0);
  const terms = new Map(contracts.map((c) => [c.id, c.paymentTermsDays]));
  const amountByPickup = new Map<string, number>();
  for (const l of effective) amountByPickup.set(l.pickupId, (amountByPickup.get(l.pickupId) ?? 0) + l.amountVnd);
  let due = 0;
  let onTime = 0;
  for (const i of invoices) {
    if (i.kind !== "invoice" || i.status === "cancelled") continue;
    const dueOn = addDays(i.issuedOn, terms.get(i.contractId)!);
    if (dueOn > opts.asOf) continue;
    due++;
    const amount = i.pickups.reduce((s, p) => s + (amountByPickup.get(p.pickupId) ?? 0), 0);
    const paid = i.payments.filter((p) => p.paidOn <= dueOn).reduce((s, p) => s + p.amountVnd, 0);
    const kept = i.deductions.reduce((s, d) => s + d.amountVnd, 0);
    if (paid + kept >= amount) onTime++;
  }

  const pickups = await chunked(ids, (part) => db.pickup.findMany({ where: { contractId: { in: part } }, include: { witnesses: true } }));
  const witnessed = pickups.filter((p) => p.witnesses.length > 0).length;
  const lotIds = new Set(lots.map((l) => l.id));
  const disputes = await db.lotDispute.findMany({ select: { lotId: true } });
  const disputedLots = new Set(disputes.map((d) => d.lotId).filter((id) => lotIds.has(id))).size;

  const area = tidy(contracts.reduce((s, c) => s + c.areaHa, 0));
  const contractedTonnes = tidy(contracts.reduce((s, c) => s + c.volumeTonnes, 0));
  const deliveredTonnes = grams / 1e6;
  return {
    season: season.ref,
    asOf: opts.asOf,
    scope,
    contractContinuance: { previousPairs, continuedPairs, rate: prev && previousPairs > 0 ? continuedPairs / previousPairs : null },
    areaHa: area,
    contractedTonnes,
    deliveredTonnes,
    fulfilment: contractedTonnes > 0 ? deliveredTonnes / contractedTonnes : null,
    households: {
      total: households.length,
      byPoverty,
      femaleHeaded: households.filter((h) => h.headSex === "female").length,
      ethnicMinority: households.filter((h) => h.ethnicMinority).length,
    },
    paidVnd,
    onTimePaymentRate: due > 0 ? onTime / due : null,
    witnessedPickupRate: pickups.length > 0 ? witnessed / pickups.length : null,
    disputedLots,
  };
}
