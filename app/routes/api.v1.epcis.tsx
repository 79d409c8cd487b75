import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/domain/api-tokens.server";
import { audit } from "~/domain/audit.server";
import { BUYER_KINDS, type OrgKind } from "~/domain/roles";
import { parseEpcisQuery } from "~/domain/trace/epcis.schema";
import { buildEpcisDocument, EpcisError } from "~/domain/trace/epcis.server";
import { apiError } from "~/utils/api.server";

// GET /api/v1/epcis?season=REF | ?from=YYYY-MM-DD&to=YYYY-MM-DD → the token's buyer's pickups
// as an EPCIS 2.0 JSON-LD document (docs/decisions/0029-epcis-export.md). Only a buyer's token:
// the events are the buyer's own receipts; a project owner reads its groups through
// /api/v1/export, and gets 403 here.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await authenticate(request);
  if (!caller) return apiError(401, "unauthorized", "Missing, unknown or revoked API token (Authorization: Bearer cn_…)");
  if (!BUYER_KINDS.includes(caller.organisation.kind as OrgKind)) return apiError(403, "forbidden", "EPCIS exports are for buyers' tokens");
  const parsed = parseEpcisQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return apiError(400, "bad_request", parsed.problems.map((p) => `${p.field}: ${p.message}`).join("; "), { problems: parsed.problems });
  try {
    const { document, pickups } = await buildEpcisDocument({ buyerId: caller.organisation.id, origin: new URL(request.url).origin, ...parsed.query });
    await audit({ action: "export", organisationId: caller.organisation.id, detail: { via: "api", format: "epcis", ...parsed.query, pickups } });
    return new Response(JSON.stringify(document), { headers: { "Content-Type": "application/ld+json; charset=utf-8", "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof EpcisError) return apiError(404, "not_found", e.message);
    throw e;
  }
}

export function action() {
  return apiError(405, "method_not_allowed", "Use GET");
}
