// Local servers that speak the providers' protocols, for testing the delivery channels (and the
// outbox that drives them) without the internet and without a fake inside the app:
//
//   startEsmsServer()  eSMS.vn's SendMultipleMessage_V4_post_json, checking keys like eSMS does
//                      and refusing a RequestId it has already accepted (code 124)
//   startZnsServer()   Zalo ZNS POST /message/template with the access_token header, and the OA
//                      token renewal POST /v4/oa/access_token (single-use refresh tokens)
//   startSmtpServer()  an SMTP server (smtp-server) that parses what it receives (mailparser)
//
// Every server listens on 127.0.0.1, port 0, records every request, and can be told how to answer:
//   server.reply(r)          the answer from now on (default { kind: "succeed" })
//   server.replyOnce(r, …)   answers for the next requests, then back to the default
//   server.down() / up()     close the listening socket (clients get ECONNREFUSED) and listen again
//                            on the same port: "the gateway is down for a minute"
//   server.waitForRequests(n) resolves when n requests have arrived (an event, not a sleep)
//   server.env               the environment lines that point the app at this server
//   server.close()           stop for good (ends hanging requests)
import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type RecordedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** JSON bodies parsed; form bodies as an object of fields; otherwise null. */
  body: Record<string, unknown> | null;
  raw: string;
};

export type Reply =
  /** The provider accepts: eSMS CodeResult 100, ZNS error 0. */
  | { kind: "succeed" }
  /** The provider's own refusal, in an HTTP 200 (eSMS CodeResult, ZNS error). */
  | { kind: "error"; code: string | number; message?: string }
  /** A bare HTTP status: 400, 429 (with Retry-After), 500, 503… */
  | { kind: "status"; status: number; body?: string; retryAfter?: string }
  /** Read the request, never answer: for timeouts. */
  | { kind: "hang" }
  /** eSMS: accept the message, then never answer (the sender was killed, or the line cut, mid-send). */
  | { kind: "lostAnswer" };

type Handler = (req: RecordedRequest, reply: Reply) => { status: number; json: unknown; headers?: Record<string, string> } | null;

class ProtocolServer extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  private server: http.Server;
  private defaultReply: Reply = { kind: "succeed" };
  private queued: Reply[] = [];
  private port = 0;
  private holding = false;
  private held: (() => void)[] = [];

  constructor(private handle: (req: RecordedRequest) => { status: number; json: unknown; headers?: Record<string, string> } | "hang") {
    super();
    this.server = this.create();
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  reply(r: Reply): this {
    this.defaultReply = r;
    return this;
  }

  replyOnce(...r: Reply[]): this {
    this.queued.push(...r);
    return this;
  }

  /** The answer for the request being handled (queued first, then the default). */
  nextReply(): Reply {
    return this.queued.shift() ?? this.defaultReply;
  }

  /** Answers wait (each request already recorded and decided) until release(): to keep two senders in flight at once. */
  hold(): this {
    this.holding = true;
    return this;
  }

  release(): void {
    this.holding = false;
    for (const answer of this.held.splice(0)) answer();
  }

  clear(): void {
    this.requests.length = 0;
  }

  waitForRequests(n: number): Promise<RecordedRequest[]> {
    if (this.requests.length >= n) return Promise.resolve(this.requests.slice());
    return new Promise((resolve) => {
      const check = () => {
        if (this.requests.length < n) return;
        this.off("request", check);
        resolve(this.requests.slice());
      };
      this.on("request", check);
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Stop listening and cut open connections (hanging requests included); up() comes back on the same port. */
  async down(): Promise<void> {
    if (!this.server.listening) return;
    this.release();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    this.server = this.create();
  }

  async up(): Promise<void> {
    if (!this.server.listening) await this.listen();
  }

  close(): Promise<void> {
    return this.down();
  }

  private create(): http.Server {
    return http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const recorded: RecordedRequest = {
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body: parseBody(raw, req.headers["content-type"]),
          raw,
        };
        this.requests.push(recorded);
        this.emit("request", recorded);
        const out = this.handle(recorded);
        if (out === "hang") return; // the socket stays open until the client gives up or down()/close()
        const answer = () => {
          res.writeHead(out.status, { "Content-Type": "application/json; charset=utf-8", ...out.headers });
          res.end(typeof out.json === "string" ? out.json : JSON.stringify(out.json));
        };
        if (this.holding) this.held.push(answer);
        else answer();
      });
    });
  }
}

/** Add properties to the server, getters kept as getters (Object.assign would freeze their values). */
function extend<T extends object, U extends object>(target: T, props: U): T & U {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(props)) as T & U;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const v = JSON.parse(raw);
    return v && typeof v === "object" ? v : null;
  } catch {
    return null;
  }
}

/** A bare-status or hang reply, shared by both HTTP providers; null when the provider's body decides. */
function httpLevel(reply: Reply): ReturnType<Handler> | "hang" {
  if (reply.kind === "hang") return "hang";
  if (reply.kind === "status") {
    return {
      status: reply.status,
      json: reply.body ?? JSON.stringify({ error: reply.status }),
      headers: reply.retryAfter ? { "Retry-After": reply.retryAfter } : undefined,
    };
  }
  return null;
}

// ───────────────────────────── eSMS ─────────────────────────────

export const ESMS_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/";

export type EsmsAccepted = { smsId: string; requestId: string | null; phone: string; content: string; unicode: boolean; brandname: string; sandbox: boolean };

export type EsmsServer = Omit<ProtocolServer, "listen"> & {
  /** SMS_API_URL for this server. */
  apiUrl: string;
  /** Messages eSMS accepted (CodeResult 100): what would reach phones. */
  accepted: EsmsAccepted[];
  env: Record<string, string>;
};

export async function startEsmsServer(keys = { apiKey: "test-esms-api-key", secretKey: "test-esms-secret-key", brandname: "CAUNOI" }): Promise<EsmsServer> {
  const accepted: EsmsAccepted[] = [];
  let counter = 0;
  const server: ProtocolServer = new ProtocolServer((req) => {
    const reply = server.nextReply();
    const plain = httpLevel(reply);
    if (plain) return plain;
    if (req.method !== "POST" || req.path !== ESMS_PATH) return { status: 404, json: { Message: "Endpoint not found." } };
    const b = (req.body ?? {}) as Record<string, string>;
    if (b.ApiKey !== keys.apiKey || b.SecretKey !== keys.secretKey)
      return { status: 200, json: { CodeResult: "101", ErrorMessage: "Sai ApiKey hoặc SecretKey" } };
    if (reply.kind === "error") return { status: 200, json: { CodeResult: String(reply.code), ErrorMessage: reply.message ?? `error ${reply.code}` } };
    // Like eSMS: a RequestId accepted before is refused, so a retry after a lost answer is not sent twice.
    if (b.RequestId && accepted.some((a) => a.requestId === b.RequestId)) return { status: 200, json: { CodeResult: "124", ErrorMessage: "Trùng RequestId" } };
    const smsId = `esms-${++counter}-${b.RequestId ?? "none"}`;
    accepted.push({
      smsId,
      requestId: b.RequestId ?? null,
      phone: b.Phone,
      content: b.Content,
      unicode: b.IsUnicode === "1",
      brandname: b.Brandname,
      sandbox: b.Sandbox === "1",
    });
    if (reply.kind === "lostAnswer") return "hang";
    return { status: 200, json: { CodeResult: "100", CountRegenerate: 0, SMSID: smsId } };
  });
  await server.listen();
  return extend(server, {
    get apiUrl() {
      return server.origin + ESMS_PATH;
    },
    accepted,
    get env() {
      return {
        SMS_PROVIDER: "esms",
        SMS_API_URL: server.origin + ESMS_PATH,
        SMS_API_KEY: keys.apiKey,
        SMS_SECRET_KEY: keys.secretKey,
        SMS_BRANDNAME: keys.brandname,
      };
    },
  }) as unknown as EsmsServer;
}

// ───────────────────────────── Zalo ZNS ─────────────────────────────

export const ZNS_PATH = "/message/template";
export const ZALO_OAUTH_PATH = "/v4/oa/access_token";

export type ZnsAccepted = { msgId: string; phone: string; templateId: string; templateData: Record<string, string>; trackingId: string | null };

export type ZnsServer = Omit<ProtocolServer, "listen"> & {
  apiUrl: string;
  oauthUrl: string;
  accepted: ZnsAccepted[];
  /** Access tokens the server takes now; others answer -124. */
  validTokens: Set<string>;
  /** The refresh token the server will take next (each is single-use). */
  refreshToken: string;
  app: { appId: string; appSecret: string };
  /** Make every access token expire (the next send answers -124). */
  expireTokens(): void;
  env: Record<string, string>;
};

export async function startZnsServer(options: { accessToken?: string; refreshToken?: string; appId?: string; appSecret?: string } = {}): Promise<ZnsServer> {
  const accepted: ZnsAccepted[] = [];
  const validTokens = new Set([options.accessToken ?? "test-zns-access-token"]);
  const app = { appId: options.appId ?? "1234567890", appSecret: options.appSecret ?? "test-zalo-app-secret" };
  const state = { refreshToken: options.refreshToken ?? "test-zalo-refresh-token-0", issued: 0, msg: 0 };
  const server: ProtocolServer = new ProtocolServer((req) => {
    if (req.path === ZALO_OAUTH_PATH) {
      const b = (req.body ?? {}) as Record<string, string>;
      if (req.headers["secret_key"] !== app.appSecret || b.app_id !== app.appId)
        return { status: 200, json: { error: -14001, error_name: "Invalid parameter", error_description: "app_id or secret_key invalid" } };
      if (b.grant_type !== "refresh_token" || b.refresh_token !== state.refreshToken)
        return { status: 200, json: { error: -14014, error_name: "Invalid refresh token", error_description: "refresh token invalid or used" } };
      state.issued++;
      const access = `renewed-access-token-${state.issued}`;
      state.refreshToken = `test-zalo-refresh-token-${state.issued}`;
      validTokens.clear();
      validTokens.add(access);
      return { status: 200, json: { access_token: access, refresh_token: state.refreshToken, expires_in: "90000" } };
    }
    const reply = server.nextReply();
    const plain = httpLevel(reply);
    if (plain) return plain;
    if (req.method !== "POST" || req.path !== ZNS_PATH) return { status: 404, json: { error: 404, message: "not found" } };
    if (!validTokens.has(String(req.headers["access_token"] ?? ""))) return { status: 200, json: { error: -124, message: "Access token invalid" } };
    if (reply.kind === "error") return { status: 200, json: { error: Number(reply.code), message: reply.message ?? `error ${reply.code}` } };
    const b = (req.body ?? {}) as { phone?: string; template_id?: string; template_data?: Record<string, string>; tracking_id?: string };
    if (!b.phone || !/^84\d{9}$/.test(b.phone)) return { status: 200, json: { error: -108, message: "Phone number invalid" } };
    if (!b.template_id) return { status: 200, json: { error: -109, message: "Template ID invalid" } };
    const msgId = `zns-msg-${++state.msg}`;
    accepted.push({ msgId, phone: b.phone, templateId: String(b.template_id), templateData: b.template_data ?? {}, trackingId: b.tracking_id ?? null });
    return {
      status: 200,
      json: {
        error: 0,
        message: "Success",
        data: { msg_id: msgId, sent_time: String(Date.now()), sending_mode: "1", quota: { dailyQuota: "500", remainingQuota: String(500 - accepted.length) } },
      },
    };
  });
  await server.listen();
  return extend(server, {
    accepted,
    validTokens,
    app,
    get apiUrl() {
      return server.origin + ZNS_PATH;
    },
    get oauthUrl() {
      return server.origin + ZALO_OAUTH_PATH;
    },
    get refreshToken() {
      return state.refreshToken;
    },
    expireTokens() {
      validTokens.clear();
    },
    get env() {
      return {
        ZALO_ZNS_API_URL: server.origin + ZNS_PATH,
        ZALO_ZNS_ACCESS_TOKEN: [...validTokens][0] ?? "expired",
        ZALO_OAUTH_URL: server.origin + ZALO_OAUTH_PATH,
        ZALO_APP_ID: app.appId,
        ZALO_APP_SECRET: app.appSecret,
        ZALO_OA_REFRESH_TOKEN: state.refreshToken,
      };
    },
  }) as unknown as ZnsServer;
}

// ───────────────────────────── SMTP ─────────────────────────────

export type ReceivedMail = {
  envelope: { from: string | null; to: string[] };
  subject: string;
  from: string;
  to: string;
  text: string;
  html: string | null;
  messageId: string | null;
  headers: Map<string, unknown>;
  raw: string;
};

export type SmtpTestServer = {
  /** SMTP_URL for this server (with the user and password it accepts). */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Recipients refused from now on, e.g. refuse(550, "5.1.1 No such user"); accept() undoes it. */
  refuse(code: number, message?: string): void;
  accept(): void;
  waitForMessages(n: number): Promise<ReceivedMail[]>;
  /** Called for every message received (scripts/reach-local.ts prints them). */
  onMessage(listener: (mail: ReceivedMail) => void): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  env: Record<string, string>;
};

export async function startSmtpServer(auth = { user: "caunoi", pass: "test-smtp-pass" }): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const events = new EventEmitter();
  let refusal: { code: number; message: string } | null = null;
  let port = 0;
  let smtp: SMTPServer | null = null;

  const create = () =>
    new SMTPServer({
      logger: false,
      // Plain SMTP on loopback: no certificate to trust in tests; AUTH still happens.
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      authOptional: true,
      closeTimeout: 1000,
      onAuth(a, _session, cb) {
        if (a.username === auth.user && a.password === auth.pass) cb(null, { user: a.username });
        else cb(Object.assign(new Error("Authentication failed"), { responseCode: 535 }));
      },
      onRcptTo(_address, _session, cb) {
        if (refusal) cb(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        else cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          try {
            const parsed = await simpleParser(raw);
            const mail: ReceivedMail = {
              envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
              subject: parsed.subject ?? "",
              from: parsed.from?.text ?? "",
              to: Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(", ") : (parsed.to?.text ?? ""),
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : null,
              messageId: parsed.messageId ?? null,
              headers: parsed.headers,
              raw,
            };
            messages.push(mail);
            events.emit("mail", mail);
            cb();
          } catch (err) {
            cb(err as Error);
          }
        });
      },
    });

  const listen = async () => {
    smtp = create();
    const s = smtp;
    await new Promise<void>((resolve, reject) => {
      s.server.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve());
    });
    port = (s.server.address() as AddressInfo).port;
  };
  const stop = async () => {
    const s = smtp;
    smtp = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();

  return {
    get url() {
      return `smtp://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    messages,
    refuse(code, message = "5.1.1 Mailbox unavailable") {
      refusal = { code, message };
    },
    accept() {
      refusal = null;
    },
    waitForMessages(n) {
      if (messages.length >= n) return Promise.resolve(messages.slice());
      return new Promise((resolve) => {
        const check = () => {
          if (messages.length < n) return;
          events.off("mail", check);
          resolve(messages.slice());
        };
        events.on("mail", check);
      });
    },
    onMessage(listener) {
      events.on("mail", listener);
    },
    down: stop,
    async up() {
      if (!smtp) await listen();
    },
    close: stop,
    get env() {
      return {
        SMTP_URL: `smtp://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@127.0.0.1:${port}`,
        MAIL_FROM: "Cầu Nối <no-reply@caunoi.test>",
      };
    },
  };
}
