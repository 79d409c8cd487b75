import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { OrgFields } from "~/components/org-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireOrgAdmin, requireOrgMember } from "~/domain/access.server";
import { addMemberSchema, orgSchema } from "~/domain/orgs.schema";
import { addMember, listMembers, removeMember, updateOrganisation } from "~/domain/orgs.server";
import { isAdminRole, rolesForKind, type OrgKind } from "~/domain/roles";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { badRequest, notFound } from "~/utils/http.server";

async function loadOrg(request: Request, orgId: string) {
  const access = await requireAccess(request);
  const membership = requireOrgMember(access, orgId);
  const org = await db.organisation.findUnique({ where: { id: orgId } });
  if (!org) notFound();
  const isAdmin = access.user.isSiteAdmin || (!!membership && isAdminRole(membership.role));
  return { access, org, isAdmin };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, isAdmin } = await loadOrg(request, params.orgId!);
  const members = await listMembers(org.id);
  return { org, isAdmin, members, roles: rolesForKind(org.kind as OrgKind) };
}

type ActionData = { intent: string; errors: FieldErrors; values?: Record<string, unknown>; saved?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, org } = await loadOrg(request, params.orgId!);
  requireOrgAdmin(access, org.id);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const reply = (d: ActionData, status = 200) => data(d, { status });

  if (intent === "update") {
    const parsed = parseForm(orgSchema.omit({ kind: true }), form);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
    await updateOrganisation(org.id, parsed.data);
    return reply({ intent, errors: {}, saved: true });
  }
  if (intent === "addMember") {
    const parsed = parseForm(addMemberSchema, form);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await addMember({ id: org.id, kind: org.kind as OrgKind }, { ...parsed.data, password: parsed.data.password || undefined });
    if (!result.ok) return reply({ intent, errors: { [result.field]: [result.error] }, values: { login: form.get("login"), name: form.get("name"), role: form.get("role") } }, 400);
    return reply({ intent, errors: {}, saved: true });
  }
  if (intent === "removeMember") {
    const result = await removeMember(org.id, String(form.get("membershipId")));
    if (!result.ok) return reply({ intent, errors: { _form: [result.error!] } }, 400);
    return reply({ intent, errors: {}, saved: true });
  }
  badRequest("Unknown intent");
}

export default function OrgPage() {
  const { org, isAdmin, members, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  return (
    <>
      <h1>
        {org.name} <span className="badge">{t.dynamic(`kind.${org.kind}`)}</span>
      </h1>
      {actionData?.saved ? (
        <p className="alert alert-ok" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("org.details")}</h2>
          {isAdmin ? (
            <AppForm noValidate>
              <input type="hidden" name="intent" value="update" />
              <FormError errors={errorsFor("update")} />
              <OrgFields values={valuesFor("update") ?? org} errors={errorsFor("update")} withKind={false} submitLabel={t("common.save")} />
            </AppForm>
          ) : (
            <dl className="facts">
              <dt>{t("geo.province")}</dt>
              <dd>{org.province}</dd>
              <dt>{t("geo.district")}</dt>
              <dd>{org.district}</dd>
              <dt>{t("org.phone")}</dt>
              <dd>{org.phone}</dd>
            </dl>
          )}
        </section>
        <section className="card">
          <h2>{t("org.members")}</h2>
          <FormError errors={errorsFor("removeMember")} />
          <table className="table">
            <thead>
              <tr>
                <th>{t("common.name")}</th>
                <th>{t("org.role")}</th>
                {isAdmin ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.user.name}
                    <br />
                    <small className="muted">{m.user.email ?? m.user.phone}</small>
                  </td>
                  <td>{t.dynamic(`role.${m.role}`)}</td>
                  {isAdmin ? (
                    <td>
                      <AppForm>
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button type="submit" className="btn btn-small btn-danger">
                          {t("common.remove")}
                        </button>
                      </AppForm>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {isAdmin ? (
            <AppForm noValidate className="subform">
              <h3>{t("org.addMember")}</h3>
              <input type="hidden" name="intent" value="addMember" />
              <FormError errors={errorsFor("addMember")} />
              <Field label={t("login.login")} name="login" defaultValue={String(valuesFor("addMember")?.login ?? "")} errors={errorsFor("addMember")} required />
              <SelectField label={t("org.role")} name="role" options={roles.map((r) => ({ value: r, label: t.dynamic(`role.${r}`) }))} errors={errorsFor("addMember")} />
              <p className="hint">{t("org.newUserHint")}</p>
              <Field label={t("common.name")} name="name" defaultValue={String(valuesFor("addMember")?.name ?? "")} errors={errorsFor("addMember")} />
              <Field label={t("org.firstPassword")} name="password" type="password" autoComplete="new-password" errors={errorsFor("addMember")} />
              <SubmitButton>{t("org.addMember")}</SubmitButton>
            </AppForm>
          ) : null}
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
