import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { OrgFields } from "~/components/org-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { orgSchema } from "~/domain/orgs.schema";
import { createOrganisation } from "~/domain/orgs.server";
import { placeErrors, provinceOptions } from "~/domain/place-form.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { provinces: provinceOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(orgSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createOrganisation(user.id, parsed.data);
  if (!result.ok) {
    const t = translator(await getLocale(request, user.locale));
    return data({ errors: placeErrors(result.place, t), values: formToObject(form) }, { status: 400 });
  }
  throw redirect(`/orgs/${result.org.id}`);
}

export default function NewOrg() {
  const { provinces } = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("org.newTitle")}</h1>
      <p className="muted">{t("org.newIntro")}</p>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <OrgFields values={actionData?.values} errors={actionData?.errors} withKind provinces={provinces} submitLabel={t("org.create")} />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
