import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, fieldValue, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireProjectAccess } from "~/domain/projects/access.server";
import { ROUND_KINDS, roundSchema } from "~/domain/surveys/surveys.schema";
import { createRound, listRounds } from "~/domain/surveys/surveys.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.projectId);
  const rounds = await listRounds(project.id);
  return {
    project,
    rounds: rounds.map((r) => ({ id: r.id, kind: r.kind, name: r.name, heldOn: r.heldOn, answers: r._count.answers })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, project } = await requireProjectAccess(request, params.projectId, { write: true });
  const form = await readForm(request);
  const parsed = parseForm(roundSchema(project), form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await createRound(project.id, parsed.data, access.user.id);
  if (!r.ok) return data({ errors: r.errors, values: Object.fromEntries(form) as Record<string, unknown> }, { status: 400 });
  throw redirect(`/projects/${project.id}/surveys/${r.id}`);
}

export default function SurveyRounds() {
  const { project, rounds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t("survey.title", { project: project.name })}</h1>
        <p className="actions">
          <a href={`/projects/${project.id}/outcomes`}>{t("outcomes.link")}</a>
        </p>
        {rounds.length === 0 ? <p className="muted">{t("survey.none")}</p> : null}
        <ul className="list" id="rounds">
          {rounds.map((r) => (
            <li key={r.id}>
              <a href={`/projects/${project.id}/surveys/${r.id}`}>
                <strong>{r.name}</strong>
              </a>{" "}
              — {t.dynamic(`survey.kind.${r.kind}`)}, {formatDate(r.heldOn)} · {t("survey.answered", { n: r.answers })}
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t("survey.newRound")}</h2>
        {project.startedOn || project.endsOn ? (
          <p className="hint">{t("survey.projectDates", { from: formatDate(project.startedOn) || "…", to: formatDate(project.endsOn) || "…" })}</p>
        ) : null}
        <AppForm noValidate>
          <FormError errors={actionData?.errors} />
          <SelectField
            label={t("survey.kind")}
            name="kind"
            defaultValue={fieldValue(actionData?.values, "kind", "")}
            errors={actionData?.errors}
            options={[{ value: "", label: t("common.choose") }, ...ROUND_KINDS.map((k) => ({ value: k, label: t(`survey.kind.${k}`) }))]}
          />
          <Field label={t("survey.name")} name="name" defaultValue={fieldValue(actionData?.values, "name", "")} errors={actionData?.errors} required />
          <Field
            label={t("survey.heldOn")}
            name="heldOn"
            type="date"
            defaultValue={fieldValue(actionData?.values, "heldOn", "")}
            errors={actionData?.errors}
            required
          />
          <SubmitButton>{t("survey.create")}</SubmitButton>
        </AppForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
