import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { HouseholdFields } from "~/components/household-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { householdSchema } from "~/domain/groups.schema";
import { createHousehold } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  return { group: { id: group.id, name: group.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  const form = await readForm(request);
  const parsed = parseForm(householdSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await createHousehold(group.id, parsed.data, access.user.id);
  throw redirect(`/groups/${group.id}#households`);
}

export default function NewHousehold() {
  const { group } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("household.addTitle", { group: group.name })}</h1>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <HouseholdFields values={actionData?.values} errors={actionData?.errors} submitLabel={t("household.add")} registration />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
