// The production server: Express + Remix, as remix-serve does it, plus the checks that must
// run before Remix sees a request. Why our own server: Remix answers a cross-site form post
// with a 500; here it is refused with a clear 403 (docs/decisions/0003-sessions.md).
import crypto from "node:crypto";
import fs from "node:fs";
import { STATUS_CODES } from "node:http";
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { matchRoutes } from "@remix-run/router";
import compression from "compression";
import express from "express";
import { rateLimit } from "express-rate-limit";
import helmet, { strictTransportSecurity } from "helmet";
import morgan from "morgan";

// `npm start` sets no NODE_ENV: unset means production (Express's error pages, React's build,
// Secure cookies in app/utils/env.server.ts all read it). Set before express() and before the
// build is imported; `npm run dev` sets "development" itself.
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

const BUILD = path.resolve("build/index.js");
const build = await import(url.pathToFileURL(BUILD).href);

const app = express();
app.disable("x-powered-by");

// Behind a reverse proxy that terminates TLS, TRUST_PROXY names it in Express's "trust proxy"
// terms ("loopback", addresses or subnets, a hop count); only then are its X-Forwarded-Proto,
// -For and -Host believed. Unset (the default), nothing forwarded is believed. Without it behind
// a proxy, every client has the proxy's address and the per-address limits below become one
// limit for everybody.
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy && trustProxy !== "false") app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === "true" ? true : trustProxy);

// Standard security headers on every answer, static files included. The Content-Security-Policy
// is the app's own, with a nonce per page (app/entry.server.tsx), so helmet's is off.
app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, xFrameOptions: { action: "deny" }, referrerPolicy: { policy: "same-origin" } }));
// HSTS only on an answer that went out over TLS (directly, or from a trusted proxy): on plain
// http://localhost or a LAN install it would make browsers refuse the site. Not for subdomains,
// which this app does not own.
const hsts = strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: false });
app.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));

// The public trace pages (/t/{code}, /01/{gtin}/10/{code}; docs/decisions/0028): a whole page
// from app/domain/trace/respond.server.tsx, kept rendered and gzipped until the database changes,
// served here before the static files, compression and Remix's request handling, which cost
// several times what the page itself does (a map lookup). Read without a login, and meant to be:
// shoppers behind one market's address may scan many bags, so found pages are never limited.
// Misses are: after TRACE_MISS_RATE_LIMIT (default 60) "not found" answers in a minute, an
// address's further misses get 429 until the minute is over (its found pages still open), so
// nobody walks the code space from one machine (50-bit random codes make that hopeless anyway).
const traceResponse = build.entry.module.traceResponse;
const TRACE_MISS_LIMIT = Number(process.env.TRACE_MISS_RATE_LIMIT ?? 60);
const traceMisses = new Map(); // address → { windowStart, n }
app.get(/^\/(?:t\/([^/]+)|01\/([^/]+)\/10\/([^/]+))\/?$/i, async (req, res, next) => {
  const now = Date.now();
  const key = req.ip ?? "";
  let w = traceMisses.get(key);
  if (!w || now - w.windowStart >= 60_000) w = { windowStart: now, n: 0 };
  res.setHeader("Cache-Control", "no-store");
  try {
    const [code, gtin, lot] = [req.params[0], req.params[1], req.params[2]];
    // Only the query (?lang=), the protocol (Secure cookies), the cookie and the encoding are read.
    const request = new Request(`${req.protocol}://localhost${req.originalUrl}`, {
      headers: { cookie: req.get("cookie") ?? "", "accept-encoding": req.get("accept-encoding") ?? "" },
    });
    const answer = await traceResponse(request, code ?? lot, code ? undefined : gtin);
    if (answer.status === 404) {
      if (w.n >= TRACE_MISS_LIMIT) {
        res.setHeader("Retry-After", String(Math.ceil((w.windowStart + 60_000 - now) / 1000)));
        return res
          .status(429)
          .type("text/plain; charset=utf-8")
          .send("Quá nhiều mã không tồn tại từ máy này; thử lại sau. / Too many unknown codes from this address; try again later.");
      }
      w.n++;
      traceMisses.set(key, w);
      // Bounded: finished windows are forgotten when many addresses have missed lately.
      if (traceMisses.size > 10_000) for (const [k, v] of traceMisses) if (now - v.windowStart >= 60_000) traceMisses.delete(k);
    }
    for (const [name, value] of answer.headers) if (name !== "set-cookie") res.setHeader(name, value);
    const cookies = answer.headers.getSetCookie();
    if (cookies.length) res.setHeader("Set-Cookie", cookies);
    res.status(answer.status).end(Buffer.from(await answer.arrayBuffer()));
  } catch (e) {
    next(e);
  }
});

app.use(compression());
// The build's scripts and styles as Brotli where the browser takes it (made by `npm run build`).
app.use("/build", (req, res, next) => {
  const type = /\.js$/.test(req.path) ? "text/javascript; charset=utf-8" : /\.css$/.test(req.path) ? "text/css; charset=utf-8" : null;
  res.vary("Accept-Encoding");
  if (!type || !/\bbr\b/.test(req.headers["accept-encoding"] ?? "") || !fs.existsSync(path.join("public/build", `${req.path}.br`))) return next();
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Encoding", "br");
  req.url = `${req.path}.br`;
  next();
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// The service worker is checked for a new version on every visit: never kept by a cache.
app.use(express.static("public", { maxAge: "1h", setHeaders: (res, file) => file.endsWith(`${path.sep}sw.js`) && res.setHeader("Cache-Control", "no-cache") }));

// Only the static files above may be cached. Everything the app answers itself (pages, .data,
// PDFs, CSVs, JSON) carries names, money or at least a CSRF token, so no cache may keep it,
// whatever a route said: set as the headers go out, replacing the route's own Cache-Control.
// The one exception is the official list of communes (/places/), public and the same for all:
// a phone on a poor connection should fetch a province's list once a day, not once a page.
app.use((req, res, next) => {
  if (req.method === "GET" && req.path.startsWith("/places/")) return next();
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  };
  next();
});
if (process.env.LOG_REQUESTS !== "0") app.use(morgan("tiny"));

// A refusal may be sent before a large body has been read; closing the connection afterwards
// keeps the unread rest of that body from stalling the next request on it. Decided as the
// headers go out: not when the body has been read after all, nor when the app goes on reading
// and dropping it (an oversized import, app/utils/api.server.ts: `keepConnection` in the load
// context), because closing on a client that is still sending resets the connection, and the
// reset can destroy the answer before the client has read it.
app.use((req, res, next) => {
  if (Number(req.headers["content-length"] ?? 0) <= 64 * 1024 && !req.headers["transfer-encoding"]) return next();
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!req.complete && !res.locals.keepConnection) res.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  };
  next();
});

// Remix builds the request URL from the Host header: "POST /" with "Host: x/login?" would reach
// /login. A Host that is not a host name and port is refused before anything else looks at it.
// A trusted proxy's X-Forwarded-Host takes the Host's place, so it is held to the same shape.
const HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
app.use((req, res, next) => {
  const hosts = [req.get("Host"), req.get("X-Forwarded-Host")].filter((h) => h !== undefined);
  if (hosts.every((h) => HOST.test(h))) return next();
  res.status(400).type("text/plain; charset=utf-8").send("Host không hợp lệ / Invalid Host header");
});

// A state-changing request whose Origin is another site is refused before any work is done.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  if (!origin) return next();
  let host = null;
  try {
    host = new URL(origin).host;
  } catch {
    /* "null" or garbage: refused below */
  }
  if (host && host === (req.get("x-forwarded-host") ?? req.get("host"))) return next();
  res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu từ trang khác bị từ chối / Cross-site request refused");
});

// Which routes a request reaches, resolved as Remix resolves them, so a limit on a route cannot be
// stepped around by spelling its URL another way: "/login.data" (single fetch), "/login/",
// "/LOGIN", "/%6Cogin" and "?_data=routes/login" all reach the login action. The URL is built as
// @remix-run/express builds it and matched with Remix's own router.
function routeTree(parentId) {
  return Object.values(build.routes)
    .filter((r) => r.parentId === parentId)
    .map((r) => ({ ...r, children: routeTree(r.id) }));
}
const ROUTES = routeTree(undefined);

function remixPathname(req) {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("Host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find(Number.isSafeInteger);
  const { pathname } = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  return pathname.endsWith(".data") ? pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") : pathname;
}

// Matching ranks every route anew on each call: remember the answer per pathname (a bounded map,
// oldest dropped first), so the check costs a lookup on the pages people keep opening.
const matched = new Map();
function routeIdsOf(pathname) {
  let ids = matched.get(pathname);
  if (!ids) {
    ids = (matchRoutes(ROUTES, pathname, build.basename) ?? []).map((m) => m.route.id);
    if (matched.size >= 5000) matched.delete(matched.keys().next().value);
    matched.set(pathname, ids);
  }
  return ids;
}

app.use((req, res, next) => {
  try {
    res.locals.routeIds = routeIdsOf(remixPathname(req));
  } catch {
    res.locals.routeIds = []; // Remix cannot build this URL either: no route runs
  }
  next();
});
const reaches = (res, test) => res.locals.routeIds.some(test);
const writes = (req) => req.method !== "GET" && req.method !== "HEAD"; // Remix runs the action

// Log-in and sign-up attempts per client address (the app also locks an identifier after
// repeated failures, docs/decisions/0003-sessions.md). Fixed windows, in memory on SQLite (one
// process), in the database on PostgreSQL, where several processes share them (in memory there
// too when DATABASE_READ_ONLY: nothing may be written).
const limitStore = (name) => build.entry.module.rateLimitStore?.(name);
app.use(
  rateLimit({
    store: limitStore("login"),
    windowMs: 5 * 60_000,
    limit: Number(process.env.LOGIN_RATE_LIMIT_PER_IP ?? 60),
    skip: (req, res) => !writes(req) || !reaches(res, (id) => id === "routes/login" || id === "routes/signup"),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    // The app's own pages (the form, and its script's .data request) are refused by the page
    // itself, a 429 with the form's message in the reader's language: a plain-text answer to the
    // script shows as a broken page. Any other spelling of the address gets the plain text.
    handler: (req, res, next) => {
      if (/^\/(login|signup)(\.data)?$/.test(req.path) && req.query._data === undefined) {
        res.locals.loginLimited = true;
        return next();
      }
      res
        .status(429)
        .type("text/plain; charset=utf-8")
        .send(
          "Quá nhiều lần đăng nhập hoặc đăng ký từ máy này; thử lại sau 5 phút. / Too many login or sign-up attempts from this address; try again in 5 minutes.",
        );
    },
  }),
);

// The token API. Requests that do not authenticate (no token, a made-up or a revoked one) are
// limited per client address: each is counted and forgiven once answered with anything but 401,
// so made-up tokens, each one different, are limited while a working token is not held back.
// A working token has its own budget, keyed on its hash (no raw token is kept in memory).
const API_LIMIT = Number(process.env.API_RATE_LIMIT ?? 300);
const reachesApi = (res) => reaches(res, (id) => id.startsWith("routes/api.v1."));
const bearer = (req) => /^Bearer\s+(\S+)/i.exec(req.get("Authorization") ?? "")?.[1] ?? null;
const apiLimited = (_req, res) => res.status(429).json({ error: { code: "rate_limited", message: "Too many requests: try again in a minute" } });
app.use(
  rateLimit({
    windowMs: 60_000,
    limit: API_LIMIT,
    store: limitStore("api-unauthenticated"),
    skip: (_req, res) => !reachesApi(res),
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: apiLimited,
  }),
);
app.use(
  rateLimit({
    windowMs: 60_000,
    limit: API_LIMIT,
    store: limitStore("api-token"),
    skip: (req, res) => !reachesApi(res) || !bearer(req),
    keyGenerator: (req) => `token:${crypto.createHash("sha256").update(bearer(req)).digest("hex")}`,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: apiLimited,
  }),
);

// At most REQUEST_CONCURRENCY requests are inside the app at once; the others wait their turn,
// first come first served, holding nothing but their connection. One core runs one loader or
// render at a time anyway: letting 50 in together only holds 50 result sets and pages in memory
// and makes each of them slow (docs/decisions/0016-totals-on-write.md, "bounded work").
const MAX_IN_APP = Math.max(1, Number(process.env.REQUEST_CONCURRENCY ?? 8));
let inApp = 0;
const waiting = [];
function nextWaiting() {
  while (waiting.length && inApp < MAX_IN_APP) waiting.shift()();
}
app.use((req, res, next) => {
  const enter = () => {
    if (res.writableEnded || req.destroyed) return; // gave up while waiting
    inApp++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      inApp--;
      nextWaiting();
    };
    res.once("finish", leave);
    res.once("close", leave);
    next();
  };
  if (inApp < MAX_IN_APP) enter();
  else waiting.push(enter);
});

// With a read replica: each request reads the replica unless it must see its person's own last
// write (app/utils/read-your-writes.server.ts). Last before Remix: the admission queue above may
// start a request from another's callback, and the routing must be this request's own.
if (build.entry.module.readYourWrites) app.use(build.entry.module.readYourWrites);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (_req, res) => ({ keepConnection: () => (res.locals.keepConnection = true), loginLimited: res.locals.loginLimited === true }),
  }),
);

// Last: an error outside Remix's own handling (a malformed URL or Host header, a failing
// middleware) is logged in full and answered with a generic text — never a stack or a path.
// Remix's errors are logged by handleError in app/entry.server.tsx and shown by the
// ErrorBoundary without details.
app.use((err, req, res, _next) => {
  const status = Number(err?.status ?? err?.statusCode);
  const clientError = status >= 400 && status < 500;
  console.error(`${req.method} ${req.originalUrl} →`, clientError ? `${status} ${err?.message ?? err}` : err);
  if (res.headersSent) return res.destroy();
  res
    .status(clientError ? status : 500)
    .type("text/plain; charset=utf-8")
    .send(
      clientError
        ? `Yêu cầu không hợp lệ. / ${STATUS_CODES[status]}.`
        : "Lỗi máy chủ: yêu cầu chưa được thực hiện; vui lòng thử lại sau. / Server error: the request was not completed; please try again later.",
    );
});

// The database first: one that cannot be reached or migrated is one clear line and exit 1, not a
// server that answers every request with an error.
try {
  await build.entry.module.databaseReady();
} catch (e) {
  console.error(`Cầu Nối cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// PORT=0 takes any free port; the line names the one actually bound (tests read it).
const server = app.listen(port, host, () => console.log(`Cầu Nối: http://localhost:${server.address().port}`));
// Certificate expiry reminders (issue 16) at boot and hourly: the one thing this process does on
// a clock, so a small unref'd timer in the app's build rather than a job runner (reminders.server.ts).
build.entry.module.startCertificateReminders?.();
// Keep idle connections longer than the proxies and clients in front of us do (nginx, load
// balancers ~60 s): with Node's 5 s default the server closes a socket just as a client reuses
// it, and that request fails with "other side closed" (a 502 behind a proxy).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

// The outbox's delivery worker (docs/decisions/0031-outbox.md), once the server listens; off
// with DELIVERY_WORKER=off or when no channel is configured. On SIGTERM/SIGINT the message being
// sent is finished and recorded before the process exits (a kill -9 is covered by its lease).
// Without a worker the handler still exits through process.exit, so `node --cpu-prof` (the
// benchmark's BENCH_NODE_ARGS) writes its profile; a signal's default exit writes nothing.
server.once("listening", () => {
  const worker = build.entry.module.startDeliveryWorker?.();
  const shutdown = async () => {
    await worker?.stop();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
});
