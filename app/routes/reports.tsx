import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { reportScope } from "~/domain/report-access.server";
import { programmeReport, reportRows } from "~/domain/report.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { todayInVietnam } from "~/utils/dates";

export async function loader({ request }: LoaderFunctionArgs) {
  const { access, projects, org, seasons, season } = await reportScope(request);
  const report = season ? await programmeReport(org.id, season.ref, todayInVietnam()) : null;
  const t = translator(await getLocale(request, access.user.locale));
  return {
    projects,
    org,
    seasons: seasons.map((s) => ({ ref: s.ref, label: `${s.product.name} — ${s.name}` })),
    season: season?.ref ?? "",
    rows: report ? reportRows(report, t.dynamic).slice(1) : [],
  };
}

export default function ReportsPage() {
  const { projects, org, seasons, season, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const qs = `org=${encodeURIComponent(org.id)}&season=${encodeURIComponent(season)}`;
  return (
    <>
      <h1>{t("report.title")}</h1>
      <Form method="get" className="card row">
        <SelectField label={t("report.project")} name="org" defaultValue={org.id} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
        <SelectField label={t("report.season")} name="season" defaultValue={season} options={seasons.map((s) => ({ value: s.ref, label: s.label }))} />
        <button type="submit" className="btn">
          {t("common.filter")}
        </button>
      </Form>
      {rows.length ? (
        <section className="card">
          <p className="actions">
            <a className="btn btn-primary" href={`/reports/pdf?${qs}`} download>
              {t("report.pdf")}
            </a>
            <a className="btn" href={`/reports/csv?${qs}`} download>
              {t("report.csv")}
            </a>
          </p>
          <div className="table-wrap">
            <table className="table" id="report">
              <tbody>
                {rows.map(([section, item, value], i) => (
                  <tr key={i}>
                    <td className="muted">{section}</td>
                    <td>{item}</td>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <p className="muted">{t("report.noData")}</p>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
