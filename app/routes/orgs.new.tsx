import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { OrgFields } from "~/components/org-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { orgSchema } from "~/domain/orgs.schema";
import { createOrganisation } from "~/domain/orgs.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(orgSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const org = await createOrganisation(user.id, parsed.data);
  throw redirect(`/orgs/${org.id}`);
}

export default function NewOrg() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("org.newTitle")}</h1>
      <p className="muted">{t("org.newIntro")}</p>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <OrgFields values={actionData?.values} errors={actionData?.errors} withKind submitLabel={t("org.create")} />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
