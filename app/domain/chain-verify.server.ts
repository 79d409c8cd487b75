// `verify`: a contract's chain recomputed from its rows (docs 0005) and checked against the
// signed checkpoints in the table and in the anchor log (docs 0013). Used by the verify page,
// the CLI and the tests.
import { db, write } from "~/utils/db.server";
import { signingKey } from "~/utils/signing-key.server";
import {
  appendToAnchorLog,
  checkReceipt,
  readAnchorLog,
  recordCheckpoint,
  signedHere,
  verifyAnchors,
  type AnchorReport,
  type Checkpoint,
  type ReceiptCheck,
} from "./chain-anchors.server";
import { verifyContractChain, type ChainReport } from "./ledger.server";

export type VerifyReport = { intact: boolean; chain: ChainReport; anchors: AnchorReport };

type ContractKey = { id: string; ref: string };

async function verifyWith(contract: ContractKey, log: Checkpoint[]): Promise<VerifyReport> {
  // One read transaction: the chain and its checkpoints from the same snapshot, taken after
  // the log was read (see verifyAnchors).
  const { chain, anchors } = await db.$transaction(async (tx) => {
    const chain = await verifyContractChain(tx, contract.id);
    return { chain, anchors: await verifyAnchors(tx, contract, log) };
  });
  return { intact: chain.intact && anchors.problems.length === 0, chain, anchors };
}

export async function verifyChain(contractId: string): Promise<VerifyReport> {
  const contract = await db.contract.findUniqueOrThrow({ where: { id: contractId }, select: { id: true, ref: true } });
  return verifyWith(contract, readAnchorLog(contract.ref).lines);
}

export type VerifyAllResult = { contract: string; report: VerifyReport }[];

export async function verifyAll(): Promise<VerifyAllResult> {
  return (await verifyEverything()).results;
}

/** Every contract, plus what only the whole log shows: lines for contracts the database lacks. */
export async function verifyEverything(): Promise<{ results: VerifyAllResult; orphans: string[]; unreadable: number; logExists: boolean }> {
  const log = readAnchorLog();
  const byContract = new Map<string, Checkpoint[]>();
  for (const cp of log.lines) byContract.set(cp.contract, [...(byContract.get(cp.contract) ?? []), cp]);
  const contracts = await db.contract.findMany({ select: { id: true, ref: true }, orderBy: { ref: "asc" } });
  const results: VerifyAllResult = [];
  for (const c of contracts) results.push({ contract: c.ref, report: await verifyWith(c, byContract.get(c.ref) ?? []) });
  const known = new Set(contracts.map((c) => c.ref));
  // A contract the log has signed checkpoints for, and the database no longer has at all.
  const orphans = [...byContract.entries()].filter(([ref, lines]) => !known.has(ref) && lines.some(signedHere)).map(([ref]) => ref);
  return { results, orphans: orphans.sort(), unreadable: log.unreadable, logExists: log.exists };
}

/**
 * Copies to the log the signed checkpoints it lacks: those committed by a process that stopped
 * before its after-commit append. Safe to repeat: only checkpoints this server signed, never
 * removing a line (docs 0013).
 */
export function repairAnchorLog(results: VerifyAllResult): number {
  const missing = results.flatMap((r) => r.report.anchors.notInLog).sort((a, b) => a.at.localeCompare(b.at) || a.n - b.n);
  appendToAnchorLog(missing);
  return missing.length;
}

/**
 * Signs the head of every chain recorded before checkpoints existed (no checkpoint in the table
 * and none in the log), after checking that the chain recomputes. Run by `npm start`'s database
 * step and `npm run cli -- anchor`.
 */
export async function adoptUnanchoredChains(): Promise<{ adopted: string[]; refused: string[] }> {
  const log = readAnchorLog();
  const logged = new Set(log.lines.map((l) => l.contract));
  const candidates = await db.contract.findMany({
    where: { checkpoints: { none: {} }, OR: [{ pickups: { some: {} } }, { lots: { some: {} } }] },
    select: { id: true, ref: true },
    orderBy: { ref: "asc" },
  });
  const adopted: string[] = [];
  const refused: string[] = [];
  for (const c of candidates) {
    if (logged.has(c.ref)) {
      refused.push(c.ref); // its checkpoints were deleted: evidence, not something to paper over
      continue;
    }
    const ok = await write(async (tx) => {
      const chain = await verifyContractChain(tx, c.id);
      if (!chain.intact || (await tx.chainCheckpoint.count({ where: { contractId: c.id } })) > 0) return false;
      await recordCheckpoint(tx, c.id, { seq: chain.entries, hash: chain.head });
      return true;
    });
    (ok ? adopted : refused).push(c.ref);
  }
  return { adopted, refused };
}

export async function checkReceiptOf(contractId: string, seq: number, shortHash: string): Promise<ReceiptCheck> {
  return db.$transaction((tx) => checkReceipt(tx, contractId, seq, shortHash));
}

/** What the verify page and the CLI print so anyone can check a checkpoint's signature. */
export function signingKeyInfo() {
  const k = signingKey();
  return { keyId: k.keyId, publicKey: k.publicKeyBase64 };
}
