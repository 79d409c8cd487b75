import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { HANG_GUARD_MS } from "./tests/support/limits";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // PostgreSQL's own suites run in the PostgreSQL run (vitest.pg.config.ts, scripts/test-postgres.ts).
    exclude: [...configDefaults.exclude, "tests/integration/pg/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    // No test or hook has a time limit of its own: only the hang guard (tests/support/limits.ts).
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    teardownTimeout: HANG_GUARD_MS,
    // Integration files each own a database file and an app server; two cores, two workers.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
