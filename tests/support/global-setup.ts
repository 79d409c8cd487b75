// One temporary directory per test run, removed when the run ends, whatever the outcome.
// Every database and scratch file a suite makes goes under it (tests/support/temp-db.ts), and
// TMPDIR points at it so the servers and CLIs the suites spawn (and anything else calling
// os.tmpdir()) write there too. Per run, so a concurrent run's files are never touched.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    tempRoot: string;
  }
}

export default function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-test-run-"));
  project.provide("tempRoot", root);
  // Read by vitest when it starts the workers, after this setup has run.
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
