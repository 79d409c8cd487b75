// What the HTTP channels (SMS, Zalo ZNS) share: one POST with a time limit, and the rules that
// turn an HTTP outcome into a DeliveryResult the outbox can act on.
//
//   2xx + the provider's success code → ok
//   429                                 → retry, after Retry-After when the provider gives one
//   408, 5xx, network error, timeout    → retry (nothing was accepted, or we cannot know: the
//                                         idempotency key makes the next try safe)
//   other 4xx, the provider's final codes → give up: the same request will be refused again
import type { DeliveryResult } from "../channel";

export const DEFAULT_TIMEOUT_MS = 10_000;
const ANSWER_MAX = 500;

export type HttpAnswer = { status: number; headers: Headers; text: string };

/** POST a body; throws on network failure, timeout or abort (see failureFromError). */
export async function post(
  url: string,
  body: string,
  options: { headers: Record<string, string>; timeoutMs: number; signal?: AbortSignal },
): Promise<HttpAnswer> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  const res = await fetch(url, { method: "POST", headers: options.headers, body, signal: AbortSignal.any(signals) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The provider's answer for the attempts log: secrets blanked, at most 500 characters. */
export function trimAnswer(text: string, secrets: (string | undefined | null)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
  return out.length > ANSWER_MAX ? out.slice(0, ANSWER_MAX - 1) + "…" : out;
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The outcome of a non-2xx answer, before looking at the provider's own codes. */
export function failureFromHttp(answer: HttpAnswer, secrets: (string | undefined | null)[]): DeliveryResult {
  const base = { ok: false, httpStatus: answer.status, answer: trimAnswer(`HTTP ${answer.status} ${answer.text}`, secrets) };
  if (answer.status === 429) return { ...base, retryable: true, retryAfterMs: retryAfterMs(answer.headers.get("retry-after")) };
  if (answer.status === 408 || answer.status >= 500) return { ...base, retryable: true };
  return { ...base, retryable: false };
}

/** A request that got no answer: always worth another try. */
export function failureFromError(err: unknown, timeoutMs: number, secrets: (string | undefined | null)[]): DeliveryResult {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  let why: string;
  if (e?.name === "TimeoutError") why = `no answer within ${timeoutMs} ms`;
  else if (e?.name === "AbortError") why = "stopped before the provider answered";
  else why = [e?.message ?? String(err), e?.cause?.code, e?.cause?.message].filter(Boolean).join(": ");
  return { ok: false, retryable: true, answer: trimAnswer(why, secrets) };
}
