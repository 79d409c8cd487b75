// Anchors for the pickup hash chains (docs/decisions/0013-chain-anchors.md). A chain only shows
// that rows were changed *relative to each other*: whoever can write the file can drop the
// newest entries, or recompute every hash, and the recomputation still passes. So every append
// also records the chain's new head as a checkpoint signed with the server's key (a key the
// database does not hold), in the same transaction, and copies it after the commit to an
// append-only log file outside the database. `verify` then checks the chain against both.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Prisma } from "~/generated/prisma/client";
import { afterCommit, currentWrite, txRun, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sign, signatureValid, signingKey } from "~/utils/signing-key.server";

const ZERO = "0".repeat(64);

/** A checkpoint as signed, stored and logged: one line of the anchor log. */
export type Checkpoint = { contract: string; n: number; seq: number; head: string; at: string; prev: string; keyId: string; signature: string };

type Body = Pick<Checkpoint, "contract" | "n" | "seq" | "head" | "at" | "prev">;

/** The exact text that is signed and hashed (fixed key order, so it never depends on a parser). */
export function checkpointText(c: Body): string {
  return JSON.stringify({ v: 1, contract: c.contract, n: c.n, seq: c.seq, head: c.head, at: c.at, prev: c.prev });
}

export function checkpointHash(c: Body): string {
  return crypto.createHash("sha256").update(checkpointText(c)).digest("hex");
}

// The checkpoints each open write() has recorded, logged together after its commit (one fsync
// per transaction, however many pickups an import appends).
const pendingByWrite = new WeakMap<object, Checkpoint[]>();

/**
 * Records the contract's new chain head as a signed checkpoint linked to the previous one.
 * Call inside write(), after every append to the chain.
 */
export async function recordCheckpoint(
  tx: Tx,
  contractId: string,
  head: { seq: number; hash: string },
  /** The contract's ref and newest checkpoint when the caller has already read them in this write. */
  known?: { ref: string; last: { n: number; hash: string } | null },
): Promise<Checkpoint> {
  const [contract, last] = known
    ? [{ ref: known.ref }, known.last]
    : await Promise.all([
        tx.contract.findUniqueOrThrow({ where: { id: contractId }, select: { ref: true } }),
        tx.chainCheckpoint.findFirst({ where: { contractId }, orderBy: { n: "desc" }, select: { n: true, hash: true } }),
      ]);
  const body: Body = { contract: contract.ref, n: (last?.n ?? 0) + 1, seq: head.seq, head: head.hash, at: new Date().toISOString(), prev: last?.hash ?? ZERO };
  const cp: Checkpoint = { ...body, keyId: signingKey().keyId, signature: sign(checkpointText(body)) };
  await txRun(
    tx,
    Prisma.sql`INSERT INTO "ChainCheckpoint" ("contractId", "n", "seq", "head", "at", "prev", "hash", "keyId", "signature")
      VALUES (${contractId}, ${body.n}, ${body.seq}, ${body.head}, ${body.at}, ${body.prev}, ${checkpointHash(body)}, ${cp.keyId}, ${cp.signature})`,
  );
  // Per write(), not per transaction: writes grouped into one transaction are logged each on its own.
  let pending = pendingByWrite.get(currentWrite());
  if (!pending) {
    const batch: Checkpoint[] = (pending = []);
    pendingByWrite.set(currentWrite(), batch);
    afterCommit(() => appendToAnchorLog(batch));
  }
  pending.push(cp);
  return cp;
}

// Lines a failed append could not write (a full disk, say): tried again before the next batch.
// A process that dies in between loses them from memory only; they are still in the table,
// where `verify` finds them and the CLI appends them (docs 0013).
let unwritten: Checkpoint[] = [];

/** Appends checkpoints to the anchor log and fsyncs it. Runs after the commit that made them. */
export function appendToAnchorLog(checkpoints: Checkpoint[]): void {
  const batch = [...unwritten, ...checkpoints];
  if (batch.length === 0) return;
  try {
    writeLines(
      env.anchorLogPath,
      batch.map((c) => JSON.stringify(c)),
    );
    unwritten = [];
  } catch (e) {
    unwritten = batch;
    throw e;
  }
}

function writeLines(file: string, lines: string[]): void {
  const created = !fs.existsSync(file);
  if (created) fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "a", 0o644);
  try {
    // A process killed mid-write can leave a torn last line: start on a fresh line, so the
    // torn one stays unreadable on its own and never swallows the next checkpoint.
    const size = fs.fstatSync(fd).size;
    let torn = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      const rfd = fs.openSync(file, "r");
      try {
        fs.readSync(rfd, last, 0, 1, size - 1);
      } finally {
        fs.closeSync(rfd);
      }
      torn = last[0] !== 0x0a;
    }
    fs.writeSync(fd, `${torn ? "\n" : ""}${lines.join("\n")}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (created) fsyncDirectory(path.dirname(file));
}

function fsyncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the file's own fsync still holds its lines.
  }
}

export type AnchorLog = { lines: Checkpoint[]; unreadable: number; exists: boolean };

/** Reads the anchor log, optionally only one contract's lines. Unreadable lines are counted. */
export function readAnchorLog(contractRef?: string): AnchorLog {
  let text: string;
  try {
    text = fs.readFileSync(env.anchorLogPath, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { lines: [], unreadable: 0, exists: false };
    throw e;
  }
  const needle = contractRef === undefined ? null : JSON.stringify(contractRef);
  const lines: Checkpoint[] = [];
  let unreadable = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (needle && !line.includes(needle)) continue;
    const cp = parseLine(line);
    if (!cp) unreadable++;
    else if (contractRef === undefined || cp.contract === contractRef) lines.push(cp);
  }
  return { lines, unreadable, exists: true };
}

function parseLine(line: string): Checkpoint | null {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    const str = (k: string) => typeof o[k] === "string";
    const int = (k: string) => Number.isInteger(o[k]);
    if (!["contract", "head", "at", "prev", "keyId", "signature"].every(str) || !["n", "seq"].every(int)) return null;
    return o as unknown as Checkpoint;
  } catch {
    return null;
  }
}

/** Signed by this server's key (the only one it trusts; docs 0013 on rotating it). */
export function signedHere(cp: Checkpoint): boolean {
  return cp.keyId === signingKey().keyId && signatureValid(checkpointText(cp), cp.signature);
}

export type AnchorSource = "table" | "log";

export type AnchorProblem =
  /** A checkpoint says the chain was longer than it is: entries were removed. */
  | { kind: "truncated"; source: AnchorSource; n: number; seq: number; length: number }
  /** The chain's entry at a checkpoint's position is not the one signed: history was rewritten. */
  | { kind: "head_mismatch"; source: AnchorSource; n: number; seq: number }
  /** Not signed by this server's key. */
  | { kind: "bad_signature"; source: AnchorSource; n: number }
  /** The table's checkpoints do not follow on from each other: a row was deleted or changed. */
  | { kind: "checkpoint_gap"; n: number }
  /** The anchor log has a signed checkpoint the table no longer has. */
  | { kind: "checkpoint_missing"; n: number; seq: number }
  /** Entries after the newest signed checkpoint: appended by something other than this server. */
  | { kind: "unsigned"; from: number; to: number };

export type AnchorReport = {
  checkpoints: number;
  newest: { n: number; seq: number; head: string; at: string } | null;
  logged: number;
  /** Signed checkpoints in the table but not yet in the log (the process stopped between commit and append). */
  notInLog: Checkpoint[];
  problems: AnchorProblem[];
};

type Reader = Pick<Tx, "pickup" | "lot" | "chainCheckpoint">;

/** The stored hash of every entry of a contract's chain, by position. */
async function entryHashes(client: Reader, contractId: string): Promise<Map<number, string>> {
  const [p, l] = await Promise.all([
    client.pickup.findMany({ where: { contractId }, select: { chainSeq: true, hash: true } }),
    client.lot.findMany({ where: { contractId }, select: { chainSeq: true, hash: true } }),
  ]);
  return new Map([...p, ...l].filter((e) => e.chainSeq != null).map((e) => [e.chainSeq!, e.hash ?? ""]));
}

// A loop, not Math.max(...keys): a long chain would overflow the argument list.
function lengthOf(hashes: Map<number, string>): number {
  let max = 0;
  for (const seq of hashes.keys()) if (seq > max) max = seq;
  return max;
}

/**
 * Checks a contract's chain against its signed checkpoints, in the table and in the log. Read
 * the log before opening `client`'s transaction: a line in the log was committed before it was
 * written, so a snapshot taken after reading it contains its checkpoint.
 */
export async function verifyAnchors(client: Reader, contract: { id: string; ref: string }, log: Checkpoint[]): Promise<AnchorReport> {
  const [hashes, rows] = await Promise.all([
    entryHashes(client, contract.id),
    client.chainCheckpoint.findMany({ where: { contractId: contract.id }, orderBy: { n: "asc" } }),
  ]);
  const length = lengthOf(hashes);
  const problems: AnchorProblem[] = [];
  const against = (source: AnchorSource, cp: Checkpoint) => {
    if (cp.seq > length) problems.push({ kind: "truncated", source, n: cp.n, seq: cp.seq, length });
    else if (hashes.get(cp.seq) !== cp.head) problems.push({ kind: "head_mismatch", source, n: cp.n, seq: cp.seq });
  };
  const valid = signedHere;

  const table = rows.map((r) => ({ contract: contract.ref, n: r.n, seq: r.seq, head: r.head, at: r.at, prev: r.prev, keyId: r.keyId, signature: r.signature }));
  const tableHash = new Map<number, string>();
  let signedLength = 0;
  let prev = ZERO;
  for (const [i, cp] of table.entries()) {
    const hash = checkpointHash(cp);
    if (cp.n !== i + 1 || cp.prev !== prev) problems.push({ kind: "checkpoint_gap", n: cp.n });
    prev = hash;
    if (!valid(cp)) {
      problems.push({ kind: "bad_signature", source: "table", n: cp.n });
      continue;
    }
    tableHash.set(cp.n, hash);
    signedLength = cp.seq;
    against("table", cp);
  }

  const logged = new Map<string, Checkpoint>();
  for (const cp of log) logged.set(checkpointHash(cp), cp);
  for (const [hash, cp] of logged) {
    if (!valid(cp)) {
      problems.push({ kind: "bad_signature", source: "log", n: cp.n });
      continue;
    }
    if (tableHash.get(cp.n) !== hash) problems.push({ kind: "checkpoint_missing", n: cp.n, seq: cp.seq });
    against("log", cp);
  }

  if (length > signedLength) problems.push({ kind: "unsigned", from: signedLength + 1, to: length });
  const newest = table.at(-1);
  return {
    checkpoints: table.length,
    newest: newest ? { n: newest.n, seq: newest.seq, head: newest.head, at: newest.at } : null,
    logged: logged.size,
    notInLog: table.filter((cp) => tableHash.has(cp.n) && !logged.has(tableHash.get(cp.n)!)),
    problems: summarise(problems),
  };
}

// One problem of each kind and source is enough to say what happened: the newest checkpoint
// shows how long the chain was, the first mismatch where its history was rewritten.
function summarise(problems: AnchorProblem[]): AnchorProblem[] {
  const out = new Map<string, AnchorProblem>();
  for (const p of problems) {
    const key = `${p.kind}:${"source" in p ? p.source : ""}`;
    const keepNewest = p.kind === "truncated" || p.kind === "checkpoint_missing";
    const had = out.get(key);
    if (!had || (keepNewest && "n" in p && "n" in had && p.n > had.n)) out.set(key, p);
  }
  return [...out.values()];
}

export type ReceiptCheck = { seq: number; hash: string; result: "found" | "missing" | "different"; length: number };

/**
 * What a household's receipt proves: the chain still holds, at position `seq`, the entry whose
 * hash begins with the short form printed on the receipt.
 */
export async function checkReceipt(client: Reader, contractId: string, seq: number, shortHash: string): Promise<ReceiptCheck> {
  const hashes = await entryHashes(client, contractId);
  const length = lengthOf(hashes);
  const hash = shortHash.toLowerCase();
  const at = hashes.get(seq);
  return { seq, hash, length, result: at === undefined ? "missing" : at.startsWith(hash) ? "found" : "different" };
}

type Entry = { chainSeq: number | null; hash: string | null };

/**
 * The head a pickup receipt prints: the chain just after the pickup and its own lots were
 * appended (appendPickup writes them one after another; corrections come later and carry
 * their own position).
 */
export function pickupReceiptHead(pickup: Entry & { lots: (Entry & { supersedesId: string | null })[] }): { seq: number; hash: string } {
  const last = [pickup, ...pickup.lots.filter((l) => !l.supersedesId)].reduce((a, b) => ((b.chainSeq ?? 0) > (a.chainSeq ?? 0) ? b : a));
  return { seq: last.chainSeq ?? 0, hash: last.hash ?? "" };
}

/**
 * Moves the anchor log aside (kept, renamed) when the database it anchored is gone: an empty
 * database about to be filled again cannot contain the old heads. Returns the new name.
 */
export function setAsideAnchorLog(): string | null {
  const file = env.anchorLogPath;
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const aside = `${file}.${new Date().toISOString().replace(/[:.]/g, "-")}.old`;
  fs.renameSync(file, aside);
  return aside;
}
