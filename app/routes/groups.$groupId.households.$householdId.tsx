import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { HouseholdFields } from "~/components/household-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { householdSchema } from "~/domain/groups.schema";
import { maskIdNumber, updateHousehold } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

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
  return {
    group: { id: group.id, name: group.name },
    household: { ...rest, idNumber: seesIdNumber ? idNumber : maskIdNumber(idNumber), idConsent: !!household.idConsentAt },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, group, household } = await load(request, params.groupId!, params.householdId!);
  const form = await readForm(request);
  const sent = String(form.get("idNumber") ?? "").trim();
  if (household.idNumber && sent === maskIdNumber(household.idNumber)) form.set("idNumber", household.idNumber);
  const parsed = parseForm(householdSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: { ...parsed.values, idNumber: sent } }, { status: 400 });
  if (!(await updateHousehold(group.id, household.id, parsed.data, access.user.id))) notFound();
  throw redirect(`/groups/${group.id}#households`);
}

export default function EditHousehold() {
  const { group, household } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("household.editTitle", { group: group.name })}</h1>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <HouseholdFields values={actionData?.values ?? household} errors={actionData?.errors} submitLabel={t("common.save")} />
      </AppForm>
      <a href={`/groups/${group.id}/households/${household.id}/bank`}>{t("bank.link")}</a> ·{" "}
      <a href={`/groups/${group.id}/households/${household.id}/diary`}>{t("diary.link")}</a>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
