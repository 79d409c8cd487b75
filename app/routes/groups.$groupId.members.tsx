import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { groupMemberSchema } from "~/domain/groups.schema";
import { addGroupMember, groupMembers, householdsOf } from "~/domain/groups.server";
import { cancelInvitation } from "~/domain/invitations.server";
import { MemberCell } from "~/components/member-cell";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

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
  if (form.get("intent") === "cancelInvitation") {
    // Only a pending invitation of this group: anything else is not found.
    if (!(await cancelInvitation({ groupId: group.id }, String(form.get("membershipId") ?? "")))) notFound();
    return { errors: {}, values: {}, saved: true, invited: false };
  }
  const { password: _p, ...values } = formToObject(form);
  const parsed = parseForm(groupMemberSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values, saved: false, invited: false }, { status: 400 });
  const result = await addGroupMember({ id: group.id, name: group.name }, { ...parsed.data, password: parsed.data.password || undefined });
  if (!result.ok) return data({ errors: { [result.field]: [result.error] }, values, saved: false, invited: false }, { status: 400 });
  // The same answer whether or not the account exists (docs/decisions/0004-permissions.md).
  return { errors: {}, values: {}, saved: result.outcome === "created", invited: result.outcome === "invited" };
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
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  <MemberCell m={m} />
                </td>
                <td>{t.dynamic(`role.${m.role}`)}</td>
                <td>{m.household?.headName ?? "—"}</td>
                <td>
                  {m.pending ? (
                    <AppForm>
                      <input type="hidden" name="intent" value="cancelInvitation" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <button type="submit" className="btn btn-small btn-danger">
                        {t("member.cancelInvitation")}
                      </button>
                    </AppForm>
                  ) : null}
                </td>
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
        {actionData?.invited ? (
          <p className="alert alert-ok" role="status">
            {t("member.invited")}
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
            options={[
              { value: "group_member", label: t("role.group_member") },
              { value: "group_leader", label: t("role.group_leader") },
            ]}
          />
          <SelectField
            label={t("household.one")}
            name="householdId"
            defaultValue={v.householdId ?? ""}
            errors={actionData?.errors}
            options={[{ value: "", label: t("common.choose") }, ...households.map((h) => ({ value: h.id, label: h.headName }))]}
          />
          <p className="hint">{t("member.addHint")}</p>
          <Field label={t("common.name")} name="name" defaultValue={v.name} errors={actionData?.errors} />
          <Field label={t("org.firstPassword")} name="password" type="password" autoComplete="new-password" errors={actionData?.errors} />
          <SubmitButton>{t("group.addAccount")}</SubmitButton>
        </AppForm>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
