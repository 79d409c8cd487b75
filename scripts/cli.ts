// The command line: `npm run cli -- <command> [options]`. Every command works on the database
// named by DATABASE_URL, creating and migrating it when the file does not exist yet.
import { verifyAll } from "~/domain/pickups.server";
import { dbReady, disconnect } from "~/utils/db.server";

const HELP = `Cầu Nối command line

  npm run cli -- verify [--contract REF]   recompute every contract's pickup hash chain
                                           (exit 1 and say where when one is broken)
`;

async function verify(args: string[]): Promise<number> {
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

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  await dbReady();
  switch (command) {
    case "verify":
      return verify(args);
    default:
      console.log(HELP);
      return command && command !== "help" ? 2 : 0;
  }
}

main()
  .then(async (code) => {
    await disconnect();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(e instanceof Error ? e.message : e);
    await disconnect();
    process.exit(1);
  });
