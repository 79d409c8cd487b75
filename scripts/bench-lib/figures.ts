// From the measurements to the table's rows: each figure with its target (from the issue)
// and, for a miss, by how much.
import type { MapResult, PageLoad } from "./http-bench";
import type { IndicatorResult } from "./indicators-bench";
import type { PdfResult } from "./pdf-bench";
import type { PickupResult } from "./pickups-bench";
import { figure, type Figure } from "./report";
import type { Memory } from "./server-run";
import { traceFigures, type TraceResult } from "./trace";

export type Measured = {
  indicators: IndicatorResult | null;
  chainSample: { checked: number; intact: number } | null;
  pdf: PdfResult | null;
  pages: PageLoad[];
  pickups: PickupResult | null;
  map: MapResult;
  /** With one server process, its memory; with several, the one that peaked highest. */
  memory: Memory | null;
  /** With several server processes: each one's memory, in start order. */
  memoryPerProcess?: Memory[];
  dashboardNote?: string;
  totals?: { ok: boolean; ms: number } | null;
  trace?: TraceResult | null;
  seconds: number;
  /** Server processes on the one database (1 unless `--processes N` on PostgreSQL). */
  processes?: number;
};

const ms = "ms";
const PAGE_KEY: Record<string, string> = { "offers list": "offers", "contract page": "contract", "project-owner dashboard": "dashboard" };

export function buildFigures(m: Measured): Figure[] {
  const f: Figure[] = [];
  const n = m.processes ?? 1;
  // Said in the labels only with several processes: one process's table stays as it always was.
  const over = n > 1 ? ` over ${n} processes` : "";
  const scopes = m.indicators?.scopes ?? [];
  for (const [key, target, s] of [
    ["programme", 100, scopes[0]],
    ["province", 20, scopes[1]],
  ] as const) {
    const label = key === "programme" ? `whole programme (${m.indicators?.season ?? "?"})` : (s?.label ?? "one province");
    f.push(figure(`indicators.${key}.p50`, `indicators, ${label}, computed (uncached), p50`, s?.app.p50 ?? null, ms));
    f.push(
      figure(
        `indicators.${key}.p95`,
        `indicators, ${key === "programme" ? "whole programme" : "one province"}, computed (uncached), p95`,
        s?.app.p95 ?? null,
        ms,
        ["<=", target],
      ),
    );
    f.push(figure(`indicators.${key}.cached`, "  read again with no write since (cached), p95", s?.cached?.p95 ?? null, ms));
    f.push(figure(`indicators.${key}.raw`, "  raw floor: the same statement on the engine's own driver, p50", s?.raw.p50 ?? null, ms));
    f.push(figure(`indicators.${key}.speedup`, "  vs naive ORM version (p50 ratio)", s ? Math.round(s.speedup * 10) / 10 : null, "×", [">=", 50]));
  }
  f.push(figure("indicators.naiveMatches", "naive version returns the same numbers", scopes.length ? scopes.every((s) => s.matches) : null, "", ["==", true]));
  f.push(
    figure(
      "chains.generatedSample",
      `generated hash chains verify (sample of ${m.chainSample?.checked ?? 0})`,
      m.chainSample ? m.chainSample.intact === m.chainSample.checked : null,
      "",
      ["==", true],
    ),
  );

  for (const name of ["offers list", "contract page", "project-owner dashboard"]) {
    const p = m.pages.find((x) => x.page === name);
    const key = PAGE_KEY[name];
    const dash = key === "dashboard";
    const none = p && p.requests === 0 ? `> ${m.seconds * 1000} ms (none completed)` : null;
    const lat = (v: number | undefined) => (p ? (none ?? v ?? null) : null);
    const label = dash && m.dashboardNote ? `${name} → ${p?.path ?? "/contracts"}` : name;
    f.push(
      figure(
        `http.${key}.rps`,
        `${label}: requests/s (50 connections${over})`,
        p?.rps ?? null,
        "req/s",
        dash ? [">=", 300] : key === "offers" ? [">=", 500] : [">=", 200],
        dash ? m.dashboardNote : undefined,
      ),
    );
    f.push(figure(`http.${key}.p50`, "  p50", lat(p?.p50), ms));
    f.push(figure(`http.${key}.p95`, "  p95", lat(p?.p95), ms, dash ? ["<=", 150] : undefined, none ? `no response within the ${m.seconds} s run` : undefined));
    f.push(figure(`http.${key}.p99`, "  p99", lat(p?.p99), ms));
    f.push(figure(`http.${key}.serial`, "  one request alone (median of 5)", p?.serialMs ?? null, ms));
  }

  f.push(...traceFigures(m.trace, over));

  const pk = m.pickups;
  f.push(
    figure("pickups.lotsPerSecond", `pickup recording: lots/s sustained (${pk?.clients ?? 20} clients × 10 lots${over})`, pk?.lotsPerSecond ?? null, "lots/s", [
      ">=",
      1000,
    ]),
  );
  f.push(figure("pickups.p95", "  pickup POST p95", pk ? Math.round(pk.latency.p95) : null, ms));
  f.push(figure("pickups.lost", "  acknowledged pickups lost", pk?.lost ?? null, "", ["==", 0]));
  f.push(figure("pickups.chains", `  touched chains verify (${pk?.contracts ?? 0})`, pk ? pk.chainsBroken.length === 0 : null, "", ["==", true]));
  f.push(
    figure(
      "totals.match",
      `totals kept on write match the ledger (verify-totals${m.totals ? `, ${Math.round(m.totals.ms / 100) / 10} s` : ""})`,
      m.totals ? m.totals.ok : null,
      "",
      ["==", true],
    ),
  );
  f.push(figure("pdf.perSecond", "invoice PDFs per second (one core)", m.pdf?.perSecond ?? null, "/s", [">=", 50]));

  const map = m.map;
  const note = map.available ? map.note : map.reason;
  const groups = map.available && map.groups ? ` (${map.groups.toLocaleString("en")} groups)` : "";
  f.push(
    figure(
      "map.gzipKB",
      `map data over the wire, gzip${groups}`,
      map.available ? Math.round(map.gzipBytes / 102.4) / 10 : "not available",
      "KB",
      ["<=", 300],
      note,
    ),
  );
  f.push(figure("map.ttiMs", "/map first interactive render (median)", map.available ? map.ttiMs : "not available", ms, ["<=", 1500], note));
  // The target is one server's: with several, the largest process is held to it, and the sum of
  // each one's peak (an upper bound on their peak together: the peaks need not coincide) is shown.
  f.push(figure("memory.peakRssMb", n > 1 ? `server peak RSS, largest of ${n} processes` : "server peak RSS", m.memory?.hwmMb ?? null, "MB", ["<=", 300]));
  if (n > 1) {
    const sum = m.memoryPerProcess?.length ? Math.round(m.memoryPerProcess.reduce((s, x) => s + x.hwmMb, 0) * 10) / 10 : null;
    f.push(figure("memory.sumPeakRssMb", `  the ${n} processes together (sum of each one's peak)`, sum, "MB"));
  }
  return f;
}
