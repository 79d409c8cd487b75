import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess, requireGroup, requireGroupLeader } from "~/domain/access.server";
import { householdsOf } from "~/domain/groups.server";
import { rotaSchema } from "~/domain/pickups.schema";
import { schedule, unschedule, unwitnessedCount, upcomingRota } from "~/domain/rota.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group, role } = await requireGroup(access, params.groupId!);
  // A member receives their own household's turns only; the names for the form go to the leader.
  const own = memberHousehold(access, group.id, role);
  const canEdit = role === "group_leader" || role === "admin";
  const [rota, households, unwitnessed] = await Promise.all([
    upcomingRota(group.id, todayInVietnam(), own),
    canEdit ? householdsOf(group.id) : Promise.resolve([]),
    unwitnessedCount(group.id),
  ]);
  return {
    group: { id: group.id, name: group.name },
    rota: rota.map((r) => ({ id: r.id, on: r.on, household: { headName: r.household.headName } })),
    households: households.map((h) => ({ id: h.id, headName: h.headName })),
    unwitnessed,
    canEdit,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  const form = await readForm(request);
  if (form.get("intent") === "remove") {
    // Scoped to the group in the URL: another group's rota day is not found, and nothing changes.
    if (!(await unschedule(group.id, String(form.get("rotaId") ?? "")))) notFound();
    return data({ errors: {} as FieldErrors });
  }
  const parsed = parseForm(rotaSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const r = await schedule(group.id, parsed.data.on, parsed.data.householdIds);
  if (!r.ok) return data({ errors: { householdIds: ["error.invalid"] } as FieldErrors }, { status: 400 });
  return data({ errors: {} as FieldErrors });
}

export default function RotaPage() {
  const { group, rota, households, unwitnessed, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="grid-2">
      <section className="card">
        <h1>{t("rota.title", { group: group.name })}</h1>
        <p className="hint">{t("rota.intro")}</p>
        {unwitnessed ? <p className="alert alert-error">{t("rota.unwitnessed", { n: unwitnessed })}</p> : null}
        {rota.length === 0 ? <p className="muted">{t("rota.none")}</p> : null}
        <ul className="list" id="rota">
          {rota.map((r) => (
            <li key={r.id}>
              <strong>{formatDate(r.on)}</strong>: {r.household.headName}
              {canEdit ? (
                <AppForm className="inline">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="rotaId" value={r.id} />
                  <button type="submit" className="btn btn-small">
                    {t("common.remove")}
                  </button>
                </AppForm>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {canEdit ? (
        <section className="card">
          <h2>{t("rota.add")}</h2>
          <AppForm noValidate>
            <FormError errors={actionData?.errors} />
            <Field label={t("rota.on")} name="on" type="date" errors={actionData?.errors} />
            <fieldset className="rows">
              <legend>{t("rota.who")}</legend>
              {actionData?.errors?.householdIds ? <p className="field-error">{actionData.errors.householdIds.map((k) => t.dynamic(k)).join(" ")}</p> : null}
              <div className="check-grid">
                {households.map((h) => (
                  <label key={h.id} className="check">
                    <input type="checkbox" name="householdIds" value={h.id} /> {h.headName}
                  </label>
                ))}
              </div>
            </fieldset>
            <SubmitButton>{t("rota.save")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
