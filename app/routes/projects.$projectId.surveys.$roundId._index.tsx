import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireProjectAccess } from "~/domain/projects/access.server";
import { totalIncome } from "~/domain/surveys/surveys.schema";
import { findRound, projectHouseholds, roundAnswers } from "~/domain/surveys/surveys.server";
import { useT } from "~/i18n/use-t";
import { formatDate, formatVnd } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.projectId);
  const round = await findRound(project.id, params.roundId!);
  if (!round) notFound();
  const [households, answers] = await Promise.all([projectHouseholds(project.id), roundAnswers(round.id)]);
  const byHousehold = new Map(answers.map((a) => [a.householdId, a]));
  const rows = households.map((h) => {
    const a = byHousehold.get(h.id);
    return { id: h.id, headName: h.headName, group: h.group.name, incomeVnd: a ? totalIncome(a) : null, status: a?.povertyStatus ?? null };
  });
  const firstOpen = rows.find((r) => r.incomeVnd === null) ?? rows[0] ?? null;
  return { project: { id: project.id, name: project.name }, round, rows, firstOpenId: firstOpen?.id ?? null, answered: answers.length };
}

export default function SurveyRound() {
  const { project, round, rows, firstOpenId, answered } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/projects/${project.id}/surveys/${round.id}`;
  return (
    <section className="card">
      <p>
        <a href={`/projects/${project.id}/surveys`}>{t("survey.backToRounds")}</a>
      </p>
      <h1>
        {round.name} — {t.dynamic(`survey.kind.${round.kind}`)}, {formatDate(round.heldOn)}
      </h1>
      <p>{t("survey.progress", { n: answered, total: rows.length })}</p>
      {firstOpenId ? (
        <p className="actions">
          <a className="btn btn-primary" href={`${base}/${firstOpenId}`}>
            {t("survey.enter")}
          </a>
        </p>
      ) : (
        <p className="muted">{t("survey.noHouseholds")}</p>
      )}
      <div className="table-wrap">
        <table className="table" id="answers">
          <thead>
            <tr>
              <th scope="col">{t("household.one")}</th>
              <th scope="col">{t("survey.group")}</th>
              <th scope="col">{t("survey.totalIncome")}</th>
              <th scope="col">{t("household.povertyStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`${base}/${r.id}`}>{r.headName}</a>
                </td>
                <td>{r.group}</td>
                <td>{r.incomeVnd === null ? t("survey.notAnswered") : formatVnd(r.incomeVnd)}</td>
                <td>{r.status ? t.dynamic(`poverty.${r.status}`) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
