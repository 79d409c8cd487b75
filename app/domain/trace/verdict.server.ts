// "Record intact" on a trace page: the contract's hash chain recomputed from its rows and checked
// against its signed checkpoints (the same verifyChain as /contracts/:id/verify), up to the entry
// the page is about. Recomputing a chain of hundreds of entries per page view would cap the page
// at a few dozen views a second, so each contract's result is kept — but only for as long as the
// database is unchanged: the key includes SQLite's `PRAGMA data_version` (dataGeneration), which
// moves on every commit by any connection, this app's own writer or a person editing the file
// with the sqlite3 tool. A row changed behind the app's back is therefore seen on the next view.
// On PostgreSQL the generation is the counter the app's own writes move (docs/decisions/
// 0033-two-engines.md): a row changed there outside the app is seen after the app's next write.
import { verifyChain } from "~/domain/chain-verify.server";
import { dataGeneration } from "~/utils/db.server";

export type Verdict = { intact: boolean; checkedEntries: number };

type ChainResult = { brokenAt: number | null; anchorsOk: boolean; entries: number };
type Entry = { generation: number; value: Promise<ChainResult> };

const MAX_CONTRACTS = 2000;
const cache = new Map<string, Entry>();

async function verifyOnce(contractId: string): Promise<ChainResult> {
  const r = await verifyChain(contractId);
  return { brokenAt: r.chain.intact ? null : r.chain.brokenAt.seq, anchorsOk: r.anchors.problems.length === 0, entries: r.chain.entries };
}

async function chainResult(contractId: string): Promise<ChainResult> {
  // Read before verifying: a write landing meanwhile makes the next view verify again.
  const generation = await dataGeneration();
  const hit = cache.get(contractId);
  if (hit && hit.generation === generation) return hit.value;
  const value = verifyOnce(contractId);
  const entry = { generation, value };
  cache.delete(contractId);
  cache.set(contractId, entry);
  value.catch(() => cache.get(contractId) === entry && cache.delete(contractId));
  while (cache.size > MAX_CONTRACTS) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * Whether the chain holds up to position `seq`: every entry up to it recomputes and links, and
 * the contract's checkpoints agree with the chain (a truncated or rewritten chain fails the
 * checkpoints as a whole, so it shows on every page of the contract).
 */
export async function chainVerdict(contractId: string, seq: number): Promise<Verdict> {
  const r = await chainResult(contractId);
  return { intact: r.anchorsOk && (r.brokenAt === null || r.brokenAt > seq), checkedEntries: Math.min(seq, r.entries) };
}
