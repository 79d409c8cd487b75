// A PostgreSQL database the server cannot use at start (server.js awaits databaseReady()):
// one line on stderr saying where and what failed, a non-zero exit, and no server that answers
// every request with an error. Needs `npm run build`.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testCluster } from "../../support/pg-cluster";
import { tempDir } from "../../support/temp-db";

const cluster = testCluster();
afterAll(() => cluster.stop());

/** A TCP port nothing listens on: one the kernel just gave out, closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Started = { status: number | null; stdout: string; stderr: string; lines: string[] };

/** Runs the server to its exit; one that starts listening after all is stopped at once (and fails). */
function start(databaseUrl: string): Promise<Started> {
  const proc = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(tempDir("pg-startup"), "data"),
      SESSION_SECRET: "test-secret-test-secret-test-secret",
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      DELIVERY_WORKER: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
    if (stdout.includes("Cầu Nối: http")) proc.kill("SIGKILL");
  });
  proc.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    proc.on("error", reject);
    proc.on("close", (status) => resolve({ status, stdout, stderr, lines: stderr.split("\n").filter((l) => l.trim() !== "") }));
  });
}

describe("a PostgreSQL database the server cannot use at start", () => {
  it("that does not exist on the server: names the database, the socket and the reason", async () => {
    const name = `missing_${crypto.randomBytes(4).toString("hex")}`;
    const r = await start(`postgresql://postgres@localhost/${name}?host=${encodeURIComponent(cluster.socketDir)}`);
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.lines).toEqual([
      expect.stringMatching(new RegExp(`^Cầu Nối cannot start: .*"${name}" at socket ${cluster.socketDir}\\b.*database "${name}" does not exist`)),
    ]);
    expect(r.stdout).not.toContain("Cầu Nối: http");
  });

  it("on a port nothing listens on: names the host and port and the refusal, and never the password", async () => {
    const port = await closedPort();
    const r = await start(`postgresql://caunoi:s3cret-pw@127.0.0.1:${port}/caunoi`);
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.lines).toEqual([expect.stringMatching(new RegExp(`^Cầu Nối cannot start: .*"caunoi" at 127\\.0\\.0\\.1:${port} as caunoi: .*ECONNREFUSED`))]);
    expect(r.stdout + r.stderr).not.toContain("s3cret-pw");
    expect(r.stdout).not.toContain("Cầu Nối: http");
  });

  it("written without a host: says the URL names none, and how to write one", async () => {
    const r = await start("postgresql://");
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.lines).toEqual([
      expect.stringMatching(/^Cầu Nối cannot start: .*at localhost:5432 \(DATABASE_URL names no host: postgresql:\/\/user:password@host:5432\/database/),
    ]);
    expect(r.stdout).not.toContain("Cầu Nối: http");
  });
});
