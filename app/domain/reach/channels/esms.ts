// SMS through eSMS.vn (ViHAT), a JSON-over-HTTP gateway widely used in Vietnam for brandname
// customer-care messages. Documented at developers.esms.vn ("Send OTP/Customer care message",
// "Table of error codes", "Test environment (Sandbox)").
//
// Request: POST {SMS_API_URL} (…/MainService.svc/json/SendMultipleMessage_V4_post_json/),
// Content-Type application/json, every value a string:
//   ApiKey, SecretKey  the account's keys (in the body: eSMS has no auth header)
//   Phone              the recipient; sent in the domestic form 0xxxxxxxxx, as eSMS's examples do
//   Content            the text, already fitted to one segment (sms-text.ts)
//   Brandname          the registered sender name shown on the phone
//   SmsType "2"        brandname customer care (CSKH): transactional, allowed at any hour
//   IsUnicode "0"/"1"  "1" when the text holds characters outside GSM-7 (diacritics)
//   Sandbox "0"/"1"    "1": eSMS checks the request but sends and charges nothing
//   RequestId          our OutboxMessage id: eSMS refuses a RequestId it has seen in the last
//                      24 hours (code 124), so a retry after a lost answer is not sent twice
// Answer: HTTP 200 {"CodeResult":"100","CountRegenerate":0,"SMSID":"…"}; any other CodeResult is
// a refusal with ErrorMessage. 100 means eSMS accepted the message, not that the phone got it.
//
// eSMS answers no price, so the cost recorded is SMS_COST_VND per segment (0 = unknown).
import type { Channel, DeliveryResult, OutgoingMessage } from "../channel";
import { isGsm7, smsSegments } from "../sms-text";
import { DEFAULT_TIMEOUT_MS, failureFromError, failureFromHttp, parseJson, post, trimAnswer } from "./http";

export const ESMS_API_URL = "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/";

export type EsmsConfig = {
  apiUrl?: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  sandbox?: boolean;
  costPerSegmentVnd?: number;
  timeoutMs?: number;
};

/**
 * eSMS's codes, and whether trying again can help. Problems with this message or this number are
 * final. Problems with our account (keys, balance, sender name, IP allow-list) are not the
 * message's fault: once the operator fixes them the same message goes through, so the outbox
 * keeps retrying with backoff until its own limit. 124 (duplicate RequestId) means an earlier try
 * of this very message was accepted — the answer was lost — so it counts as sent.
 */
export const ESMS_CODES: Record<string, { meaning: string; retryable: boolean }> = {
  "99": { meaning: "phone number blocked", retryable: false },
  "101": { meaning: "wrong ApiKey or SecretKey", retryable: true },
  "102": { meaning: "no price list for the account", retryable: true },
  "103": { meaning: "balance too low", retryable: true },
  "104": { meaning: "brandname not registered", retryable: true },
  "108": { meaning: "phone number format not accepted", retryable: false },
  "118": { meaning: "message type not supported", retryable: false },
  "140": { meaning: "server IP not on the account's allow-list", retryable: true },
  "146": { meaning: "text does not match a registered customer-care template", retryable: false },
  "177": { meaning: "the recipient's network is not registered for this brandname", retryable: false },
  "300": { meaning: "message type missing", retryable: false },
};

/** 84xxxxxxxxx (how the app stores numbers) → 0xxxxxxxxx. */
export function esmsPhone(address: string): string {
  const digits = address.replace(/[^\d]/g, "");
  return digits.startsWith("84") ? "0" + digits.slice(2) : digits;
}

export function createEsmsChannel(config: EsmsConfig): Channel {
  const url = config.apiUrl ?? ESMS_API_URL;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = [config.apiKey, config.secretKey];

  return {
    name: "sms",
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      const unicode = !isGsm7(message.body);
      const body = {
        ApiKey: config.apiKey,
        SecretKey: config.secretKey,
        Phone: esmsPhone(message.address),
        Content: message.body,
        Brandname: config.brandname,
        SmsType: "2",
        IsUnicode: unicode ? "1" : "0",
        Sandbox: config.sandbox ? "1" : "0",
        RequestId: message.id,
      };
      let answer;
      try {
        answer = await post(url, JSON.stringify(body), { headers: { "Content-Type": "application/json" }, timeoutMs, signal });
      } catch (err) {
        return failureFromError(err, timeoutMs, secrets);
      }
      if (answer.status < 200 || answer.status > 299) return failureFromHttp(answer, secrets);

      const json = parseJson(answer.text) as { CodeResult?: string | number; SMSID?: string; ErrorMessage?: string } | null;
      const code = json?.CodeResult === undefined ? null : String(json.CodeResult);
      const logged = trimAnswer(answer.text, secrets);
      const cost = (config.costPerSegmentVnd ?? 0) * smsSegments(message.body, unicode);
      if (code === "100") {
        return { ok: true, retryable: false, httpStatus: answer.status, providerId: json?.SMSID, costVnd: cost || undefined, answer: logged };
      }
      if (code === "124") {
        // Accepted on an earlier try whose answer we never saw; eSMS does not say the SMSID again.
        return { ok: true, retryable: false, httpStatus: answer.status, answer: trimAnswer(`duplicate RequestId: sent earlier. ${answer.text}`, secrets) };
      }
      if (code === null) {
        // A 2xx without the documented body (a proxy's page, a truncated answer): we cannot know, try again.
        return { ok: false, retryable: true, httpStatus: answer.status, answer: trimAnswer(`unreadable answer: ${answer.text}`, secrets) };
      }
      const known = ESMS_CODES[code];
      return {
        ok: false,
        // Unknown codes are retried: a refused message costs nothing, a lost one costs trust.
        retryable: known ? known.retryable : true,
        httpStatus: answer.status,
        answer: trimAnswer(`CodeResult ${code}${known ? ` (${known.meaning})` : ""}: ${answer.text}`, secrets),
      };
    },
  };
}
