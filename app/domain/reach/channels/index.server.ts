// PLACEHOLDER (helper "outbox"): helper "channels" writes the real clients (eSMS, Zalo ZNS,
// SMTP) and this entry point; their file replaces this one at merge. This stand-in speaks just
// enough of eSMS.vn's JSON API (SendMultipleMessage_V4_post_json) for the outbox's tests.
import type { Channel, ChannelName, DeliveryResult, OutgoingMessage } from "../channel";
import { env } from "~/utils/env.server";

export function channelsFromEnv(): Partial<Record<ChannelName, Channel>> {
  if (!env.ESMS_API_KEY || !env.ESMS_SECRET_KEY) return {};
  return {
    sms: esmsChannel({
      url: env.ESMS_URL,
      apiKey: env.ESMS_API_KEY,
      secretKey: env.ESMS_SECRET_KEY,
      brandname: env.ESMS_BRANDNAME ?? null,
      priceVnd: env.ESMS_PRICE_VND ?? null,
    }),
  };
}

export function esmsChannel(c: { url: string; apiKey: string; secretKey: string; brandname: string | null; priceVnd: number | null }): Channel {
  return {
    name: "sms",
    async send(m: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      let res: Response;
      try {
        res = await fetch(new URL("/MainService.svc/json/SendMultipleMessage_V4_post_json/", c.url), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            ApiKey: c.apiKey,
            SecretKey: c.secretKey,
            Phone: m.address,
            Content: m.body,
            Brandname: c.brandname ?? undefined,
            SmsType: "2",
            IsUnicode: /[^\x20-\x7e\n]/.test(m.body) ? "1" : "0",
            RequestId: m.id, // the idempotency key: a repeated RequestId is the same message to the provider
          }),
          signal,
        });
      } catch (e) {
        return { ok: false, retryable: true, answer: e instanceof Error ? `${e.name}: ${e.message} ${String(e.cause ?? "")}`.trim() : String(e) };
      }
      const answer = (await res.text().catch(() => "")).slice(0, 500);
      if (res.status === 429 || res.status === 408 || res.status >= 500) {
        const after = Number(res.headers.get("retry-after"));
        return { ok: false, retryable: true, httpStatus: res.status, answer, retryAfterMs: after > 0 ? after * 1000 : undefined };
      }
      if (!res.ok) return { ok: false, retryable: false, httpStatus: res.status, answer };
      let body: { CodeResult?: string; SMSID?: string } = {};
      try {
        body = JSON.parse(answer);
      } catch {
        return { ok: false, retryable: true, httpStatus: res.status, answer };
      }
      if (body.CodeResult === "100")
        return { ok: true, retryable: false, httpStatus: res.status, providerId: body.SMSID, costVnd: c.priceVnd ?? undefined, answer };
      // 99: the provider's own unknown error; any other code is a refusal (key, brandname, number).
      return { ok: false, retryable: body.CodeResult === "99", httpStatus: res.status, answer };
    },
  };
}
