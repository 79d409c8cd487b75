// `npm start` step: create and migrate the database named by DATABASE_URL, and load the demo
// programme when it is empty (SEED_DEMO=0 skips that).
import { isDatabaseEmpty, loadDemoProgramme } from "~/domain/demo.server";
import { dbReady, disconnect } from "~/utils/db.server";
import { env } from "~/utils/env.server";

async function main() {
  await dbReady(); // importing db.server already migrated the file
  console.log(`Database: ${env.databasePath}`);
  if (process.env.SEED_DEMO !== "0" && (await isDatabaseEmpty())) {
    const started = Date.now();
    console.log("Empty database: loading the demo programme…");
    const summary = await loadDemoProgramme();
    console.log(`Demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s:`, summary);
  }
  await disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
