// Timing helpers: nearest-rank percentiles of repeated runs, in milliseconds.

export type Timing = { runs: number; p50: number; p95: number; p99: number; min: number; max: number; mean: number };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function summarise(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return {
    runs: s.length,
    p50: r3(percentile(s, 50)),
    p95: r3(percentile(s, 95)),
    p99: r3(percentile(s, 99)),
    min: r3(s[0] ?? NaN),
    max: r3(s[s.length - 1] ?? NaN),
    mean: r3(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
  };
}

/** Runs `fn` `n` times one after another and summarises the durations. */
export async function timeRuns(fn: () => Promise<unknown>, n: number): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarise(ms);
}
