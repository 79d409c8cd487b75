// The PostgreSQL run of the suites (vitest.pg.config.ts), after the SQLite run in `npm test`.
// Without a PostgreSQL server it is skipped with one line saying so, except in CI (CI=true),
// which must always run both engines (.ci/run installs one; CI=1 counts too, as CI services set it). Extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import { postgresBin } from "../tests/support/pg-cluster";

const bin = postgresBin();
if (!bin) {
  if (process.env.CI && !["false", "0"].includes(process.env.CI)) {
    console.error("PostgreSQL run: no PostgreSQL server found (/usr/lib/postgresql/*/bin or PG_BIN), and CI must run both engines");
    process.exit(1);
  }
  console.log("PostgreSQL run skipped: no PostgreSQL server installed (apt-get install -y postgresql, or PG_BIN=<dir of initdb>)");
  process.exit(0);
}
const vitest = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.pg.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PG_BIN: bin },
});
process.exit(vitest.status ?? 1);
