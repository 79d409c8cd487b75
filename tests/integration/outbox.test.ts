// The outbox and its delivery worker (issue 17, docs/decisions/0031-outbox.md), against a real
// database (a SQLite file, or PostgreSQL in the run of vitest.pg.config.ts), the real eSMS
// client (channels/esms.ts) and the local server that speaks eSMS.vn's JSON API
// (tests/support/reach-servers.ts), which, like the provider, refuses a RequestId it has
// already accepted (code 124) — the client takes that as "sent earlier".
//   - notify() writes one message per recipient and channel in the event's own write: none if
//     that write fails, one if the same event is written twice; preferences decide who gets what;
//   - the worker sends through the SMS client; a gateway that is down is retried with backoff
//     and delivers once when it is back; a 4xx refusal is given up on at once; 8 attempts at most;
//   - killed with -9 after the provider accepted but before its answer, a restarted worker sends
//     again with the same RequestId and the provider accepts it once;
//   - two workers at once (in one process, and in two) send each message once, and count a
//     message they both saw once;
//   - the worker inside the server sends; the admin page counts, shows failures and costs,
//     retries with a confirmation, and is a 404 for anyone else.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEsmsServer, type EsmsServer } from "../support/reach-servers";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("outbox");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, offerForm } = await import("../support/marketplace-fixtures");
const { db, write, disconnect } = await import("~/utils/db.server");
const { notify } = await import("~/domain/notifications.server");
const { enqueueOutbox } = await import("~/domain/reach/outbox.server");
const { offerFormValues, offerSchema } = await import("~/domain/offers.schema");
const { changeOfferStatus, createOffer } = await import("~/domain/offers.server");
const { createWorker, DEFAULTS } = await import("~/domain/reach/worker.server");
const { channelsFromConfig } = await import("~/domain/reach/channels/config");
const { esmsPhone } = await import("~/domain/reach/channels/esms");

type Mode = "ok" | "down" | "refuse" | "busy";

let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;
let sms: EsmsServer;
const PRICE = 550;
/** What the server and `npm run deliver` are started with: the SMS_* variables of channels/index.server.ts. */
const smsEnv = (): Record<string, string> => ({ ...sms.env, SMS_COST_VND: String(PRICE) });
const KEYS = { apiKey: "key-test", secretKey: "secret-test", brandname: "CAUNOI" };
const channels = () => channelsFromConfig({ sms: { provider: "esms", apiUrl: sms.apiUrl, ...KEYS, costPerSegmentVnd: PRICE } });
/** How the gateway answers from now on. */
async function gateway(mode: Mode) {
  if (mode === "down") return sms.down();
  await sms.up();
  if (mode === "ok") sms.reply({ kind: "succeed" });
  if (mode === "refuse") sms.reply({ kind: "status", status: 400, body: JSON.stringify({ CodeResult: "104", ErrorMessage: "Brandname chưa được đăng ký" }) });
  if (mode === "busy") sms.reply({ kind: "status", status: 429, retryAfter: "3600" });
}
const acceptedFor = (id: string) => sms.accepted.filter((a) => a.requestId === id);
const quiet = { log: () => undefined };

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  sms = await startEsmsServer(KEYS);
  await write(async (tx) => {
    await tx.contactPreference.create({ data: { userId: world.users.leader1.id, smsPhone: "0912 345 678" } });
    await tx.contactPreference.create({ data: { userId: world.users.leader2.id, email: "leader2@test.vn" } });
  });
});
afterAll(async () => {
  await sms?.close();
  await disconnect();
});

const byMessage = (id: string) => sms.requests.filter((r) => r.body?.RequestId === id).map((r) => r.body as Record<string, string>);
const attemptsOf = (messageId: string) => db.deliveryAttempt.findMany({ where: { messageId }, orderBy: { id: "asc" } });

/** A "renewal due" event for leader 1, told apart by `tag`; its SMS message. */
async function eventFor(tag: string, userIds = [world.users.leader1.id]) {
  await write((tx) =>
    notify(tx, { userIds, kind: "renewal_due", params: { contract: "HD-OUT-1", group: "Tổ Hướng Phùng 1" }, link: "/contracts/c-out", discriminator: tag }),
  );
  return db.outboxMessage.findFirstOrThrow({ where: { eventKey: { endsWith: `|${tag}` }, channel: "sms" } });
}

/** Puts every message still waiting aside, so a test's worker sees only its own. */
const settle = () => write((tx) => tx.outboxMessage.updateMany({ where: { status: { in: ["pending", "sending"] } }, data: { status: "skipped" } }));

describe("notify() writes the outbox in the event's own write", () => {
  it("an offer published in a leader's province: one SMS to that leader, none to a leader elsewhere", async () => {
    const before = await db.outboxMessage.count();
    const parsed = offerSchema.safeParse(
      offerFormValues(offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { eligibleProvinces: "Quảng Trị" })),
    );
    if (!parsed.success) throw new Error(parsed.error.message);
    const offer = await createOffer(world.orgs.orgA.id, parsed.data);
    if (!offer.ok) throw new Error("offer");
    expect(await changeOfferStatus(offer.id, "publish", world.users.staffA.id)).toEqual({ ok: true });

    const messages = await db.outboxMessage.findMany({ where: { kind: "offer_published" } });
    expect(await db.outboxMessage.count()).toBe(before + 1);
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m).toMatchObject({ channel: "sms", address: "84912345678", userId: world.users.leader1.id, status: "pending", attempts: 0 });
    expect(m.eventKey).toContain(`/offers/${offer.id}`);
    expect(m.body).toContain("HTX Cà phê Khe Sanh đăng đơn thu mua mới");
    expect(m.body.length).toBeLessThanOrEqual(70); // one SMS segment with diacritics
    // The inbox row and the message come from one event.
    expect(await db.notification.count({ where: { userId: world.users.leader1.id, link: `/offers/${offer.id}` } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { address: "leader2@test.vn" } })).toBe(0);
  });

  it("a write that fails after notify() leaves no message and no notice", async () => {
    const [messages, notices] = await Promise.all([db.outboxMessage.count(), db.notification.count()]);
    await expect(
      write(async (tx) => {
        await notify(tx, {
          userIds: [world.users.leader1.id],
          kind: "renewal_due",
          params: { contract: "HD-X" },
          link: "/contracts/x",
          discriminator: "rolled-back",
        });
        throw new Error("the event's own write fails after notify()");
      }),
    ).rejects.toThrow("fails after notify");
    expect(await db.outboxMessage.count()).toBe(messages);
    expect(await db.notification.count()).toBe(notices);
  });

  it("the same event written twice is one message; a stopped, unconsented or uninterested recipient gets none", async () => {
    const { hh1, hh1b, hh2 } = world.households;
    await write(async (tx) => {
      await tx.contactPreference.create({
        data: { householdId: hh1.id, smsPhone: "+84 387 654 321", smsPlain: true, consentAt: new Date(), consentById: world.users.leader1.id },
      });
      await tx.contactPreference.create({ data: { householdId: hh1b.id, smsPhone: "0387000111" } }); // no consent recorded
      await tx.contactPreference.create({ data: { householdId: hh2.id, smsPhone: "0387000222", consentAt: new Date(), stoppedAt: new Date() } });
      await tx.contactPreference.create({ data: { userId: world.users.member1.id, smsPhone: "0387000333", events: JSON.stringify(["pickup_recorded"]) } });
      await tx.contactPreference.create({ data: { userId: world.users.project.id, smsPhone: "not a phone", email: "project@test.vn" } });
    });
    const event = {
      userIds: [world.users.leader1.id, world.users.member1.id, world.users.project.id],
      householdIds: [hh1.id, hh1b.id, hh2.id],
      kind: "renewal_due" as const,
      params: { contract: "HD-TWICE", group: "Tổ Hướng Phùng 1" },
      link: "/contracts/c-twice",
    };
    await write((tx) => notify(tx, event));
    await write((tx) => notify(tx, event)); // a retried write: same event, same key
    const rows = await db.outboxMessage.findMany({ where: { eventKey: { contains: "/contracts/c-twice" } }, orderBy: { address: "asc" } });
    expect(rows.map((r) => [r.channel, r.address])).toEqual([
      ["sms", "84912345678"], // leader 1
      ["email", "project@test.vn"], // its phone is not a mobile number: email only
    ]); // a household, even one that consented, gets only its receipts, payments and statements
    expect(rows.find((r) => r.channel === "email")).toMatchObject({ subject: expect.stringContaining("HD-TWICE"), html: expect.stringContaining("<p>") });
    // A payment notice: only the household that consented and has not stopped.
    await write((tx) =>
      enqueueOutbox(tx, {
        kind: "payment_recorded",
        params: { amount: 4959850, date: "2026-12-02" },
        link: "/statements/s1",
        userIds: [],
        householdIds: [hh1.id, hh1b.id, hh2.id],
      }),
    );
    const paid = await db.outboxMessage.findMany({ where: { kind: "payment_recorded" } });
    expect(paid.map((r) => [r.householdId, r.channel, r.address])).toEqual([[hh1.id, "sms", "84387654321"]]);
    expect(paid[0].body).toBe("Da thanh toan 4.959.850 VND ngay 02/12/2026"); // "send without diacritics"
    // member 1 asked only for pickups: a pickup reaches them.
    await write((tx) =>
      notify(tx, {
        userIds: [world.users.member1.id],
        kind: "pickup_recorded",
        params: { contract: "HD-TWICE", lots: 2, kg: 120, date: "2026-11-30" },
        link: "/pickups/p1",
      }),
    );
    expect(await db.outboxMessage.count({ where: { address: "84387000333" } })).toBe(1);
  });
});

describe("the delivery worker", () => {
  it("sends every due message once through the SMS gateway, with its id as RequestId", async () => {
    const due = await db.outboxMessage.findMany({ where: { status: "pending", channel: "sms" } });
    expect(due.length).toBeGreaterThanOrEqual(3);
    const worker = createWorker({ channels: channels(), ...quiet });
    const summary = await worker.runOnce();
    expect(summary.sent).toBe(due.length);
    for (const m of due) {
      const [request, ...more] = byMessage(m.id);
      expect(more).toHaveLength(0);
      expect(request).toMatchObject({
        ApiKey: sms.env.SMS_API_KEY,
        SecretKey: sms.env.SMS_SECRET_KEY,
        Phone: esmsPhone(m.address),
        Content: m.body,
        SmsType: "2",
      });
      expect(request.Phone).toMatch(/^0\d{9}$/); // eSMS takes the domestic form
      expect(request.IsUnicode).toBe(/[^\x20-\x7e]/.test(m.body) ? "1" : "0");
      const after = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
      expect(after).toMatchObject({ status: "sent", attempts: 1, providerId: acceptedFor(m.id)[0].smsId, costVnd: PRICE, lockedUntil: null });
      expect((await attemptsOf(m.id)).map((a) => [a.ok, a.httpStatus])).toEqual([[true, 200]]);
    }
    // Email has no channel configured here: its message waits, untouched.
    expect(await db.outboxMessage.findFirstOrThrow({ where: { channel: "email" } })).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("the gateway down: attempts logged, retried with backoff; back up: delivered once", async () => {
    await settle();
    const m = await eventFor("gateway-down");
    const worker = createWorker({ channels: channels(), random: () => 0.5, ...quiet });
    const t0 = new Date();
    await gateway("down");
    expect(await worker.runOnce({ now: t0 })).toMatchObject({ sent: 0, retrying: 1 });
    let row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(row.nextAttemptAt.getTime() - t0.getTime()).toBe(2 * 60_000); // 2 min, no jitter at random = 0.5
    expect(row.lastError).toMatch(/fetch failed|ECONNREFUSED/i);

    // A minute later it is not due yet: nothing is tried.
    expect(await worker.runOnce({ now: new Date(t0.getTime() + 60_000) })).toMatchObject({ sent: 0, retrying: 0 });
    // Due again and still down: the second wait is three times the first.
    const t1 = row.nextAttemptAt;
    expect(await worker.runOnce({ now: t1 })).toMatchObject({ retrying: 1 });
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.nextAttemptAt.getTime() - t1.getTime()).toBe(6 * 60_000);

    await gateway("ok");
    expect(await worker.runOnce({ now: row.nextAttemptAt })).toMatchObject({ sent: 1 });
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(byMessage(m.id)).toHaveLength(1); // the closed gateway never saw the first two
    expect((await attemptsOf(m.id)).map((a) => a.ok)).toEqual([false, false, true]);
  });

  it("a 4xx refusal is final: failed at once, logged, never tried again", async () => {
    await settle();
    const m = await eventFor("refused");
    const worker = createWorker({ channels: channels(), ...quiet });
    await gateway("refuse");
    expect(await worker.runOnce()).toMatchObject({ failed: 1, retrying: 0 });
    await gateway("ok");
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toContain("400");
    expect(row.lastError).toContain("104");
    const log = await attemptsOf(m.id);
    expect(log.map((a) => [a.ok, a.httpStatus])).toEqual([[false, 400]]);
    expect(await worker.runOnce({ now: new Date(Date.now() + 2 * 86400_000) })).toMatchObject({ sent: 0, failed: 0 });
    expect(byMessage(m.id)).toHaveLength(1);
  });

  it("a gateway that never comes back: 8 attempts over about 20 hours, then failed", async () => {
    await settle();
    const m = await eventFor("never");
    const worker = createWorker({ channels: channels(), random: () => 0.5, ...quiet });
    await gateway("down");
    let now = new Date();
    const first = now;
    for (let i = 0; i < 20; i++) {
      await worker.runOnce({ now });
      const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
      if (row.status !== "pending") break;
      now = row.nextAttemptAt;
    }
    await gateway("ok");
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "failed", attempts: DEFAULTS.maxAttempts });
    const log = await attemptsOf(m.id);
    expect(log).toHaveLength(8);
    // 2 + 6 + 18 + 54 + 162 + 480 + 480 minutes between the first attempt and the last.
    expect((log[7].at.getTime() - first.getTime()) / 60_000).toBe(1202);
  });

  it("a rate limit's Retry-After is honoured", async () => {
    await settle();
    const m = await eventFor("busy");
    const worker = createWorker({ channels: channels(), random: () => 0.5, ...quiet });
    const t0 = new Date();
    await gateway("busy");
    await worker.runOnce({ now: t0 });
    await gateway("ok");
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.nextAttemptAt.getTime() - t0.getTime()).toBe(3600_000);
    expect((await attemptsOf(m.id)).map((a) => a.httpStatus)).toEqual([429]);
  });

  it("quiet hours move a text to their end; a recipient who stopped is skipped", async () => {
    await settle();
    await write((tx) => tx.contactPreference.update({ where: { userId: world.users.leader1.id }, data: { quietStart: "21:00", quietEnd: "06:00" } }));
    try {
      const m = await eventFor("quiet");
      const worker = createWorker({ channels: channels(), ...quiet });
      // 22:00 in Vietnam: postponed to 06:00 the next morning, nothing sent.
      const evening = new Date(Date.now() + 86400_000);
      evening.setUTCHours(15, 0, 0, 0);
      expect(await worker.runOnce({ now: evening })).toMatchObject({ postponed: 1, sent: 0 });
      const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
      expect(row).toMatchObject({ status: "pending", attempts: 0 });
      expect(row.nextAttemptAt.toISOString()).toBe(new Date(evening.getTime() + 8 * 3600_000).toISOString());
      expect(byMessage(m.id)).toHaveLength(0);
      expect(await worker.runOnce({ now: row.nextAttemptAt })).toMatchObject({ sent: 1 });
      expect(byMessage(m.id)).toHaveLength(1);

      const stopped = await eventFor("stopped");
      await write((tx) => tx.contactPreference.update({ where: { userId: world.users.leader1.id }, data: { stoppedAt: new Date() } }));
      expect(await worker.runOnce({ now: new Date(evening.getTime() + 9 * 3600_000) })).toMatchObject({ skipped: 1, sent: 0 });
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: stopped.id } })).toMatchObject({ status: "skipped" });
      expect(byMessage(stopped.id)).toHaveLength(0);
    } finally {
      await write((tx) =>
        tx.contactPreference.update({ where: { userId: world.users.leader1.id }, data: { quietStart: null, quietEnd: null, stoppedAt: null } }),
      );
    }
  });
});

describe("restarts and concurrency", () => {
  // One process (node with tsx's loader, not the tsx wrapper that starts another), so kill -9 hits the worker itself.
  const deliverOnce = () =>
    spawn(process.execPath, ["--import", "tsx", "scripts/deliver.ts", "--once"], {
      env: { ...process.env, ...smsEnv() },
      stdio: ["ignore", "pipe", "pipe"],
    });

  it("killed (-9) after the gateway accepted but before its answer: after restart the same RequestId is refused as a repeat, and the text went once", async () => {
    await settle();
    const m = await eventFor("killed");
    sms.reply({ kind: "lostAnswer" }); // the provider accepts the message and its answer never arrives
    const seen = sms.requests.length;
    const child = deliverOnce();
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    await Promise.race([sms.waitForRequests(seen + 1), exited.then(() => Promise.reject(new Error(`deliver exited before sending:\n${output}`)))]);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    let row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "sending", attempts: 1 });
    expect(await attemptsOf(m.id)).toHaveLength(0);
    expect(acceptedFor(m.id)).toHaveLength(1); // the provider has it: only the key stops a second text

    // Restarted: until the lease runs out the message is left alone; then it is sent again.
    await gateway("ok");
    const worker = createWorker({ channels: channels(), ...quiet });
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    expect(await worker.runOnce({ now: new Date(row.lockedUntil!.getTime() + 1) })).toMatchObject({ interrupted: 1, sent: 1 });
    row = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(byMessage(m.id)).toHaveLength(2); // sent twice, with one RequestId…
    expect(new Set(byMessage(m.id).map((r) => r.RequestId)).size).toBe(1);
    expect(acceptedFor(m.id)).toHaveLength(1); // …accepted once: one text reached the phone
    expect((await attemptsOf(m.id)).map((a) => [a.ok, a.answer])).toEqual([
      [false, expect.stringMatching(/^interrupted/)],
      [true, expect.stringContaining('"CodeResult":"124"')],
    ]);
  });

  it("two workers in one process: each message sent once", async () => {
    await settle();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await eventFor(`pair-${i}`)).id);
    const now = new Date();
    const [a, b] = [createWorker({ channels: channels(), ...quiet }), createWorker({ channels: channels(), ...quiet })];
    const [ra, rb] = await Promise.all([a.runOnce({ now }), b.runOnce({ now })]);
    expect(ra.sent + rb.sent).toBe(25);
    for (const id of ids) expect(byMessage(id)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { id: { in: ids }, status: "sent", attempts: 1 } })).toBe(25);
  });

  it("two workers in one process, messages to a recipient who stopped: each skipped once, and counted once", async () => {
    await settle();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await eventFor(`pair-stopped-${i}`)).id);
    await write((tx) => tx.contactPreference.update({ where: { userId: world.users.leader1.id }, data: { stoppedAt: new Date() } }));
    try {
      const now = new Date();
      const [a, b] = [createWorker({ channels: channels(), ...quiet }), createWorker({ channels: channels(), ...quiet })];
      const [ra, rb] = await Promise.all([a.runOnce({ now }), b.runOnce({ now })]);
      expect(ra.skipped + rb.skipped).toBe(5);
      expect(ra.sent + rb.sent).toBe(0);
      expect(await db.outboxMessage.count({ where: { id: { in: ids }, status: "skipped" } })).toBe(5);
      for (const id of ids) expect(byMessage(id)).toHaveLength(0);
    } finally {
      await write((tx) => tx.contactPreference.update({ where: { userId: world.users.leader1.id }, data: { stoppedAt: null } }));
    }
  });

  it("a worker in this process and `npm run deliver` in another, both holding messages at once: each sent once", async () => {
    await settle();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await eventFor(`two-processes-${i}`)).id);
    const seen = sms.requests.length;
    sms.hold(); // answers wait until both workers hold a batch
    const here = createWorker({ channels: channels(), ...quiet }).runOnce();
    const child = deliverOnce();
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await sms.waitForRequests(seen + 2 * DEFAULTS.batch);
    sms.release();
    const [summary, code] = await Promise.all([here, exited]);
    expect(code, output).toBe(0);
    const childSent = Number(/deliver: (\d+) sent/.exec(output)?.[1]);
    expect(childSent).toBeGreaterThanOrEqual(DEFAULTS.batch);
    expect(summary.sent).toBeGreaterThanOrEqual(DEFAULTS.batch);
    expect(summary.sent + childSent).toBe(25);
    for (const id of ids) expect(byMessage(id)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { id: { in: ids }, status: "sent" } })).toBe(25);
  });
});

describe("in the server, and the admin page", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startServer({ DELIVERY_WORKER: "off" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("the worker started with the server sends what is due", async () => {
    await settle();
    const m = await eventFor("in-server");
    const seen = sms.requests.length;
    const withWorker = await startServer({ ...smsEnv(), DELIVERY_INTERVAL_MS: "100" });
    try {
      await sms.waitForRequests(seen + 1);
      expect(byMessage(m.id)).toHaveLength(1);
    } finally {
      await withWorker.stop(); // SIGTERM: the send under way is recorded before the process exits
    }
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("shows counts by channel and status, costs, and failures with their attempts", async () => {
    const admin = new Client(server.url);
    await admin.login(world.users.admin.email, PASSWORD);
    const res = await admin.get("/admin/outbox");
    expect(res.status).toBe(200);
    const html = await res.text();
    const groups = await db.outboxMessage.groupBy({ by: ["channel", "status"], _count: { _all: true } });
    expect(groups.length).toBeGreaterThan(2);
    const table = /<table[^>]*id="outbox-counts"[\s\S]*?<\/table>/.exec(html)![0];
    for (const g of groups) {
      const row = new RegExp(`data-channel="${g.channel}"[\\s\\S]*?</tr>`).exec(table)![0];
      expect(new RegExp(`data-status="${g.status}">${g._count._all}<`).test(row), `${g.channel} ${g.status}`).toBe(true);
    }
    // Costs over a period that holds every send (one was sent "tomorrow", after quiet hours).
    const sentSms = await db.outboxMessage.count({ where: { channel: "sms", status: "sent" } });
    const until = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    const smsCost = async (query: string) => {
      const page = await (await admin.get(`/admin/outbox?${query}`)).text();
      const costs = /<table[^>]*id="outbox-costs"[\s\S]*?<\/table>/.exec(page)![0];
      return /data-channel="sms">([\s\S]*?)<\/tr>/
        .exec(costs)![1]
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ");
    };
    // Each accepted text costs PRICE; the one accepted before a kill was recorded from eSMS's "repeated RequestId" (124), which names no cost.
    const costed = await db.outboxMessage.count({ where: { channel: "sms", status: "sent", costVnd: PRICE } });
    expect(costed).toBe(sentSms - 1);
    expect(await smsCost(`from=2020-01-01&to=${until}`)).toBe(` SMS ${sentSms} ${(costed * PRICE).toLocaleString("de-DE")} ₫ `);
    expect(await smsCost("from=2020-01-01&to=2020-01-31")).toBe(" SMS 0 0 ₫ ");
    const failed = await db.outboxMessage.findMany({ where: { status: "failed" } });
    expect(failed.length).toBe(2); // the refusal and the gateway that never came back
    for (const f of failed) expect(html).toContain(`data-message="${f.id}"`);
    expect(html).toContain("HTTP 400");
    expect(html).not.toContain("84912345678"); // numbers are shown masked
    expect(html).toContain("8491…678");

    // A period that is not one: said so, the last 30 days shown.
    const bad = await admin.get("/admin/outbox?from=2026-13-01&to=2026-01-01");
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("Khoảng ngày không hợp lệ");
    expect((await admin.get("/admin")).status).toBe(200);
    expect(await (await admin.get("/admin")).text()).toContain('href="/admin/outbox"');
  });

  it("retry now needs the confirmation, and puts only that failed message back in the queue", async () => {
    const admin = new Client(server.url);
    await admin.login(world.users.admin.email, PASSWORD);
    const [one, other] = await db.outboxMessage.findMany({ where: { status: "failed" }, orderBy: { id: "asc" } });
    const unconfirmed = await admin.post("/admin/outbox", { messageId: one.id });
    expect(unconfirmed.status).toBe(400);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: one.id } })).toMatchObject({ status: "failed" });
    const ok = await admin.post("/admin/outbox", { messageId: one.id, confirm: "on" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Đã đưa 1 tin vào hàng chờ gửi lại.");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: one.id } })).toMatchObject({ status: "pending", attempts: 0 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "failed" });
    // The attempts log keeps what happened before.
    expect((await attemptsOf(one.id)).length).toBeGreaterThan(0);
    // Sent now, it goes through.
    expect(await createWorker({ channels: channels(), ...quiet }).runOnce()).toMatchObject({ sent: 1 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: one.id } })).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("is a 404 for anyone but a site administrator, who can change nothing there", async () => {
    const leader = new Client(server.url);
    await leader.login(world.users.leader1.email, PASSWORD);
    expect((await leader.get("/admin/outbox")).status).toBe(404);
    const failed = await db.outboxMessage.findFirstOrThrow({ where: { status: "failed" } });
    const res = await leader.post("/admin/outbox", { intent: "retryAll", confirm: "on" });
    expect(res.status).toBe(404);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "failed" });
    const anonymous = await new Client(server.url).get("/admin/outbox");
    expect(anonymous.status).toBe(302);
  });
});
