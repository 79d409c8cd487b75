// Programme-scale benchmark data: `npm run bench:data -- --size small|large [--out FILE] [--no-check]`.
// Writes a realistic database (default data/bench-<size>.db, deleted and recreated): the demo's
// value chains scaled to 10,000 farmer groups / 200,000 households / 300 buyers / 2,000,000 lots
// (large) or 1/100 of that (small), valid for the app — hash chains built with the app's own
// entryHash/canonicalJson, gap-free invoice numbers, lotsHash via lotsDigest. Raw better-sqlite3
// inserts in large transactions (Prisma would take hours). See bench/README.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { todayInVietnam } from "~/utils/dates";
import { migrateDatabase } from "~/utils/migrate.server";
import { SCALES, type Size } from "./bench-lib/chains";
import type { LedgerState } from "./bench-lib/gen-ledger";
import { LOGINS, writeGroups, writeReference, writeUsers, type Ids } from "./bench-lib/gen-people";
import { planProgramme } from "./bench-lib/plan";
import { idMaker } from "./bench-lib/rng";
import { finishBulkLoad, openForBulkLoad, Progress, Writer } from "./bench-lib/writer";

function args() {
  const a = process.argv.slice(2);
  const get = (name: string) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const size = (get("size") ?? "small") as Size;
  if (!(size in SCALES)) throw new Error(`--size must be small or large, not "${size}"`);
  return { size, out: path.resolve(get("out") ?? `data/bench-${size}.db`), check: !a.includes("--no-check") };
}

const { size, out, check } = args();
const t0 = Date.now();
const secs = (from = t0) => ((Date.now() - from) / 1000).toFixed(1);
const log = (msg: string) => process.stderr.write(`[bench:data ${secs()} s] ${msg}\n`);

// lotsDigest lives in a module that opens the app's database at import: point it at a scratch file.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-bench-data-"));
process.env.DATABASE_URL = `file:${path.join(scratch, "scratch.db")}`;
process.env.SESSION_SECRET ??= "bench-data-scratch-secret-0123456789";
const { lotsDigest } = await import("~/domain/invoices.server");
// The ledger signs checkpoints, so it too opens the database at import (docs/decisions/0013-chain-anchors.md).
const { writeContract } = await import("./bench-lib/gen-ledger");
const { dbReady, disconnect } = await import("~/utils/db.server");
const { hashPassword } = await import("~/utils/password.server");
const passwordHash = hashPassword(LOGINS.password); // scrypt runs off the main thread meanwhile

for (const f of [out, `${out}-wal`, `${out}-shm`, `${out}-journal`]) fs.rmSync(f, { force: true });
migrateDatabase(out);
const today = todayInVietnam();
const plan = planProgramme(size, today);
log(
  `${size}: planned ${plan.groups.length.toLocaleString("en")} groups, ${plan.households.toLocaleString("en")} households, ${plan.buyers.length} buyers, ` +
    `${plan.contracts.length.toLocaleString("en")} contracts, ${plan.pickups.toLocaleString("en")} pickups, ${plan.lots.toLocaleString("en")} lots (+≈1% corrections), ` +
    `${plan.invoices.toLocaleString("en")} invoices; today ${today} → ${out}`,
);

const db = openForBulkLoad(out);
const w = new Writer(db);
const now = new Date().toISOString().replace("Z", "+00:00");
const ids: Ids = {
  next: idMaker(`bench:${size}`),
  products: new Map(),
  seasons: new Map(),
  buyers: [],
  buyerAdmins: [],
  buyerStaff: [],
  projectOwners: [],
  groups: [],
  households: [],
  householdRefs: [],
  leaders: [],
  leaderNames: [],
};
w.tx(() => writeReference(w, plan, ids, now));
const groupProgress = new Progress(w, "groups + households", plan.groups.length);
w.tx(() => writeGroups(w, plan, ids, now, (i) => groupProgress.tick(i + 1)));
groupProgress.done(plan.groups.length);
const hashed = await passwordHash;
w.tx(() => writeUsers(w, plan, ids, hashed, now));
log(`reference data, groups, households and ${(3 + plan.buyers.length * 2 + plan.groups.length).toLocaleString("en")} logins written`);

const st: LedgerState = { lotsDigest, pickupNo: new Map(), lotNo: 0, paymentNo: 0, lotsWritten: 0, corrections: 0, disputes: 0, payments: 0 };
const contractIds: string[] = [];
const lotProgress = new Progress(w, "contracts, pickups, lots, invoices", plan.lots);
const BATCH = 250;
for (let k = 0; k < plan.contracts.length; k += BATCH) {
  w.tx(() => {
    for (const c of plan.contracts.slice(k, k + BATCH)) {
      writeContract(w, plan, ids, c, contractIds, st);
      lotProgress.tick(st.lotsWritten);
    }
  });
}
w.tx(() => {
  for (const [key, last] of plan.counters) {
    const [buyer, year] = key.split(":").map(Number);
    w.insert("InvoiceCounter", [ids.buyers[buyer], year, last]);
  }
});
lotProgress.done(st.lotsWritten);
finishBulkLoad(db);
const writeSeconds = secs();
log(`${w.rows.toLocaleString("en")} rows written in ${writeSeconds} s (${Math.round(w.rows / Number(writeSeconds)).toLocaleString("en")} rows/s overall)`);

await dbReady();
await disconnect();
fs.rmSync(scratch, { recursive: true, force: true });

const ro = new Database(out, { readonly: true });
if (check) {
  const t = Date.now();
  const bad = ro.prepare("PRAGMA foreign_key_check").all();
  if (bad.length) throw new Error(`foreign_key_check: ${bad.length} dangling references, e.g. ${JSON.stringify(bad.slice(0, 3))}`);
  log(`foreign keys checked in ${secs(t)} s`);
}
const count = (t: string) => ro.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number;
const tables = [
  "FarmerGroup",
  "Household",
  "Organisation",
  "User",
  "Contract",
  "Pickup",
  "PickupWitness",
  "Lot",
  "LotDispute",
  "Invoice",
  "InvoiceLine",
  "Payment",
];
const counts = Object.fromEntries(tables.map((t) => [t, count(t)]));
const statuses = ro.prepare(`SELECT status, COUNT(*) AS n FROM "Contract" GROUP BY 1 ORDER BY 2 DESC`).all() as { status: string; n: number }[];
const witnessed = ro.prepare(`SELECT COUNT(DISTINCT "pickupId") FROM "PickupWitness"`).pluck().get() as number;
const bytes = fs.statSync(out).size;
ro.close();

const total = secs();
console.log(
  `Bench data (${size}) in ${total} s → ${path.relative(process.cwd(), out)} (${(bytes / 2 ** 20).toFixed(0)} MiB): ` +
    `${counts.FarmerGroup.toLocaleString("en")} groups, ${counts.Household.toLocaleString("en")} households, ${counts.Organisation} organisations, ` +
    `${counts.User.toLocaleString("en")} users, ${counts.Contract.toLocaleString("en")} contracts (${statuses.map((s) => `${s.n} ${s.status}`).join(", ")}), ` +
    `${counts.Pickup.toLocaleString("en")} pickups (${((100 * witnessed) / Math.max(1, counts.Pickup)).toFixed(0)}% witnessed), ` +
    `${counts.Lot.toLocaleString("en")} lots (${st.corrections.toLocaleString("en")} corrections), ${counts.LotDispute.toLocaleString("en")} disputes, ` +
    `${counts.Invoice.toLocaleString("en")} invoices (${counts.InvoiceLine.toLocaleString("en")} lines), ${counts.Payment.toLocaleString("en")} payments. ` +
    `Logins (password "${LOGINS.password}"): ${LOGINS.project} (project owner), ${LOGINS.staff} (buyer staff), ${LOGINS.authority} (authority), ${LOGINS.admin}.`,
);
