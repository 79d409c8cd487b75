// Programme-scale benchmark: `npm run bench [-- --size small|large] [--quick] [--db FILE|postgresql://…] [--processes N] [--results DIR] [--build] [--seconds N] [--only a,b]`.
// Against data/bench-<size>.db (large by default; generated first if missing): indicator
// timings vs a naive ORM version and the raw SQLite floor, invoice PDFs per second, then the
// built app (`node server.js`) under load — pages at 50 connections, pickup recording by 20
// clients with a no-loss check, the map — and the server's peak memory. Prints one table and
// writes bench/results/<size>-<timestamp>.json and latest-<size>.json. See bench/README.md.
// With `--db postgresql://…` the same data set (the SQLite file, generated if missing, named by
// `--source`) is copied into that database when it is empty (`npm run cli -- copy-to-postgres`'s
// code), and the app, in this process and as the server, runs on PostgreSQL; the rows are
// the same, so the ids the phases pick from the file are PostgreSQL's too.
// `--processes N` (PostgreSQL only) starts N servers on that database and spreads every load
// over them: each page's 50 connections, the 20 pickup clients; memory is reported per process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Size } from "./bench-lib/chains";
import { PASSWORD } from "./bench-lib/chains";
import { buildFigures, type Measured } from "./bench-lib/figures";
import { machine, table, writeResults } from "./bench-lib/report";

function args() {
  const a = process.argv.slice(2);
  const get = (name: string) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const size = (get("size") ?? "large") as Size;
  if (size !== "small" && size !== "large") throw new Error(`--size must be small or large, not "${size}"`);
  const o = {
    size,
    quick: a.includes("--quick"),
    build: a.includes("--build"),
    seconds: get("seconds") ? Number(get("seconds")) : undefined,
    only: get("only")?.split(","), // indicators,chains,pdf,pages,trace,pickups,map,totals (for working on one part)
    db: path.resolve(get("db")?.startsWith("postgres") ? `data/bench-${size}.db` : (get("db") ?? `data/bench-${size}.db`)),
    postgres: get("db")?.startsWith("postgres") ? get("db")! : null,
    results: path.resolve(get("results") ?? "bench/results"),
  };
  if (o.postgres) o.db = path.resolve(get("source") ?? o.db);
  const processes = Number(get("processes") ?? 1);
  if (!Number.isInteger(processes) || processes < 1) refuse(`--processes must be a whole number of at least 1, not "${get("processes")}"`);
  if (processes > 1 && !o.postgres) {
    refuse(
      `--processes ${processes} needs PostgreSQL (--db postgresql://…): on SQLite the app is one writer process by design ` +
        `(its writes run one at a time, grouped into commits, in that process: docs/decisions/0018-group-commit.md, 0033-two-engines.md)`,
    );
  }
  return { ...o, processes };
}

function refuse(message: string): never {
  process.stderr.write(`npm run bench: ${message}\n`);
  process.exit(2);
}

const o = args();
const t0 = Date.now();
const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0)} s] ${msg}\n`);
const run = (cmd: string[], what: string) => {
  log(what);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ["ignore", process.stderr, "inherit"] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
};

if (!fs.existsSync(o.db)) run([process.execPath, "--import", "tsx", "scripts/bench-data.ts", "--size", o.size, "--out", o.db], `no ${o.db}: generating it`);
if (o.build || !fs.existsSync("build/index.js")) run(["npm", "run", "build"], "building the app (npm run build)");

// The app's modules read DATABASE_URL at first import: point them at the benchmark database.
process.env.DATABASE_URL = o.postgres ?? `file:${o.db}`;
if (o.postgres) {
  process.env.DATA_DIR ??= path.dirname(o.db);
  await copyOnce(o.postgres, o.db);
}
process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
const { todayInVietnam } = await import("~/utils/dates");
const { benchIndicators, chooseScopes } = await import("./bench-lib/indicators-bench");
const { benchPdf } = await import("./bench-lib/pdf-bench");
const { startApps, login, drain } = await import("./bench-lib/server-run");
const { loadPage, status, pickContract, benchMap } = await import("./bench-lib/http-bench");
const { benchPickups } = await import("./bench-lib/pickups-bench");
const { benchTrace } = await import("./bench-lib/trace");
const { LOGINS } = await import("./bench-lib/gen-people");
const { db, disconnect } = await import("~/utils/db.server");
const { verifyContractChain } = await import("~/domain/ledger.server");

const large = o.size === "large";
const engine = o.postgres ? "postgresql" : "sqlite";
const seconds = o.seconds ?? (o.quick ? 5 : 20); // per page and for the pickups
const want = (phase: string) => !o.only || o.only.includes(phase);
const info = machine(o.db);
const loadBefore = os.loadavg();
log(`${o.size}${o.quick ? " (quick)" : ""}: ${info.data.lots.toLocaleString("en")} lots, ${info.data.groups.toLocaleString("en")} groups in ${info.data.file}`);
const m: Measured = {
  indicators: null,
  chainSample: null,
  pdf: null,
  pages: [],
  pickups: null,
  map: { available: false, reason: "not run" },
  memory: null,
  seconds,
  processes: o.processes,
};

// ── in this process, nothing else running: indicators, generated chains, PDFs ──
const asOf = todayInVietnam();
if (want("indicators")) {
  log("indicators: computeIndicators vs naive ORM version vs raw SQLite");
  m.indicators = await benchIndicators(o.db, asOf, { runs: o.quick ? 10 : 30, naiveRuns: large ? (o.quick ? 1 : 3) : o.quick ? 3 : 10 });
}
if (want("chains")) {
  const ids = (await db.contract.findMany({ where: { pickups: { some: {} } }, select: { id: true }, orderBy: { ref: "asc" } })).map((c) => c.id);
  const sample = Array.from({ length: Math.min(10, ids.length) }, (_, i) => ids[Math.floor((i * ids.length) / 10)]);
  const intact = (await Promise.all(sample.map((id) => verifyContractChain(db, id)))).filter((r) => r.intact).length;
  m.chainSample = { checked: sample.length, intact };
}
if (want("pdf")) {
  log("invoice PDFs on one core");
  m.pdf = await benchPdf(o.db, o.quick ? 40 : 300);
}

// ── the built app under load ──
let serverLog: string | string[] | null = null; // with several processes, the logs of those that died
let serverDied = false;
if (want("pages") || want("trace") || want("pickups") || want("map")) {
  // Chosen before the server starts: the lookup takes seconds on the large set, long enough for
  // the server to close the login's idle keep-alive socket just as the next request reuses it.
  const contractPath = want("pages") ? `/contracts/${pickContract(o.db, chooseScopes(o.db).programme)}` : "";
  log(o.processes > 1 ? `starting node server.js × ${o.processes} on the one database` : "starting node server.js");
  const apps = await startApps(o.processes, process.env.DATABASE_URL, o.postgres ? { DATA_DIR: process.env.DATA_DIR! } : {});
  const bases = apps.map((a) => a.url);
  try {
    const base = bases[0];
    const owner = await login(base, LOGINS.project, PASSWORD);
    const load = { connections: 50, duration: seconds, warmup: o.quick ? 1 : 2 };
    if (want("pages")) {
      let dashboardPath = "/dashboard";
      if ((await status(base, dashboardPath, owner.cookie)) === 404) {
        dashboardPath = "/contracts";
        m.dashboardNote = "/dashboard answered 404: /contracts measured instead";
      }
      for (const [page, p] of [
        ["offers list", "/offers"],
        ["contract page", contractPath],
        ["project-owner dashboard", dashboardPath],
      ] as const) {
        const s = await status(base, p, owner.cookie);
        if (s !== 200) throw new Error(`GET ${p} answered ${s} before the load`);
        log(`load: ${page} (${p}), 50 connections${o.processes > 1 ? ` over ${o.processes} processes` : ""}, ${seconds} s`);
        m.pages.push(await loadPage(bases, page, p, owner.cookie, load, page.includes("dashboard") ? m.dashboardNote : undefined));
      }
    }
    if (want("trace")) m.trace = await benchTrace(bases, o.db, load, log);
    if (want("pickups")) {
      log(`pickups: 20 clients × 10 lots${o.processes > 1 ? ` over ${o.processes} processes` : ""}, ${seconds} s`);
      m.pickups = await benchPickups(bases, o.db, PASSWORD, { clients: 20, seconds, lots: 10 });
      await Promise.all(bases.map((b) => drain(b)));
    }
    if (want("map")) {
      log("map data and /map in headless Chromium");
      m.map = await benchMap(base, (await login(base, LOGINS.admin, PASSWORD)).cookie, o.quick ? 1 : 3);
    }
  } finally {
    const died = apps.filter((a) => !a.alive());
    serverDied = died.length > 0;
    const memory = apps.map((a) => a.memory.stop());
    m.memory = memory.reduce((a, b) => (b.hwmMb > a.hwmMb ? b : a));
    if (apps.length > 1) m.memoryPerProcess = memory;
    await Promise.all(apps.map((a) => a.stop()));
    for (const a of died)
      log(`the server${apps.length > 1 ? ` on ${a.url}` : ""} died during the run; its output: ${a.log}\n${fs.readFileSync(a.log, "utf8").slice(-3000)}`);
    for (const a of apps) if (!died.includes(a)) fs.rmSync(a.log, { force: true });
    if (died.length) serverLog = apps.length > 1 ? died.map((a) => a.log) : died[0].log;
  }
}

// ── the totals kept on write, recomputed from the whole ledger after every write above ──
if (want("totals")) {
  log("totals: verify-totals over the whole ledger");
  const { verifyTotals } = await import("~/domain/totals/verify.server");
  const started = Date.now();
  const r = await verifyTotals();
  m.totals = { ok: r.ok, ms: Date.now() - started };
  if (!r.ok) log(`totals differ: ${JSON.stringify(r.differences.slice(0, 5))}`);
}

// ── the table and its JSON copy ──
const figures = buildFigures(m);
const result = {
  benchmark: "cau-noi programme scale",
  size: o.size,
  engine,
  processes: o.processes,
  quick: o.quick,
  date: new Date().toISOString(),
  asOf,
  ...info,
  loadAverage: { before: loadBefore, after: os.loadavg() },
  serverLog,
  serverDied,
  figures,
  ...m,
  seconds: Math.round((Date.now() - t0) / 1000),
};
// Several processes get their own file names: latest-small-postgresql.json stays one process's.
const written = writeResults(o.results, `${o.size}${o.postgres ? "-postgresql" : ""}${o.processes > 1 ? `-${o.processes}-processes` : ""}`, result);
console.log(
  `\nCầu Nối benchmark — ${o.size}${o.quick ? " (quick)" : ""} on ${engine === "postgresql" ? "PostgreSQL" : "SQLite"}${o.processes > 1 ? `, ${o.processes} server processes` : ""}, ${info.data.lots.toLocaleString("en")} lots, ${info.machine.cpus}× ${info.machine.cpuModel}, node ${info.machine.node}\n`,
);
console.log(table(figures));
const fails = figures.filter((f) => f.result === "FAIL").length;
console.log(`\n${fails ? `${fails} target(s) missed` : "All targets met"} · ${result.seconds} s · ${path.relative(process.cwd(), written.file)}`);
await disconnect();

/**
 * The data set into PostgreSQL, once: copied when the database is empty, used as it is when it
 * holds the file's generated lots (a run before this one), refused otherwise. A run's own
 * pickups (vehicle BENCH-01) are left out of the comparison: on PostgreSQL they are written to
 * the database, not the file, so after one run with pickups the two totals differ by them.
 */
async function copyOnce(url: string, file: string) {
  // The trace phase's codes are made in the file first, so the copy has them too.
  const { traceCodeToLoad } = await import("./bench-lib/trace");
  traceCodeToLoad(file);
  const generated = `SELECT COUNT(*) AS n FROM "Lot" l JOIN "Pickup" p ON p."id" = l."pickupId" WHERE COALESCE(p."vehicle", '') <> 'BENCH-01'`;
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const count = (sql: string) =>
    c
      .query(sql)
      .then((r) => Number(r.rows[0].n))
      .catch(() => 0); // no tables yet: copyToPostgres migrates first
  const lots = await count(`SELECT COUNT(*) AS n FROM "Lot"`);
  const lotsGenerated = lots > 0 ? await count(generated) : 0;
  await c.end();
  const Database = (await import("better-sqlite3")).default;
  const raw = new Database(file, { readonly: true });
  const inFile = raw.prepare(generated).pluck().get() as number;
  raw.close();
  if (lots > 0 && lotsGenerated === inFile) {
    return log(
      `PostgreSQL already holds the data set (${inFile.toLocaleString("en")} lots${lots > inFile ? `, and ${(lots - inFile).toLocaleString("en")} of earlier runs' pickups` : ""})`,
    );
  }
  if (lots > 0) throw new Error(`the PostgreSQL database holds ${lotsGenerated} lots of the data set, the file ${inFile}: give an empty database`);
  const { copyToPostgres } = await import("~/utils/copy-to-postgres.server");
  log(`copying ${file} into PostgreSQL`);
  const r = await copyToPostgres(file, url, (line) => log(`  ${line}`));
  log(`copied ${r.rows.toLocaleString("en")} rows in ${r.seconds.toFixed(0)} s (${Math.round(r.rows / r.seconds).toLocaleString("en")} rows/s)`);
}
