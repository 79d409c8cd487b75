// Writing and reading a household's poverty history. Records are append-only (a trigger refuses
// updates and deletes); writing one moves Household.povertyStatus to the latest record and the
// contract totals to the status valid on each season's start, both by trigger, in the same
// transaction. Nothing else should write Household.povertyStatus: a direct write is recorded as
// certified that day, which loses the real certification date.
import { db, type Tx } from "~/utils/db.server";
import { jsonTextValues, writtenOrder } from "~/utils/sql-dialect.server";

export type PovertySource = "registration" | "edit" | "survey" | "import";

export async function recordPovertyStatus(
  tx: Tx,
  r: {
    householdId: string;
    status: string;
    certifiedOn: string;
    source: PovertySource;
    surveyId?: string | null;
    note?: string | null;
    recordedById?: string | null;
  },
) {
  return tx.povertyRecord.create({
    data: {
      householdId: r.householdId,
      status: r.status,
      certifiedOn: r.certifiedOn,
      source: r.source,
      surveyId: r.surveyId ?? null,
      note: r.note ?? null,
      recordedById: r.recordedById ?? null,
    },
  });
}

/**
 * A household's records in the order they were written, oldest first: SQLite's rowid; on
 * PostgreSQL createdAt, which a trigger keeps strictly increasing per household in written order.
 */
export async function povertyHistory(householdId: string, client: Pick<typeof db, "$queryRaw"> = db) {
  return client.$queryRaw<{ id: string; status: string; certifiedOn: string | null; source: string; note: string | null; recordedById: string | null }[]>`
    SELECT "id", "status", "certifiedOn", "source", "note", "recordedById" FROM "PovertyRecord" WHERE "householdId" = ${householdId} ORDER BY ${writtenOrder(`"createdAt"`)}`;
}

/** Many households' records at once, for outcome figures (oldest first per household). */
export async function povertyHistories(householdIds: string[]): Promise<Map<string, { status: string; certifiedOn: string | null }[]>> {
  const out = new Map<string, { status: string; certifiedOn: string | null }[]>();
  if (!householdIds.length) return out;
  const rows = await db.$queryRaw<{ householdId: string; status: string; certifiedOn: string | null }[]>`
    SELECT "householdId", "status", "certifiedOn" FROM "PovertyRecord"
    WHERE "householdId" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(householdIds))}) ORDER BY ${writtenOrder(`"createdAt"`)}`;
  for (const r of rows) {
    if (!out.has(r.householdId)) out.set(r.householdId, []);
    out.get(r.householdId)!.push({ status: r.status, certifiedOn: r.certifiedOn });
  }
  return out;
}
