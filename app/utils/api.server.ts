// JSON answers for the HTTP API: every error is a JSON body with a code and a message.
import type { AppLoadContext } from "@remix-run/node";
import { authenticate, type ApiCaller } from "~/domain/api-tokens.server";

export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** The calling organisation, or a thrown 401 (no/invalid/revoked token) or 403 (not a project owner). */
export async function requireApiCaller(request: Request): Promise<ApiCaller> {
  const caller = await authenticate(request);
  if (!caller) throw apiError(401, "unauthorized", "Missing, unknown or revoked API token (Authorization: Bearer cn_…)");
  if (caller.organisation.kind !== "project_owner") throw apiError(403, "forbidden", "API tokens belong to project owners");
  return caller;
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * The request body as text, or null as soon as it passes `max` bytes. Counted while reading,
 * because a chunked body has no Content-Length to trust: an oversized one is refused at the
 * cap, never held whole.
 */
export async function readBodyCapped(request: Request, max: number, context?: AppLoadContext): Promise<string | null> {
  const bytes = await readBytesCapped(request, max, context);
  return bytes === null ? null : bytes.toString("utf8");
}

/** readBodyCapped for a binary body (a form with a file): the bytes, or null past `max`. */
export async function readBytesCapped(request: Request, max: number, context?: AppLoadContext): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  // A body that says how long it is gets drained whole (up to 8 × max): dropping the connection
  // under a client still sending the last bytes resets it before the answer is read.
  if (declared > max) return refuse(reader, Math.min(declared, 8 * max), context);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) return refuse(reader, declared > max ? Math.min(declared, 8 * max) : max, context);
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The refusal goes out at once; meanwhile what the client still sends is read and dropped (up
 * to `drainUpTo` more bytes), so it can finish sending and read the answer. Closing on a client
 * that is still sending resets the connection, and the reset can destroy the answer unread, so
 * server.js is told to keep it (`keepConnection` in the load context). Beyond that, the
 * connection is dropped.
 */
function refuse(reader: ReadableStreamDefaultReader<Uint8Array>, drainUpTo: number, context?: AppLoadContext): null {
  const keepConnection = context?.keepConnection;
  if (typeof keepConnection === "function") keepConnection();
  void (async () => {
    let dropped = 0;
    try {
      while (dropped <= drainUpTo) {
        const { done, value } = await reader.read();
        if (done) return;
        dropped += value.byteLength;
      }
      await reader.cancel();
    } catch {
      /* the client went away */
    }
  })();
  return null;
}
