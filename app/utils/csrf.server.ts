// CSRF defence (docs/decisions/0003-sessions.md): a signed random token in an HttpOnly
// cookie, echoed in every form as a hidden field and compared in every action through
// readForm(). SameSite=Lax cookies and an Origin check are the second and third lines.
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

export const CSRF_FIELD = "csrf";

const csrfCookie = createCookie("cn_csrf", {
  httpOnly: true,
  sameSite: "lax",
  secure: env.cookieSecure,
  path: "/",
  secrets: [env.sessionSecret],
});

/** The token for this browser, and a Set-Cookie header when it had none. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing, setCookie: null };
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, setCookie: await csrfCookie.serialize(token) };
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return origin !== "null";
  const host = request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Whether `sent` is this browser's token (constant-time compare). */
async function matchesCookie(request: Request, sent: FormDataEntryValue | string | null): Promise<boolean> {
  const expected = await csrfCookie.parse(request.headers.get("Cookie"));
  return (
    typeof sent === "string" &&
    typeof expected === "string" &&
    sent.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  );
}

/** For fetch() uploads that are not forms: the token travels in the X-CSRF-Token header. */
export async function requireCsrfHeader(request: Request): Promise<void> {
  if (!sameOrigin(request)) throw new Response("Cross-site request refused", { status: 403 });
  if (!(await matchesCookie(request, request.headers.get("X-CSRF-Token")))) throw new Response("Form expired: reload the page and try again", { status: 403 });
}

/** Reads a form post, refusing it (403) unless it carries this browser's CSRF token. */
export async function readForm(request: Request): Promise<FormData> {
  if (!sameOrigin(request)) throw new Response("Cross-site request refused", { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("Malformed form data", { status: 400 });
  }
  if (!(await matchesCookie(request, form.get(CSRF_FIELD)))) throw new Response("Form expired: reload the page and try again", { status: 403 });
  return form;
}
