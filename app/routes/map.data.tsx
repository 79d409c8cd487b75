// The linkage map's data as compact JSON (see MapData in ~/domain/map.server), scoped by
// role exactly like the dashboard. `?group=ID` answers one group's label for a pop-up;
// `?outlines=2019` names the provinces as before July 2025.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { resolveView } from "~/domain/dashboard/dashboard.server";
import { loadMapData, mapGroupDetail } from "~/domain/map.server";
import { todayInVietnam } from "~/utils/dates";

const headers = { "Cache-Control": "private, no-cache", Vary: "Cookie" };

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  const view = await resolveView(access, q, todayInVietnam());
  const group = q.get("group");
  if (group) return Response.json(await mapGroupDetail(view, group), { headers });
  // The outlines of before July 2025 are shaded by the groups' former provinces.
  return Response.json(await loadMapData(view, q.get("outlines") === "2019" ? "former" : "current"), { headers });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
