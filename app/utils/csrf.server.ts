// CSRF defence (docs/decisions/0003-sessions.md): every form carries a token derived from the
// browser's session, HMAC(secret, session token), and every action compares it through
// readForm(). Before login (the login and sign-up forms, the language switch) the token is
// derived from a random id in its own HttpOnly cookie instead. A token therefore works only with
// the session it was made for: a token and cookie taken from another browser, or planted in the
// victim's, are refused. It changes at login and logout; while a session lasts (30 days) it stays
// the same, so a form queued offline can be sent later. SameSite=Lax cookies and an Origin check
// are the second and third lines.
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { env, secureCookies } from "./env.server";
import { readToken } from "./session.server";

export const CSRF_FIELD = "csrf";

const browserCookie = createCookie("cn_csrf", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: [env.sessionSecret],
});

const derive = (binding: string) => crypto.createHmac("sha256", env.sessionSecret).update(`csrf|${binding}`).digest("base64url");
const newBrowserId = () => crypto.randomBytes(24).toString("base64url");

/** What the token is bound to: the session when there is one, else this browser's random id. */
async function binding(request: Request): Promise<string | null> {
  const session = await readToken(request);
  if (session) return `session|${session}`;
  const id = await browserCookie.parse(request.headers.get("Cookie"));
  return typeof id === "string" && id.length >= 32 ? `browser|${id}` : null;
}

/** The token for this request's forms, and a Set-Cookie header when the browser had nothing to bind it to. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const bound = await binding(request);
  if (bound) return { token: derive(bound), setCookie: null };
  const id = newBrowserId();
  return { token: derive(`browser|${id}`), setCookie: await browserCookie.serialize(id, secureCookies(request)) };
}

/** A new pre-login id, sent at login and logout so no token from before stays valid after. */
export function rotateCsrfCookie(request: Request): Promise<string> {
  return browserCookie.serialize(newBrowserId(), secureCookies(request));
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

/** Whether `sent` is the token of this request's session or browser (constant-time compare). */
async function matches(request: Request, sent: FormDataEntryValue | string | null): Promise<boolean> {
  const bound = await binding(request);
  if (!bound || typeof sent !== "string") return false;
  const expected = Buffer.from(derive(bound));
  const given = Buffer.from(sent);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** For fetch() uploads that are not forms: the token travels in the X-CSRF-Token header. */
export async function requireCsrfHeader(request: Request): Promise<void> {
  if (!sameOrigin(request)) throw new Response("Cross-site request refused", { status: 403 });
  if (!(await matches(request, request.headers.get("X-CSRF-Token")))) throw new Response("Form expired: reload the page and try again", { status: 403 });
}

/** Reads a form post, refusing it (403) unless it carries this session's CSRF token. */
export async function readForm(request: Request): Promise<FormData> {
  if (!sameOrigin(request)) throw new Response("Cross-site request refused", { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("Malformed form data", { status: 400 });
  }
  if (!(await matches(request, form.get(CSRF_FIELD)))) throw new Response("Form expired: reload the page and try again", { status: 403 });
  return form;
}
