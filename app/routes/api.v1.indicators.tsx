import type { LoaderFunctionArgs } from "@remix-run/node";
import { computeIndicators, IndicatorError } from "~/domain/indicators.server";
import { apiError, requireApiCaller } from "~/utils/api.server";
import { isCalendarDate, todayInVietnam } from "~/utils/dates";

// GET /api/v1/indicators?season=REF[&asOf=YYYY-MM-DD][&province=…][&district=…][&buyer=REF]
// Always narrowed to the token's own project.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request);
  const q = new URL(request.url).searchParams;
  const season = q.get("season");
  if (!season) return apiError(400, "bad_request", "season is required (a season ref)");
  const asOf = q.get("asOf") ?? todayInVietnam();
  if (!isCalendarDate(asOf)) return apiError(400, "bad_request", "asOf must be a real YYYY-MM-DD date");
  try {
    const result = await computeIndicators(season, {
      asOf,
      scope: {
        province: q.get("province") ?? undefined,
        district: q.get("district") ?? undefined,
        buyer: q.get("buyer") ?? undefined,
        projectOwner: caller.organisation.ref,
      },
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
