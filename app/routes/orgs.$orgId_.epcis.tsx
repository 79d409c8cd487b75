import type { LoaderFunctionArgs } from "@remix-run/node";
import { orgMembership, requireAccess } from "~/domain/access.server";
import { audit } from "~/domain/audit.server";
import { parseEpcisQuery } from "~/domain/trace/epcis.schema";
import { buildEpcisDocument, epcisFileName, EpcisError } from "~/domain/trace/epcis.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

// Resource route: the buyer's pickups of a season (or date range) as an EPCIS 2.0 file, for the
// buyer's own staff and administrators; anyone else gets 404 (docs/decisions/0029-epcis-export.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const m = orgMembership(access, params.orgId!);
  if (!m || (m.role !== "buyer_admin" && m.role !== "buyer_staff")) notFound();
  const org = await db.organisation.findUniqueOrThrow({ where: { id: m.id }, select: { id: true, ref: true } });
  const parsed = parseEpcisQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return badQuery(parsed.problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  try {
    const { document, label, pickups } = await buildEpcisDocument({ buyerId: org.id, origin: new URL(request.url).origin, ...parsed.query });
    await audit({ action: "export", userId: access.user.id, organisationId: org.id, detail: { via: "file", format: "epcis", ...parsed.query, pickups } });
    return new Response(JSON.stringify(document, null, 1), {
      headers: {
        "Content-Type": "application/ld+json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${epcisFileName(org.ref, label)}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof EpcisError) return badQuery(e.message);
    throw e;
  }
}

// The download form can only send a listed season or two dates, so this is a hand-made address.
function badQuery(detail: string): Response {
  return new Response(`Yêu cầu không hợp lệ / Invalid request: ${detail}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
