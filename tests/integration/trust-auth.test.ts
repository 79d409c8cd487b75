// Authentication and session holes found when the app was attacked (issue 10), over real HTTP
// against the built server: open redirects, lock-out races, limits stepped around by spelling a
// URL another way, made-up API tokens, weak passwords, which accounts exist, tokens outliving
// their creator's rights, and CSRF tokens that were not bound to the session.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const DB_FILE = tempDatabase("trust-auth");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { signup, setUserDisabled } = await import("~/domain/accounts.server");
const { createOrganisation } = await import("~/domain/orgs.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { db, write, disconnect } = await import("~/utils/db.server");

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
    const statuses = await burst(
      email,
      Array.from({ length: 30 }, (_, i) => `wrong-password-${i}`),
    );
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

// ───────────────────────── 3. the per-address login limit, whatever the URL ─────────────────────────

/** A raw request, for headers fetch() will not send as given (Host). */
function rawPost(base: string, pathname: string, headers: Record<string, string>, body: string): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: pathname, method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the per-address login limit", () => {
  it("counts every spelling of the login URL: .data, trailing slash, case, percent-encoding, PUT, ?index, ?_data", async () => {
    const limited = await startServer({ LOGIN_RATE_LIMIT_PER_IP: "4" });
    try {
      const email = "limit-spelling@test.vn";
      const key = `email:${email}`;
      const c = new Client(limited.url);
      await c.ensureCsrf();
      const body = new URLSearchParams({ csrf: c.csrf!, login: email, password: "wrong-password" }).toString();
      const headers = { Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "Content-Type": "application/x-www-form-urlencoded" };
      // Remix builds its URL from the Host header: "POST /" with "Host: x/login?" reached /login.
      expect(await rawPost(limited.url, "/", { ...headers, Host: "x/login?" }, body)).toBe(400);
      // Each of these reaches the login action (a failure is recorded), and each is counted.
      for (const p of ["/login.data", "/login/", "/%6Cogin"]) expect((await c.post(p, { login: email, password: "wrong-password" })).status, p).not.toBe(429);
      // Remix runs the action for PUT, PATCH and DELETE too.
      const put = () => fetch(`${limited.url}/login`, { method: "PUT", body, headers });
      expect((await put()).status).toBe(401);
      expect(await db.loginFailure.count({ where: { key } })).toBe(4);
      // The limit reached, every spelling is refused before the action runs.
      for (const p of ["/login", "/LOGIN?index", "/login.data", "/login?_data=routes%2Flogin", "/Login//", "/%6c%6f%67%69%6e.data"]) {
        expect((await c.post(p, { login: email, password: "wrong-password" })).status, p).toBe(429);
      }
      expect((await put()).status).toBe(429);
      expect(await db.loginFailure.count({ where: { key } })).toBe(4);
      // Refused with the form's own message: on the page, and to the page's script (.data), which
      // a plain-text answer would break (the reader saw a "500" page).
      const page = await c.post("/login", { login: email, password: PASSWORD });
      expect(page.status).toBe(429);
      expect(await page.text()).toContain("Có quá nhiều lần đăng nhập hoặc đăng ký từ địa chỉ mạng này");
      const script = await c.post("/login.data", { login: email, password: PASSWORD });
      expect(script.status).toBe(429);
      expect(await script.text()).toContain("error.tooManyFromAddress");
      expect(c.cookies.has("cn_session")).toBe(false);
      // Other doors and reading the login page are not limited.
      expect((await c.get("/login")).status).toBe(200);
      expect((await c.post("/locale", { locale: "en", redirectTo: "/" })).status).toBe(302);
    } finally {
      await limited.stop();
    }
  });
});

describe("behind a reverse proxy (TRUST_PROXY)", () => {
  it("each client address has its own login allowance, not one shared by everybody", async () => {
    const proxied = await startServer({ LOGIN_RATE_LIMIT_PER_IP: "2", TRUST_PROXY: "loopback" });
    try {
      const c = new Client(proxied.url);
      await c.ensureCsrf();
      const attempt = (address: string) =>
        c.post("/login", { login: "proxy@test.vn", password: "wrong-password" }, { headers: { "X-Forwarded-For": address } }).then((r) => r.status);
      expect([await attempt("203.0.113.1"), await attempt("203.0.113.1"), await attempt("203.0.113.1")]).toEqual([401, 401, 429]);
      expect(await attempt("203.0.113.2")).toBe(401);
    } finally {
      await proxied.stop();
    }
  });
});

// ───────────────────────── 4. API limits and made-up tokens ─────────────────────────

describe("the API rate limit", () => {
  it("limits made-up tokens per address: 305 different fake tokens get 429 past the limit", async () => {
    const limited = await startServer({ API_RATE_LIMIT: "5" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 305; i++) {
        const fake = `cn_${crypto.randomBytes(24).toString("base64url")}`;
        statuses.push((await fetch(`${limited.url}/api/v1/indicators?season=x`, { headers: { Authorization: `Bearer ${fake}` } })).status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(count(statuses.slice(5), 429)).toBe(300);
      // The same API spelt another way is the same limit.
      for (const p of ["/API/v1/indicators?season=x", "/%61pi/v1/indicators?season=x", "/api/v1/indicators.data?season=x"]) {
        const res = await fetch(limited.url + p, { headers: { Authorization: `Bearer cn_${crypto.randomBytes(24).toString("base64url")}` } });
        expect(res.status, p).toBe(429);
      }
    } finally {
      await limited.stop();
    }
  });
});

// ───────────────────────── 5. passwords and which accounts exist ─────────────────────────

const signupFields = (over: Record<string, string>) => ({
  name: "Người Mới",
  email: "",
  phone: "",
  password: "mot-mat-khau-dai",
  confirm: "mot-mat-khau-dai",
  ...over,
});

describe("signup refuses weak passwords", () => {
  for (const [password, message] of [
    ["12345678", "quá phổ biến"],
    ["password", "quá phổ biến"],
    ["matkhau123", "quá phổ biến"],
    ["iloveyou", "quá phổ biến"],
    ["11111111", "quá phổ biến"],
    ["20101990", "chỉ gồm chữ số"], // a date: digits only need at least 10
    ["0987654321x", "số điện thoại hoặc email"], // the account's own phone inside it
  ] as const) {
    it(`refuses ${JSON.stringify(password)} with a field error`, async () => {
      const c = new Client(server.url);
      const before = await db.user.count();
      const res = await c.post("/signup", signupFields({ phone: "0987654321", password, confirm: password }));
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('aria-invalid="true"');
      expect(await db.user.count()).toBe(before);
    });
  }

  it("says so in English too", async () => {
    const c = new Client(server.url);
    await c.post("/locale", { locale: "en", redirectTo: "/signup" });
    const res = await c.post("/signup", signupFields({ email: "en-weak@test.vn", password: "password", confirm: "password" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("too common");
  });
});

/** What a stranger can compare between two answers: all but their own input, CSRF token and nonce. */
async function shape(res: Response, echoed: (string | null)[]) {
  let body = await res.text();
  for (const e of echoed) if (e) body = body.split(e).join("…");
  body = body.replace(/nonce="[^"]*"/g, 'nonce="…"');
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookies: res.headers
      .getSetCookie()
      .map((c) => c.split("=")[0])
      .sort(),
    body,
  };
}

describe("a stranger cannot tell which emails and phones have accounts", () => {
  it("signup answers a taken email exactly as a new one, and neither signs anyone in", async () => {
    const taken = world.users.leader2;
    const hashBefore = (await db.user.findUniqueOrThrow({ where: { id: taken.id } })).passwordHash;
    const [ca, cb] = [new Client(server.url), new Client(server.url)];
    const a = await ca.post("/signup", signupFields({ email: "moi-1@test.vn" }));
    const b = await cb.post("/signup", signupFields({ email: taken.email }));
    expect(await shape(a, ["moi-1@test.vn", ca.csrf])).toEqual(await shape(b, [taken.email, cb.csrf]));
    expect(a.headers.getSetCookie().some((c) => c.startsWith("cn_session="))).toBe(false);
    // Where both land says what to do next, without saying which case it was.
    expect(await (await ca.get(a.headers.get("location")!)).text()).toContain("Đã nhận đăng ký");
    // The new address has its account and can log in; the taken one is unchanged.
    await new Client(server.url).login("moi-1@test.vn", "mot-mat-khau-dai");
    expect(await db.user.count({ where: { email: taken.email } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: taken.id } })).passwordHash).toBe(hashBefore);
  });

  it("the same for a taken phone number", async () => {
    await signup({ name: "Giàng Thị Mỷ", phone: "0912555001", password: PASSWORD, locale: "vi" });
    const [ca, cb] = [new Client(server.url), new Client(server.url)];
    const a = await ca.post("/signup", signupFields({ phone: "0912555002" }));
    const b = await cb.post("/signup", signupFields({ phone: "0912555001" }));
    expect(await shape(a, ["0912555002", ca.csrf])).toEqual(await shape(b, ["0912555001", cb.csrf]));
    expect(await db.user.count({ where: { phone: "0912555001" } })).toBe(1);
  });

  it("login answers an unknown account exactly as a wrong password, and locks both alike", async () => {
    const unknown = "khong-co-ai@test.vn";
    const known = world.users.staffA.email;
    const [ca, cb] = [new Client(server.url), new Client(server.url)];
    const a = await ca.post("/login", { login: unknown, password: "wrong-password" });
    const b = await cb.post("/login", { login: known, password: "wrong-password" });
    expect(await shape(a, [unknown, ca.csrf])).toEqual(await shape(b, [known, cb.csrf]));
    expect(a.status).toBe(401);
    const lockedStatuses = async (login: string) => {
      const c = new Client(server.url);
      const out: number[] = [];
      for (let i = 0; i < LIMIT; i++) out.push((await c.post("/login", { login, password: `wrong-${i}` })).status);
      return out;
    };
    expect(await lockedStatuses(unknown)).toEqual(await lockedStatuses(known));
    const la = await ca.post("/login", { login: unknown, password: "wrong-password" });
    const lb = await cb.post("/login", { login: known, password: "wrong-password" });
    expect(la.status).toBe(429);
    expect(await shape(la, [unknown, ca.csrf])).toEqual(await shape(lb, [known, cb.csrf]));
  });
});

// ───────────────────────── 6. API tokens and their creator ─────────────────────────

describe("an API token works only while its creator is an enabled administrator of its organisation", () => {
  const base = { province: "Quảng Trị", district: "Hướng Hóa", commune: null, phone: null, lat: null, lng: null };
  const authenticated = async (token: string) => {
    const res = await fetch(`${server.url}/api/v1/indicators?season=khong-co`, { headers: { Authorization: `Bearer ${token}` } });
    return res.status !== 401; // 404: the season is unknown, but the token was accepted
  };

  it("stops when the creator is disabled, demoted or removed, and comes back when restored", async () => {
    const userId = await newUser("token-creator@test.vn");
    const created = await createOrganisation(userId, { ...base, name: "Dự án Token", kind: "project_owner" });
    if (!created.ok) throw new Error("organisation");
    const org = created.org;
    const { token } = await createToken(org.id, "Bảng tính", userId);
    expect(await authenticated(token)).toBe(true);

    await setUserDisabled(userId, true);
    expect(await authenticated(token)).toBe(false);
    await setUserDisabled(userId, false);
    expect(await authenticated(token)).toBe(true);

    await write((tx) => tx.membership.updateMany({ where: { userId, organisationId: org.id }, data: { role: "project_staff" } }));
    expect(await authenticated(token)).toBe(false);
    await write((tx) => tx.membership.updateMany({ where: { userId, organisationId: org.id }, data: { role: "project_admin" } }));
    expect(await authenticated(token)).toBe(true);

    // Another administrator stays, the creator leaves the organisation.
    const other = await newUser("token-other-admin@test.vn");
    await write((tx) => tx.membership.create({ data: { userId: other, organisationId: org.id, role: "project_admin", acceptedAt: new Date() } }));
    await write((tx) => tx.membership.deleteMany({ where: { userId, organisationId: org.id } }));
    expect(await authenticated(token)).toBe(false);
  });

  it("an administrator of another organisation cannot have made a working token for this one", async () => {
    const outsider = await newUser("token-outsider@test.vn");
    const { token } = await createToken(world.orgs.projectOrg.id, "Lạ", outsider);
    expect(await authenticated(token)).toBe(false);
  });

  it("a site administrator's token works while they are one", async () => {
    const admin = world.users.admin.id;
    const { token } = await createToken(world.orgs.projectOrg.id, "Quản trị", admin);
    expect(await authenticated(token)).toBe(true);
    await write((tx) => tx.user.update({ where: { id: admin }, data: { isSiteAdmin: false } }));
    try {
      expect(await authenticated(token)).toBe(false);
    } finally {
      await write((tx) => tx.user.update({ where: { id: admin }, data: { isSiteAdmin: true } }));
    }
  });
});

// ───────────────────────── 7. CSRF tokens bound to the session ─────────────────────────

const household = { headName: "Người lạ CSRF", headSex: "male", povertyStatus: "poor", members: "3", povertyCertifiedOn: "2024-12-20" };

describe("the CSRF token belongs to one session", () => {
  it("a token and CSRF cookie from another browser do not work with the victim's session", async () => {
    const victim = new Client(server.url);
    await victim.login(world.users.leader1.email, PASSWORD);
    const before = await db.household.count();

    // An anonymous attacker's cookie and token, planted beside the victim's session cookie.
    const attacker = new Client(server.url);
    await attacker.ensureCsrf();
    const forged = new Client(server.url);
    forged.cookies = new Map(victim.cookies);
    for (const [k, v] of attacker.cookies) if (k === "cn_csrf") forged.cookies.set(k, v);
    forged.csrf = attacker.csrf;
    expect((await forged.post(`/groups/${world.groups.g1}/households/new`, household)).status).toBe(403);

    // A signed-in attacker's own token with the victim's cookies.
    const insider = new Client(server.url);
    await insider.login(world.users.leader2.email, PASSWORD);
    const forged2 = new Client(server.url);
    forged2.cookies = new Map(victim.cookies);
    forged2.csrf = insider.csrf;
    expect((await forged2.post(`/groups/${world.groups.g1}/households/new`, household)).status).toBe(403);
    expect(await db.household.count()).toBe(before);

    // The victim's own token works.
    expect((await victim.post(`/groups/${world.groups.g1}/households/new`, household)).status).toBe(302);
  });

  it("changes at login and at logout", async () => {
    const c = new Client(server.url);
    const anonymous = await c.ensureCsrf();
    await c.login(world.users.leader1.email, PASSWORD);
    const signedIn = c.csrf!;
    expect(signedIn).not.toBe(anonymous);
    const before = await db.household.count();
    c.csrf = anonymous;
    expect((await c.post(`/groups/${world.groups.g1}/households/new`, household)).status).toBe(403);
    expect(await db.household.count()).toBe(before);

    c.csrf = signedIn;
    expect((await c.post("/logout", {})).status).toBe(302);
    // Signed out, the old token no longer works, not even on the language switch.
    c.csrf = signedIn;
    expect((await c.post("/locale", { locale: "en", redirectTo: "/" })).status).toBe(403);
    c.csrf = null;
    expect((await c.post("/locale", { locale: "en", redirectTo: "/" })).status).toBe(302);
  });
});
