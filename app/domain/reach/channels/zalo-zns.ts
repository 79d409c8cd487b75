// Zalo Notification Service (ZNS): an approved template message to a phone number's Zalo account,
// sent by our Official Account. Documented at developers.zalo.me (ZNS "Gửi thông báo ZNS") and
// zalo.cloud/zns/guidelines/handle-error-code.
//
// Request: POST {ZALO_ZNS_API_URL} (https://business.openapi.zalo.me/message/template)
//   header  access_token: the OA access token (never in the URL or the body)
//   JSON    { phone: "84xxxxxxxxx", template_id, template_data: { name: value… }, tracking_id }
//   tracking_id is our OutboxMessage id: Zalo echoes it in delivery callbacks, so a message
//   can always be matched to its record. Zalo does not promise to refuse a repeated tracking_id,
//   so the outbox's "never twice" rests on its own claim-before-send for this channel.
// Answer: HTTP 200 for everything; {error: 0, message: "Success", data: {msg_id, sent_time,
// quota: {dailyQuota, remainingQuota}}} on success, {error: -1xx, message} otherwise.
//
// Templates come from configuration (ZALO_ZNS_TEMPLATES): event kind → { templateId, params }.
// A kind without a template is not sent by Zalo (a final refusal, recorded), and only the
// parameters a template declares are sent: Zalo refuses data it does not expect (-112).
//
// Access tokens live about 25 hours. With ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_REFRESH_TOKEN
// set, an expired or refused token (-124) is renewed at oauth.zaloapp.com/v4/oa/access_token and
// the send is tried once more. Zalo's refresh tokens are single-use: each renewal answers a new one,
// kept in a file beside the database (mode 0600) so a restart does not fall back to a spent token.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Channel } from "../channel";
import type { ZnsTemplate } from "./zns-templates";
import { DEFAULT_TIMEOUT_MS, failureFromError, failureFromHttp, parseJson, post, trimAnswer } from "./http";

export const ZNS_API_URL = "https://business.openapi.zalo.me/message/template";
export const ZALO_OAUTH_URL = "https://oauth.zaloapp.com/v4/oa/access_token";

export type ZnsConfig = {
  apiUrl?: string;
  accessToken: string;
  templates: Record<string, ZnsTemplate>;
  refresh?: { appId: string; appSecret: string; refreshToken: string; oauthUrl?: string; storeFile?: string };
  costPerMessageVnd?: number;
  timeoutMs?: number;
};

/**
 * ZNS error codes and whether trying again can help. Refusals about this recipient or this
 * template's data are final. Our account's state (quota, balance, token, night-time rule for
 * the template type) clears by itself or by an operator, so those are retried with backoff.
 * Codes not listed are retried: a refused ZNS is not charged.
 */
export const ZNS_CODES: Record<number, { meaning: string; retryable: boolean }> = {
  [-100]: { meaning: "unknown error, try again later", retryable: true },
  [-101]: { meaning: "application invalid", retryable: true },
  [-102]: { meaning: "application does not exist", retryable: true },
  [-103]: { meaning: "application not activated", retryable: true },
  [-104]: { meaning: "application secret key invalid", retryable: true },
  [-105]: { meaning: "application not linked to an OA", retryable: true },
  [-106]: { meaning: "method not supported", retryable: false },
  [-107]: { meaning: "message id invalid", retryable: false },
  [-108]: { meaning: "phone number invalid", retryable: false },
  [-109]: { meaning: "template id invalid", retryable: false },
  [-110]: { meaning: "recipient's Zalo version not supported", retryable: false },
  [-111]: { meaning: "template data empty", retryable: false },
  [-112]: { meaning: "template data invalid", retryable: false },
  [-113]: { meaning: "button invalid", retryable: false },
  [-114]: { meaning: "recipient inactive, refuses the message or uses an old Zalo", retryable: false },
  [-115]: { meaning: "out of quota (ZNS balance)", retryable: true },
  [-116]: { meaning: "text invalid", retryable: false },
  [-117]: { meaning: "OA or app may not use this template", retryable: false },
  [-118]: { meaning: "no Zalo account for this phone number", retryable: false },
  [-119]: { meaning: "account cannot receive ZNS", retryable: false },
  [-124]: { meaning: "access token invalid or expired", retryable: true },
  [-131]: { meaning: "template not approved", retryable: false },
  [-133]: { meaning: "this template type may not be sent at night", retryable: true },
  [-139]: { meaning: "recipient refused this type of ZNS", retryable: false },
  [-141]: { meaning: "recipient refused ZNS from this OA", retryable: false },
  [-144]: { meaning: "OA's daily sending limit reached", retryable: true },
};

const TOKEN_INVALID = -124;

/** 0xxxxxxxxx or +84… → 84xxxxxxxxx, the form Zalo documents. */
export function znsPhone(address: string): string {
  const digits = address.replace(/[^\d]/g, "");
  return digits.startsWith("0") ? "84" + digits.slice(1) : digits;
}

export type ZnsChannel = Channel & { templateFor(kind: string): ZnsTemplate | null };

export function createZnsChannel(config: ZnsConfig): ZnsChannel {
  const url = config.apiUrl ?? ZNS_API_URL;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tokens = new ZaloTokens(config, timeoutMs);

  async function attempt(body: string, signal?: AbortSignal) {
    const token = await tokens.current(signal);
    const secrets = tokens.secrets();
    try {
      const answer = await post(url, body, { headers: { "Content-Type": "application/json", access_token: token }, timeoutMs, signal });
      return { answer, secrets };
    } catch (err) {
      return { failure: failureFromError(err, timeoutMs, secrets), secrets };
    }
  }

  return {
    name: "zalo",
    templateFor: (kind) => config.templates[kind] ?? null,
    async send(message, signal) {
      const template = config.templates[message.kind];
      if (!template) return { ok: false, retryable: false, answer: `no ZNS template configured for "${message.kind}"` };
      const params = message.params ?? {};
      const missing = template.params.filter((p) => params[p] === undefined || params[p] === null);
      if (missing.length > 0) return { ok: false, retryable: false, answer: `template ${template.templateId} needs ${missing.join(", ")}` };
      const templateData = Object.fromEntries(template.params.map((p) => [p, String(params[p])]));
      const body = JSON.stringify({ phone: znsPhone(message.address), template_id: template.templateId, template_data: templateData, tracking_id: message.id });

      let result = await attempt(body, signal);
      let code = result.answer ? errorCode(result.answer.text) : null;
      if (code === TOKEN_INVALID && tokens.canRefresh()) {
        const renewed = await tokens.refresh(signal);
        if (renewed.ok) {
          result = await attempt(body, signal);
          code = result.answer ? errorCode(result.answer.text) : null;
        } else if (result.answer) {
          return { ok: false, retryable: true, httpStatus: result.answer.status, answer: trimAnswer(`${renewed.why}; ${result.answer.text}`, result.secrets) };
        }
      }
      if (result.failure) return result.failure;
      const answer = result.answer!;
      if (answer.status < 200 || answer.status > 299) return failureFromHttp(answer, result.secrets);
      const logged = trimAnswer(answer.text, result.secrets);
      if (code === 0) {
        const data = (parseJson(answer.text) as { data?: { msg_id?: string } } | null)?.data;
        return {
          ok: true,
          retryable: false,
          httpStatus: answer.status,
          providerId: data?.msg_id,
          costVnd: config.costPerMessageVnd || undefined,
          answer: logged,
        };
      }
      if (code === null)
        return { ok: false, retryable: true, httpStatus: answer.status, answer: trimAnswer(`unreadable answer: ${answer.text}`, result.secrets) };
      const known = ZNS_CODES[code];
      return {
        ok: false,
        retryable: known ? known.retryable : true,
        httpStatus: answer.status,
        answer: trimAnswer(`error ${code}${known ? ` (${known.meaning})` : ""}: ${answer.text}`, result.secrets),
      };
    },
  };
}

function errorCode(text: string): number | null {
  const json = parseJson(text) as { error?: unknown } | null;
  const n = typeof json?.error === "string" ? Number(json.error) : json?.error;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

type StoredTokens = { seed: string; accessToken: string; refreshToken: string; expiresAt: number };

/** The OA's current access token, renewed with the refresh token when Zalo says it has expired. */
class ZaloTokens {
  private stored: StoredTokens | null = null;
  private inFlight: Promise<{ ok: true } | { ok: false; why: string }> | null = null;

  constructor(
    private config: ZnsConfig,
    private timeoutMs: number,
  ) {
    const r = config.refresh;
    if (r?.storeFile) {
      try {
        const saved = JSON.parse(fs.readFileSync(r.storeFile, "utf8")) as StoredTokens;
        // A new refresh token in the environment (re-authorised by hand) wins over the saved chain.
        if (saved.seed === seedOf(r.refreshToken)) this.stored = saved;
      } catch {
        // No file yet: start from the environment.
      }
    }
  }

  canRefresh(): boolean {
    return !!this.config.refresh;
  }

  secrets(): string[] {
    const r = this.config.refresh;
    return [this.config.accessToken, this.stored?.accessToken, this.stored?.refreshToken, r?.refreshToken, r?.appSecret].filter((s): s is string => !!s);
  }

  async current(signal?: AbortSignal): Promise<string> {
    if (this.stored && this.stored.expiresAt <= Date.now() && this.canRefresh()) await this.refresh(signal);
    return this.stored?.accessToken ?? this.config.accessToken;
  }

  refresh(signal?: AbortSignal) {
    // One renewal at a time: a spent refresh token cannot be used twice.
    this.inFlight ??= this.renew(signal).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async renew(signal?: AbortSignal): Promise<{ ok: true } | { ok: false; why: string }> {
    const r = this.config.refresh!;
    const form = new URLSearchParams({ app_id: r.appId, grant_type: "refresh_token", refresh_token: this.stored?.refreshToken ?? r.refreshToken });
    try {
      const answer = await post(r.oauthUrl ?? ZALO_OAUTH_URL, form.toString(), {
        headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: r.appSecret },
        timeoutMs: this.timeoutMs,
        signal,
      });
      const json = parseJson(answer.text) as { access_token?: string; refresh_token?: string; expires_in?: string | number } | null;
      if (!json?.access_token || !json.refresh_token) return { ok: false, why: trimAnswer(`token renewal refused: ${answer.text}`, this.secrets()) };
      // Renew a little early so a send never races the expiry.
      const lifetime = (Number(json.expires_in) || 90_000) * 1000;
      const expiresAt = Date.now() + Math.max(lifetime - 5 * 60_000, lifetime / 2);
      this.stored = { seed: seedOf(r.refreshToken), accessToken: json.access_token, refreshToken: json.refresh_token, expiresAt };
      if (r.storeFile) fs.writeFileSync(r.storeFile, JSON.stringify(this.stored), { mode: 0o600 });
      return { ok: true };
    } catch (err) {
      return { ok: false, why: `token renewal failed: ${failureFromError(err, this.timeoutMs, this.secrets()).answer}` };
    }
  }
}

function seedOf(refreshToken: string): string {
  return crypto.createHash("sha256").update(refreshToken).digest("hex");
}
