// Public trace codes (issue 16): what a label's QR leads to. Random, not derived from ids or
// from one another, so holding one code tells nothing about any other. Ten Crockford base-32
// characters (50 bits): short enough to read out or type, far too many to guess.
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { dbNow, txAll, txRun, type Tx } from "~/utils/db.server";
import { jsonElements, jsonFields, jsonTextValues } from "~/utils/sql-dialect.server";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
export const TRACE_CODE_LENGTH = 10;
export const TRACE_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function newTraceCode(): string {
  const bytes = crypto.randomBytes(TRACE_CODE_LENGTH);
  let s = "";
  for (const b of bytes) s += ALPHABET[b & 31];
  return s;
}

/** A code as a person may type it: lower case, O for 0, I/L for 1, spaces and dashes. */
export function normaliseTraceCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return TRACE_CODE_RE.test(s) ? s : null;
}

/**
 * Gives each of these pickups, and each of their lots, a code if it has none yet (records made
 * before codes existed get theirs when labels are first printed or exported). Inside a write.
 * A collision (2^-50 per pair) is simply retried with new codes.
 */
export async function ensureTraceCodes(tx: Tx, pickupIds: string[]): Promise<void> {
  if (!pickupIds.length) return;
  const ids = JSON.stringify(pickupIds);
  const missing = await txAll<{ pickupId: string; lotId: string | null }>(
    tx,
    Prisma.sql`SELECT p."id" AS "pickupId", NULL AS "lotId" FROM "Pickup" p
                 WHERE p."id" IN (SELECT "value" FROM ${jsonTextValues(ids)})
                   AND NOT EXISTS (SELECT 1 FROM "TraceCode" t WHERE t."pickupId" = p."id" AND t."lotId" IS NULL)
               UNION ALL
               SELECT l."pickupId", l."id" FROM "Lot" l
                 WHERE l."pickupId" IN (SELECT "value" FROM ${jsonTextValues(ids)})
                   AND NOT EXISTS (SELECT 1 FROM "TraceCode" t WHERE t."lotId" = l."id")`,
  );
  await insertTraceCodes(tx, missing);
}

/**
 * New codes for records that have none: a pickup just written in this transaction (its own
 * code, lotId null, and one per lot), or what ensureTraceCodes found missing. No read first, on
 * purpose: under PostgreSQL's SERIALIZABLE, every pickup reading TraceCode's index and then
 * inserting into it made concurrent pickups on other contracts conflict (most of the retries,
 * and the 503s, of the large benchmark's 20 clients).
 */
export async function insertTraceCodes(tx: Tx, records: { pickupId: string; lotId: string | null }[]): Promise<void> {
  if (!records.length) return;
  for (let attempt = 0; ; attempt++) {
    const rows = records.map((m) => ({ code: newTraceCode(), pickupId: m.pickupId, lotId: m.lotId }));
    try {
      await txRun(
        tx,
        Prisma.sql`INSERT INTO "TraceCode" ("code", "pickupId", "lotId", "createdAt")
          SELECT ${jsonFields("j", ["code", "pickupId", "lotId"])}, ${dbNow()}
          FROM ${jsonElements(JSON.stringify(rows))}`,
      );
      return;
    } catch (e) {
      if (attempt < 3 && String(e).includes("TraceCode.code")) continue;
      throw e;
    }
  }
}
