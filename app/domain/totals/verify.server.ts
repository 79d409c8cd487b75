// The totals kept on write (docs/decisions/0016-totals-on-write.md) checked against the ledger:
// each stored table is compared, row by row, with its view that recomputes it from pickups,
// lots, disputes, statements and payments (the views are defined in the migration that made
// the tables, so the filling and the checking share one definition).
import { db } from "~/utils/db.server";

type TotalTable = { table: string; view: string; key: string[]; fields: string[] };

const TABLES: TotalTable[] = [
  {
    table: "ContractTotal",
    view: "LedgerContractTotal",
    key: ["contractId"],
    fields: ["netG", "amountVnd", "lots", "disputedLots", "pickups", "witnessedPickups", "paidVnd", "headSeq", "headHash"],
  },
  {
    table: "ContractHouseholdTotal",
    view: "LedgerContractHouseholdTotal",
    key: ["contractId", "householdId"],
    fields: ["netG", "amountVnd", "lots", "disputedLots", "povertyStatus", "headSex", "ethnicMinority"],
  },
  {
    table: "InvoiceTotal",
    view: "LedgerInvoiceTotal",
    key: ["invoiceId"],
    fields: ["contractId", "dueOn", "cancelled", "amountVnd", "keptVnd", "paidByDueVnd"],
  },
];

export type TotalsDifference = {
  table: string;
  key: Record<string, string>;
  /** The fields that differ, with the ledger's value and the stored one (null: no such row). */
  fields: { field: string; ledger: unknown; stored: unknown }[];
};

export type TotalsReport = { ok: boolean; rows: Record<string, number>; differences: TotalsDifference[]; more: number };

const q = (name: string) => `"${name}"`;
const plain = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);

/** Recomputes every total from the ledger and lists where the stored ones differ (first `limit`). */
export async function verifyTotals(limit = 100): Promise<TotalsReport> {
  const rows: Record<string, number> = {};
  const differences: TotalsDifference[] = [];
  let more = 0;
  for (const t of TABLES) {
    const cols = [...t.key, ...t.fields].map(q).join(", ");
    const [count] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM ${q(t.table)}`);
    rows[t.table] = Number(count.n);
    const diff = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT 'ledger' AS side, * FROM (SELECT ${cols} FROM ${q(t.view)} EXCEPT SELECT ${cols} FROM ${q(t.table)}) AS l
       UNION ALL
       SELECT 'stored' AS side, * FROM (SELECT ${cols} FROM ${q(t.table)} EXCEPT SELECT ${cols} FROM ${q(t.view)}) AS s`,
    );
    const byKey = new Map<string, { ledger?: Record<string, unknown>; stored?: Record<string, unknown> }>();
    for (const r of diff) {
      const k = t.key.map((c) => String(r[c])).join("\u0000");
      const entry = byKey.get(k) ?? {};
      entry[r.side as "ledger" | "stored"] = r;
      byKey.set(k, entry);
    }
    for (const { ledger, stored } of byKey.values()) {
      if (differences.length >= limit) {
        more++;
        continue;
      }
      const any = (ledger ?? stored)!;
      differences.push({
        table: t.table,
        key: Object.fromEntries(t.key.map((c) => [c, String(any[c])])),
        fields: t.fields
          .filter((f) => !ledger || !stored || plain(ledger[f]) !== plain(stored[f]))
          .map((f) => ({ field: f, ledger: ledger ? plain(ledger[f]) : null, stored: stored ? plain(stored[f]) : null })),
      });
    }
  }
  return { ok: differences.length === 0 && more === 0, rows, differences, more };
}
