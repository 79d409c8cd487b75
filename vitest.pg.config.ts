// The PostgreSQL run of the suites (`npm run test:pg`, and `npm test` when a PostgreSQL server is
// installed): vitest.config.ts's settings with TEST_DB=postgresql, so tests/support/global-setup.ts
// starts a throw-away cluster and tempDatabase() gives each test file a database on it.
import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * The integration suites that pass on PostgreSQL, run here besides tests/integration/pg/**.
 * A suite joins this list once its SQL reads the same on both engines.
 */
export const SUITES_ON_POSTGRES: string[] = [
  "tests/integration/marketplace-concurrency.test.ts",
  "tests/integration/trust-data.test.ts",
  "tests/integration/ledger.test.ts",
  "tests/integration/pickups.test.ts",
  "tests/integration/invoices.test.ts",
  "tests/integration/invoices-concurrency.test.ts",
  "tests/integration/permissions.test.ts",
  "tests/integration/statements-payouts.test.ts",
  "tests/integration/indicators.test.ts",
  "tests/integration/outbox.test.ts",
  "tests/integration/bundle.test.ts",
  "tests/integration/totals.test.ts",
  "tests/integration/faults.test.ts",
  "tests/integration/trace-page.test.ts",
];

// Set here, not only in `test.env`: the global setup runs in this process, before any worker.
process.env.TEST_DB = "postgresql";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/integration/pg/**/*.test.ts", ...SUITES_ON_POSTGRES],
    exclude: configDefaults.exclude,
    env: { TEST_DB: "postgresql" },
  },
});
