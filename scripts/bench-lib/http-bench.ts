// Page throughput under load (50 connections, autocannon in a child process) and the map:
// bytes of its data over the wire with gzip, and time to first interactive render in
// headless Chromium.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { drain, runChild, serialMs } from "./server-run";

export type PageLoad = {
  page: string;
  path: string;
  note?: string;
  serialMs: number;
  drainMs: number;
  requests: number;
  sent: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  avgBytes: number;
  /** With several server processes: each one's share of the load. */
  perProcess?: { url: string; connections: number; requests: number; rps: number; p50: number; p95: number }[];
};

/** `total` connections (or clients) split as evenly as whole numbers allow over `n` processes. */
export function split(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/**
 * The page under `o.connections` connections, split evenly over the servers at `bases` (one
 * process or several on the same database); how the figures are combined: load-http.ts.
 */
export async function loadPage(
  bases: string | string[],
  page: string,
  p: string,
  cookie: string,
  o: { connections: number; duration: number; warmup: number },
  note?: string,
): Promise<PageLoad> {
  const all = typeof bases === "string" ? [bases] : bases;
  const serial = await serialMs(all[0] + p, cookie);
  const connections = split(o.connections, all.length);
  const r = await runChild<Omit<PageLoad, "page" | "path" | "serialMs" | "drainMs">>("load-http.ts", {
    targets: all.map((b, i) => ({ url: b + p, connections: connections[i] })),
    duration: o.duration,
    warmup: o.warmup,
    headers: { cookie, "accept-encoding": "gzip" },
  });
  // Requests still queued in a server when the load stops would slow the next measurement.
  const drainMs = Math.max(...(await Promise.all(all.map((b) => drain(b)))));
  return { page, path: p, ...(note ? { note } : {}), serialMs: serial, drainMs, ...r };
}

export async function status(base: string, p: string, cookie: string): Promise<number> {
  const res = await fetch(base + p, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  return res.status;
}

/** A contract page worth loading: the project owner's in-force contract with the longest chain. */
export function pickContract(file: string, projectOwnerRef: string): string {
  const raw = new Database(file, { readonly: true });
  try {
    return raw
      .prepare(
        `SELECT c."id" FROM "Contract" c JOIN "FarmerGroup" g ON g."id" = c."groupId" JOIN "Organisation" po ON po."id" = g."projectOwnerId"
         WHERE po."ref" = ? AND c."status" IN ('completed', 'active')
         ORDER BY (SELECT MAX(l."chainSeq") FROM "Lot" l WHERE l."contractId" = c."id") DESC LIMIT 1`,
      )
      .pluck()
      .get(projectOwnerRef) as string;
  } finally {
    raw.close();
  }
}

export type MapResult =
  | { available: false; reason: string }
  | {
      available: true;
      groups: number | null;
      gzipBytes: number;
      rawBytes: number;
      dataMs: number;
      ttiMs: number | null;
      ttiRuns: (number | null)[];
      note?: string;
    };

function gzipGet(url: string, cookie: string): Promise<{ status: number; gzipBytes: number; body: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    http
      .get(url, { headers: { cookie, "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          const body = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(wire) : wire;
          resolve({ status: res.statusCode ?? 0, gzipBytes: wire.length, body, ms: performance.now() - t });
        });
      })
      .on("error", reject);
  });
}

export async function benchMap(base: string, cookie: string, runs: number): Promise<MapResult> {
  if (!fs.existsSync(path.resolve("app/routes/map.data.tsx"))) return { available: false, reason: "app/routes/map.data.tsx does not exist yet" };
  // app/routes/map.data.tsx is the URL /map/data (a dot in a route file name is a slash).
  const data = await gzipGet(`${base}/map/data`, cookie);
  if (data.status !== 200) return { available: false, reason: `GET /map/data answered ${data.status} (not in the build? run with --build)` };
  let groups: number | null = null;
  try {
    const json = JSON.parse(data.body.toString("utf8")) as { g?: unknown[] };
    groups = Array.isArray(json.g) ? json.g.length : null;
  } catch {
    /* not JSON: bytes still count */
  }
  const ttiRuns: (number | null)[] = [];
  let note: string | undefined;
  try {
    for (let i = 0; i < runs; i++) ttiRuns.push(await timeToInteractive(base, cookie));
  } catch (e) {
    note = `Chromium: ${(e as Error).message.split("\n")[0]}`;
  }
  const ok = ttiRuns.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return {
    available: true,
    groups,
    gzipBytes: data.gzipBytes,
    rawBytes: data.body.length,
    dataMs: Math.round(data.ms),
    ttiMs: ok.length ? Math.round(ok[Math.floor((ok.length - 1) / 2)]) : null,
    ttiRuns,
    ...(note ? { note } : {}),
  };
}

// Group markers of app/components/linkage-map.client.tsx (CircleMarkers), or generic Leaflet markers.
const MARKERS = ".lm-group, .lm-cluster, .leaflet-marker-icon, .marker-cluster, [data-map-ready]";

/** ms from navigation start until the Leaflet map shows its first group markers (null: none within 15 s). */
async function timeToInteractive(base: string, cookie: string): Promise<number | null> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext();
    const u = new URL(base);
    await context.addCookies(
      cookie.split("; ").map((kv) => ({ name: kv.slice(0, kv.indexOf("=")), value: kv.slice(kv.indexOf("=") + 1), domain: u.hostname, path: "/" })),
    );
    const page = await context.newPage();
    const failed: string[] = [];
    page.on("response", (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${new URL(r.url()).pathname}`)));
    await page.goto(`${base}/map`, { waitUntil: "commit" });
    try {
      const handle = await page.waitForFunction(
        (sel) => (document.querySelector(".leaflet-container") && document.querySelector(sel) ? performance.now() : false),
        MARKERS,
        { timeout: 15_000, polling: "raf" },
      );
      return (await handle.jsonValue()) as number;
    } catch {
      if (failed.length) throw new Error(`no markers within 15 s; failed requests: ${failed.slice(0, 3).join(", ")}`);
      return null;
    }
  } finally {
    await browser.close();
  }
}
