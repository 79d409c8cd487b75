// The command line: `npm run cli -- <command> [options]`. Every command works on the database
// named by DATABASE_URL, creating and migrating it when the file does not exist yet.
import fs from "node:fs";
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
  ...(await import("~/domain/pickups.server")),
});

const HELP = `Cầu Nối command line (database: DATABASE_URL, created and migrated if missing)

  npm run cli -- import <file>             import a programme bundle (all or nothing)
  npm run cli -- export <file>             write the whole programme as a bundle ("-" = stdout)
  npm run cli -- indicators --season REF [--as-of YYYY-MM-DD] [--province P] [--district D]
                                           [--buyer REF] [--project-owner REF]
                                           print the indicator JSON on stdout
  npm run cli -- verify [--contract REF]   recompute every contract's pickup hash chain
                                           (exit 1 and say where when one is broken)
  npm run cli -- backup <file>             online copy of the live database (writes may continue)
  npm run cli -- restore <file>            check a backup and load it in place (refused while the
                                           server or anything else has the database open)
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
  for (const [k, c] of Object.entries(result.counts)) if (c.created || c.updated || c.unchanged) console.error(`  ${k}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
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
  const { computeIndicators, IndicatorError } = await app();
  try {
    const result = await computeIndicators(season, {
      asOf,
      scope: { province: option(args, "--province"), district: option(args, "--district"), buyer: option(args, "--buyer"), projectOwner: option(args, "--project-owner") },
    });
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
  const { verifyAll } = await app();
  const only = args[args.indexOf("--contract") + 1];
  const results = (await verifyAll()).filter((r) => !args.includes("--contract") || r.contract === only);
  if (args.includes("--contract") && results.length === 0) {
    console.error(`No contract with ref ${only}`);
    return 2;
  }
  let broken = 0;
  for (const { contract, report } of results) {
    if (report.intact) console.log(`intact  ${contract}  ${report.entries} entries  head ${report.head.slice(0, 16)}…`);
    else {
      broken++;
      const b = report.brokenAt;
      console.log(`BROKEN  ${contract}  at entry ${b.seq} (${b.kind} ${b.ref}): ${b.reason}`);
    }
  }
  console.log(`${results.length - broken} intact, ${broken} broken`);
  return broken ? 1 : 0;
}

async function backupCommand(args: string[]): Promise<number> {
  if (!args[0]) return usage("backup needs a target file");
  const started = Date.now();
  const r = await backupDatabase(env.databasePath, args[0]);
  console.error(`Backed up ${r.pages} pages of ${env.databasePath} to ${args[0]} in ${Date.now() - started} ms.`);
  return 0;
}

function restoreCommand(args: string[]): number {
  if (!args[0]) return usage("restore needs a backup file");
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

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case "backup":
      return backupCommand(args);
    case "restore":
      return restoreCommand(args);
    case "import":
      return importCommand(args);
    case "export":
      return exportCommand(args);
    case "indicators":
      return indicatorsCommand(args);
    case "verify":
      return verify(args);
    default:
      console.log(HELP);
      return command && command !== "help" ? 2 : 0;
  }
}

async function close() {
  const g = globalThis as unknown as { __caunoiDb?: unknown };
  if (g.__caunoiDb) await (await import("~/utils/db.server")).disconnect();
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
