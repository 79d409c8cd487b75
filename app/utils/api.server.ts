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
