// The pickup page on a phone network: `npm run bench:offline [-- --cpu N] [--runs N]`.
// Budget (issue 15): interactive within 2 s on a throttled 3G profile in Chromium. Against the
// built app (`npm run build` first) over a fresh demo database: buyer staff open a contract's
// pickup form (1) on a first visit, nothing cached, and (2) on a later visit, with the service
// worker's precached app shell (the document itself still comes over the network, network
// first); each straight to the app (HTTP/1.1) and through a TLS + HTTP/2 front as a deployment
// has (scripts/bench-lib/h2-front.ts). "Interactive" = from the start of the navigation until React has hydrated the form's
// submit button (its event handlers are attached): what a tap needs to do something.
// Network: Chromium DevTools' "3G" preset (562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up).
// Also prints the precache total (the offline bundle). No pass/fail: figures to report.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { getManifest } from "workbox-build";
import { startH2Front } from "./bench-lib/h2-front";
import { startApp } from "./bench-lib/server-run";
import { fieldShell } from "./offline-shell";

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const CPU = opt("cpu", 1);
const RUNS = opt("runs", 3);
const DETAIL = argv.includes("--detail");
const THREE_G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const log = (m: string) => process.stderr.write(`[bench:offline] ${m}\n`);

async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", THREE_G);
  if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
}

/** ms from navigation start until the form's submit button has React's handlers. */
async function interactive(page: Page, url: string): Promise<{ interactiveMs: number; transferKb: number }> {
  await page.goto(url, { waitUntil: "commit" });
  const ms = await page.waitForFunction(
    () => {
      const button = [...document.querySelectorAll("form.pickup-form button[type=submit]")][0];
      return button && Object.keys(button).some((k) => k.startsWith("__reactProps")) ? performance.now() : null;
    },
    undefined,
    { polling: "raf", timeout: 120_000 },
  );
  const transfer = await page.evaluate(() =>
    [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")].reduce(
      (s, e) => s + ((e as PerformanceResourceTiming).transferSize ?? 0),
      0,
    ),
  );
  if (DETAIL) {
    // Each request's start, end and bytes: where the time of a visit goes.
    const rows = await page.evaluate(() =>
      [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")].map((e) => {
        const r = e as PerformanceResourceTiming;
        return `${String(Math.round(r.startTime)).padStart(6)} → ${String(Math.round(r.responseEnd)).padStart(6)} ms ${String(r.transferSize).padStart(7)} B  ${r.name.replace(location.origin, "")}`;
      }),
    );
    log(`requests:\n${rows.join("\n")}`);
  }
  return { interactiveMs: Math.round((await ms.jsonValue()) as number), transferKb: Math.round(transfer / 102.4) / 10 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (name: string, xs: number[], kb: number) =>
  `${name.padEnd(46)} median ${String(median(xs)).padStart(5)} ms  (runs: ${xs.join(", ")}; ~${kb} kB over the network)`;

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** RUNS first visits (new context: empty HTTP cache, no service worker), each followed by a later visit. */
async function visits(state: Session, url: string) {
  const first: number[] = [];
  const repeat: number[] = [];
  let firstKb = 0;
  let repeatKb = 0;
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ ...phone, storageState: state, ignoreHTTPSErrors: true });
    const p = await ctx.newPage();
    await throttle(p);
    const a = await interactive(p, url);
    first.push(a.interactiveMs);
    firstKb = a.transferKb;
    // The worker installs (precaching the shell); then the same page again on a new tab.
    await p.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const p2 = await ctx.newPage();
    await throttle(p2);
    const b = await interactive(p2, url);
    repeat.push(b.interactiveMs);
    repeatKb = b.transferKb;
    await ctx.close();
  }
  return { first, repeat, firstKb, repeatKb };
}

const shell = fieldShell(path.resolve("public"));
const bundle = await getManifest({ globDirectory: path.resolve("public"), globPatterns: shell });
log(`offline bundle (precache): ${bundle.count} files, ${(bundle.size / 1024).toFixed(1)} kB`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-bench-offline-"));
const dbFile = path.join(tmp, "demo.db");
log("demo database…");
const setup = spawnSync(process.execPath, ["--import", "tsx", "scripts/setup-db.ts"], {
  env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
  stdio: ["ignore", "ignore", "inherit"],
});
if (setup.status !== 0) throw new Error("setup-db failed");
const app = await startApp(dbFile);
// The front's certificate is self-signed: Chromium is told to accept it (service workers included).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--ignore-certificate-errors"],
});
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, baseURL: app.url };
try {
  // The pickup form of an active contract, and a signed-in session (unthrottled: not measured).
  const setupCtx = await browser.newContext(phone);
  const page = await setupCtx.newPage();
  await page.goto("/login");
  await page.getByLabel("Email hoặc số điện thoại").fill("staff@caunoi.vn");
  await page.getByLabel("Mật khẩu").fill("caunoi-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { level: 1, name: /Xin chào/ }).waitFor();
  await page.goto("/contracts?status=active");
  const href = await page.locator("#contracts a[href^='/contracts/']").first().getAttribute("href");
  const state = await setupCtx.storageState();
  await setupCtx.close();

  // The same visits straight to the app (HTTP/1.1) and through a TLS + HTTP/2 front, as deployed.
  const front = await startH2Front(app.url);
  const rows: string[] = [];
  try {
    for (const [name, base] of [
      ["HTTP/1.1", app.url],
      ["HTTP/2 + TLS", front.url.replace("localhost", "127.0.0.1")],
    ] as const) {
      const r = await visits(state, `${base}${href}/pickups/new`);
      rows.push(line(`${name}, first visit (nothing cached)`, r.first, r.firstKb), line(`${name}, later visit (service worker)`, r.repeat, r.repeatKb));
    }
  } finally {
    await front.stop();
  }
  console.log(`Pickup page interactive on 3G (562.5 ms RTT, 1.44 Mbit/s)${CPU > 1 ? `, CPU ×${CPU} slower` : ""}; budget 2000 ms`);
  for (const r of rows) console.log(r);
  console.log(`offline bundle (precache): ${bundle.count} files, ${(bundle.size / 1024).toFixed(1)} kB; budget 1024 kB`);
} finally {
  await browser.close();
  await app.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
