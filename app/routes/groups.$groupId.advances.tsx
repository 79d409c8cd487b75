import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess, requireGroup } from "~/domain/access.server";
import { advanceContracts, advanceProviders, advancesOf, recordAdvance } from "~/domain/funds.server";
import { householdsOf } from "~/domain/groups.server";
import { advanceSchema, RECOVERY_PLANS } from "~/domain/money.schema";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { forbidden } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group, role } = await requireGroup(access, params.groupId!);
  // A member receives their own household's advances only; the household and contract lists
  // go only to those who may record an advance.
  const own = memberHousehold(access, group.id, role);
  const [advances, providers] = await Promise.all([advancesOf(access, group.id, own), advanceProviders(access, group)]);
  const canAdd = providers.length > 0;
  const [households, contracts] = canAdd ? await Promise.all([householdsOf(group.id), advanceContracts(access, group.id)]) : [[], []];
  return {
    group: { id: group.id, name: group.name },
    advances: advances.map((a) => ({
      id: a.id,
      household: { headName: a.household.headName },
      provider: { name: a.provider.name },
      item: a.item,
      quantity: a.quantity,
      unit: a.unit,
      advancedOn: a.advancedOn,
      recoveryPlan: a.recoveryPlan,
      recoveryPct: a.recoveryPct,
      valueVnd: a.valueVnd,
      recovered: a.recovered,
      outstanding: a.outstanding,
    })),
    households: households.map((h) => ({ id: h.id, headName: h.headName })),
    providers,
    contracts,
    today: todayInVietnam(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroup(access, params.groupId!);
  if (!(await advanceProviders(access, group)).length) forbidden();
  const form = await readForm(request);
  const parsed = parseForm(advanceSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, saved: false }, { status: 400 });
  const r = await recordAdvance(access, group, parsed.data);
  if (!r.ok) return data({ errors: { [r.field]: [r.error] } as FieldErrors, saved: false }, { status: r.status });
  return { errors: {} as FieldErrors, saved: true };
}

export default function AdvancesPage() {
  const { group, advances, households, providers, contracts, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const e = actionData?.errors;
  return (
    <>
      <h1>{t("advances.title", { group: group.name })}</h1>
      <p className="hint">{t("advances.intro")}</p>
      <section className="card">
        <div className="table-wrap">
          <table className="table" id="advances">
            <thead>
              <tr>
                <th>{t("household.one")}</th>
                <th>{t("advances.item")}</th>
                <th className="hide-sm">{t("advances.provider")}</th>
                <th className="num">{t("advances.value")}</th>
                <th className="num">{t("advances.recovered")}</th>
                <th className="num">{t("advances.outstanding")}</th>
              </tr>
            </thead>
            <tbody>
              {advances.map((a) => (
                <tr key={a.id}>
                  <td>{a.household.headName}</td>
                  <td>
                    {a.item}
                    {a.quantity ? ` · ${formatNumber(a.quantity)} ${a.unit ?? ""}` : ""}
                    <small className="hint">
                      {formatDate(a.advancedOn)} · {t.dynamic(`recovery.${a.recoveryPlan}`, { pct: formatNumber(a.recoveryPct) })}
                    </small>
                  </td>
                  <td className="hide-sm">{a.provider.name}</td>
                  <td className="num">{formatVnd(a.valueVnd)}</td>
                  <td className="num">{formatVnd(a.recovered)}</td>
                  <td className="num">
                    <strong>{formatVnd(a.outstanding)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {advances.length === 0 ? <p className="muted">{t("advances.none")}</p> : null}
      </section>
      {providers.length ? (
        <section className="card">
          <h2>{t("advances.add")}</h2>
          {actionData?.saved ? <p className="alert alert-ok">{t("common.saved")}</p> : null}
          <AppForm noValidate>
            <FormError errors={e} />
            <div className="row">
              <SelectField label={t("advances.provider")} name="providerId" options={providers.map((p) => ({ value: p.id, label: p.name }))} errors={e} />
              <SelectField
                label={t("household.one")}
                name="householdId"
                options={[{ value: "", label: t("common.choose") }, ...households.map((h) => ({ value: h.id, label: h.headName }))]}
                errors={e}
              />
            </div>
            <div className="row">
              <Field label={t("advances.item")} name="item" errors={e} hint={t("advances.itemHint")} />
              <Field label={t("advances.quantity")} name="quantity" inputMode="decimal" errors={e} />
              <Field label={t("advances.unit")} name="unit" errors={e} />
            </div>
            <div className="row">
              <Field label={t("advances.value")} name="valueVnd" inputMode="numeric" errors={e} />
              <Field label={t("advances.advancedOn")} name="advancedOn" type="date" defaultValue={today} errors={e} />
            </div>
            <div className="row">
              <SelectField
                label={t("advances.plan")}
                name="recoveryPlan"
                options={RECOVERY_PLANS.map((p) => ({ value: p, label: t.dynamic(`recovery.${p}`, { pct: "…" }) }))}
                errors={e}
              />
              <Field label={t("advances.pct")} name="recoveryPct" inputMode="decimal" defaultValue="10" errors={e} />
              <SelectField
                label={t("advances.contract")}
                name="contractId"
                options={[{ value: "", label: t("advances.anyContract") }, ...contracts.map((c) => ({ value: c.id, label: c.ref }))]}
                errors={e}
              />
            </div>
            <SubmitButton>{t("advances.save")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
