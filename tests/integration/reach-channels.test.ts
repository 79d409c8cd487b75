// Each delivery channel against a local server that speaks its provider's protocol
// (tests/support/reach-servers.ts): the exact request, success, refusals, rate limits, server
// errors, timeouts and a server that is down. No built app needed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "~/domain/reach/channel";
import { channelsFromConfig } from "~/domain/reach/channels/config";
import { composeEmail, createEmailChannel } from "~/domain/reach/channels/email";
import { createEsmsChannel } from "~/domain/reach/channels/esms";
import { retryAfterMs, trimAnswer } from "~/domain/reach/channels/http";
import { createZnsChannel } from "~/domain/reach/channels/zalo-zns";
import { fitSms } from "~/domain/reach/sms-text";
import {
  ESMS_PATH,
  startEsmsServer,
  startSmtpServer,
  startZnsServer,
  ZNS_PATH,
  type EsmsServer,
  type SmtpTestServer,
  type ZnsServer,
} from "../support/reach-servers";

const RECEIPT = "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C";
// Short, so that the hang tests finish quickly; the hang itself is the server's, not a sleep.
const TIMEOUT_MS = 300;

function message(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return { id: "msg-0001", kind: "pickup.receipt", address: "84912345678", body: RECEIPT, ...over };
}

describe("SMS through eSMS", () => {
  let esms: EsmsServer;
  const keys = { apiKey: "test-esms-api-key", secretKey: "test-esms-secret-key", brandname: "CAUNOI" };
  const channel = () => createEsmsChannel({ ...keys, apiUrl: esms.apiUrl, costPerSegmentVnd: 650, timeoutMs: TIMEOUT_MS });

  beforeAll(async () => {
    esms = await startEsmsServer(keys);
  });
  afterAll(() => esms.close());
  beforeEach(async () => {
    await esms.up();
    esms.clear();
    esms.accepted.length = 0;
    esms.reply({ kind: "succeed" });
  });

  it("posts the documented JSON: keys, domestic phone, brandname, customer-care type, unicode flag, RequestId", async () => {
    const result = await channel().send(message());
    expect(result).toMatchObject({ ok: true, retryable: false, httpStatus: 200, providerId: expect.stringMatching(/^esms-\d+-msg-0001$/), costVnd: 650 });
    expect(esms.requests).toHaveLength(1);
    const req = esms.requests[0];
    expect(req.method).toBe("POST");
    expect(req.path).toBe(ESMS_PATH);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({
      ApiKey: keys.apiKey,
      SecretKey: keys.secretKey,
      Phone: "0912345678",
      Content: RECEIPT,
      Brandname: "CAUNOI",
      SmsType: "2",
      IsUnicode: "1",
      Sandbox: "0",
      RequestId: "msg-0001",
    });
    // The provider's answer is recorded, the keys never.
    expect(result.answer).toContain('"CodeResult":"100"');
    expect(result.answer).not.toContain(keys.apiKey);
    expect(result.answer).not.toContain(keys.secretKey);
  });

  it("sends plain text with IsUnicode 0 and sandbox when asked", async () => {
    const plain = fitSms([{ text: RECEIPT, keep: true }], { plain: true });
    const sandboxed = createEsmsChannel({ ...keys, apiUrl: esms.apiUrl, sandbox: true, timeoutMs: TIMEOUT_MS });
    const result = await sandboxed.send(message({ body: plain.text }));
    expect(result.ok).toBe(true);
    expect(result.costVnd).toBeUndefined(); // no price configured: unknown, not zero
    expect(esms.requests[0].body).toMatchObject({ Content: "Da can 268,1 kg loai A, 4.959.850 VND, ma 7F3A9C", IsUnicode: "0", Sandbox: "1" });
  });

  it("a repeat of an accepted RequestId (answer lost, retried) counts as sent and reaches the phone once", async () => {
    const first = await channel().send(message({ id: "msg-dup" }));
    const again = await channel().send(message({ id: "msg-dup" }));
    expect(first.ok).toBe(true);
    expect(again).toMatchObject({ ok: true, retryable: false });
    expect(again.answer).toContain("124");
    expect(esms.requests).toHaveLength(2);
    expect(esms.accepted.map((a) => a.requestId)).toEqual(["msg-dup"]);
  });

  it("a refusal about the number is final; an account problem is retried", async () => {
    esms.replyOnce({ kind: "error", code: "99", message: "Số điện thoại bị chặn" });
    const blocked = await channel().send(message());
    expect(blocked).toMatchObject({ ok: false, retryable: false, httpStatus: 200 });
    expect(blocked.answer).toMatch(/^CodeResult 99 \(phone number blocked\)/);

    esms.replyOnce({ kind: "error", code: "103" });
    expect(await channel().send(message())).toMatchObject({ ok: false, retryable: true });

    const wrongKey = createEsmsChannel({ ...keys, secretKey: "not-the-secret", apiUrl: esms.apiUrl, timeoutMs: TIMEOUT_MS });
    const refused = await wrongKey.send(message());
    expect(refused).toMatchObject({ ok: false, retryable: true });
    expect(refused.answer).toContain("CodeResult 101");
    expect(refused.answer).not.toContain("not-the-secret");
    expect(esms.accepted).toHaveLength(0);
  });

  it("HTTP 4xx is final, 429 waits for Retry-After, 5xx is retried", async () => {
    esms.replyOnce({ kind: "status", status: 400, body: '{"Message":"bad request"}' });
    expect(await channel().send(message())).toMatchObject({ ok: false, retryable: false, httpStatus: 400 });

    esms.replyOnce({ kind: "status", status: 429, retryAfter: "42" });
    expect(await channel().send(message())).toMatchObject({ ok: false, retryable: true, httpStatus: 429, retryAfterMs: 42_000 });

    esms.replyOnce({ kind: "status", status: 503, body: "Service Unavailable" });
    const busy = await channel().send(message());
    expect(busy).toMatchObject({ ok: false, retryable: true, httpStatus: 503 });
    expect(busy.answer).toContain("Service Unavailable");
  });

  it("no answer within the time limit is retried", async () => {
    esms.replyOnce({ kind: "hang" });
    const result = await channel().send(message());
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.answer).toBe(`no answer within ${TIMEOUT_MS} ms`);
    expect(esms.requests).toHaveLength(1);
  });

  it("a gateway that is down is retried, and the message goes through once it is back", async () => {
    await esms.down();
    const down = await channel().send(message({ id: "msg-down" }));
    expect(down).toMatchObject({ ok: false, retryable: true });
    // Refused outright, or a kept-alive connection found closed: either way nothing reached eSMS.
    expect(down.answer).toMatch(/ECONNREFUSED|UND_ERR_SOCKET/);
    expect(esms.requests).toHaveLength(0);
    await esms.up();
    const back = await channel().send(message({ id: "msg-down" }));
    expect(back).toMatchObject({ ok: true, providerId: expect.stringMatching(/^esms-\d+-msg-down$/) });
    expect(esms.accepted).toHaveLength(1);
  });
});

describe("Zalo ZNS", () => {
  let zns: ZnsServer;
  const templates = { "pickup.receipt": { templateId: "301122", params: ["weight", "grade", "amount", "code"] } };
  const params = { weight: "268,1 kg", grade: "A", amount: "4.959.850 ₫", code: "7F3A9C", ignored: "not in the template" };

  beforeAll(async () => {
    zns = await startZnsServer({ accessToken: "oa-access-token-1" });
  });
  afterAll(() => zns.close());
  beforeEach(() => {
    zns.clear();
    zns.reply({ kind: "succeed" });
  });

  it("posts the documented request: access_token header, 84 phone, template id and data, tracking_id", async () => {
    const channel = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: "oa-access-token-1", templates, costPerMessageVnd: 300, timeoutMs: TIMEOUT_MS });
    const result = await channel.send(message({ address: "0912345678", params }));
    expect(result).toMatchObject({ ok: true, retryable: false, httpStatus: 200, costVnd: 300 });
    expect(result.providerId).toMatch(/^zns-msg-\d+$/);
    expect(result.answer).toContain('"remainingQuota"');
    const req = zns.requests[0];
    expect(req.method).toBe("POST");
    expect(req.path).toBe(ZNS_PATH);
    expect(req.headers["access_token"]).toBe("oa-access-token-1");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({
      phone: "84912345678",
      template_id: "301122",
      template_data: { weight: "268,1 kg", grade: "A", amount: "4.959.850 ₫", code: "7F3A9C" },
      tracking_id: "msg-0001",
    });
  });

  it("refuses, without calling Zalo, a kind with no template or a missing parameter", async () => {
    const channel = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: "oa-access-token-1", templates, timeoutMs: TIMEOUT_MS });
    expect(channel.templateFor("offer.new")).toBeNull();
    const noTemplate = await channel.send(message({ kind: "offer.new", params }));
    expect(noTemplate).toMatchObject({ ok: false, retryable: false });
    expect(noTemplate.answer).toContain("offer.new");
    const missing = await channel.send(message({ params: { weight: "268,1 kg" } }));
    expect(missing).toMatchObject({ ok: false, retryable: false, answer: "template 301122 needs grade, amount, code" });
    expect(zns.requests).toHaveLength(0);
  });

  it("final refusals (bad number, unapproved template, recipient refuses) and retryable ones (quota)", async () => {
    const channel = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: "oa-access-token-1", templates, timeoutMs: TIMEOUT_MS });
    for (const code of [-108, -118, -131, -141]) {
      zns.replyOnce({ kind: "error", code });
      const r = await channel.send(message({ params }));
      expect(r, String(code)).toMatchObject({ ok: false, retryable: false });
      expect(r.answer).toContain(`error ${code}`);
    }
    for (const code of [-115, -144, -100, -999]) {
      zns.replyOnce({ kind: "error", code });
      expect(await channel.send(message({ params })), String(code)).toMatchObject({ ok: false, retryable: true });
    }
  });

  it("an expired token without renewal settings is retried and never logged", async () => {
    const channel = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: "stale-token-abc", templates, timeoutMs: TIMEOUT_MS });
    const r = await channel.send(message({ params }));
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(r.answer).toContain("error -124");
    expect(r.answer).not.toContain("stale-token-abc");
  });

  it("renews an expired access token with the refresh token, keeps the new pair on disk, and sends", async () => {
    const storeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zalo-")), ".zalo-oa-token.json");
    const refresh = { appId: zns.app.appId, appSecret: zns.app.appSecret, refreshToken: zns.refreshToken, oauthUrl: zns.oauthUrl, storeFile };
    zns.expireTokens();
    const channel = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: "oa-access-token-1", templates, refresh, timeoutMs: TIMEOUT_MS });
    const r = await channel.send(message({ params }));
    expect(r).toMatchObject({ ok: true });
    // -124, then the documented renewal (form body, secret_key header), then the same message again.
    expect(zns.requests.map((q) => q.path)).toEqual([ZNS_PATH, "/v4/oa/access_token", ZNS_PATH]);
    const renewal = zns.requests[1];
    expect(renewal.headers["secret_key"]).toBe(zns.app.appSecret);
    expect(renewal.body).toEqual({ app_id: zns.app.appId, grant_type: "refresh_token", refresh_token: "test-zalo-refresh-token-0" });
    expect(zns.requests[2].headers["access_token"]).toBe("renewed-access-token-1");
    expect(zns.requests[2].body).toEqual(zns.requests[0].body);
    const saved = JSON.parse(fs.readFileSync(storeFile, "utf8"));
    expect(saved).toMatchObject({ accessToken: "renewed-access-token-1", refreshToken: "test-zalo-refresh-token-1" });
    expect(fs.statSync(storeFile).mode & 0o777).toBe(0o600);

    // A restart reads the renewed pair (the environment's refresh token is spent by now).
    zns.clear();
    const restarted = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: "oa-access-token-1", templates, refresh, timeoutMs: TIMEOUT_MS });
    expect(await restarted.send(message({ params }))).toMatchObject({ ok: true });
    expect(zns.requests.map((q) => q.headers["access_token"])).toEqual(["renewed-access-token-1"]);
  });

  it("429 with an HTTP-date Retry-After, 5xx, a hang and a server that is down are all retried", async () => {
    const channel = createZnsChannel({ apiUrl: zns.apiUrl, accessToken: [...zns.validTokens][0], templates, timeoutMs: TIMEOUT_MS });
    const later = new Date(Date.now() + 120_000).toUTCString();
    zns.replyOnce({ kind: "status", status: 429, retryAfter: later });
    const limited = await channel.send(message({ params }));
    expect(limited).toMatchObject({ ok: false, retryable: true, httpStatus: 429 });
    expect(limited.retryAfterMs).toBeGreaterThan(100_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(120_000);

    zns.replyOnce({ kind: "status", status: 502 });
    expect(await channel.send(message({ params }))).toMatchObject({ ok: false, retryable: true, httpStatus: 502 });

    zns.replyOnce({ kind: "hang" });
    expect(await channel.send(message({ params }))).toMatchObject({ ok: false, retryable: true, answer: `no answer within ${TIMEOUT_MS} ms` });

    await zns.down();
    expect(await channel.send(message({ params }))).toMatchObject({ ok: false, retryable: true });
    await zns.up();
    expect(await channel.send(message({ params }))).toMatchObject({ ok: true });
  });
});

describe("email over SMTP", () => {
  let smtp: SmtpTestServer;
  const from = "Cầu Nối <no-reply@caunoi.test>";

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    await smtp.up();
    smtp.messages.length = 0;
    smtp.accept();
  });

  it("delivers text and HTML, Vietnamese first, with our Message-ID and diacritics intact", async () => {
    const content = composeEmail(
      {
        vi: { subject: "Phiếu cân: 268,1 kg loại A", text: `Xin chào,\n\n${RECEIPT}.\n\nĐiểm thu mua Bản Phố, xã Bắc Hà.` },
        en: { subject: "Pickup receipt: 268.1 kg grade A", text: "Hello,\n\nWeighed 268.1 kg grade A, 4,959,850 VND, code 7F3A9C." },
      },
      null,
    );
    const channel = createEmailChannel({ url: smtp.url, from, timeoutMs: 5000 });
    const result = await channel.send(message({ id: "msg-mail-1", address: "buyer@example.vn", ...content }));
    expect(result).toMatchObject({ ok: true, retryable: false, providerId: "<msg-mail-1@caunoi.test>" });
    expect(result.answer).toMatch(/^250/);

    const [mail] = await smtp.waitForMessages(1);
    expect(mail.envelope).toEqual({ from: "no-reply@caunoi.test", to: ["buyer@example.vn"] });
    expect(mail.subject).toBe("Phiếu cân: 268,1 kg loại A / Pickup receipt: 268.1 kg grade A");
    expect(mail.from).toBe('"Cầu Nối" <no-reply@caunoi.test>');
    expect(mail.messageId).toBe("<msg-mail-1@caunoi.test>");
    expect(mail.text).toContain(RECEIPT);
    expect(mail.text.indexOf("Xin chào")).toBeLessThan(mail.text.indexOf("————————"));
    expect(mail.text.indexOf("————————")).toBeLessThan(mail.text.indexOf("Hello"));
    expect(mail.html).toContain("<p>Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C.</p>");
    expect(mail.html).toContain("<hr>");
    expect(mail.html!.indexOf("Điểm thu mua Bản Phố")).toBeLessThan(mail.html!.indexOf("Hello"));
  });

  it("in a known locale, only that language", async () => {
    const content = composeEmail({ vi: { subject: "Chào", text: "Tiếng Việt" }, en: { subject: "Hello", text: "English" } }, "en");
    const channel = createEmailChannel({ url: smtp.url, from, timeoutMs: 5000 });
    expect(await channel.send(message({ address: "office@example.vn", ...content }))).toMatchObject({ ok: true });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.subject).toBe("Hello");
    expect(mail.text.trim()).toBe("English");
  });

  it("a 550 refusal is final, a wrong password is retried, and neither logs the password", async () => {
    smtp.refuse(550, "5.1.1 No such user here");
    const channel = createEmailChannel({ url: smtp.url, from, timeoutMs: 5000 });
    const refused = await channel.send(message({ address: "nobody@example.vn", subject: "x" }));
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.answer).toContain("550");
    expect(refused.answer).toContain("No such user");
    expect(smtp.messages).toHaveLength(0);

    smtp.accept();
    const badLogin = createEmailChannel({ url: smtp.url.replace("test-smtp-pass", "wrong-pass-123"), from, timeoutMs: 5000 });
    const r = await badLogin.send(message({ address: "buyer@example.vn", subject: "x" }));
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(r.answer).toContain("EAUTH");
    expect(r.answer).not.toContain("wrong-pass-123");
  });

  it("a mail server that is down is retried", async () => {
    await smtp.down();
    const channel = createEmailChannel({ url: smtp.url, from, timeoutMs: 5000 });
    const r = await channel.send(message({ address: "buyer@example.vn", subject: "x" }));
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(r.answer).toMatch(/ECONNECTION|ECONNREFUSED/);
  });
});

describe("configuration", () => {
  it("a channel without its key is absent; with it, present under its name", async () => {
    expect(channelsFromConfig({})).toEqual({});
    expect(Object.keys(channelsFromConfig({ sms: { provider: "esms", apiKey: "k" } }))).toEqual([]); // secret and brandname missing
    const all = channelsFromConfig({
      sms: { provider: "esms", apiKey: "k", secretKey: "s", brandname: "CAUNOI" },
      zalo: { accessToken: "t", templates: {} },
      email: { url: "smtp://127.0.0.1:1" },
    });
    expect(Object.keys(all).sort()).toEqual(["email", "sms", "zalo"]);
    expect(Object.values(all).map((c) => c!.name)).toEqual(["sms", "zalo", "email"]);
  });

  it("blanks secrets in a recorded answer and keeps it to 500 characters", () => {
    expect(trimAnswer('{"ApiKey":"k-12345","echo":"k-12345"}', ["k-12345", undefined])).toBe('{"ApiKey":"***","echo":"***"}');
    const long = trimAnswer("x".repeat(2000), []);
    expect(long).toHaveLength(500);
    expect(long.endsWith("…")).toBe(true);
  });

  it("reads Retry-After as seconds or a date", () => {
    const now = Date.parse("2026-12-02T12:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Wed, 02 Dec 2026 12:01:00 GMT", now)).toBe(60_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
