// Runs a command (the CLI, a script) as its own process without blocking this test worker.
// spawnSync would: vitest's worker then cannot answer its own runner, and a child that takes
// over a minute on a busy machine fails the run with `Timeout calling "onTaskUpdate"`.
import { spawn } from "node:child_process";
import { HANG_GUARD_MS } from "./limits";

export type Ran = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export function runCommand(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], timeout: HANG_GUARD_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}
