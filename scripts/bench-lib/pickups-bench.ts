// Pickup recording under load: 20 buyer-staff clients (distinct active contracts) post pickups
// of 10 lots to POST /api/pickups for a fixed time, from a child process. Afterwards every
// acknowledged pickup must be in the database with all its lots, and the hash chain of every
// touched contract must verify (the app's verifyContractChain over the app's `db`).
import Database from "better-sqlite3";
import { login, runChild } from "./server-run";
import type { Ack, PickupClient } from "./load-pickups";
import type { Timing } from "./stats";

export type PickupResult = {
  clients: number;
  lotsPerPickup: number;
  seconds: number;
  attempts: number;
  acked: number;
  lots: number;
  lotsPerSecond: number;
  failures: Record<string, number>;
  latency: Timing;
  lost: number;
  lostExamples: string[];
  contracts: number;
  chainsIntact: number;
  chainsBroken: string[];
  /** With several server processes: the clients and acknowledged pickups of each. */
  perProcess?: { url: string; clients: number; acked: number; lots: number }[];
};

type Target = { buyerId: string; email: string; contractId: string; groupId: string };

function targets(file: string, n: number): Target[] {
  const raw = new Database(file, { readonly: true });
  try {
    // Active contracts spread over buyers: the first active contract of each buyer, then the second…
    const rows = raw
      .prepare(
        `SELECT c."buyerId", u."email", c."id" AS contractId, c."groupId",
                ROW_NUMBER() OVER (PARTITION BY c."buyerId" ORDER BY c."ref") AS k
         FROM "Contract" c
         JOIN "Membership" m ON m."organisationId" = c."buyerId" AND m."role" = 'buyer_staff'
         JOIN "User" u ON u."id" = m."userId"
         WHERE c."status" = 'active'`,
      )
      .all() as (Target & { k: number })[];
    rows.sort((a, b) => a.k - b.k || a.buyerId.localeCompare(b.buyerId));
    return rows.slice(0, n);
  } finally {
    raw.close();
  }
}

/**
 * With several servers (`bases`), client i posts to bases[i mod n]: an even split. A buyer's
 * staff account with two clients logs in once, on its first client's server; the session is a
 * row in the database, so it holds on the other servers too (as behind a load balancer).
 */
export async function benchPickups(
  bases: string | string[],
  file: string,
  password: string,
  o: { clients: number; seconds: number; lots: number },
): Promise<PickupResult> {
  const all = typeof bases === "string" ? [bases] : bases;
  const chosen = targets(file, o.clients);
  if (chosen.length < o.clients) throw new Error(`only ${chosen.length} active contracts with buyer staff; need ${o.clients}`);
  const raw = new Database(file, { readonly: true });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const clients: PickupClient[] = [];
  for (const [i, t] of chosen.entries()) {
    const url = all[i % all.length];
    if (!sessions.has(t.email)) sessions.set(t.email, await login(url, t.email, password));
    const s = sessions.get(t.email)!;
    clients.push({
      url,
      ...s,
      contractId: t.contractId,
      households: raw.prepare(`SELECT "id" FROM "Household" WHERE "groupId" = ?`).pluck().all(t.groupId) as string[],
      grades: raw.prepare(`SELECT "code" FROM "ContractGrade" WHERE "contractId" = ?`).pluck().all(t.contractId) as string[],
    });
  }
  raw.close();
  const r = await runChild<
    Omit<PickupResult, "clients" | "lotsPerPickup" | "lost" | "lostExamples" | "contracts" | "chainsIntact" | "chainsBroken"> & { acks: Ack[] }
  >("load-pickups.ts", { seconds: o.seconds, lots: o.lots, clients });

  // Every acknowledged pickup is there, on its contract, with all its lots: read through the
  // app's own client, so on whichever engine the server wrote to.
  const { db } = await import("~/utils/db.server");
  const found = new Map<string, { contractId: string; clientKey: string | null; lots: number }>();
  const ids = r.acks.map((a) => a.pickupId);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.pickup.findMany({
      where: { id: { in: ids.slice(i, i + 500) } },
      select: { id: true, contractId: true, clientKey: true, _count: { select: { lots: true } } },
    });
    for (const p of rows) found.set(p.id, { contractId: p.contractId, clientKey: p.clientKey, lots: p._count.lots });
  }
  const lost: string[] = [];
  for (const a of r.acks) {
    const row = found.get(a.pickupId);
    const n = row?.lots ?? 0;
    if (!row || row.contractId !== a.contractId || !row.clientKey?.endsWith(`:${a.clientKey}`) || n !== a.lots) {
      lost.push(`${a.pickupId}: ${row ? `${n}/${a.lots} lots` : "missing"}`);
    }
  }

  const { verifyContractChain } = await import("~/domain/ledger.server");
  const touched = [...new Set(r.acks.map((a) => a.contractId))];
  const broken: string[] = [];
  for (const id of touched) {
    const report = await verifyContractChain(db, id);
    if (!report.intact) broken.push(`${id}: ${JSON.stringify(report.brokenAt)}`);
  }
  const { acks: _acks, ...rest } = r;
  return {
    ...rest,
    clients: clients.length,
    lotsPerPickup: o.lots,
    lost: lost.length,
    lostExamples: lost.slice(0, 5),
    contracts: touched.length,
    chainsIntact: touched.length - broken.length,
    chainsBroken: broken,
    ...(all.length > 1
      ? {
          perProcess: all.map((url) => {
            const mine = clients.filter((c) => c.url === url);
            const contracts = new Set(mine.map((c) => c.contractId));
            const acked = r.acks.filter((a) => contracts.has(a.contractId));
            return { url, clients: mine.length, acked: acked.length, lots: acked.reduce((s, a) => s + a.lots, 0) };
          }),
        }
      : {}),
  };
}
