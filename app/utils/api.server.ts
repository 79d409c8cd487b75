// JSON answers for the HTTP API: every error is a JSON body with a code and a message.
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
 * cap, never held whole. The rest is left unread (not cancelled: that would destroy the socket
 * before the 413 goes out); server.js closes such a connection after the answer.
 */
export async function readBodyCapped(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get("Content-Length") ?? 0) > max) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
