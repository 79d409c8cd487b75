// Accounts and sessions over real HTTP: cookies, CSRF, logout and disabling revoke sessions,
// rate-limited failed logins, no state change on GET, validation that writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("auth");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { db, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  world = await makeWorld();
  server = await startServer({ LOGIN_MAX_FAILURES: "5" });
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("login", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and lands on the home page", async () => {
    const c = new Client(server.url);
    await c.ensureCsrf();
    const res = await c.post("/login", { login: "LEADER1@test.vn", password: PASSWORD });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("cn_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await (await c.get("/")).text()).toContain("Hồ Thị Lan");
  });

  it("accepts a phone number in any common spelling", async () => {
    const { signup } = await import("~/domain/accounts.server");
    await signup({ name: "Giàng A Pao", phone: "0912000777", password: PASSWORD, locale: "vi" });
    const c = new Client(server.url);
    await c.login("+84 912 000 777", PASSWORD);
    expect(await (await c.get("/")).text()).toContain("Giàng A Pao");
  });

  it("refuses a wrong password with a message in Vietnamese and no session", async () => {
    const c = new Client(server.url);
    const res = await c.post("/login", { login: world.users.buyerB.email, password: "sai-mat-khau" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Sai tài khoản hoặc mật khẩu");
    expect(c.cookies.has("cn_session")).toBe(false);
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    const c = new Client(server.url);
    const email = world.users.authority.email;
    for (let i = 0; i < 5; i++) expect((await c.post("/login", { login: email, password: `wrong-${i}` })).status).toBe(401);
    const res = await c.post("/login", { login: email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("quá nhiều lần");
    expect(c.cookies.has("cn_session")).toBe(false);
  });
});

describe("sessions", () => {
  it("logout revokes the session on the server, not only in the browser", async () => {
    const c = await new Client(server.url);
    await c.login(world.users.leader2.email, PASSWORD);
    const stolen = c.cookies.get("cn_session")!;
    expect((await c.post("/logout", {})).status).toBe(302);
    const replay = new Client(server.url);
    replay.cookies.set("cn_session", stolen);
    const res = await replay.get("/groups");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("logout is not possible by GET (no state change on GET)", async () => {
    const c = new Client(server.url);
    await c.login(world.users.leader2.email, PASSWORD);
    const res = await c.get("/logout");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await c.get("/groups")).status).toBe(200);
  });

  it("disabling an account ends its sessions at once", async () => {
    const victim = new Client(server.url);
    await victim.login(world.users.buyerB.email, PASSWORD);
    expect((await victim.get("/groups")).status).toBe(200);
    const admin = new Client(server.url);
    await admin.login(world.users.admin.email, PASSWORD);
    expect((await admin.post("/admin", { intent: "disable", userId: world.users.buyerB.id })).status).toBe(200);
    expect((await victim.get("/groups")).status).toBe(302);
    expect(await db.session.count({ where: { userId: world.users.buyerB.id } })).toBe(0);
    const again = new Client(server.url);
    expect((await again.post("/login", { login: world.users.buyerB.email, password: PASSWORD })).status).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses a form post without the token, and changes nothing", async () => {
    const c = new Client(server.url);
    await c.login(world.users.leader1.email, PASSWORD);
    const before = await db.household.count();
    const res = await c.post(
      `/groups/${world.groups.g1}/households/new`,
      { headName: "X", headSex: "male", povertyStatus: "poor", members: "2" },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(await db.household.count()).toBe(before);
  });

  it("refuses a post from another site even with a token", async () => {
    const c = new Client(server.url);
    await c.login(world.users.leader1.email, PASSWORD);
    const res = await c.post(
      `/groups/${world.groups.g1}/households/new`,
      { headName: "X", headSex: "male", povertyStatus: "poor", members: "2" },
      { headers: { Origin: "https://evil.example" } },
    );
    expect(res.status).toBe(403);
  });

  it("refuses another browser's token", async () => {
    const a = new Client(server.url);
    const b = new Client(server.url);
    await a.login(world.users.leader1.email, PASSWORD);
    b.csrf = await b.ensureCsrf();
    a.csrf = b.csrf; // a's cookie, b's token
    const res = await a.post(`/groups/${world.groups.g1}/households/new`, { headName: "X", headSex: "male", povertyStatus: "poor", members: "2" });
    expect(res.status).toBe(403);
  });
});

describe("validation", () => {
  it("signup with bad input shows field errors and creates no account", async () => {
    const c = new Client(server.url);
    const before = await db.user.count();
    const res = await c.post("/signup", { name: "A", email: "khong-phai-email", phone: "123", password: "short", confirm: "other" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Tên quá ngắn");
    expect(html).toContain("Email không đúng dạng");
    expect(html).toContain("Mật khẩu cần ít nhất 8 ký tự");
    expect(html).toContain('aria-invalid="true"');
    expect(await db.user.count()).toBe(before);
  });

  it("a household with bad numbers is refused field by field, nothing written", async () => {
    const c = new Client(server.url);
    await c.login(world.users.leader1.email, PASSWORD);
    const before = await db.household.count();
    const res = await c.post(`/groups/${world.groups.g1}/households/new`, {
      headName: "",
      headSex: "other",
      povertyStatus: "rich",
      members: "-2",
      workers: "abc",
      ethnicMinority: "on",
      baselineIncomeVnd: "nhiều",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const msg of ["Vui lòng nhập thông tin này", "Số nằm ngoài khoảng cho phép", "Vui lòng nhập số nguyên"]) expect(html).toContain(msg);
    // Cross-field rules run once the fields themselves are valid.
    const res2 = await c.post(`/groups/${world.groups.g1}/households/new`, {
      headName: "Hồ Thị B",
      headSex: "female",
      povertyStatus: "poor",
      members: "2",
      workers: "5",
      ethnicMinority: "on",
    });
    expect(res2.status).toBe(400);
    const html2 = await res2.text();
    expect(html2).toContain("Vui lòng ghi tên dân tộc");
    expect(html2).toContain("Số lao động không thể nhiều hơn số nhân khẩu");
    expect(await db.household.count()).toBe(before);
  });

  it("a valid household is stored with every attribute, money typed with dots", async () => {
    const c = new Client(server.url);
    await c.login(world.users.leader1.email, PASSWORD);
    const res = await c.post(`/groups/${world.groups.g1}/households/new`, {
      headName: "Hồ Thị Mai",
      headSex: "female",
      povertyStatus: "newly_escaped",
      povertyCertifiedOn: "2024-12-20",
      members: "6",
      workers: "3",
      ethnicMinority: "on",
      ethnicity: "Pa Kô",
      baselineIncomeVnd: "32.500.000",
    });
    expect(res.status).toBe(302);
    const hh = await db.household.findFirstOrThrow({ where: { headName: "Hồ Thị Mai" } });
    expect(hh).toMatchObject({
      groupId: world.groups.g1,
      headSex: "female",
      povertyStatus: "newly_escaped",
      members: 6,
      workers: 3,
      ethnicMinority: true,
      ethnicity: "Pa Kô",
      baselineIncomeVnd: 32_500_000,
    });
  });

  it("English is a switch away and is remembered", async () => {
    const c = new Client(server.url);
    await c.login(world.users.leader1.email, PASSWORD);
    expect(await (await c.get("/groups")).text()).toContain("Tổ nhóm sản xuất");
    expect((await c.post("/locale", { locale: "en", redirectTo: "/groups" })).status).toBe(302);
    expect(await (await c.get("/groups")).text()).toContain("Farmer groups");
    const stored = await db.user.findUniqueOrThrow({ where: { id: world.users.leader1.id } });
    expect(stored.locale).toBe("en");
    expect((await c.post("/locale", { locale: "xx" })).status).toBe(400);
  });
});
