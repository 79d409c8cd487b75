import type { ActionFunctionArgs } from "@remix-run/node";
import { audit } from "~/domain/audit.server";
import { importBundle } from "~/domain/bundle/import.server";
import { importerFor } from "~/domain/import-access.server";
import { apiError, MAX_IMPORT_BYTES, readBodyCapped } from "~/utils/api.server";
import { requireCsrfHeader } from "~/utils/csrf.server";

// The import page's upload (a resource route, so every answer is JSON): the browser sends the
// file itself as the body so it can show upload progress.
export async function action({ request, context }: ActionFunctionArgs) {
  try {
    await requireCsrfHeader(request);
    const { access, importer, organisationId } = await importerFor(request, new URL(request.url).searchParams.get("org"));
    const text = await readBodyCapped(request, MAX_IMPORT_BYTES, context);
    if (text === null) return apiError(413, "too_large", "error.importTooLarge");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return apiError(400, "bad_json", "error.importNotJson");
    }
    const result = await importBundle(json, importer);
    if (!result.ok) return Response.json({ ok: false, problems: result.problems }, { status: 422 });
    await audit({ action: "import", userId: access.user.id, organisationId, detail: { via: "web", as: importer.kind, counts: result.counts } });
    return Response.json({ ok: true, counts: result.counts });
  } catch (e) {
    // Refusals (signed out, stale form, not a project owner) as JSON for the page to show.
    if (e instanceof Response) {
      if (e.status >= 300 && e.status < 400) return apiError(401, "signed_out", "error.signedOut");
      return apiError(e.status, "refused", e.status === 403 ? "error.page.403" : e.status === 404 ? "error.page.404" : "error.page.400");
    }
    throw e;
  }
}

export function loader() {
  return apiError(405, "method_not_allowed", "Use POST");
}
