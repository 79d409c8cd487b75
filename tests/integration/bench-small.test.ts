// The programme-scale benchmark end to end on the small data set: `bench:data --size small`
// into a temp file, then a quick bench against it. Figures are not asserted (this machine is
// busy with other suites); only that it completes, reports every figure, lost no acknowledged
// pickup, that the hash chains it touched (and a sample of generated ones) verify, and that the
// totals kept on write match the ledger afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCommand } from "../support/run";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-bench-small-"));
const file = path.join(dir, "bench-small.db");
const results = path.join(dir, "results");
const tsx = (args: string[]) => runCommand(process.execPath, ["--import", "tsx", ...args]);

const FIGURES = [
  "indicators.programme.p50",
  "indicators.programme.p95",
  "indicators.programme.cached",
  "indicators.programme.raw",
  "indicators.programme.speedup",
  "indicators.province.p50",
  "indicators.province.p95",
  "indicators.province.cached",
  "indicators.province.raw",
  "indicators.province.speedup",
  "indicators.naiveMatches",
  "chains.generatedSample",
  "http.offers.rps",
  "http.offers.p50",
  "http.offers.p95",
  "http.offers.p99",
  "http.contract.rps",
  "http.contract.p50",
  "http.contract.p95",
  "http.contract.p99",
  "http.dashboard.rps",
  "http.dashboard.p50",
  "http.dashboard.p95",
  "http.dashboard.p99",
  "pickups.lotsPerSecond",
  "pickups.p95",
  "pickups.lost",
  "pickups.chains",
  "totals.match",
  "pdf.perSecond",
  "map.gzipKB",
  "map.ttiMs",
  "memory.peakRssMb",
];

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("programme-scale benchmark (small, quick)", () => {
  it("generates the small data set, runs the bench and reports every figure with nothing lost", async () => {
    const gen = await tsx(["scripts/bench-data.ts", "--size", "small", "--out", file]);
    expect(gen.status, gen.stderr).toBe(0);
    expect(gen.stdout).toMatch(/Bench data \(small\).*groups.*households.*lots/);

    const bench = await tsx(["scripts/bench.ts", "--size", "small", "--quick", "--seconds", "2", "--db", file, "--results", results]);
    expect(bench.status, `${bench.stdout}\n${bench.stderr}`).toBe(0);
    expect(bench.stdout).toContain("| figure");

    const json = JSON.parse(fs.readFileSync(path.join(results, "latest-small.json"), "utf8"));
    const ids = json.figures.map((f: { id: string }) => f.id);
    expect(ids).toEqual(expect.arrayContaining(FIGURES));
    for (const f of json.figures) expect(f.value, f.id).not.toBeUndefined();
    expect(json.machine.cpus).toBeGreaterThan(0);

    expect(json.indicators.scopes.every((s: { matches: boolean }) => s.matches)).toBe(true);
    expect(json.chainSample.intact).toBe(json.chainSample.checked);
    expect(json.pickups.acked).toBeGreaterThan(0);
    expect(json.pickups.lost).toBe(0);
    expect(json.pickups.chainsBroken).toEqual([]);
    expect(json.pickups.chainsIntact).toBe(json.pickups.contracts);
    // The totals kept on write still match the ledger after the generator and every write of the run.
    expect(json.totals.ok).toBe(true);
  });
});
