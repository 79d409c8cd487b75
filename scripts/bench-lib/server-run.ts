// The app under test: `node server.js` (built app, production mode, request log off) against
// the benchmark database, its peak resident memory sampled from /proc every 250 ms, logins,
// and the child processes that generate load (so load and server are separate processes).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, listeningPort } from "../../tests/support/server";

export type Memory = { peakRssMb: number; hwmMb: number; samples: number };

/** Samples VmRSS and VmHWM (the kernel's own high-water mark) of a process. */
export function memorySampler(pid: number) {
  let peakKb = 0;
  let hwmKb = 0;
  let samples = 0;
  const read = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb("VmRSS"));
      hwmKb = Math.max(hwmKb, kb("VmHWM"));
      samples++;
    } catch {
      /* process gone */
    }
  };
  read();
  const timer = setInterval(read, 250);
  return {
    stop(): Memory {
      read();
      clearInterval(timer);
      return { peakRssMb: Math.round(peakKb / 102.4) / 10, hwmMb: Math.round(hwmKb / 102.4) / 10, samples };
    },
  };
}

export type RunningApp = { url: string; pid: number; memory: ReturnType<typeof memorySampler>; log: string; stop: () => Promise<void>; alive: () => boolean };

/**
 * A private copy of the built app (server.js, build/, public/, migrations; node_modules linked),
 * so another `npm run build` in the work tree during the run cannot swap the assets under the
 * running server (its pages would then point at scripts that no longer exist).
 */
function snapshotApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-bench-app-"));
  for (const f of ["server.js", "package.json"]) fs.copyFileSync(f, path.join(dir, f));
  for (const d of ["build", "public", "prisma/migrations", "prisma/postgresql/migrations"]) fs.cpSync(d, path.join(dir, d), { recursive: true });
  fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** The page's own script must load: a copy taken in the middle of a rebuild is refused. */
async function checkAssets(url: string) {
  const html = await (await fetch(`${url}/login`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  for (const a of assets) {
    const r = await fetch(url + a);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`build copy inconsistent (${a} answered ${r.status}): was the app being rebuilt? run again`);
  }
}

/** `node server.js` (from a snapshot of the build) on a free port, its output in a log file. */
export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.resolve("build/index.js"))) throw new Error("build/index.js missing: run `npm run build` (or `npm run bench -- --build`)");
  const cwd = snapshotApp();
  // PORT=0: the kernel picks a free port at bind time; the server prints which (no race, no polling).
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...nodeArgs, "server.js"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: "bench-session-secret-0123456789abcdef",
      NODE_ENV: "production",
      COOKIE_SECURE: "false",
      LOG_REQUESTS: "0",
      // Every client logs in from 127.0.0.1; on PostgreSQL the count outlives the process, so
      // runs in a row would pass the 60 logins per 5 minutes an address is allowed.
      LOGIN_RATE_LIMIT_PER_IP: "100000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    cwd,
  });
  const log = path.join(os.tmpdir(), `caunoi-bench-server-${proc.pid}.log`);
  const out = fs.createWriteStream(log);
  proc.stdout!.pipe(out, { end: false });
  proc.stderr!.pipe(out, { end: false });
  proc.once("close", () => out.end());
  const port = await listeningPort(proc, () => fs.readFileSync(log, "utf8").slice(-2000));
  const url = `http://127.0.0.1:${port}`;
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  const stop = async () => {
    if (alive()) {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(cwd, { recursive: true, force: true });
  };
  await checkAssets(url).catch(async (e) => {
    await stop();
    throw e;
  });
  return { url, pid: proc.pid!, memory: memorySampler(proc.pid!), log, stop, alive };
}

/**
 * `n` servers on the same database (several only on PostgreSQL), started side by side: their
 * migrations take turns under the database's lock. If one cannot start, the others are stopped.
 */
export async function startApps(n: number, databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningApp[]> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => startApp(databaseUrl, extraEnv)));
  const failed = started.find((r) => r.status === "rejected");
  if (!failed) return started.map((r) => (r as PromiseFulfilledResult<RunningApp>).value);
  await Promise.all(started.map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)));
  throw failed.reason;
}

/** Waits until the server answers /healthz promptly again (a load run leaves queued requests behind). */
export async function drain(url: string, maxMs = 180_000): Promise<number> {
  const t0 = Date.now();
  let quick = 0;
  while (quick < 3 && Date.now() - t0 < maxMs) {
    const t = performance.now();
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    quick = ok && performance.now() - t < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

/** Median of a few requests one at a time: the page's cost without queueing. */
export async function serialMs(url: string, cookie: string, n = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" }, redirect: "manual" });
    await r.arrayBuffer();
    ms.push(performance.now() - t);
  }
  return Math.round(ms.sort((a, b) => a - b)[Math.floor(n / 2)]);
}

export async function login(base: string, user: string, password: string) {
  const c = new Client(base);
  await c.login(user, password);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return { client: c, cookie, csrf: c.csrf! };
}

/** Runs a load script in its own Node process (tsx loader) and parses the JSON line it prints. */
export function runChild<T>(script: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const file = path.resolve("scripts/bench-lib", script);
    const child = spawn(process.execPath, ["--import", "tsx", file, JSON.stringify(input)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(line) as T);
      } catch (e) {
        reject(new Error(`${script} failed (${(e as Error).message}):\n${err.slice(-2000)}`));
      }
    });
  });
}
