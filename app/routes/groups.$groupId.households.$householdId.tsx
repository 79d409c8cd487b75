import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { HouseholdFields } from "~/components/household-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { householdSchema } from "~/domain/groups.schema";
import { updateHousehold } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

async function load(request: Request, groupId: string, householdId: string) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, groupId);
  // Scoped to the group in the URL: another group's household id is simply not found.
  const household = await db.household.findFirst({ where: { id: householdId, groupId: group.id } });
  if (!household) notFound();
  return { group, household };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, household } = await load(request, params.groupId!, params.householdId!);
  return { group: { id: group.id, name: group.name }, household };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, household } = await load(request, params.groupId!, params.householdId!);
  const form = await readForm(request);
  const parsed = parseForm(householdSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!(await updateHousehold(group.id, household.id, parsed.data))) notFound();
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
      <a href={`/groups/${group.id}/households/${household.id}/bank`}>{t("bank.link")}</a>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
