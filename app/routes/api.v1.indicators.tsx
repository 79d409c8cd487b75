import type { LoaderFunctionArgs } from "@remix-run/node";
import { computeIndicators, IndicatorError } from "~/domain/indicators.server";
import { BUYER_KINDS } from "~/domain/roles";
import { filterProblemMessage, resolveFilters } from "~/domain/scope.server";
import { apiError, requireApiCaller } from "~/utils/api.server";
import { isCalendarDate, todayInVietnam } from "~/utils/dates";
import { db } from "~/utils/db.server";

// GET /api/v1/indicators?season=REF[&asOf=YYYY-MM-DD][&province=…][&district=…][&commune=…][&buyer=REF]
// province: a current or former name; district: a former district; commune: a current commune's
// code, or its name within the province. Always narrowed to the token's own project
// (a projectOwner parameter cannot widen it). A filter that names nothing is a 400 with the
// closest candidates, not an empty answer.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request);
  const q = new URL(request.url).searchParams;
  const season = q.get("season");
  if (!season) return apiError(400, "bad_request", "season is required (a season ref)");
  const asOf = q.get("asOf") ?? todayInVietnam();
  if (!isCalendarDate(asOf)) return apiError(400, "bad_request", "asOf must be a real YYYY-MM-DD date");
  const places = await resolveFilters({ province: q.get("province"), district: q.get("district"), commune: q.get("commune") });
  if (places.problems.length)
    return apiError(400, "bad_filter", places.problems.map((p) => filterProblemMessage(p, "en")).join(" "), {
      problems: places.problems.map((p) => ({ ...p, message: filterProblemMessage(p, "en") })),
    });
  const buyer = q.get("buyer")?.trim() || undefined;
  if (buyer && !(await db.organisation.findFirst({ where: { ref: buyer, kind: { in: [...BUYER_KINDS] } }, select: { id: true } })))
    return apiError(400, "bad_filter", `No buyer with ref "${buyer.slice(0, 120)}"`, {
      problems: [{ field: "buyer", code: "unknown_buyer", value: buyer.slice(0, 120) }],
    });
  try {
    const result = await computeIndicators(season, {
      asOf,
      scope: { ...places.filters, buyer, projectOwner: caller.organisation.ref },
    });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof IndicatorError) return apiError(404, "not_found", e.message);
    throw e;
  }
}

export function action() {
  return apiError(405, "method_not_allowed", "Use GET");
}
