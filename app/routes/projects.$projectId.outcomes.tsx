import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { outcomeSummary } from "~/domain/evaluation/outcomes.server";
import type { IncomeRow } from "~/domain/evaluation/summary";
import { requireProjectAccess } from "~/domain/projects/access.server";
import { useT } from "~/i18n/use-t";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatPercent, formatVnd } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.projectId);
  // The whole programme so far: every round held up to today.
  const summary = await outcomeSummary({ projectOwnerId: project.id, from: project.startedOn ?? "0000-01-01", to: todayInVietnam(), seasonIds: [] });
  return { project: { id: project.id, name: project.name }, summary };
}

const signedPercent = (x: number) => `${x > 0 ? "+" : ""}${formatPercent(x * 100)}`;

/**
 * Mean income at the first and the last round per set of households, as paired bars (plain SVG):
 * each set's name on its own line above its bars, so long names fit a 360 px phone.
 */
function IncomeChart({ rows, label }: { rows: (IncomeRow & { label: string })[]; label: string }) {
  const shown = rows.filter((r) => r.households > 0);
  const max = Math.max(1, ...shown.flatMap((r) => [r.firstMeanVnd ?? 0, r.lastMeanVnd ?? 0]));
  const rowH = 44;
  const barW = 300;
  return (
    <svg viewBox={`0 0 ${barW + 4} ${shown.length * rowH}`} width="100%" role="img" aria-label={label} className="chart">
      {shown.map((r, i) => {
        const y = i * rowH;
        return (
          <g key={r.key}>
            <text x={0} y={y + 12} fontSize="12">
              {r.label}
            </text>
            <rect x={0} y={y + 17} width={((r.firstMeanVnd ?? 0) / max) * barW} height={10} fill="#9aa9b8">
              <title>{formatVnd(r.firstMeanVnd ?? 0)}</title>
            </rect>
            <rect x={0} y={y + 28} width={((r.lastMeanVnd ?? 0) / max) * barW} height={10} fill="#2f7d4f">
              <title>{formatVnd(r.lastMeanVnd ?? 0)}</title>
            </rect>
          </g>
        );
      })}
    </svg>
  );
}

export default function Outcomes() {
  const { project, summary } = useLoaderData<typeof loader>();
  const t = useT();
  const { compared } = summary;
  const rows = [{ ...summary.income.all, label: t("outcomes.all") }, ...summary.income.by.map((r) => ({ ...r, label: t.dynamic(`outcomes.by.${r.key}`) }))];
  return (
    <>
      <section className="card">
        <h1>{t("outcomes.title", { project: project.name })}</h1>
        <p className="actions">
          <a href={`/projects/${project.id}/surveys`}>{t("survey.link")}</a>
        </p>
        <h2>{t("outcomes.rounds")}</h2>
        <ul className="list" id="rounds">
          {summary.rounds.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong> — {t.dynamic(`survey.kind.${r.kind}`)}, {formatDate(r.heldOn)} · {t("survey.answered", { n: r.households })}
            </li>
          ))}
        </ul>
        {compared ? (
          <>
            <p>
              <strong>
                {t("outcomes.compared", {
                  first: compared.first.name,
                  firstOn: formatDate(compared.first.heldOn),
                  last: compared.last.name,
                  lastOn: formatDate(compared.last.heldOn),
                })}
              </strong>
            </p>
            <p id="panel">{t("outcomes.households", summary.households)}</p>
          </>
        ) : (
          <p className="muted">{t("outcomes.notEnoughRounds")}</p>
        )}
      </section>
      {compared ? (
        <>
          <section className="card">
            <h2>{t("outcomes.incomeTitle")}</h2>
            <div className="table-wrap">
              <table className="table" id="income">
                <thead>
                  <tr>
                    <th scope="col">{t("outcomes.group")}</th>
                    <th scope="col">{t("outcomes.count")}</th>
                    <th scope="col">{t("outcomes.first")}</th>
                    <th scope="col">{t("outcomes.last")}</th>
                    <th scope="col">{t("outcomes.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <td>{r.label}</td>
                      <td>{formatNumber(r.households, 0)}</td>
                      <td>{r.firstMeanVnd === null ? "—" : formatVnd(r.firstMeanVnd)}</td>
                      <td>{r.lastMeanVnd === null ? "—" : formatVnd(r.lastMeanVnd)}</td>
                      <td>{r.change === null ? "—" : signedPercent(r.change)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{t("outcomes.chartTitle")}</h3>
            <p className="hint">
              <span style={{ color: "#9aa9b8" }}>■</span> {t("outcomes.first")} · <span style={{ color: "#2f7d4f" }}>■</span> {t("outcomes.last")}
            </p>
            <IncomeChart rows={rows} label={t("outcomes.chartTitle")} />
          </section>
          <section className="card">
            <h2>{t("outcomes.povertyTitle")}</h2>
            <table className="table" id="poverty">
              <tbody>
                <tr>
                  <td>{t("outcomes.inPovertyAtFirst")}</td>
                  <td>{formatNumber(summary.poverty.inPovertyAtFirst, 0)}</td>
                </tr>
                <tr>
                  <td>{t("outcomes.exited")}</td>
                  <td>{formatNumber(summary.poverty.exited, 0)}</td>
                </tr>
                <tr>
                  <td>{t("outcomes.exitRate")}</td>
                  <td>{summary.poverty.exitRate === null ? "—" : formatPercent(summary.poverty.exitRate * 100)}</td>
                </tr>
                <tr>
                  <td>{t("outcomes.fellIn")}</td>
                  <td>{formatNumber(summary.poverty.fellIn, 0)}</td>
                </tr>
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>{t("outcomes.linkageTitle")}</h2>
            <p className="hint">{t("outcomes.linkageHint")}</p>
            <table className="table" id="linkage">
              <tbody>
                <tr>
                  <td>{t("outcomes.linkageHouseholds")}</td>
                  <td>{formatNumber(summary.linkageIncome.households, 0)}</td>
                </tr>
                <tr>
                  <td>{t("outcomes.linkagePaid")}</td>
                  <td>{formatVnd(summary.linkageIncome.paidVnd)}</td>
                </tr>
                <tr>
                  <td>{t("outcomes.linkageMean")}</td>
                  <td>{summary.linkageIncome.meanPerHouseholdVnd === null ? "—" : formatVnd(summary.linkageIncome.meanPerHouseholdVnd)}</td>
                </tr>
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
