// Remix's default Node entry, plus the Content-Security-Policy of every document.
import crypto from "node:crypto";
import { PassThrough, Transform } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { replicaCaughtUp } from "~/utils/db.server";
import { NonceProvider } from "~/utils/nonce";
import { readYourWritesMiddleware } from "~/utils/read-your-writes.server";

// The public trace pages, served by server.js ahead of Remix's handler (docs/decisions/0028).
export { traceResponse } from "~/domain/trace/respond.server";
export { dbReady as databaseReady } from "~/utils/db.server";
export { rateLimitStore } from "~/utils/rate-limits.server";
/** Express middleware with a PostgreSQL read replica (server.js), else null. */
export const readYourWrites = replicaCaughtUp ? readYourWritesMiddleware(replicaCaughtUp) : null;

const ABORT_DELAY = 5_000;

// React 18.3's streaming renderer pads a chunk with NUL bytes when a multi-byte UTF-8
// character (every Vietnamese diacritic) straddles its 2 KB buffer (facebook/react#24985,
// fixed only in 19). A NUL never belongs in HTML, so they are dropped on the way out.
function stripNul() {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, chunk.includes(0) ? chunk.filter((b) => b !== 0) : chunk);
    },
  });
}

// Scripts only from this site or carrying this response's nonce (Remix's inline hydration
// scripts get it); no framing; images may come from the optional map tile server.
function contentSecurityPolicy(nonce: string | null): string {
  const tiles = process.env.MAP_TILE_URL ? ` ${new URL(process.env.MAP_TILE_URL.replace(/\{[a-z]\}/g, "a")).origin}` : "";
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    // React and Leaflet set style attributes; no inline <style> or script is allowed.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// The other security headers (nosniff, X-Frame-Options, Referrer-Policy, HSTS) and no-store are
// set on every answer by server.js; this one needs the page's nonce, so it is set here.
export function securityHeaders(headers: Headers, nonce: string | null = null): Headers {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return headers;
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = crypto.randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const clean = stripNul();
          body.pipe(clean);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(clean), { headers: securityHeaders(responseHeaders, nonce), status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
        nonce,
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleDataRequest(response: Response) {
  securityHeaders(response.headers);
  return response;
}

// Every unexpected error of a loader, action or render, with the request that caused it: the
// details go to the log only. In production mode Remix sends the browser a sanitised error and
// the ErrorBoundaries show a generic page. A Response thrown on purpose is not an error.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return; // the visitor left; nothing went wrong here
  const where = new URL(request.url);
  // An error response Remix made itself (no such route, …) carries the underlying error.
  const cause = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  console.error(`${request.method} ${where.pathname}${where.search} →`, cause ?? error);
};

// Started by server.js once it listens (the build's entry module is what it can reach).
export { startCertificateReminders } from "~/domain/certifications/reminders.server";
// The outbox's delivery worker, started by server.js once it listens (docs/decisions/0031-outbox.md).
export { startDeliveryWorker } from "~/domain/reach/worker-start.server";
