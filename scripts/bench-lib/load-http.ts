// Child process of `npm run bench`: HTTP load on one page with autocannon (so the load does
// not share the benchmark's event loop). Input: one JSON argument; output: one JSON line.
// Latencies are collected from every response (autocannon's own summary has no p95).
import { createRequire } from "node:module";
import { summarise } from "./stats";

type Options = { url: string; connections: number; duration: number; warmup: number; headers: Record<string, string> };
type Instance = { on: (event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void) => void };
type Result = { duration: number; errors: number; timeouts: number; non2xx: number; requests: { sent: number } };
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: Result) => void) => Instance;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
const opts = JSON.parse(process.argv[2]) as Options;

function run(duration: number) {
  return new Promise<{ result: Result; ok: number[]; statuses: Record<string, number>; bytes: number }>((resolve, reject) => {
    const ok: number[] = [];
    const statuses: Record<string, number> = {};
    let bytes = 0;
    const inst = autocannon({ url: opts.url, connections: opts.connections, duration, headers: opts.headers, timeout: 30 }, (err, result) =>
      err ? reject(err) : resolve({ result, ok, statuses, bytes }),
    );
    inst.on("response", (_client, status, resBytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      bytes += resBytes;
      if (status >= 200 && status < 300) ok.push(ms);
    });
  });
}

if (opts.warmup > 0) await run(opts.warmup);
const { result, ok, statuses, bytes } = await run(opts.duration);
const t = summarise(ok);
process.stdout.write(
  JSON.stringify({
    requests: ok.length,
    sent: result.requests.sent,
    seconds: result.duration,
    rps: Math.round((ok.length / result.duration) * 10) / 10,
    p50: t.p50,
    p95: t.p95,
    p99: t.p99,
    max: t.max,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    avgBytes: ok.length ? Math.round(bytes / (ok.length + result.non2xx)) : 0,
  }) + "\n",
);
