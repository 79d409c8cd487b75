// Authentication and session holes found when the app was attacked (issue 10), over real HTTP
// against the built server: open redirects, lock-out races, limits stepped around by spelling a
// URL another way, made-up API tokens, weak passwords, which accounts exist, tokens outliving
// their creator's rights, and CSRF tokens that were not bound to the session.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const DB_FILE = tempDatabase("trust-auth");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { signup } = await import("~/domain/accounts.server");
const { db, disconnect } = await import("~/utils/db.server");

const LIMIT = 5; // LOGIN_MAX_FAILURES
let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  world = await makeWorld();
  // This file logs in often from one address; the per-address limits have their own servers below.
  server = await startServer({ LOGIN_MAX_FAILURES: String(LIMIT), LOGIN_RATE_LIMIT_PER_IP: "10000", API_RATE_LIMIT: "10000" });
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
  fs.rmSync(path.dirname(DB_FILE), { recursive: true, force: true });
});

// ───────────────────────── 1. redirects ─────────────────────────

const origin = () => new URL(server.url).origin;
/** Where a browser goes with this Location header (the WHATWG parser drops tabs, reads "\" as "/"). */
const landsOn = (location: string | null) => new URL(location ?? "", server.url);

const OFF_SITE = [
  "/\t/evil.example", // ?redirectTo=%2F%09%2Fevil.example: browsers drop the tab
  "/\\evil.example",
  "/\\/evil.example",
  "//evil.example",
  "/.//evil.example", // dot segments collapse to //evil.example
  "https://evil.example/",
  "\t//evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "javascript:alert(1)",
];

describe("redirects after login and the language switch stay on this site", () => {
  it("login never sends the browser to another site, whatever redirectTo says", async () => {
    for (const redirectTo of OFF_SITE) {
      const c = new Client(server.url);
      const res = await c.post("/login", { login: world.users.leader1.email, password: PASSWORD, redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(landsOn(res.headers.get("location")).origin, JSON.stringify(redirectTo)).toBe(origin());
      expect(res.headers.get("location")!.startsWith("//")).toBe(false);
    }
  });

  it("the language switch never sends the browser to another site", async () => {
    for (const redirectTo of OFF_SITE) {
      const c = new Client(server.url);
      const res = await c.post("/locale", { locale: "en", redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(landsOn(res.headers.get("location")).origin, JSON.stringify(redirectTo)).toBe(origin());
    }
  });

  it("keeps a same-site path with its query and fragment", async () => {
    const c = new Client(server.url);
    const res = await c.post("/login", { login: world.users.leader1.email, password: PASSWORD, redirectTo: "/groups?tab=2&q=a%20b#top" });
    expect(res.headers.get("location")).toBe("/groups?tab=2&q=a%20b#top");
  });

  it("a non-Latin-1 redirectTo is encoded, not a 500 after a session was written", async () => {
    const user = world.users.leader2;
    const before = await db.session.count({ where: { userId: user.id } });
    const c = new Client(server.url);
    const res = await c.post("/login", { login: user.email, password: PASSWORD, redirectTo: "/tổ-nhóm?q=cà phê#đ" });
    expect(res.status).toBe(302);
    const to = landsOn(res.headers.get("location"));
    expect(to.origin).toBe(origin());
    expect(decodeURIComponent(to.pathname)).toBe("/tổ-nhóm");
    expect(to.searchParams.get("q")).toBe("cà phê");
    // Exactly the one session the browser was given.
    expect(await db.session.count({ where: { userId: user.id } })).toBe(before + 1);
    expect(c.cookies.has("cn_session")).toBe(true);

    const lang = await new Client(server.url).post("/locale", { locale: "en", redirectTo: "/tổ" });
    expect(lang.status).toBe(302);
    expect(decodeURIComponent(landsOn(lang.headers.get("location")).pathname)).toBe("/tổ");
  });
});

// ───────────────────────── 2. lock-out races ─────────────────────────

const count = (xs: number[], s: number) => xs.filter((x) => x === s).length;

async function newUser(email: string, name = "Người Thử"): Promise<string> {
  const r = await signup({ name, email, password: PASSWORD, locale: "vi" });
  if (!r.ok) throw new Error(`signup ${email}`);
  return r.userId;
}

async function burst(login: string, passwords: string[]): Promise<number[]> {
  const clients = passwords.map(() => new Client(server.url));
  await Promise.all(clients.map((c) => c.ensureCsrf()));
  return Promise.all(clients.map((c, i) => c.post("/login", { login, password: passwords[i] }).then((r) => r.status)));
}

describe("failed logins are counted before the password is checked", () => {
  it("30 wrong passwords at once: exactly the limit are checked, the rest refused as locked", async () => {
    const email = "race-1@test.vn";
    await newUser(email);
    const statuses = await burst(email, Array.from({ length: 30 }, (_, i) => `wrong-password-${i}`));
    expect(count(statuses, 401)).toBe(LIMIT);
    expect(count(statuses, 429)).toBe(30 - LIMIT);
    expect(await db.loginFailure.count({ where: { key: `email:${email}` } })).toBe(LIMIT);
    // The right password is now refused too, until the window passes.
    const res = await new Client(server.url).post("/login", { login: email, password: PASSWORD });
    expect(res.status).toBe(429);
  });

  it("the right password racing limit+5 wrong ones: no more than the limit of wrong ones are checked", async () => {
    const email = "race-2@test.vn";
    await newUser(email);
    const passwords = [...Array.from({ length: LIMIT + 5 }, (_, i) => `wrong-password-${i}`), PASSWORD];
    const statuses = await burst(email, passwords);
    // 401: a wrong password that was checked; 302: the right one, checked; 429: refused unchecked.
    expect(count(statuses, 401)).toBeLessThanOrEqual(LIMIT);
    expect(count(statuses, 302)).toBeLessThanOrEqual(1);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(5);
    expect(count(statuses, 401) + count(statuses, 302) + count(statuses, 429)).toBe(passwords.length);
  });
});
