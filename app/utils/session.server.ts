// Server-side sessions (docs/decisions/0003-sessions.md). The cookie holds a random token;
// the database holds its SHA-256. Logging out or disabling an account deletes the rows,
// so the cookie stops working at once.
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { Prisma } from "~/generated/prisma/client";
import { hotRead, write } from "./db.server";
import { env, secureCookies } from "./env.server";
import { notFound } from "./http.server";

const SESSION_DAYS = 30;

const sessionCookie = createCookie("cn_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: [env.sessionSecret],
  maxAge: SESSION_DAYS * 24 * 3600,
});

const digest = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createSession(request: Request, userId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await write((tx) =>
    tx.session.create({
      data: { id: digest(token), userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000) },
    }),
  );
  return sessionCookie.serialize(token, secureCookies(request));
}

/** The session token the browser holds (signature checked; the session may have ended). */
export async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export type SessionUser = { id: string; name: string; email: string | null; phone: string | null; locale: string; isSiteAdmin: boolean };

export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  // Every request asks this (often twice): fixed SQL on the hot connection (docs/decisions/0017).
  const [row] = await hotRead<{
    expiresAt: string;
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    locale: string;
    isSiteAdmin: number;
    disabledAt: string | null;
  }>(
    Prisma.sql`SELECT s."expiresAt", u."id", u."name", u."email", u."phone", u."locale", u."isSiteAdmin", u."disabledAt"
               FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${digest(token)}`,
  );
  if (!row || new Date(row.expiresAt) < new Date() || row.disabledAt) return null;
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, locale: row.locale, isSiteAdmin: row.isSiteAdmin === 1 };
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** The site administrator's pages: anyone else gets 404, as for any page they may not see. */
export async function requireSiteAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isSiteAdmin) notFound();
  return user;
}

export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await write((tx) => tx.session.deleteMany({ where: { id: digest(token) } }));
  return sessionCookie.serialize("", { maxAge: 0, ...secureCookies(request) });
}
