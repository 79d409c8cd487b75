import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { GroupFields } from "~/components/group-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { groupSchema } from "~/domain/groups.schema";
import { createGroup, groupWriteErrors, projectOwners } from "~/domain/groups.server";
import { provinceOptions } from "~/domain/place-form.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { projectOwners: await projectOwners(), provinces: provinceOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(groupSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createGroup({ userId: user.id, isSiteAdmin: user.isSiteAdmin }, parsed.data);
  if (!result.ok) {
    const t = translator(await getLocale(request, user.locale));
    return data({ errors: groupWriteErrors(result, t), values: formToObject(form) }, { status: 400 });
  }
  // The group page says it was created (a redirect leaves no action data to show it from).
  throw redirect(`/groups/${result.id}?created=1`);
}

export default function NewGroup() {
  const { projectOwners, provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("group.newTitle")}</h1>
      <p className="muted">{t("group.newIntro")}</p>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <GroupFields
          values={actionData?.values}
          errors={actionData?.errors}
          projectOwners={projectOwners}
          provinces={provinces}
          submitLabel={t("group.register")}
        />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
