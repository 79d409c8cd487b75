// Child process of `npm run bench`: HTTP load on one page with autocannon (so the load does
// not share the benchmark's event loop). Input: one JSON argument; output: one JSON line.
// Latencies are collected from every response (autocannon's own summary has no p95).
// Several targets (the same page on several server processes) are loaded at once, one
// autocannon instance each, from this one process: the load generator gets the same CPU whether
// one server or several answer, so only the servers' side changes between the two set-ups.
import { createRequire } from "node:module";
import { summarise } from "./stats";

export type Target = { url: string; connections: number };
type Options = { targets: Target[]; duration: number; warmup: number; headers: Record<string, string> };
type Instance = { on: (event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void) => void };
type Result = { duration: number; errors: number; timeouts: number; non2xx: number; requests: { sent: number } };
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: Result) => void) => Instance;
type Run = { result: Result; ok: number[]; statuses: Record<string, number>; bytes: number };

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
const opts = JSON.parse(process.argv[2]) as Options;

function run(target: Target, duration: number) {
  return new Promise<Run>((resolve, reject) => {
    const ok: number[] = [];
    const statuses: Record<string, number> = {};
    let bytes = 0;
    const inst = autocannon({ url: target.url, connections: target.connections, duration, headers: opts.headers, timeout: 30 }, (err, result) =>
      err ? reject(err) : resolve({ result, ok, statuses, bytes }),
    );
    inst.on("response", (_client, status, resBytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      bytes += resBytes;
      if (status >= 200 && status < 300) ok.push(ms);
    });
  });
}

const rate = (n: number, seconds: number) => Math.round((n / seconds) * 10) / 10;

if (opts.warmup > 0) await Promise.all(opts.targets.map((t) => run(t, opts.warmup)));
const runs = await Promise.all(opts.targets.map((t) => run(t, opts.duration)));
// One sample set: every 2xx latency from every target, so p50/p95/p99 are percentiles of all the
// responses together, as with one server (not an average of per-server percentiles, which would
// hide a slow server's tail). Requests/s is all 2xx answers over the longest instance's time:
// the instances ran side by side, so that is the servers' combined rate, rounded down if anything.
const ok = runs.flatMap((r) => r.ok);
const seconds = Math.max(...runs.map((r) => r.result.duration));
const statuses: Record<string, number> = {};
for (const r of runs) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
const sum = (f: (r: Run) => number) => runs.reduce((s, r) => s + f(r), 0);
const bytes = sum((r) => r.bytes);
const non2xx = sum((r) => r.result.non2xx);
const t = summarise(ok);
process.stdout.write(
  JSON.stringify({
    requests: ok.length,
    sent: sum((r) => r.result.requests.sent),
    seconds,
    rps: rate(ok.length, seconds),
    p50: t.p50,
    p95: t.p95,
    p99: t.p99,
    max: t.max,
    statuses,
    errors: sum((r) => r.result.errors),
    timeouts: sum((r) => r.result.timeouts),
    avgBytes: ok.length ? Math.round(bytes / (ok.length + non2xx)) : 0,
    // Each server's share, to see that the load was spread (only with several).
    ...(runs.length > 1
      ? {
          perProcess: runs.map((r, i) => {
            const s = summarise(r.ok);
            return {
              url: opts.targets[i].url,
              connections: opts.targets[i].connections,
              requests: r.ok.length,
              rps: rate(r.ok.length, r.result.duration),
              p50: s.p50,
              p95: s.p95,
            };
          }),
        }
      : {}),
  }) + "\n",
);
