import type { ActionFunctionArgs } from "@remix-run/node";
import { importBundle } from "~/domain/bundle/import.server";
import { apiError, MAX_IMPORT_BYTES, readBodyCapped, requireApiCaller } from "~/utils/api.server";
import { audit } from "~/domain/audit.server";

// POST /api/v1/import with a programme bundle as the JSON body. All or nothing: a bad bundle
// is answered 422 with every problem (path, reason) and nothing is written.
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST");
  const caller = await requireApiCaller(request);
  const text = await readBodyCapped(request, MAX_IMPORT_BYTES, context);
  if (text === null) return apiError(413, "too_large", `The bundle is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return apiError(400, "bad_json", "The body is not JSON");
  }
  const result = await importBundle(json, { kind: "project", orgId: caller.organisation.id, orgRef: caller.organisation.ref, userId: caller.createdById });
  if (!result.ok) return apiError(422, "invalid_bundle", `${result.problems.length} problem(s); nothing was written`, { problems: result.problems });
  await audit({ action: "import", organisationId: caller.organisation.id, detail: { via: "api", counts: result.counts } });
  return Response.json({ ok: true, counts: result.counts });
}

export function loader() {
  return apiError(405, "method_not_allowed", "Use POST");
}
