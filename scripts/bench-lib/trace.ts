// The public trace page under load (issue 16: ≥ 500 requests/s on the large set). The generated
// data set writes its ledger rows directly, without trace codes, so the codes of one pickup are
// added here (as ensureTraceCodes would when its labels are printed): the pickup on the contract
// with the longest chain, the worst case for verifying "record intact". Measured anonymously (no
// cookie), 50 connections like the other pages; the first view alone (chain verified, page
// rendered) is reported too, since every write to the database makes the next view do that again.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { loadPage, type PageLoad } from "./http-bench";
import { figure, type Figure } from "./report";

export type TraceResult = PageLoad & { firstViewMs: number; chainEntries: number; pickupLots: number };

// As app/domain/trace/codes.server.ts makes them; not imported, since that module opens the
// app's database on import and this one is loaded before the benchmark points it anywhere.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const newTraceCode = () => [...crypto.randomBytes(10)].map((b) => ALPHABET[b & 31]).join("");

/** A lot code on the longest chain, made if the data set has none there yet. */
export function traceCodeToLoad(file: string): { code: string; chainEntries: number; pickupLots: number } {
  const raw = new Database(file);
  try {
    raw.pragma("busy_timeout = 5000");
    // Generated pickups only: runs record pickups (vehicle BENCH-01) into whichever database they
    // ran on, so the file and a PostgreSQL copy of it differ by those; choosing among the
    // generated ones picks the same pickup in both, the one whose codes the copy carries.
    const longest = raw
      .prepare(
        `SELECT l."contractId", MAX(l."chainSeq") AS "entries" FROM "Lot" l JOIN "Pickup" p ON p."id" = l."pickupId"
          WHERE COALESCE(p."vehicle", '') <> 'BENCH-01' GROUP BY l."contractId" ORDER BY "entries" DESC, l."contractId" LIMIT 1`,
      )
      .get() as { contractId: string; entries: number };
    // Filtered here, not with "supersedesId" IS NULL in SQL: SQLite would walk that column's index.
    const chain = raw
      .prepare(
        `SELECT l."pickupId", l."supersedesId", COALESCE(p."vehicle", '') AS "vehicle" FROM "Lot" l JOIN "Pickup" p ON p."id" = l."pickupId"
          WHERE l."contractId" = ? ORDER BY l."chainSeq" DESC`,
      )
      .all(longest.contractId) as { pickupId: string; supersedesId: string | null; vehicle: string }[];
    const pickupId = chain.find((l) => l.supersedesId === null && l.vehicle !== "BENCH-01")!.pickupId;
    const lots = raw.prepare(`SELECT "id" FROM "Lot" WHERE "pickupId" = ? ORDER BY "chainSeq"`).pluck().all(pickupId) as string[];
    const add = raw.prepare(`INSERT OR IGNORE INTO "TraceCode" ("code", "pickupId", "lotId", "createdAt") VALUES (?, ?, ?, ?)`);
    const now = new Date().toISOString().replace("Z", "+00:00");
    raw.transaction(() => {
      if (!raw.prepare(`SELECT 1 FROM "TraceCode" WHERE "pickupId" = ? AND "lotId" IS NULL`).get(pickupId)) add.run(newTraceCode(), pickupId, null, now);
      for (const id of lots) if (!raw.prepare(`SELECT 1 FROM "TraceCode" WHERE "lotId" = ?`).get(id)) add.run(newTraceCode(), pickupId, id, now);
    })();
    const code = raw.prepare(`SELECT "code" FROM "TraceCode" WHERE "lotId" = ?`).pluck().get(lots[0]) as string;
    return { code, chainEntries: longest.entries, pickupLots: lots.length };
  } finally {
    raw.close();
  }
}

/** Loaded like the other pages, over every server at `bases`; the first view on the first. */
export async function benchTrace(
  bases: string | string[],
  file: string,
  load: { connections: number; duration: number; warmup: number },
  log: (msg: string) => void,
): Promise<TraceResult> {
  const n = typeof bases === "string" ? 1 : bases.length;
  log(`load: public trace page, anonymous, ${load.connections} connections${n > 1 ? ` over ${n} processes` : ""}, ${load.duration} s`);
  const { code, chainEntries, pickupLots } = traceCodeToLoad(file);
  const path = `/t/${code}`;
  const base = typeof bases === "string" ? bases : bases[0];
  const started = performance.now();
  const first = await fetch(base + path);
  const body = await first.text();
  const firstViewMs = Math.round(performance.now() - started);
  if (first.status !== 200 || !body.includes('id="trace-verdict"')) throw new Error(`GET ${path} answered ${first.status} before the load`);
  const measured = await loadPage(bases, "trace page", path, "", load);
  return { ...measured, firstViewMs, chainEntries, pickupLots };
}

/** The table's rows for the trace page. */
export function traceFigures(t: TraceResult | null | undefined, over = ""): Figure[] {
  const none = t && t.requests === 0;
  return [
    figure("http.trace.rps", `public trace page, anonymous: requests/s (50 connections${over})`, t?.rps ?? null, "req/s", [">=", 500]),
    figure("http.trace.p50", "  p50", none ? null : (t?.p50 ?? null), "ms"),
    figure("http.trace.p95", "  p95", none ? null : (t?.p95 ?? null), "ms"),
    figure("http.trace.first", `  first view after a write (chain of ${t?.chainEntries ?? "?"} entries verified)`, t?.firstViewMs ?? null, "ms"),
  ];
}
