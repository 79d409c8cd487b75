// Who gets what (issue 17, item 3), over real HTTP against the built app and a real database:
// a person's own notification settings with field errors and nothing written on a mistake, a
// household's phone recorded only with its consent and only by its own group's leader, and a
// STOP reply through the SMS gateway's webhook with the right and a wrong secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("reach-preferences");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { db, disconnect } = await import("~/utils/db.server");

const SECRET = "inbound-secret-for-tests-0123456789";
let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let g1: string;
let g2: string;
let hh1: string;

beforeAll(async () => {
  world = await makeWorld();
  g1 = world.groups.g1;
  g2 = world.groups.g2;
  hh1 = world.households.hh1.id;
  server = await startServer({ SMS_INBOUND_SECRET: SECRET });
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const html = async (res: Response) => (await res.text()).replaceAll("\0", "");
const prefsOfUser = (userId: string) => db.contactPreference.findUnique({ where: { userId } });
const prefsOfHousehold = (householdId: string) => db.contactPreference.findUnique({ where: { householdId } });
const contactUrl = (groupId: string, householdId: string) => `/groups/${groupId}/households/${householdId}/contact`;

describe("a person's notification settings", () => {
  it("a phone that is not a Vietnamese mobile, or a bad email: 400 with the Vietnamese message, nothing written", async () => {
    const c = await as(world.users.staffA.email);
    for (const [fields, field, message] of [
      [{ smsPhone: "024 3312 3456" }, "smsPhone", "Số điện thoại di động Việt Nam không hợp lệ"],
      [{ smsPhone: "113" }, "smsPhone", "Số điện thoại di động Việt Nam không hợp lệ"],
      [{ zaloPhone: "01662345678" }, "zaloPhone", "Số điện thoại di động Việt Nam không hợp lệ"],
      [{ email: "thu@" }, "email", "Email không đúng dạng."],
      [{ quietStart: "22:00" }, "quietEnd", "Cần cả giờ bắt đầu và giờ kết thúc."],
    ] as [Record<string, string>, string, string][]) {
      const res = await c.post("/settings/notifications", {
        smsPhone: "",
        zaloPhone: "",
        email: "",
        quietStart: "",
        quietEnd: "",
        groups: "pickups",
        ...fields,
      });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const page = await html(res);
      expect(page).toContain(message);
      expect(page).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`));
      expect(await prefsOfUser(world.users.staffA.id)).toBeNull();
    }
  });

  it("saves channels, quiet hours and events, says Đã lưu, and shows them again", async () => {
    const c = await as(world.users.staffA.email);
    const res = await c.post("/settings/notifications", {
      smsPhone: "+84 912.345.678",
      smsPlain: "on",
      zaloPhone: "0987 654 321",
      email: "thu@caphe.vn",
      quietStart: "21:30",
      quietEnd: "06:00",
      groups: ["pickups", "payments", "certificates"],
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/settings/notifications?saved=1");
    const p = await prefsOfUser(world.users.staffA.id);
    expect(p).toMatchObject({
      smsPhone: "84912345678",
      smsPlain: true,
      zaloPhone: "84987654321",
      email: "thu@caphe.vn",
      quietStart: "21:30",
      quietEnd: "06:00",
    });
    expect(JSON.parse(p!.events!)).toEqual([
      "pickup_recorded",
      "pickup_unwitnessed",
      "pickup_receipt",
      "lot_corrected",
      "payment_recorded",
      "certificate_expiring",
    ]);
    expect(p!.consentById).toBe(world.users.staffA.id);
    const page = await html(await c.get("/settings/notifications?saved=1"));
    expect(page).toContain("Đã lưu");
    expect(page).toContain('value="0912 345 678"');
    expect(page).toMatch(/value="certificates" checked=""|checked="" value="certificates"|value="certificates"[^>]*checked/);
    expect(page).not.toMatch(/value="offers"[^>]*checked/);
  });

  it("an English reader gets the error in English", async () => {
    const c = await as(world.users.buyerB.email);
    expect((await c.post("/locale", { locale: "en", redirectTo: "/" })).status).toBe(302);
    const res = await c.post("/settings/notifications", { smsPhone: "12345", groups: "offers" });
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("Not a valid Vietnamese mobile number");
    expect(await prefsOfUser(world.users.buyerB.id)).toBeNull();
  });

  it("is for signed-in people only", async () => {
    const res = await fetch(`${server.url}/settings/notifications`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("a household's phone, recorded by its leader with its consent", () => {
  it("without the consent box ticked, or with a landline: 400, nothing written", async () => {
    const c = await as(world.users.leader1.email);
    const noConsent = await c.post(contactUrl(g1, hh1), { smsPhone: "0912 000 111" });
    expect(noConsent.status).toBe(400);
    expect(await html(noConsent)).toContain("Cần hộ đồng ý trước khi ghi số điện thoại.");
    const landline = await c.post(contactUrl(g1, hh1), { smsPhone: "0233 3880 123", consent: "on" });
    expect(landline.status).toBe(400);
    expect(await html(landline)).toContain("Số điện thoại di động Việt Nam không hợp lệ");
    expect(await prefsOfHousehold(hh1)).toBeNull();
  });

  it("another group's leader guessing ids gets 404, a member 403, nothing written", async () => {
    const other = await as(world.users.leader2.email);
    for (const url of [contactUrl(g1, hh1), contactUrl(g2, hh1)]) {
      expect((await other.get(url)).status, url).toBe(404);
      expect((await other.post(url, { smsPhone: "0912000111", consent: "on" })).status, url).toBe(404);
      expect((await other.post(url, { intent: "stop" })).status, url).toBe(404);
    }
    const member = await as(world.users.member1.email);
    expect((await member.post(contactUrl(g1, hh1), { smsPhone: "0912000111", consent: "on" })).status).toBe(403);
    const buyer = await as(world.users.buyerA.email);
    expect([403, 404]).toContain((await buyer.post(contactUrl(g1, hh1), { smsPhone: "0912000111", consent: "on" })).status);
    expect(await prefsOfHousehold(hh1)).toBeNull();
  });

  it("with consent: kept with who agreed when; the leader stops it with Ngừng nhắn tin", async () => {
    const c = await as(world.users.leader1.email);
    const before = Date.now();
    const res = await c.post(contactUrl(g1, hh1), { smsPhone: "0912 000 111", smsPlain: "on", consent: "on" });
    expect(res.status).toBe(302);
    const p = await prefsOfHousehold(hh1);
    expect(p).toMatchObject({ smsPhone: "84912000111", smsPlain: true, consentById: world.users.leader1.id, stoppedAt: null, userId: null });
    expect(p!.consentAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const page = await html(await c.get(`${contactUrl(g1, hh1)}?saved=1`));
    expect(page).toContain("Hộ sẽ nhận phiếu cân ở số 0912 000 111");
    expect(page).toContain("Ngừng nhắn tin");
    // The household page links here.
    expect(await html(await c.get(`/groups/${g1}/households/${hh1}`))).toContain(`href="${contactUrl(g1, hh1)}"`);

    expect((await c.post(contactUrl(g1, hh1), { intent: "stop" })).status).toBe(302);
    expect((await prefsOfHousehold(hh1))!.stoppedAt).not.toBeNull();
    const after = await html(await c.get(contactUrl(g1, hh1)));
    expect(after).toContain("Đã ngừng nhắn tin tới 0912 000 111");
    expect(after).not.toContain(">Ngừng nhắn tin<");
    // Recorded again with consent: texting again.
    expect((await c.post(contactUrl(g1, hh1), { smsPhone: "0912000111", consent: "on" })).status).toBe(302);
    expect((await prefsOfHousehold(hh1))!.stoppedAt).toBeNull();
  });
});

describe("STOP by replying to a text (the gateway's inbound webhook)", () => {
  const inbound = (body: unknown, secret?: string) =>
    fetch(`${server.url}/api/sms/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(secret === undefined ? {} : { "X-Inbound-Secret": secret }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    // A user who texts with the same phone as the household, and one with another phone.
    const c = await as(world.users.project.email);
    expect((await c.post("/settings/notifications", { smsPhone: "0912000111", groups: "projects" })).status).toBe(302);
    const d = await as(world.users.authority.email);
    expect((await d.post("/settings/notifications", { smsPhone: "0977000222", groups: "offers" })).status).toBe(302);
    const l = await as(world.users.leader1.email);
    expect((await l.post(contactUrl(g1, hh1), { smsPhone: "0912000111", consent: "on" })).status).toBe(302);
  });

  it("without the secret or with a wrong one: 401 JSON, nothing stopped", async () => {
    for (const secret of [undefined, "", "wrong-secret-wrong-secret"]) {
      const res = await inbound({ phone: "+84912000111", message: "STOP" }, secret);
      expect(res.status, String(secret)).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect((await prefsOfHousehold(hh1))!.stoppedAt).toBeNull();
    expect((await prefsOfUser(world.users.project.id))!.stoppedAt).toBeNull();
  });

  it("anything but a stop word is acknowledged and ignored; bad JSON is a 400", async () => {
    for (const message of ["Cảm ơn", "stop please", "HUY DON"]) {
      const res = await inbound({ phone: "0912000111", message }, SECRET);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, action: "ignored" });
    }
    expect((await inbound("{not json", SECRET)).status).toBe(400);
    expect((await inbound({ phone: 912000111 }, SECRET)).status).toBe(400);
    expect((await prefsOfHousehold(hh1))!.stoppedAt).toBeNull();
  });

  it("“Dừng” from the phone stops every preference texting that number, and only those", async () => {
    const res = await inbound({ phone: "+84 912 000 111", message: " Dừng " }, SECRET);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, action: "stopped", stopped: 2 });
    expect((await prefsOfHousehold(hh1))!.stoppedAt).not.toBeNull();
    expect((await prefsOfUser(world.users.project.id))!.stoppedAt).not.toBeNull();
    expect((await prefsOfUser(world.users.authority.id))!.stoppedAt).toBeNull();
    // The leader's page says so.
    expect(await html(await (await as(world.users.leader1.email)).get(contactUrl(g1, hh1)))).toContain("Đã ngừng nhắn tin tới 0912 000 111");
    for (const word of ["tc", "HUY", "stop"]) {
      const again = await inbound({ phone: "0977000222", message: word }, SECRET);
      expect(again.status).toBe(200);
    }
    expect((await prefsOfUser(world.users.authority.id))!.stoppedAt).not.toBeNull();
  });
});

describe("where a notice goes (what the outbox asks inside notify's write)", () => {
  it("only the channels of those who want that kind, no texts to a stopped phone", async () => {
    const { write } = await import("~/utils/db.server");
    const { deliveryTargets } = await import("~/domain/reach/preferences.server");
    const userIds = [world.users.staffA.id, world.users.project.id, world.users.authority.id, world.users.leader2.id];
    const receipt = await write((tx) => deliveryTargets(tx, { userIds, householdIds: [hh1, world.households.hh1b.id], kind: "pickup_receipt" }));
    // staffA chose pickups: SMS (plain), Zalo and email. The project user chose projects only;
    // the authority and the household hh1 replied STOP; leader2 and hh1b have no settings.
    expect(receipt.map((t) => [t.userId === world.users.staffA.id ? "staffA" : (t.userId ?? t.householdId), t.channel, t.address, t.plain])).toEqual([
      ["staffA", "sms", "84912345678", true],
      ["staffA", "zalo", "84987654321", true],
      ["staffA", "email", "thu@caphe.vn", true],
    ]);
    expect(receipt[0]).toMatchObject({ quietStart: "21:30", quietEnd: "06:00" });
    const offers = await write((tx) => deliveryTargets(tx, { userIds, householdIds: [hh1], kind: "offer_published" }));
    expect(offers).toEqual([]);
    // A household with a consenting phone gets its receipts and payments, never other notices.
    const hh1b = world.households.hh1b.id;
    const l = await as(world.users.leader1.email);
    expect((await l.post(contactUrl(g1, hh1b), { smsPhone: "0388 123 456", consent: "on" })).status).toBe(302);
    const paid = await write((tx) => deliveryTargets(tx, { userIds: [], householdIds: [hh1b], kind: "payment_recorded" }));
    expect(paid.map((t) => [t.householdId, t.channel, t.address, t.plain])).toEqual([[hh1b, "sms", "84388123456", false]]);
    expect(await write((tx) => deliveryTargets(tx, { userIds: [], householdIds: [hh1b], kind: "dispute_opened" }))).toEqual([]);
  });
});
