import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { GroupFields } from "~/components/group-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { groupSchema } from "~/domain/groups.schema";
import { groupWriteErrors, projectOwners, updateGroup } from "~/domain/groups.server";
import { provinceOptions } from "~/domain/place-form.server";
import { formerLine } from "~/domain/places/place";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  return { group, projectOwners: await projectOwners(), provinces: provinceOptions(), former: formerLine(group) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  const form = await readForm(request);
  const parsed = parseForm(groupSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateGroup({ userId: access.user.id, isSiteAdmin: access.user.isSiteAdmin }, group.id, parsed.data);
  if (!result.ok) {
    const t = translator(await getLocale(request, access.user.locale));
    return data({ errors: groupWriteErrors(result, t), values: formToObject(form) }, { status: 400 });
  }
  throw redirect(`/groups/${group.id}`);
}

export default function EditGroup() {
  const { group, projectOwners, provinces, former } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("group.editTitle")}</h1>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        {/* A pending request stays chosen, so saving other details does not withdraw it. */}
        <GroupFields
          values={actionData?.values ?? { ...group, projectOwnerId: group.projectRequestedId ?? group.projectOwnerId }}
          errors={actionData?.errors}
          projectOwners={projectOwners}
          provinces={provinces}
          former={former}
          submitLabel={t("common.save")}
        />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
