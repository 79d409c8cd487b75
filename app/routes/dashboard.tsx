import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IndicatorCards } from "~/components/dashboard-cards";
import { ScopeFilters, ScopeTrail } from "~/components/dashboard-filters";
import { buildTable, CsvLink, DataTable } from "~/components/dashboard-tables";
import { Breakdowns, TrendSection } from "~/components/dashboard-trend";
import { CertifiedSection } from "~/components/dashboard-certified";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { loadDashboard } from "~/domain/dashboard/dashboard.server";
import { useT } from "~/i18n/use-t";
import dashboardCss from "~/styles/dashboard.css";
import { todayInVietnam } from "~/utils/dates";
import { formatDate } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Cầu Nối — Chỉ số / Indicators" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  return loadDashboard(access, new URL(request.url).searchParams, todayInVietnam());
}

export default function DashboardPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { view } = d;
  return (
    <>
      <div className="page-head">
        <h1>{t("dash.title")}</h1>
        <Link to={`/map?${view.query}`} className="btn btn-small">
          {t("dash.openMap")}
        </Link>
      </div>
      <ScopeTrail view={view} base="/dashboard" />
      <ScopeFilters view={view} action="/dashboard" />
      {!d.cur || !view.season ? (
        <p className="card muted">{t("dash.noData")}</p>
      ) : (
        <>
          <section aria-labelledby="cards-h" className="dash-section">
            <div className="section-head">
              <h2 id="cards-h">{t("dash.cardsTitle", { season: view.season.name })}</h2>
              <CsvLink table="cards" query={view.query} />
            </div>
            <p className="muted small">
              {!d.comparison
                ? t("dash.noPrevSeason")
                : d.comparison.kind === "sameDay"
                  ? t("dash.comparedSameDay", { season: d.comparison.season, date: formatDate(d.comparison.cutoff) })
                  : t("dash.comparedWhole", { season: d.comparison.season })}{" "}
              · {t("dash.asOf", { date: formatDate(d.asOf) })}
            </p>
            <IndicatorCards cur={d.cur} prev={d.prev} comparison={d.comparison} />
          </section>
          <TrendSection d={d} />
          <Breakdowns d={d} />
          {d.certified ? <CertifiedSection certified={d.certified} /> : null}
          <section className="card" aria-labelledby="areas-h">
            <div className="section-head">
              <h2 id="areas-h">{t(`dash.areas.${view.level}`)}</h2>
              <CsvLink table="areas" query={view.query} />
            </div>
            <p className="muted small">{t(view.level === "group" ? "dash.areas.hintGroup" : "dash.areas.hint")}</p>
            <DataTable table={buildTable("areas", d, t)} caption={t(`dash.areas.${view.level}`)} empty={t("dash.areas.none")} />
          </section>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
