import { defineConfig, devices } from "@playwright/test";
import { HANG_GUARD_MS } from "./tests/support/limits";

// No fixed port: the app starts with PORT=0, binds a free port and prints it; webServer.wait
// reads it from that line into CAUNOI_E2E_PORT before the workers start, and the workers load
// this file again with it set. Nothing else can take the port between choosing and binding.
const PORT = process.env.CAUNOI_E2E_PORT;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  // Limits against a hang only, generous for a busy machine: every wait is for an event (a
  // heading, a URL), and a page that takes a minute to show one is broken, not slow.
  timeout: HANG_GUARD_MS / 2,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: PORT ? `http://127.0.0.1:${PORT}` : undefined,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      // Without the background-networking flags Chromium floods a closed network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "phone", use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, browserName: "chromium" } },
    { name: "desktop", use: { ...devices["Desktop Chrome"], browserName: "chromium" } },
  ],
  webServer: {
    // A fresh database with the demo programme, served by the production build.
    command: "rm -rf tests/.tmp/e2e && npx tsx scripts/setup-db.ts && node server.js",
    wait: { stdout: /^Cầu Nối: http:\/\/[^\s:]+:(?<caunoi_e2e_port>\d+)\s*$/m },
    timeout: HANG_GUARD_MS,
    stdout: "pipe",
    stderr: "pipe",
    // Every test signs in from 127.0.0.1, more than the 60 per 5 minutes one address may: the
    // limit has its own tests (tests/integration/rate-limits*), here it would only fail a fast run.
    env: {
      DATABASE_URL: "file:./tests/.tmp/e2e/e2e.db",
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      COOKIE_SECURE: "false",
      LOG_REQUESTS: "0",
      LOGIN_RATE_LIMIT_PER_IP: "100000",
    },
  },
});
