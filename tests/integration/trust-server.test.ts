// The server's own hardening, over real HTTP against the built server.js: production mode and
// generic error pages when NODE_ENV is unset.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("trust-server");
const { loadDemoProgramme } = await import("~/domain/demo.server");
const { disconnect } = await import("~/utils/db.server");

const servers: AppServer[] = [];

async function start(env: Record<string, string | undefined> = {}): Promise<AppServer & { log: () => string }> {
  // An undefined value removes the variable from the child's environment (child_process skips it).
  const s = await startServer(env as Record<string, string>);
  servers.push(s);
  let log = "";
  s.proc.stdout!.on("data", (d) => (log += d));
  s.proc.stderr!.on("data", (d) => (log += d));
  return Object.assign(s, { log: () => log });
}

beforeAll(async () => {
  await loadDemoProgramme();
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await disconnect();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** A request exactly as written (fetch refuses to send a bad Host header or an unnormalised path). */
function raw(base: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: target, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** No stack frame, file path or error class may reach a visitor. */
function expectNothingLeaked(body: string) {
  expect(body).not.toContain(process.cwd());
  expect(body).not.toMatch(/\/work\/|node_modules|\.js:\d+/);
  expect(body).not.toMatch(/\bat \S+ \(|&nbsp;at |\n\s+at /);
  expect(body).not.toMatch(/URIError|TypeError|Invalid URL/);
}

describe("npm start without NODE_ENV", () => {
  let bare: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    bare = await start({ NODE_ENV: undefined, COOKIE_SECURE: undefined }); // as `npm start`: nothing sets them
  }, 60_000);

  it("a malformed path is a plain 400: no stack trace, no file path", async () => {
    for (const target of ["/%", "/contracts/%E0%A4%A", "/build/%E0"]) {
      const res = await raw(bare.url, target);
      expect(res.status, target).toBe(400);
      expectNothingLeaked(res.body);
    }
  });

  it("an unexpected error is a generic 500, and its details go only to the log", async () => {
    // A Host header that is not a host makes the Remix adapter throw before any route runs.
    const res = await raw(bare.url, "/login", { Host: "exa mple" });
    expect(res.status).toBe(500);
    expect(res.body).toContain("Server error");
    expectNothingLeaked(res.body);
    expect(bare.log()).toMatch(/Invalid URL/);
    expect(bare.log()).toMatch(/\bat /); // the stack is in the log, where the operator looks
  });

  it("Remix's own errors are sanitised: a garbage ?_data request gets no message or stack", async () => {
    const res = await raw(bare.url, "/login?_data=routes%2Fno-such-route");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(res.body)).toEqual({ message: "Unexpected Server Error" });
    expectNothingLeaked(res.body);
  });

  it("the app runs in production mode: cookies are Secure by default", async () => {
    const res = await fetch(`${bare.url}/login`);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cn_csrf="));
    expect(cookie).toMatch(/;\s*Secure/i);
  });
});
