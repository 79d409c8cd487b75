// The command line: `npm run cli -- <command> [options]`. Every command works on the database
// named by DATABASE_URL, creating and migrating it when the file does not exist yet.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { AnchorProblem } from "~/domain/chain-anchors.server";
import { backupDatabase, DatabaseInUseError, restoreDatabase } from "~/utils/backup.server";
import { isCalendarDate, todayInVietnam } from "~/utils/dates";
import { env } from "~/utils/env.server";

// The app's database modules open (and migrate) the database on import: loaded only by the
// commands that use them, so `restore` never holds the file it replaces.
const app = async () => ({
  ...(await import("~/utils/db.server")),
  ...(await import("~/domain/bundle/export.server")),
  ...(await import("~/domain/bundle/import.server")),
  ...(await import("~/domain/bundle/importer")),
  ...(await import("~/domain/indicators.server")),
  ...(await import("~/domain/scope.server")),
  ...(await import("~/domain/chain-verify.server")),
  ...(await import("~/domain/totals/verify.server")),
  ...(await import("~/domain/reach/receipt-code.server")),
});

const HELP = `Cầu Nối command line (database: DATABASE_URL, created and migrated if missing)

  npm run cli -- import <file>             import a programme bundle (all or nothing)
  npm run cli -- export <file>             write the whole programme as a bundle ("-" = stdout)
  npm run cli -- indicators --season REF [--as-of YYYY-MM-DD] [--province P] [--district D]
                                           [--commune CODE|NAME] [--buyer REF] [--project-owner REF]
                                           print the indicator JSON on stdout; a province by its
                                           current or former name, a district of before July 2025,
                                           a commune by code (or by name within the province)
  npm run cli -- verify [--contract REF]   recompute every contract's pickup hash chain and check
                                           it against its signed checkpoints and the anchor log
                                           (exit 1 and say where when one is broken); then the
                                           totals kept on write, as verify-totals
  npm run cli -- verify --contract REF --code CODE
                                           does the 6-character code of a pickup receipt text
                                           match a pickup of that contract (exit 1 if not)
  npm run cli -- verify-totals             recompute the per-contract, per-household and
                                           per-statement totals from the ledger and compare them
                                           with the stored ones (exit 1 and list the differences)
  npm run cli -- anchor                    sign the heads of chains recorded before checkpoints
  npm run cli -- reminders [--now ISO-TIME]  tell leaders and buyers of certificates expiring in 60
                                           and 15 days (each reminder once; the server also runs
                                           this hourly)
  npm run cli -- backup <file>             online copy of the live database (writes may continue)
  npm run cli -- restore <file>            check a backup and load it in place (refused while the
                                           server or anything else has the database open)
  npm run cli -- copy-to-postgres <postgresql-url>
                                           copy the whole SQLite installation (accounts, ledger,
                                           outbox, everything) into a new, empty PostgreSQL
                                           database, all or nothing (needs a superuser)
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function importCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) return usage("import needs a file");
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`Cannot read ${file} as JSON: ${e instanceof Error ? e.message : e}`);
    return 1;
  }
  const { importBundle, OPERATOR } = await app();
  // Whoever runs the command line holds the database file: it acts as the operator.
  console.error("Importing as the operator (full rights).");
  const result = await importBundle(json, OPERATOR);
  if (!result.ok) {
    console.error(`Rejected: ${result.problems.length} problem(s); nothing was written.`);
    for (const p of result.problems) console.error(`  ${p.path}: ${p.reason}`);
    return 1;
  }
  for (const [k, c] of Object.entries(result.counts))
    if (c.created || c.updated || c.unchanged) console.error(`  ${k}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  console.error("Imported.");
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) return usage("export needs a file");
  const { exportBundle } = await app();
  const text = JSON.stringify(await exportBundle(), null, 2) + "\n";
  if (file === "-") process.stdout.write(text);
  else fs.writeFileSync(file, text);
  return 0;
}

async function indicatorsCommand(args: string[]): Promise<number> {
  const season = option(args, "--season");
  if (!season) return usage("indicators needs --season REF");
  const asOf = option(args, "--as-of") ?? todayInVietnam();
  if (!isCalendarDate(asOf)) return usage(`--as-of must be a real YYYY-MM-DD date, not "${asOf}"`);
  const { computeIndicators, IndicatorError, resolveFilters, filterProblemMessage, db } = await app();
  const places = await resolveFilters({ province: option(args, "--province"), district: option(args, "--district"), commune: option(args, "--commune") });
  if (places.problems.length) return usage(places.problems.map((p) => filterProblemMessage(p, "en")).join("\n"));
  const buyer = option(args, "--buyer");
  const projectOwner = option(args, "--project-owner");
  if (buyer && !(await db.organisation.findFirst({ where: { ref: buyer, kind: { in: ["cooperative", "enterprise"] } } })))
    return usage(`No buyer with ref "${buyer}"`);
  if (projectOwner && !(await db.organisation.findFirst({ where: { ref: projectOwner, kind: "project_owner" } })))
    return usage(`No project owner with ref "${projectOwner}"`);
  try {
    const result = await computeIndicators(season, { asOf, scope: { ...places.filters, buyer, projectOwner } });
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof IndicatorError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

function usage(message: string): number {
  console.error(`${message}\n\n${HELP}`);
  return 2;
}

async function verify(args: string[]): Promise<number> {
  const { verifyEverything, repairAnchorLog, signingKeyInfo } = await app();
  const only = args.includes("--contract") ? args[args.indexOf("--contract") + 1] : undefined;
  if (args.includes("--code")) return verifyCode(only, args[args.indexOf("--code") + 1]);
  const all = await verifyEverything();
  const results = all.results.filter((r) => only === undefined || r.contract === only);
  const orphans = all.orphans.filter((ref) => only === undefined || ref === only);
  if (only !== undefined && results.length === 0 && orphans.length === 0) {
    console.error(`No contract with ref ${only}`);
    return 2;
  }
  const key = signingKeyInfo();
  console.log(`Checkpoints are signed with Ed25519 key ${key.keyId}, public key ${key.publicKey}`);
  console.log(`Anchor log: ${env.anchorLogPath}${all.logExists ? "" : " (not there yet)"}`);
  let broken = 0;
  for (const { contract, report } of results) {
    const { chain, anchors } = report;
    if (report.intact && chain.intact) {
      const signed = anchors.newest ? `  checkpoint #${anchors.newest.n}` : "";
      console.log(`intact  ${contract}  ${chain.entries} entries  head ${chain.head.slice(0, 16)}…${signed}`);
    } else broken++;
    if (!chain.intact) {
      const b = chain.brokenAt;
      console.log(`BROKEN  ${contract}  at entry ${b.seq} (${b.kind} ${b.ref}): ${b.reason}`);
    }
    for (const p of anchors.problems) console.log(`BROKEN  ${contract}  ${describeAnchorProblem(p)}`);
  }
  for (const ref of orphans) {
    console.log(`BROKEN  ${ref}  removed: the anchor log has signed checkpoints for this contract, the database has no such contract`);
  }
  // Checkpoints committed by a process that stopped before writing them to the log: they are
  // signed, so copying them now is safe (docs/decisions/0013-chain-anchors.md).
  const repaired = repairAnchorLog(results);
  if (repaired)
    console.log(`note    ${repaired} signed checkpoint(s) were in the database but not in the anchor log (a stop between commit and append); appended now`);
  if (all.unreadable) console.log(`note    ${all.unreadable} line(s) of the anchor log could not be read (a write cut short, or an edit)`);
  console.log(`${results.length - broken} intact, ${broken + orphans.length} broken`);
  const totals = only === undefined ? await verifyTotalsCommand() : 0;
  return broken + orphans.length || totals ? 1 : 0;
}

/** A receipt text's code against the chain as stored (app/domain/reach/receipt-code.ts). */
async function verifyCode(contractRef: string | undefined, code: string | undefined): Promise<number> {
  if (!contractRef || !code) return usage("verify --code needs --contract REF and --code CODE");
  const { db, checkReceiptCode } = await app();
  const contract = await db.contract.findUnique({ where: { ref: contractRef }, select: { id: true } });
  if (!contract) {
    console.error(`No contract with ref ${contractRef}`);
    return 2;
  }
  const r = await checkReceiptCode(contract.id, code);
  if (r === "invalid") return usage(`${code} is not a receipt code (6 letters and digits)`);
  if (!r.match) {
    console.log(`NO MATCH  ${code} matches no pickup of ${contractRef} (Mã không khớp với hồ sơ)`);
    return 1;
  }
  const later = r.now ? `; corrected later to ${r.now.kg} kg, ${r.now.amount} VND` : "";
  console.log(`MATCH  ${code}  ${contractRef}  pickup of ${r.date}, ${r.household}: ${r.kg} kg grade ${r.grades}, ${r.amount} VND${later}`);
  return 0;
}

async function verifyTotalsCommand(): Promise<number> {
  const { verifyTotals } = await app();
  const started = Date.now();
  const r = await verifyTotals();
  const counted = Object.entries(r.rows)
    .map(([t, n]) => `${n} ${t}`)
    .join(", ");
  for (const d of r.differences) {
    const key = Object.values(d.key).join(" × ");
    const fields = d.fields.map((f) => `${f.field} ledger ${JSON.stringify(f.ledger)} stored ${JSON.stringify(f.stored)}`).join("; ");
    console.log(`DIFFERS ${d.table} ${key}: ${fields}`);
  }
  if (r.more) console.log(`…and ${r.more} more`);
  console.log(`totals  ${r.ok ? "match the ledger" : "DIFFER from the ledger"} (${counted}; ${Date.now() - started} ms)`);
  return r.ok ? 0 : 1;
}

function describeAnchorProblem(p: AnchorProblem): string {
  const where = (source: string) => (source === "log" ? "in the anchor log" : "in the database");
  switch (p.kind) {
    case "truncated":
      return `truncated: signed checkpoint #${p.n} ${where(p.source)} says the chain had ${p.seq} entries; it has ${p.length}`;
    case "head_mismatch":
      return `rewritten: entry ${p.seq} is not the one signed in checkpoint #${p.n} ${where(p.source)}`;
    case "bad_signature":
      return `forged: checkpoint #${p.n} ${where(p.source)} is not signed by this server's key`;
    case "checkpoint_gap":
      return `checkpoint #${p.n} does not follow on from the one before it: a checkpoint was deleted or changed`;
    case "checkpoint_missing":
      return `deleted: the anchor log's signed checkpoint #${p.n} (entry ${p.seq}) is missing from the database`;
    case "unsigned":
      return `unsigned: entries ${p.from}–${p.to} come after the newest signed checkpoint (added outside the app, or recorded before checkpoints existed: see "anchor")`;
  }
}

async function anchorCommand(): Promise<number> {
  const { adoptUnanchoredChains } = await app();
  const r = await adoptUnanchoredChains();
  for (const ref of r.adopted) console.log(`signed  ${ref}`);
  for (const ref of r.refused) console.log(`REFUSED ${ref}  (its chain does not verify, or the anchor log already has checkpoints for it: run verify)`);
  console.log(`${r.adopted.length} chain(s) signed, ${r.refused.length} refused`);
  return r.refused.length ? 1 : 0;
}

async function backupCommand(args: string[]): Promise<number> {
  if (!args[0]) return usage("backup needs a target file");
  const started = Date.now();
  if (env.databaseEngine === "postgresql") {
    // PostgreSQL's own online backup: a consistent snapshot while the app keeps writing.
    const tmp = `${args[0]}.partial`;
    const r = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${tmp}`, env.DATABASE_URL], { stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) {
      fs.rmSync(tmp, { force: true });
      console.error(r.error ? `pg_dump could not run: ${r.error.message}` : `pg_dump failed (exit ${r.status}); nothing was written to ${args[0]}`);
      return 1;
    }
    fs.renameSync(tmp, args[0]); // a half-written backup never has the final name
    console.error(`Backed up the PostgreSQL database to ${args[0]} (pg_dump custom format) in ${Date.now() - started} ms.`);
    return 0;
  }
  const r = await backupDatabase(env.databasePath, args[0]);
  console.error(`Backed up ${r.pages} pages of ${env.databasePath} to ${args[0]} in ${Date.now() - started} ms.`);
  return 0;
}

async function copyToPostgresCommand(args: string[]): Promise<number> {
  const url = args[0];
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    return usage("copy-to-postgres needs the PostgreSQL database's URL (postgresql://user:password@host:5432/database)");
  if (env.databaseEngine !== "sqlite") return usage("copy-to-postgres copies the SQLite file named by DATABASE_URL (file:…), which is not a SQLite file here");
  if (!fs.existsSync(env.databasePath)) return usage(`no SQLite file at ${env.databasePath}`);
  const { copyToPostgres, CopyRefused } = await import("~/utils/copy-to-postgres.server");
  try {
    const r = await copyToPostgres(env.databasePath, url, (line) => console.error(`  ${line}`));
    console.error(`Copied ${r.rows.toLocaleString("en")} rows of ${r.tables} tables from ${env.databasePath} in ${r.seconds.toFixed(1)} s.`);
    // The chains' signing key and session secret stay in the data directory; the anchor log moves
    // to the name it has there on PostgreSQL (env.server.ts), so `verify` finds it.
    const anchors = path.join(env.dataDir, "chain-anchors.jsonl");
    if (fs.existsSync(env.anchorLogPath) && path.resolve(env.anchorLogPath) !== anchors) {
      if (fs.existsSync(anchors)) console.error(`Not copied: ${anchors} exists already; the anchor log of this file is ${env.anchorLogPath}.`);
      else fs.copyFileSync(env.anchorLogPath, anchors);
    }
    console.error(
      `Check it, then start the app on it, with the same data directory (signing key, anchor log):\n` +
        `  DATABASE_URL='<the PostgreSQL URL>' DATA_DIR=${env.dataDir} npm run cli -- verify`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof CopyRefused)) throw e;
    console.error(`Not copied: ${e.message}. Nothing was written.`);
    return 1;
  }
}

function restoreCommand(args: string[]): number {
  if (!args[0]) return usage("restore needs a backup file");
  if (env.databaseEngine === "postgresql") {
    console.error(
      "On PostgreSQL, restore with its own tool into a new, empty database, then point DATABASE_URL at it:\n" +
        `  createdb caunoi_restored && pg_restore --no-owner --dbname=caunoi_restored ${args[0]}\n` +
        "(README, PostgreSQL). Nothing was changed.",
    );
    return 1;
  }
  try {
    restoreDatabase(args[0], env.databasePath);
  } catch (e) {
    if (!(e instanceof DatabaseInUseError)) throw e;
    console.error(`Refused: ${e.message}`);
    return 1;
  }
  console.error(`Restored ${args[0]} to ${env.databasePath}. Start the server again.`);
  return 0;
}

async function remindersCommand(args: string[]): Promise<number> {
  const at = option(args, "--now");
  const now = at ? new Date(at) : new Date();
  if (Number.isNaN(now.getTime())) return usage(`--now: not a time: ${at}`);
  const { sendCertificateReminders } = await import("~/domain/certifications/reminders.server");
  const r = await sendCertificateReminders(now);
  console.error(`Certificate reminders: ${r.reminders} sent (${r.notices} notices).`);
  return 0;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case "backup":
      return backupCommand(args);
    case "restore":
      return restoreCommand(args);
    case "copy-to-postgres":
      return copyToPostgresCommand(args);
    case "import":
      return importCommand(args);
    case "export":
      return exportCommand(args);
    case "indicators":
      return indicatorsCommand(args);
    case "verify":
      return verify(args);
    case "verify-totals":
      return verifyTotalsCommand();
    case "anchor":
      return anchorCommand();
    case "reminders":
      return remindersCommand(args);
    default:
      console.log(HELP);
      return command && command !== "help" ? 2 : 0;
  }
}

async function close() {
  const g = globalThis as unknown as { __caunoiDb?: unknown };
  if (g.__caunoiDb) await (await import("~/utils/db.server")).disconnect();
  // Writes to a pipe are asynchronous: exiting before they drain cuts `export -` short.
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
}

main()
  .then(async (code) => {
    await close();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(e instanceof Error ? e.message : e);
    await close();
    process.exit(1);
  });
