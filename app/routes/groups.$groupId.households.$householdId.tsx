import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError, SubmitButton } from "~/components/form";
import { HouseholdFields, PovertyFields } from "~/components/household-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { householdEditSchema, povertyUpdateSchema } from "~/domain/groups.schema";
import { povertyHistory } from "~/domain/households/poverty.server";
import { maskIdNumber, updateHousehold, updatePovertyStatus } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { formatDate } from "~/utils/format";

async function load(request: Request, groupId: string, householdId: string) {
  const access = await requireAccess(request);
  const { group, role } = await requireGroupLeader(access, groupId);
  // Scoped to the group in the URL: another group's household id is simply not found.
  const household = await db.household.findFirst({ where: { id: householdId, groupId: group.id }, omit: { idNumber: false } });
  if (!household) notFound();
  return { access, group, household, seesIdNumber: role === "group_leader" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, household, seesIdNumber } = await load(request, params.groupId!, params.householdId!);
  // The ID number in full only to the group's leader (Decree 13/2023); a site admin editing the
  // household sees it masked and, sending the mask back, leaves it as it is.
  const { idNumber, idConsentById: _by, ...rest } = household;
  const records = await povertyHistory(household.id);
  const byIds = [...new Set(records.map((r) => r.recordedById).filter((x): x is string => !!x))];
  const names = new Map((await db.user.findMany({ where: { id: { in: byIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    group: { id: group.id, name: group.name },
    household: { ...rest, idNumber: seesIdNumber ? idNumber : maskIdNumber(idNumber), idConsent: !!household.idConsentAt },
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
  const { access, group, household } = await load(request, params.groupId!, params.householdId!);
  const form = await readForm(request);
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
  const { group, household, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const edit = actionData?.intent === "household" ? actionData : undefined;
  const poverty = actionData?.intent === "poverty" ? actionData : undefined;
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
