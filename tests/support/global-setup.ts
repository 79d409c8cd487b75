// One temporary directory per test run, removed when the run ends, whatever the outcome.
// Every database and scratch file a suite makes goes under it (tests/support/temp-db.ts), and
// TMPDIR points at it so the servers and CLIs the suites spawn (and anything else calling
// os.tmpdir()) write there too. Per run, so a concurrent run's files are never touched.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { postgresBin, startCluster } from "./pg-cluster";

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
  // The PostgreSQL run of the suites (vitest.pg.config.ts) gets a cluster of its own.
  const cluster = process.env.TEST_DB === "postgresql" ? startPostgres() : null;
  return () => {
    cluster?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}

function startPostgres() {
  const bin = postgresBin();
  if (!bin) throw new Error("TEST_DB=postgresql but no PostgreSQL server is installed (apt-get install -y postgresql)");
  const cluster = startCluster(bin);
  process.env.TEST_PG_SOCKET = cluster.socketDir;
  return cluster;
}
