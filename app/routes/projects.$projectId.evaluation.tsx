// A project's evaluation figures for a season or a year (issue 14): productivity against the
// contracted area, women's participation, non-poor households per group (30 % rule), and the
// resources put in with the counterpart share (15–20 % rule).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { participationSummary } from "~/domain/evaluation/participation.server";
import { projectSeasons, readPeriod, scopeFor } from "~/domain/evaluation/period.server";
import { productivitySummary } from "~/domain/evaluation/productivity.server";
import { resourcesSummary } from "~/domain/evaluation/resources.server";
import { requireProjectAccess } from "~/domain/projects/access.server";
import { useT } from "~/i18n/use-t";
import diaryCss from "~/styles/diary.css";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatPercent, formatVnd } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { productName } from "~/domain/product-name";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: diaryCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.projectId);
  const thisYear = todayInVietnam().slice(0, 4);
  const period = readPeriod(new URL(request.url), thisYear);
  const [seasons, scope] = await Promise.all([projectSeasons(project.id), scopeFor(project.id, period)]);
  if (!scope) notFound();
  const [productivity, participation, resources] = await Promise.all([productivitySummary(scope), participationSummary(scope), resourcesSummary(scope)]);
  const years = [...new Set([thisYear, ...seasons.map((s) => s.start.slice(0, 4))])].sort().reverse();
  // Kilograms of coffee and of bamboo shoots per hectare do not add up: a period of several
  // products shows yields per group (each one product) and no project-wide yield.
  const mixed = new Set(seasons.filter((s) => scope.seasonIds.includes(s.id)).map((s) => s.product.name)).size > 1;
  return {
    project,
    mixed,
    period: period.kind === "season" ? `season:${period.seasonId}` : `year:${period.year}`,
    scope,
    seasons: seasons.map((s) => ({ id: s.id, name: s.name, product: s.product })),
    years,
    productivity,
    participation,
    resources,
  };
}

const pct = (x: number | null) => (x === null ? "—" : formatPercent(x * 100));
const num = (x: number | null, d = 1) => (x === null ? "—" : formatNumber(x, d));

export default function Evaluation() {
  const { project, mixed, period, scope, seasons, years, productivity: p, participation: w, resources: r } = useLoaderData<typeof loader>();
  const t = useT();
  const groupName = new Map(p.groups.map((g) => [g.groupId, g.name]));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("eval.title", { project: project.name })}</h1>
          <p className="muted" id="eval-period">
            {t("eval.periodLine", { from: formatDate(scope.from), to: formatDate(scope.to) })}
          </p>
        </div>
        <p className="actions">
          <Link to={`/projects/${project.id}/contributions`} className="btn btn-small">
            {t("contrib.link")}
          </Link>
        </p>
      </div>
      <Form method="get" className="card diary-pick" id="eval-filter">
        <div className="field">
          <label htmlFor="eval-period-select">{t("eval.period")}</label>
          <select id="eval-period-select" name="period" defaultValue={period}>
            {years.map((y) => (
              <option key={y} value={`year:${y}`}>
                {t("eval.year", { year: y })}
              </option>
            ))}
            {seasons.map((s) => (
              <option key={s.id} value={`season:${s.id}`}>
                {s.name} · {productName(s.product, t.locale)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("dash.show")}
        </button>
      </Form>
      {scope.seasonIds.length === 0 ? <p className="alert">{t("eval.noSeasons")}</p> : null}

      <section className="card">
        <h2>{t("eval.productivity")}</h2>
        <div className="table-wrap">
          <table className="table" id="eval-productivity">
            <thead>
              <tr>
                <th>{t("eval.group")}</th>
                <th className="num">{t("eval.area")}</th>
                <th className="num">{t("eval.delivered")}</th>
                <th className="num">{t("eval.kgPerHa")}</th>
                <th className="num hide-sm">{t("eval.harvest")}</th>
                <th className="num hide-sm">{t("eval.harvestPerHa")}</th>
              </tr>
            </thead>
            <tbody>
              {[...p.groups, { ...p.total, name: t("eval.total"), groupId: "total", ...(mixed ? { deliveredKgPerHa: null, harvestKgPerHa: null } : {}) }].map(
                (g) => (
                  <tr key={g.groupId}>
                    <td>{g.name}</td>
                    <td className="num">{formatNumber(g.contractedAreaHa, 2)}</td>
                    <td className="num">{formatNumber(g.deliveredKg, 1)}</td>
                    <td className="num">{num(g.deliveredKgPerHa)}</td>
                    <td className="num hide-sm">{num(g.harvestKg)}</td>
                    <td className="num hide-sm">{num(g.harvestKgPerHa)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
        <p className="hint">{t("eval.harvestHint")}</p>
        {mixed ? <p className="hint">{t("eval.mixedProducts")}</p> : null}
        {p.households.length ? (
          <details id="eval-households">
            <summary>{t("eval.byHousehold", { n: p.households.length })}</summary>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t("contrib.household")}</th>
                    <th className="hide-sm">{t("eval.group")}</th>
                    <th className="num">{t("eval.area")}</th>
                    <th className="num">{t("eval.delivered")}</th>
                    <th className="num">{t("eval.kgPerHa")}</th>
                    <th className="num hide-sm">{t("eval.harvestPerHa")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.households.map((h) => (
                    <tr key={h.householdId}>
                      <td>{h.name}</td>
                      <td className="hide-sm">{groupName.get(h.groupId) ?? ""}</td>
                      <td className="num">{formatNumber(h.contractedAreaHa, 2)}</td>
                      <td className="num">{formatNumber(h.deliveredKg, 1)}</td>
                      <td className="num">{num(h.deliveredKgPerHa)}</td>
                      <td className="num hide-sm">{num(h.harvestKgPerHa)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null}
      </section>

      <section className="card">
        <h2>{t("eval.participation")}</h2>
        <div className="grid-2">
          <p className="stat">
            <span>{t("eval.womenMembers")}</span>
            <strong id="eval-women-share">{pct(w.members.womenShare)}</strong>
            <small>{t("eval.membersLine", { female: w.members.female, male: w.members.male, n: w.members.householdsCounted })}</small>
          </p>
          <p className="stat">
            <span>{t("eval.paidFemale")}</span>
            <strong id="eval-paid-female">{pct(w.paid.femaleHeadedShare)}</strong>
            <small>{t("eval.paidLine", { female: formatVnd(w.paid.toFemaleHeadedVnd), total: formatVnd(w.paid.totalVnd) })}</small>
          </p>
        </div>
        <p className="hint">{t("eval.paidHint")}</p>
        <h3>{t("eval.nonPoorTitle")}</h3>
        <div className="table-wrap">
          <table className="table" id="eval-nonpoor">
            <thead>
              <tr>
                <th>{t("eval.group")}</th>
                <th className="num">{t("eval.households")}</th>
                <th className="num">{t("eval.nonPoor")}</th>
                <th className="num">{t("eval.share")}</th>
              </tr>
            </thead>
            <tbody>
              {w.groups.map((g) => (
                <tr key={g.groupId} className={g.overLimit ? "warn" : undefined}>
                  <td>
                    {g.name}
                    {g.overLimit ? (
                      <>
                        {" "}
                        <span className="badge badge-warn eval-warn" role="note" title={t("eval.overLimitWarning", { share: pct(g.nonPoorShare) })}>
                          {t("eval.overLimit")}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{g.households}</td>
                  <td className="num">{g.nonPoor}</td>
                  <td className="num">{pct(g.nonPoorShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>{t("eval.resources")}</h2>
        <div className="grid-3">
          <p className="stat">
            <span>{t("eval.projectSupport")}</span>
            <strong id="eval-support">{formatVnd(r.projectSupportVnd)}</strong>
          </p>
          <p className="stat">
            <span>{t("eval.counterpart")}</span>
            <strong id="eval-counterpart">{formatVnd(r.counterpartVnd)}</strong>
          </p>
          <p className="stat">
            <span>{t("eval.counterpartShare")}</span>
            <strong id="eval-counterpart-share" className={r.withinRule === false ? "warn" : undefined}>
              {pct(r.counterpartShare)}
            </strong>
            {r.withinRule === null ? null : <small>{r.withinRule ? t("eval.withinRule") : t("eval.outsideRule")}</small>}
          </p>
        </div>
        <ul className="list" id="eval-by-party">
          {Object.entries(r.byParty).map(([party, v]) => (
            <li key={party}>
              {t.dynamic(`contribParty.${party}`)}: <strong>{formatVnd(v)}</strong>
            </li>
          ))}
        </ul>
        <p className="hint">{t("eval.resourcesHint")}</p>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
