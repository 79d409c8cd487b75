import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { groupMemberSchema } from "~/domain/groups.schema";
import { addGroupMember, groupMembers, householdsOf } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  const [members, households] = await Promise.all([groupMembers(group.id), householdsOf(group.id)]);
  return { group: { id: group.id, name: group.name }, members, households: households.map((h) => ({ id: h.id, headName: h.headName })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  const form = await readForm(request);
  const { password: _p, ...values } = formToObject(form);
  const parsed = parseForm(groupMemberSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values, saved: false }, { status: 400 });
  const result = await addGroupMember(group.id, { ...parsed.data, password: parsed.data.password || undefined });
  if (!result.ok) return data({ errors: { [result.field]: [result.error] }, values, saved: false }, { status: 400 });
  return { errors: {}, values: {}, saved: true };
}

export default function GroupMembers() {
  const { group, members, households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const v = (actionData?.values ?? {}) as Record<string, string | undefined>;
  return (
    <div className="grid-2">
      <section className="card">
        <h1>{t("group.accountsTitle", { group: group.name })}</h1>
        <table className="table">
          <thead>
            <tr>
              <th>{t("common.name")}</th>
              <th>{t("org.role")}</th>
              <th>{t("household.one")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.user.name}
                  <br />
                  <small className="muted">{m.user.contact}</small>
                </td>
                <td>{t.dynamic(`role.${m.role}`)}</td>
                <td>{m.household?.headName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t("group.addAccount")}</h2>
        {actionData?.saved ? (
          <p className="alert alert-ok" role="status">
            {t("common.saved")}
          </p>
        ) : null}
        <AppForm noValidate>
          <FormError errors={actionData?.errors} />
          <Field label={t("login.login")} name="login" defaultValue={v.login} errors={actionData?.errors} required />
          <SelectField
            label={t("org.role")}
            name="role"
            defaultValue={v.role ?? "group_member"}
            errors={actionData?.errors}
            options={[{ value: "group_member", label: t("role.group_member") }, { value: "group_leader", label: t("role.group_leader") }]}
          />
          <SelectField
            label={t("household.one")}
            name="householdId"
            defaultValue={v.householdId ?? ""}
            errors={actionData?.errors}
            options={[{ value: "", label: t("common.choose") }, ...households.map((h) => ({ value: h.id, label: h.headName }))]}
          />
          <p className="hint">{t("org.newUserHint")}</p>
          <Field label={t("common.name")} name="name" defaultValue={v.name} errors={actionData?.errors} />
          <Field label={t("org.firstPassword")} name="password" type="password" autoComplete="new-password" errors={actionData?.errors} />
          <SubmitButton>{t("group.addAccount")}</SubmitButton>
        </AppForm>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
