// The server's own hardening, over real HTTP against the built server.js: production mode and
// generic error pages when NODE_ENV is unset, security and caching headers on every kind of
// answer, and the import size cap enforced while the body streams in.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tableDump } from "../support/bundle-fixtures";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("trust-server");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { db, disconnect } = await import("~/utils/db.server");
const { MAX_IMPORT_BYTES } = await import("~/utils/api.server");

const servers: AppServer[] = [];
let server: AppServer; // as the tests start it: NODE_ENV=production
let token: string; // the demo project owner's API token
let projectOrgId: string;

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
  const project = await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" } });
  projectOrgId = project.id;
  const admin = await db.user.findFirstOrThrow({ where: { isSiteAdmin: true } });
  token = (await createToken(project.id, "trust-server", admin.id)).token;
  server = await start();
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
    // A damaged row (say, a notification written by an older version) makes a loader throw.
    const leader = await db.user.findFirstOrThrow({ where: { email: "leader@caunoi.vn" } });
    const raw = new Database(file);
    try {
      raw
        .prepare(`INSERT INTO "Notification" (id, userId, kind, params, createdAt) VALUES ('broken-row', ?, 'contract_status', '{not json', ?)`)
        .run(leader.id, Date.now());
    } finally {
      raw.close();
    }
    const c = new Client(bare.url);
    await c.login("leader@caunoi.vn", DEMO_PASSWORD);
    const res = await c.get("/inbox");
    expect(res.status).toBe(500);
    const body = await res.text();
    expectNothingLeaked(body);
    expect(body).not.toMatch(/SyntaxError|not json|Unexpected token|position \d/);
    expect(bare.log()).toMatch(/SyntaxError/);
    expect(bare.log()).toMatch(/\bat /); // the stack is in the log, where the operator looks
  });

  it("a Host or forwarded host that is not a host name is a plain 400", async () => {
    for (const headers of [{ Host: "exa mple" }, { Host: "x/login?" }, { "X-Forwarded-Host": "exa mple" }] as Record<string, string>[]) {
      const res = await raw(bare.url, "/login", headers);
      expect(res.status, JSON.stringify(headers)).toBe(400);
      expectNothingLeaked(res.body);
    }
  });

  it("Remix's own errors are sanitised: a garbage ?_data request gets no message or stack", async () => {
    const res = await raw(bare.url, "/login?_data=routes%2Fno-such-route");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(res.body)).toEqual({ message: "Unexpected Server Error" });
    expectNothingLeaked(res.body);
  });

  it("cookies are Secure over TLS and, by default, not on plain HTTP (a LAN install still signs in)", async () => {
    const res = await fetch(`${bare.url}/login`);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cn_csrf="));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe("security and caching headers", () => {
  const nosniff = (res: Response) => expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  const noStore = (res: Response) => expect(res.headers.get("cache-control") ?? "").toMatch(/\bno-store\b/);

  it("a statement PDF is nosniff and no-store", async () => {
    const c = new Client(server.url);
    await c.login("buyer@caunoi.vn", DEMO_PASSWORD);
    const invoice = await db.invoice.findFirstOrThrow({ where: { buyer: { ref: "htx-khe-sanh" }, kind: "invoice" } });
    const res = await c.get(`/invoices/${invoice.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    nosniff(res);
    noStore(res);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("a report CSV is nosniff and no-store", async () => {
    const c = new Client(server.url);
    await c.login("project@caunoi.vn", DEMO_PASSWORD);
    const res = await c.get("/reports/csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    nosniff(res);
    noStore(res);
  });

  it("API JSON answers (data and errors) are nosniff and no-store", async () => {
    const ok = await fetch(`${server.url}/api/v1/export`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    nosniff(ok);
    noStore(ok);
    const refused = await fetch(`${server.url}/api/v1/export`);
    expect(refused.status).toBe(401);
    nosniff(refused);
    noStore(refused);
  });

  it("a signed-in page and its .data request are nosniff and no-store, and keep the app's nonce CSP", async () => {
    const c = new Client(server.url);
    await c.login("buyer@caunoi.vn", DEMO_PASSWORD);
    const page = await c.get("/contracts");
    expect(page.status).toBe(200);
    nosniff(page);
    noStore(page);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.split(",")).toHaveLength(1); // one policy: helmet's own CSP does not join it
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);

    const data = await c.get("/contracts.data");
    expect(data.status).toBe(200);
    nosniff(data);
    noStore(data);
  });

  it("public assets keep their long cache (no no-store), and are nosniff too", async () => {
    const html = await (await fetch(`${server.url}/login`)).text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)![1];
    const res = await fetch(server.url + asset);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=31536000/);
    expect(res.headers.get("cache-control")).not.toMatch(/no-store/);
    nosniff(res);
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.headers.get("cache-control")).not.toMatch(/no-store/);
    nosniff(icon);
  });

  it("no HSTS over plain HTTP, nor for a forwarded https header from a proxy that is not trusted", async () => {
    expect((await fetch(`${server.url}/login`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${server.url}/login`, { headers: { "X-Forwarded-Proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
  });

  it("HSTS when a trusted proxy (TRUST_PROXY) says the visitor came over https", async () => {
    const proxied = await start({ TRUST_PROXY: "loopback", COOKIE_SECURE: undefined });
    const tls = await fetch(`${proxied.url}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(tls.headers.get("strict-transport-security")).toMatch(/^max-age=31536000\b/);
    expect(tls.headers.getSetCookie().find((c) => c.startsWith("cn_csrf="))).toMatch(/;\s*Secure/i);
    const plain = await fetch(`${proxied.url}/login`, { headers: { "X-Forwarded-Proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    await proxied.stop();
  }, 60_000);
});

describe("the import size cap holds for a chunked body (no Content-Length)", () => {
  const newRef = "oversize-import-org";
  // A valid bundle creating one organisation, padded with JSON whitespace past the cap.
  const head = new TextEncoder().encode(
    JSON.stringify({
      format: "linkage-bundle/1",
      organisations: [{ ref: newRef, kind: "enterprise", name: "Quá cỡ", province: "Quảng Trị", district: "Hướng Hóa" }],
    }).slice(0, -1),
  );
  const pad = new Uint8Array(1024 * 1024).fill(0x20);

  /**
   * 60 MB streamed in 1 MB chunks; after the cap the stream waits until the server has
   * answered. A server that reads the whole body before judging it never answers, and the
   * test fails by its timeout; one that counts while reading answers 413 mid-stream.
   */
  function oversizeBody(answered: Promise<unknown>): ReadableStream<Uint8Array> {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) {
          controller.enqueue(head);
          sent += head.length;
          return;
        }
        if (sent > MAX_IMPORT_BYTES + pad.length) await answered;
        if (sent >= 60 * 1024 * 1024) {
          controller.enqueue(new TextEncoder().encode("}"));
          controller.close();
          return;
        }
        controller.enqueue(pad);
        sent += pad.length;
      },
    });
  }

  async function send(url: string, headers: Record<string, string>) {
    let arrived!: () => void;
    const answered = new Promise<void>((r) => (arrived = r));
    const body = oversizeBody(answered);
    const res = await fetch(url, { method: "POST", body, duplex: "half", headers: { "Content-Type": "application/json", ...headers } } as RequestInit);
    arrived();
    const json = (await res.json()) as { error?: { code: string } };
    await body.cancel().catch(() => {});
    return { status: res.status, json };
  }

  it("/api/v1/import answers 413 JSON while the body is still arriving, and imports nothing", async () => {
    const before = await db.organisation.count();
    const res = await send(`${server.url}/api/v1/import`, { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe("too_large");
    expect(await db.organisation.count()).toBe(before);
    expect(await db.organisation.findUnique({ where: { ref: newRef } })).toBeNull();
  }, 60_000);

  it("/import/upload (the web page's door) does the same", async () => {
    const c = new Client(server.url);
    await c.login("project@caunoi.vn", DEMO_PASSWORD);
    await c.ensureCsrf();
    const before = await db.organisation.count();
    const res = await send(`${server.url}/import/upload?org=${projectOrgId}`, {
      Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "X-CSRF-Token": c.csrf!,
      Origin: server.url,
    });
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe("too_large");
    expect(await db.organisation.count()).toBe(before);
    expect(await db.organisation.findUnique({ where: { ref: newRef } })).toBeNull();
  }, 60_000);

  it("a bundle under the cap sent chunked is still read whole", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"format":"linkage-bundle/1"'));
        controller.enqueue(pad);
        controller.enqueue(new TextEncoder().encode("}"));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/v1/import`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  });
});

describe("restore while a server has the database open", () => {
  it("is refused with 'stop the server first', changes nothing, loses no later write; works once the server stops", async () => {
    const dir = path.dirname(file);
    const backup = path.join(dir, "restore-backup.db");
    const live = path.join(dir, "restore-live.db");
    expect((await runCli(["backup", backup], file)).code).toBe(0);
    expect((await runCli(["restore", backup], live)).code).toBe(0); // a new file: nothing has it open

    const contract = await db.contract.findFirstOrThrow({ where: { status: "active", group: { ref: "tg-huong-phung-1" } } });
    const household = await db.household.findFirstOrThrow({ where: { groupId: contract.groupId } });
    const running = await start({ DATABASE_URL: `file:${live}` });
    const staff = new Client(running.url);
    await staff.login("staff@caunoi.vn", DEMO_PASSWORD);
    const recordPickup = async () => {
      const res = await staff.post("/api/pickups", {
        contractId: contract.id,
        clientKey: crypto.randomUUID(),
        date: "2026-11-20",
        witnesses: [household.id],
        "lot.householdId": [household.id],
        "lot.grossKg": ["100"],
        "lot.tareKg": ["2"],
        "lot.grade": ["A"],
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { pickupId: string }).pickupId;
    };
    const earlier = await recordPickup();

    const before = await tableDump(live);
    const refused = await runCli(["restore", backup], live);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/stop the server first/i);
    expect(await tableDump(live)).toEqual(before);

    const later = await recordPickup(); // acknowledged after the attempt
    await running.stop();
    const stored = new Database(live, { readonly: true });
    try {
      const ids = (stored.prepare(`SELECT id FROM "Pickup" WHERE id IN (?, ?)`).all(earlier, later) as { id: string }[]).map((r) => r.id);
      expect(ids.sort()).toEqual([earlier, later].sort());
    } finally {
      stored.close();
    }

    const restored = await runCli(["restore", backup], live);
    expect(restored.code, restored.stderr).toBe(0);
    expect(await tableDump(live)).toEqual(await tableDump(backup)); // the backup, row for row: both pickups gone
  }, 120_000);
});
