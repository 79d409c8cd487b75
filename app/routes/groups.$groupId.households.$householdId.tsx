import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, FormError, SubmitButton } from "~/components/form";
import { HouseholdFields, PovertyFields } from "~/components/household-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { householdEditSchema, povertyUpdateSchema } from "~/domain/groups.schema";
import { povertyHistory } from "~/domain/households/poverty.server";
import { setTraceNameConsent } from "~/domain/trace/consent.server";
import { givenName } from "~/domain/trace/names";
import { maskIdNumber, updateHousehold, updatePovertyStatus } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { confirmMissing, isConfirmed } from "~/utils/confirm";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";
import { formatDate } from "~/utils/format";

async function load(request: Request, groupId: string, householdId: string) {
  const access = await requireAccess(request);
  const { group, role } = await requireGroupLeader(access, groupId);
  // Scoped to the group in the URL: another group's household id is simply not found.
  const household = await db.household.findFirst({ where: { id: householdId, groupId: group.id }, omit: { idNumber: false } });
  if (!household) notFound();
  return { access, group, household, seesIdNumber: role === "group_leader", isLeader: role === "group_leader" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, household, seesIdNumber, isLeader } = await load(request, params.groupId!, params.householdId!);
  // The ID number in full only to the group's leader (Decree 13/2023); a site admin editing the
  // household sees it masked and, sending the mask back, leaves it as it is.
  const { idNumber, idConsentById: _by, ...rest } = household;
  const records = await povertyHistory(household.id);
  const byIds = [...new Set(records.map((r) => r.recordedById).filter((x): x is string => !!x))];
  const names = new Map((await db.user.findMany({ where: { id: { in: byIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    group: { id: group.id, name: group.name },
    household: { ...rest, idNumber: seesIdNumber ? idNumber : maskIdNumber(idNumber), idConsent: !!household.idConsentAt },
    traceName: { given: givenName(household.headName), since: household.traceNameConsentAt?.toISOString() ?? null, mayChange: isLeader },
    // Newest first, as the page reads it.
    history: records
      .map((r) => ({
        id: r.id,
        status: r.status,
        certifiedOn: r.certifiedOn,
        source: r.source,
        by: r.recordedById ? (names.get(r.recordedById) ?? null) : null,
      }))
      .reverse(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, group, household, isLeader } = await load(request, params.groupId!, params.householdId!);
  const form = await readForm(request);
  // The household's consent to its given name on public trace pages: the group's leader asks
  // and records it (a site administrator cannot); a change needs the confirmation ticked.
  if (form.get("intent") === "traceName") {
    if (!isLeader) forbidden();
    const consent = form.get("traceName") === "on";
    if (consent !== !!household.traceNameConsentAt) {
      if (!isConfirmed(form)) return data({ intent: "traceName", errors: confirmMissing, values: { traceName: consent } }, { status: 400 });
      if (!(await setTraceNameConsent(group.id, household.id, consent, access.user.id))) notFound();
    }
    throw redirect(`/groups/${group.id}/households/${household.id}#trace-name`);
  }
  // "Cập nhật tình trạng nghèo": a dated record appended to the history; the household itself is not edited.
  if (form.get("intent") === "poverty") {
    const parsed = parseForm(povertyUpdateSchema, form);
    if (!parsed.ok) return data({ intent: "poverty", errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (!(await updatePovertyStatus(group.id, household.id, parsed.data, access.user.id))) notFound();
    throw redirect(`/groups/${group.id}/households/${household.id}#poverty`);
  }
  const sent = String(form.get("idNumber") ?? "").trim();
  if (household.idNumber && sent === maskIdNumber(household.idNumber)) form.set("idNumber", household.idNumber);
  const parsed = parseForm(householdEditSchema, form);
  if (!parsed.ok) return data({ intent: "household", errors: parsed.errors, values: { ...parsed.values, idNumber: sent } }, { status: 400 });
  if (!(await updateHousehold(group.id, household.id, parsed.data, access.user.id))) notFound();
  throw redirect(`/groups/${group.id}#households`);
}

export default function EditHousehold() {
  const { group, household, history, traceName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const edit = actionData?.intent === "household" ? actionData : undefined;
  const poverty = actionData?.intent === "poverty" ? actionData : undefined;
  const consent = actionData?.intent === "traceName" ? actionData : undefined;
  return (
    <>
      <section className="card">
        <h1>{t("household.editTitle", { group: group.name })}</h1>
        <AppForm noValidate>
          <FormError errors={edit?.errors} />
          <HouseholdFields values={edit?.values ?? household} errors={edit?.errors} submitLabel={t("common.save")} />
        </AppForm>
        <a href={`/groups/${group.id}/households/${household.id}/bank`}>{t("bank.link")}</a> ·{" "}
        <a href={`/groups/${group.id}/households/${household.id}/diary`}>{t("diary.link")}</a> ·{" "}
        <a href={`/groups/${group.id}/households/${household.id}/contact`}>{t("reach.household.link")}</a>
      </section>
      <section className="card" id="trace-name">
        <h2>{t("trace.consent.title")}</h2>
        <p className="hint">{t("trace.consent.explain")}</p>
        <p>{traceName.since ? t("trace.consent.given", { name: traceName.given, date: formatDate(traceName.since) }) : t("trace.consent.none")}</p>
        {traceName.mayChange ? (
          <AppForm noValidate>
            <input type="hidden" name="intent" value="traceName" />
            <FormError errors={consent?.errors} />
            <CheckboxField
              label={t("trace.consent.check", { name: traceName.given })}
              name="traceName"
              defaultChecked={consent && "traceName" in consent.values ? !!consent.values.traceName : !!traceName.since}
            />
            <CheckboxField
              label={t(traceName.since ? "trace.consent.confirmWithdraw" : "trace.consent.confirmGive", { name: traceName.given })}
              name="confirm"
              errors={consent?.errors}
            />
            <SubmitButton>{t("trace.consent.save")}</SubmitButton>
          </AppForm>
        ) : null}
      </section>
      <section className="card" id="poverty">
        <h2>{t("poverty.historyTitle")}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("poverty.history.date")}</th>
                <th scope="col">{t("poverty.history.status")}</th>
                <th scope="col">{t("poverty.history.source")}</th>
                <th scope="col">{t("poverty.history.by")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id}>
                  <td>{r.certifiedOn ? formatDate(r.certifiedOn) : t("poverty.history.undated")}</td>
                  <td>{t.dynamic(`poverty.${r.status}`)}</td>
                  <td>{t.dynamic(`poverty.source.${r.source}`)}</td>
                  <td>{r.by ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("poverty.updateTitle")}</h3>
        <AppForm noValidate>
          <input type="hidden" name="intent" value="poverty" />
          <FormError errors={poverty?.errors} />
          <PovertyFields values={poverty?.values} errors={poverty?.errors} />
          <SubmitButton>{t("poverty.updateSave")}</SubmitButton>
        </AppForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
