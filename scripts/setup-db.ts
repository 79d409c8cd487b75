// `npm start` step: create and migrate the database named by DATABASE_URL, and load the demo
// programme when it is empty (SEED_DEMO=0 skips that). Then sign the heads of chains recorded
// before signed checkpoints existed (docs/decisions/0013-chain-anchors.md).
import { setAsideAnchorLog } from "~/domain/chain-anchors.server";
import { adoptUnanchoredChains } from "~/domain/chain-verify.server";
import { isDatabaseEmpty, loadDemoProgramme } from "~/domain/demo.server";
import { dbReady, disconnect } from "~/utils/db.server";
import { env } from "~/utils/env.server";

async function main() {
  await dbReady(); // importing db.server already migrated the file
  console.log(`Database: ${env.databasePath}`);
  const empty = await isDatabaseEmpty();
  if (empty) {
    // A log left by a database that was deleted would make every new chain look cut short.
    const aside = setAsideAnchorLog();
    if (aside) console.log(`Empty database: the old anchor log was moved to ${aside}`);
  }
  if (process.env.SEED_DEMO !== "0" && empty) {
    const started = Date.now();
    console.log("Empty database: loading the demo programme…");
    const summary = await loadDemoProgramme();
    console.log(`Demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s:`, summary);
  }
  const { adopted, refused } = await adoptUnanchoredChains();
  if (adopted.length) console.log(`Signed the chain heads of ${adopted.length} contract(s) recorded before checkpoints.`);
  if (refused.length) console.log(`Not signed (run \`npm run cli -- verify\`): ${refused.join(", ")}`);
  await disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
