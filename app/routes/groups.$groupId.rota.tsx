import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { AppForm, Field, FormError, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess, requireGroup, requireGroupLeader } from "~/domain/access.server";
import { householdsOf } from "~/domain/groups.server";
import { isoDate } from "~/domain/fields";
import { rotaDaySchema } from "~/domain/rota.schema";
import { rotaDay, setRotaDay, unschedule, unwitnessedCount, upcomingRota } from "~/domain/rota.server";
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
  // The form edits one day (?on=, today unless asked) and starts from what is stored for it.
  const url = new URL(request.url);
  const asked = isoDate.safeParse(url.searchParams.get("on") ?? "");
  const on = asked.success ? asked.data : todayInVietnam();
  const [rota, households, unwitnessed, ticked] = await Promise.all([
    upcomingRota(group.id, todayInVietnam(), own),
    canEdit ? householdsOf(group.id) : Promise.resolve([]),
    unwitnessedCount(group.id),
    canEdit ? rotaDay(group.id, on) : Promise.resolve([]),
  ]);
  return {
    group: { id: group.id, name: group.name },
    rota: rota.map((r) => ({ id: r.id, on: r.on, household: { headName: r.household.headName } })),
    households: households.map((h) => ({ id: h.id, headName: h.headName })),
    day: { on, ticked },
    // Set by the save's redirect: "saved" after a save, "check" when the ticks shown were another day's.
    notice: url.searchParams.get("saved") === "1" ? ("saved" as const) : url.searchParams.get("check") === "1" ? ("check" as const) : null,
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
  const parsed = parseForm(rotaDaySchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const { on, shownOn, householdIds } = parsed.data;
  const day = `/groups/${group.id}/rota?on=${on}`;
  // Ticks made against another day's list are not saved: the page shows this day's instead.
  if (shownOn && shownOn !== on) throw redirect(`${day}&check=1`);
  const r = await setRotaDay(group.id, on, householdIds);
  if (!r.ok) return data({ errors: { householdIds: ["error.invalid"] } as FieldErrors }, { status: 400 });
  // Redirected, so the form is drawn again from what is stored, not from the ticks just sent.
  throw redirect(`${day}&saved=1`);
}

export default function RotaPage() {
  const { group, rota, households, day, notice, unwitnessed, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigate = useNavigate();
  const t = useT();
  const names = households.filter((h) => day.ticked.includes(h.id)).map((h) => h.headName);
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
          {notice === "saved" ? (
            <p className="alert alert-ok" role="status" id="rota-saved">
              {names.length ? t("rota.saved", { date: formatDate(day.on), names: names.join(", ") }) : t("rota.savedEmpty", { date: formatDate(day.on) })}
            </p>
          ) : null}
          {notice === "check" ? (
            <p className="alert alert-error" role="alert">
              {t("rota.checkDay", { date: formatDate(day.on) })}
            </p>
          ) : null}
          {/* Keyed by the stored day: after a save or a change of date the ticks are redrawn from the database. */}
          <AppForm noValidate key={`${day.on}|${day.ticked.join(",")}`} id="rota-form">
            <FormError errors={actionData?.errors} />
            <input type="hidden" name="shownOn" value={day.on} />
            <Field
              label={t("rota.on")}
              name="on"
              type="date"
              defaultValue={day.on}
              errors={actionData?.errors}
              hint={t("rota.dayHint")}
              // Another day: show who is stored for it before anything is ticked.
              onChange={(ev) => {
                if (/^\d{4}-\d{2}-\d{2}$/.test(ev.currentTarget.value)) navigate(`?on=${ev.currentTarget.value}`, { replace: true, preventScrollReset: true });
              }}
            />
            <fieldset className="rows">
              <legend>{t("rota.who")}</legend>
              {actionData?.errors?.householdIds ? <p className="field-error">{actionData.errors.householdIds.map((k) => t.dynamic(k)).join(" ")}</p> : null}
              <div className="check-grid">
                {households.map((h) => (
                  <label key={h.id} className="check">
                    <input type="checkbox" name="householdIds" value={h.id} defaultChecked={day.ticked.includes(h.id)} /> {h.headName}
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
