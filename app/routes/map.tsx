import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { ScopeFilters, ScopeTrail } from "~/components/dashboard-filters";
import { LinkageMapBox, MapLegend, OutlinesToggle, outlinesParam, ShadeToggle, type Shade } from "~/components/dashboard-map";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { resolveView } from "~/domain/dashboard/dashboard.server";
import { useT } from "~/i18n/use-t";
import dashboardCss from "~/styles/dashboard.css";
import { todayInVietnam } from "~/utils/dates";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Cầu Nối — Bản đồ / Map" }];

/** An optional tile server (MAP_TILE_URL, e.g. https://tile.example/{z}/{x}/{y}.png); without one the map draws provinces only. */
function tileConfig() {
  const url = process.env.MAP_TILE_URL?.trim();
  if (!url || !/^https?:\/\/\S+$/.test(url) || !url.includes("{z}")) return { tileUrl: null, tileAttribution: null };
  return { tileUrl: url, tileAttribution: process.env.MAP_TILE_ATTRIBUTION?.trim() || null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  const view = await resolveView(access, q, todayInVietnam());
  const shade: Shade = q.get("shade") === "volume" ? "volume" : "area";
  return { view, shade, outlines: outlinesParam(q.get("outlines")), ...tileConfig() };
}

export default function MapPage() {
  const { view, shade: initial, outlines, tileUrl, tileAttribution } = useLoaderData<typeof loader>();
  const t = useT();
  const [shade, setShade] = useState<Shade>(initial);
  // The old outlines are shaded by the groups' former provinces, which the server sums apart.
  const dataQuery = new URLSearchParams(view.query);
  if (outlines !== "2025") dataQuery.set("outlines", outlines);
  // The outlines chosen stay chosen while the filters and the drill-down change.
  const keep: Record<string, string> = outlines !== "2025" ? { outlines } : {};
  return (
    <>
      <div className="page-head">
        <h1>{t("map.title")}</h1>
        <Link to={`/dashboard?${view.query}`} className="btn btn-small">
          {t("map.openDashboard")}
        </Link>
      </div>
      <ScopeTrail view={view} base="/map" keep={keep} />
      <ScopeFilters view={view} action="/map" keep={keep} />
      <ShadeToggle shade={shade} onChange={setShade} />
      <OutlinesToggle outlines={outlines} query={view.query} shade={shade} />
      <LinkageMapBox dataUrl={`/map/data?${dataQuery.toString()}`} tileUrl={tileUrl} tileAttribution={tileAttribution} shade={shade} outlines={outlines} />
      <MapLegend season={view.season?.name ?? null} prevSeason={view.prevSeason?.name ?? null} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
