// The resources put into a project (MARD template 2.7): the project's own support and the
// counterpart of households, the commune and others, recorded by the project's people.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { CONTRIBUTION_KINDS, CONTRIBUTION_PARTIES, contributionSchema } from "~/domain/evaluation/contributions.schema";
import { contributionsOf, recordContribution } from "~/domain/evaluation/resources.server";
import { requireProjectAccess } from "~/domain/projects/access.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatVnd } from "~/utils/format";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, role } = await requireProjectAccess(request, params.projectId);
  // Staff record as the administrators do: what the project put in is their daily work.
  const canWrite = role === "project_admin" || role === "project_staff" || role === "admin";
  const [rows, groups] = await Promise.all([
    contributionsOf(project.id),
    canWrite
      ? db.farmerGroup.findMany({
          where: { projectOwnerId: project.id },
          select: { id: true, name: true, households: { select: { id: true, headName: true }, orderBy: { headName: "asc" } } },
          orderBy: { name: "asc" },
        })
      : Promise.resolve([]),
  ]);
  return {
    project,
    canWrite,
    rows,
    groups,
    today: todayInVietnam(),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, project } = await requireProjectAccess(request, params.projectId, { write: true });
  const form = await readForm(request);
  const parsed = parseForm(contributionSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await recordContribution(project, access.user.id, parsed.data);
  if (!r.ok) return data({ errors: r.errors, values: parsed.data as Record<string, unknown> }, { status: 400 });
  throw redirect(`/projects/${project.id}/contributions?saved`);
}

export default function Contributions() {
  const { project, canWrite, rows, groups, today, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const e = actionData?.errors;
  const v = (name: string, fallback = "") => String(actionData?.values?.[name] ?? fallback);
  const total = rows.reduce((s, r) => s + r.valueVnd, 0);
  return (
    <>
      <div className="page-head">
        <h1>{t("contrib.title", { project: project.name })}</h1>
        <p className="actions">
          <Link to={`/projects/${project.id}/evaluation`} className="btn btn-small">
            {t("eval.link")}
          </Link>
        </p>
      </div>
      {saved ? (
        <p className="alert alert-ok" role="status">
          {t("contrib.saved")}
        </p>
      ) : null}
      {canWrite ? (
        <section className="card">
          <h2>{t("contrib.add")}</h2>
          <AppForm noValidate>
            <FormError errors={e} />
            <div className="row">
              <SelectField
                label={t("contrib.party")}
                name="party"
                defaultValue={v("party")}
                options={CONTRIBUTION_PARTIES.map((p) => ({ value: p, label: t(`contribParty.${p}`) }))}
                errors={e}
              />
              <SelectField
                label={t("contrib.kind")}
                name="kind"
                defaultValue={v("kind")}
                options={CONTRIBUTION_KINDS.map((k) => ({ value: k, label: t(`contribKind.${k}`) }))}
                errors={e}
              />
            </div>
            <div className="row">
              <Field label={t("contrib.value")} name="valueVnd" inputMode="numeric" defaultValue={v("valueVnd")} hint={t("contrib.valueHint")} errors={e} />
              <Field
                label={t("contrib.on")}
                name="on"
                type="date"
                defaultValue={v("on", today)}
                min={project.startedOn ?? undefined}
                max={project.endsOn ?? undefined}
                errors={e}
              />
            </div>
            <div className="row">
              <SelectField
                label={t("contrib.group")}
                name="groupId"
                defaultValue={v("groupId")}
                options={[{ value: "", label: t("contrib.noGroup") }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
                errors={e}
              />
              <SelectField
                label={t("contrib.household")}
                name="householdId"
                defaultValue={v("householdId")}
                options={[
                  { value: "", label: t("contrib.noHousehold") },
                  ...groups.flatMap((g) => g.households.map((h) => ({ value: h.id, label: `${h.headName} (${g.name})` }))),
                ]}
                errors={e}
              />
            </div>
            <Field label={t("contrib.description")} name="description" defaultValue={v("description")} errors={e} />
            <SubmitButton>{t("contrib.save")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
      <section className="card">
        <h2>{t("contrib.list")}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("contrib.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" id="contributions">
              <thead>
                <tr>
                  <th>{t("contrib.on")}</th>
                  <th>{t("contrib.party")}</th>
                  <th className="hide-sm">{t("contrib.kind")}</th>
                  <th className="hide-sm">{t("contrib.description")}</th>
                  <th className="num">{t("contrib.value")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.on)}</td>
                    <td>
                      {t.dynamic(`contribParty.${r.party}`)}
                      {r.household ? ` · ${r.household.headName}` : r.group ? ` · ${r.group.name}` : ""}
                    </td>
                    <td className="hide-sm">{t.dynamic(`contribKind.${r.kind}`)}</td>
                    <td className="hide-sm">{r.description}</td>
                    <td className="num">{formatVnd(r.valueVnd)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={4}>{t("contrib.total")}</th>
                  <td className="num" id="contributions-total">
                    {formatVnd(total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
