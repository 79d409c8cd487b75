// The SMS gateway's incoming-message webhook: a reply to one of our texts. "TC", "STOP", "HUY",
// "DUNG" (any case, with or without diacritics) stops every text to that phone; anything else
// is acknowledged and ignored, so the gateway does not retry it. The gateway proves itself with
// the shared secret SMS_INBOUND_SECRET in the X-Inbound-Secret header.
import crypto from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { normaliseVnMobile } from "~/domain/reach/phone";
import { isStopMessage, stopByPhone } from "~/domain/reach/preferences.server";
import { apiError } from "~/utils/api.server";
import { env } from "~/utils/env.server";
import * as z from "zod";

const inboundSchema = z.object({ phone: z.string().max(40), message: z.string().max(1600) });

function secretMatches(given: string | null): boolean {
  if (!env.SMS_INBOUND_SECRET || !given) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(env.SMS_INBOUND_SECRET).digest();
  return crypto.timingSafeEqual(a, b);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "POST only");
  if (!secretMatches(request.headers.get("X-Inbound-Secret"))) return apiError(401, "unauthorized", "Missing or wrong X-Inbound-Secret");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "bad_json", "The body must be JSON: {phone, message}");
  }
  const parsed = inboundSchema.safeParse(body);
  if (!parsed.success) return apiError(400, "bad_request", "Expected {phone, message} as strings");
  const phone = normaliseVnMobile(parsed.data.phone);
  if (!phone || !isStopMessage(parsed.data.message)) return Response.json({ ok: true, action: "ignored" });
  const stopped = await stopByPhone(phone);
  return Response.json({ ok: true, action: "stopped", stopped });
}

export function loader() {
  return apiError(405, "method_not_allowed", "POST only");
}
