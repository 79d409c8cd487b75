// The benchmark's one table (figure, value, target, result — with how far a miss is off) and
// its JSON copy with the machine it ran on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

type Op = "<=" | ">=" | "==";
export type Figure = {
  id: string;
  label: string;
  value: number | boolean | string | null;
  unit: string;
  target: { op: Op; value: number | boolean } | null;
  result: "pass" | "FAIL" | "info" | "n/a";
  miss?: string;
  note?: string;
};

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en") : String(Math.round(v * 100) / 100));

export function figure(id: string, label: string, value: Figure["value"], unit: string, target?: [Op, number | boolean], note?: string): Figure {
  const f: Figure = { id, label, value, unit, target: target ? { op: target[0], value: target[1] } : null, result: "info", ...(note ? { note } : {}) };
  if (value === null || value === "not available") return { ...f, result: target ? "n/a" : "info" };
  if (!target) return f;
  const [op, want] = target;
  // "> 20000 ms (none completed)": a lower bound above an upper-bound target.
  if (typeof value === "string" && value.startsWith(">") && op === "<=") return { ...f, result: "FAIL", miss: note ?? "over the target" };
  if (op === "==") {
    const ok = value === want;
    return { ...f, result: ok ? "pass" : "FAIL", ...(ok ? {} : { miss: `expected ${String(want)}` }) };
  }
  const v = Number(value);
  const w = Number(want);
  const ok = op === "<=" ? v <= w : v >= w;
  if (ok) return { ...f, result: "pass" };
  const miss = op === "<=" ? `+${fmt(v - w)} ${unit}, ${(v / w).toFixed(1)}× the target` : `−${fmt(w - v)} ${unit}, ${Math.round((100 * (w - v)) / w)}% short`;
  return { ...f, result: "FAIL", miss };
}

function show(v: Figure["value"], unit: string): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "string") return v;
  return `${fmt(v)}${unit ? ` ${unit}` : ""}`;
}

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    show(f.value, f.unit),
    f.target ? `${f.target.op === "==" ? "" : `${f.target.op} `}${show(f.target.value, f.unit)}` : "",
    f.result === "FAIL" ? `FAIL (${f.miss})` : f.result === "n/a" ? `n/a${f.note ? ` (${f.note})` : ""}` : f.result,
  ]);
  const head = ["figure", "value", "target", "result"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function machine(dbFile: string) {
  const cpus = os.cpus();
  const raw = new Database(dbFile, { readonly: true });
  const count = (t: string) => raw.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number;
  const data = {
    file: path.relative(process.cwd(), dbFile),
    bytes: fs.statSync(dbFile).size,
    groups: count("FarmerGroup"),
    households: count("Household"),
    contracts: count("Contract"),
    pickups: count("Pickup"),
    lots: count("Lot"),
    invoices: count("Invoice"),
  };
  const sqlite = raw.prepare("SELECT sqlite_version()").pluck().get() as string;
  raw.close();
  return {
    machine: {
      cpuModel: cpus[0]?.model ?? "unknown",
      cpus: cpus.length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      sqlite,
    },
    appBuild: fs.existsSync("build/index.js") ? fs.statSync("build/index.js").mtime.toISOString() : null,
    data,
  };
}

export function writeResults(dir: string, size: string, result: object): { file: string; latest: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const file = path.join(dir, `${size}-${stamp}.json`);
  const latest = path.join(dir, `latest-${size}.json`);
  const text = JSON.stringify(result, null, 2) + "\n";
  fs.writeFileSync(file, text);
  fs.writeFileSync(latest, text);
  return { file, latest };
}
