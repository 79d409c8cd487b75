import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportBundle } from "~/domain/bundle/export.server";
import { requireApiCaller } from "~/utils/api.server";
import { audit } from "~/domain/audit.server";

// GET /api/v1/export → the token's project as a programme bundle (linkage-bundle/1).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request);
  const bundle = await exportBundle({ projectOwnerId: caller.organisation.id });
  await audit({ action: "export", organisationId: caller.organisation.id, detail: { via: "api", groups: bundle.farmerGroups.length } });
  return Response.json(bundle, { headers: { "Cache-Control": "no-store", "Content-Disposition": `attachment; filename="${caller.organisation.ref}.json"` } });
}

export function action() {
  return Response.json({ error: { code: "method_not_allowed", message: "Use GET" } }, { status: 405 });
}
