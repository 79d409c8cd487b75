import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CertificationSummary } from "~/components/certifications";
import { ApiTokensCard } from "~/components/api-tokens-card";
import { EpcisDownload } from "~/components/epcis-download";
import { AppForm, CheckboxField, Field, FormError, SelectField, SubmitButton, TextArea } from "~/components/form";
import { MemberCell } from "~/components/member-cell";
import { OrgFields } from "~/components/org-form";
import { ProjectRequests } from "~/components/project-requests";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireOrgAdmin, requireOrgMember } from "~/domain/access.server";
import { createToken, listTokens, revokeToken } from "~/domain/api-tokens.server";
import { listCertifications } from "~/domain/certifications/certifications.server";
import { addMemberSchema, orgSchema, projectProfileSchema, tokenSchema } from "~/domain/orgs.schema";
import { addMember, listMembers, removeMember, updateOrganisation } from "~/domain/orgs.server";
import { setTraceShowPrices } from "~/domain/trace/prices.server";
import { placeErrors, provinceOptions } from "~/domain/place-form.server";
import { formerLine, placeLine } from "~/domain/places/place";
import { decideRequest, pendingRequests } from "~/domain/projects/enrolment.server";
import { BUYER_KINDS, isAdminRole, rolesForKind, type OrgKind } from "~/domain/roles";
import { epcisSeasons } from "~/domain/trace/epcis.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db, write } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { formToObject, parseForm, type FieldErrors } from "~/utils/forms";
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
  const { access, org, isAdmin } = await loadOrg(request, params.orgId!);
  const projectAdmin = isAdmin && org.kind === "project_owner";
  const buyer = BUYER_KINDS.includes(org.kind as OrgKind);
  // A buyer's own people download its pickups as EPCIS; its administrators hold API tokens for it.
  const buyerMember = buyer && access.orgs.some((o) => o.id === org.id);
  const [members, tokens, requests, certs, seasons] = await Promise.all([
    listMembers(org.id),
    projectAdmin || (buyer && isAdmin) ? listTokens(org.id) : Promise.resolve([]),
    projectAdmin ? pendingRequests(org.id) : Promise.resolve([]),
    // A buyer's own certificates in force (its certificate page lists them all).
    buyer ? listCertifications({ orgId: org.id }, todayInVietnam(), { inForceOnly: true }) : Promise.resolve(null),
    buyerMember ? epcisSeasons(org.id) : Promise.resolve(null),
  ]);
  return {
    org,
    isAdmin,
    isSiteAdmin: access.user.isSiteAdmin,
    members,
    certs,
    roles: rolesForKind(org.kind as OrgKind),
    tokens,
    requests,
    epcis: seasons,
    // Only the site administrator moves an organisation, so only they get the province list.
    provinces: access.user.isSiteAdmin ? provinceOptions() : [],
    former: formerLine(org),
  };
}

type ActionData = { intent: string; errors: FieldErrors; values?: Record<string, unknown>; saved?: boolean; invited?: boolean; token?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, org } = await loadOrg(request, params.orgId!);
  requireOrgAdmin(access, org.id);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const reply = (d: ActionData, status = 200) => data(d, { status });

  if (intent === "update") {
    const parsed = parseForm(orgSchema.omit({ kind: true }), form);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await updateOrganisation(org.id, parsed.data, { mayMove: access.user.isSiteAdmin });
    if (!result.ok) {
      const t = translator(await getLocale(request, access.user.locale));
      return reply({ intent, errors: placeErrors(result.place, t), values: formToObject(form) }, 400);
    }
    return reply({ intent, errors: {}, saved: true });
  }
  // A buyer's choice to show its prices on the public trace pages (issue 16).
  if (intent === "tracePrices" && (org.kind === "cooperative" || org.kind === "enterprise")) {
    await setTraceShowPrices(org.id, form.get("traceShowPrices") === "on");
    return reply({ intent, errors: {}, saved: true });
  }
  if (intent === "addMember") {
    const parsed = parseForm(addMemberSchema, form);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
    const result = await addMember({ id: org.id, kind: org.kind as OrgKind, name: org.name }, { ...parsed.data, password: parsed.data.password || undefined });
    if (!result.ok)
      return reply(
        { intent, errors: { [result.field]: [result.error] }, values: { login: form.get("login"), name: form.get("name"), role: form.get("role") } },
        400,
      );
    // The same answer whether or not the account exists (docs/decisions/0004-permissions.md).
    return reply({ intent, errors: {}, ...(result.outcome === "invited" ? { invited: true } : { saved: true }) });
  }
  if (intent === "profile" && org.kind === "project_owner") {
    const parsed = parseForm(projectProfileSchema, form);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values: parsed.values }, 400);
    await write((tx) => tx.organisation.update({ where: { id: org.id }, data: parsed.data }));
    return reply({ intent, errors: {}, saved: true });
  }
  if (intent === "createToken" && (org.kind === "project_owner" || BUYER_KINDS.includes(org.kind as OrgKind))) {
    const parsed = parseForm(tokenSchema, form);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors }, 400);
    const { token } = await createToken(org.id, parsed.data.name, access.user.id);
    return reply({ intent, errors: {}, token });
  }
  if (intent === "revokeToken") {
    if (!(await revokeToken(org.id, String(form.get("tokenId") ?? "")))) notFound();
    return reply({ intent, errors: {}, saved: true });
  }
  if (intent === "decideGroup" && org.kind === "project_owner") {
    // Another project's group, or a request already withdrawn, is not found (404).
    if (!(await decideRequest(org.id, String(form.get("groupId") ?? ""), form.get("decision") === "accept"))) notFound();
    return reply({ intent, errors: {}, saved: true });
  }
  if (intent === "removeMember") {
    const result = await removeMember(org.id, String(form.get("membershipId")));
    // Another organisation's membership is not found here (404), like any record one may not see.
    if (!result.ok) return reply({ intent, errors: { _form: [result.error!] } }, result.error === "error.notFound" ? 404 : 400);
    return reply({ intent, errors: {}, saved: true });
  }
  badRequest("Unknown intent");
}

export default function OrgPage() {
  const { org, isAdmin, isSiteAdmin, members, roles, tokens, requests, epcis, provinces, former, certs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  const buyerAdmin = isAdmin && (org.kind === "cooperative" || org.kind === "enterprise");
  return (
    <>
      <h1>
        {org.name} <span className="badge">{t.dynamic(`kind.${org.kind}`)}</span>
      </h1>
      {org.kind === "cooperative" || org.kind === "enterprise" ? (
        <p>
          <Link to={`/orgs/${org.id}/purchase-list`}>{t("purchase.link")}</Link> · <Link to={`/orgs/${org.id}/gtins`}>{t("gtin.link")}</Link>
        </p>
      ) : null}
      {org.kind === "project_owner" ? (
        <p className="actions" id="project-links">
          <Link to={`/projects/${org.id}/surveys`}>{t("survey.link")}</Link> <Link to={`/projects/${org.id}/outcomes`}>{t("outcomes.link")}</Link>{" "}
          <Link to={`/projects/${org.id}/evaluation`}>{t("eval.link")}</Link> <Link to={`/projects/${org.id}/contributions`}>{t("contrib.link")}</Link>
        </p>
      ) : null}
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
      {certs ? <CertificationSummary certs={certs} to={`/orgs/${org.id}/certifications`} /> : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("org.details")}</h2>
          {isAdmin ? (
            <AppForm noValidate>
              <input type="hidden" name="intent" value="update" />
              <FormError errors={errorsFor("update")} />
              <OrgFields
                values={{ ...org, ...valuesFor("update") }}
                errors={errorsFor("update")}
                withKind={false}
                submitLabel={t("common.save")}
                provinces={provinces}
                areaLocked={!isSiteAdmin}
                authority={org.kind === "authority"}
                former={former}
              />
            </AppForm>
          ) : null}
          {isAdmin && (org.kind === "cooperative" || org.kind === "enterprise") ? (
            <AppForm noValidate id="trace-prices">
              <input type="hidden" name="intent" value="tracePrices" />
              <CheckboxField label={t("trace.showPrices")} name="traceShowPrices" defaultChecked={org.traceShowPrices} />
              <SubmitButton>{t("common.save")}</SubmitButton>
            </AppForm>
          ) : null}
          {isAdmin ? null : (
            <dl className="facts">
              <dt>{t("geo.location")}</dt>
              <dd>
                {placeLine(org) || "—"}
                {former ? <small className="hint">{t("place.former", { place: former })}</small> : null}
              </dd>
              <dt>{t("org.phone")}</dt>
              <dd>{org.phone}</dd>
              <dt>{t("statement.taxCode")}</dt>
              <dd>{org.taxCode ?? "—"}</dd>
              <dt>{t("contract.doc.representative")}</dt>
              <dd>{[org.representativeName, org.representativeTitle].filter(Boolean).join(", ") || "—"}</dd>
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
                    <MemberCell m={m} />
                  </td>
                  <td>{t.dynamic(`role.${m.role}`)}</td>
                  {isAdmin ? (
                    <td>
                      <AppForm>
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button type="submit" className="btn btn-small btn-danger">
                          {m.pending ? t("member.cancelInvitation") : t("common.remove")}
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
              <Field
                label={t("login.login")}
                name="login"
                defaultValue={String(valuesFor("addMember")?.login ?? "")}
                errors={errorsFor("addMember")}
                required
              />
              <SelectField
                label={t("org.role")}
                name="role"
                options={roles.map((r) => ({ value: r, label: t.dynamic(`role.${r}`) }))}
                errors={errorsFor("addMember")}
              />
              <p className="hint">{t("member.addHint")}</p>
              <Field label={t("common.name")} name="name" defaultValue={String(valuesFor("addMember")?.name ?? "")} errors={errorsFor("addMember")} />
              <Field label={t("org.firstPassword")} name="password" type="password" autoComplete="new-password" errors={errorsFor("addMember")} />
              <SubmitButton>{t("org.addMember")}</SubmitButton>
            </AppForm>
          ) : null}
        </section>
      </div>
      {isAdmin && org.kind === "project_owner" ? (
        <div className="grid-2">
          <section className="card">
            <h2>{t("project.profile")}</h2>
            <p className="hint">{t("project.profileHint")}</p>
            <AppForm noValidate>
              <input type="hidden" name="intent" value="profile" />
              <FormError errors={errorsFor("profile")} />
              <TextArea label={t("project.objectives")} name="objectives" rows={3} defaultValue={org.objectives ?? ""} errors={errorsFor("profile")} />
              <TextArea
                label={t("project.selection")}
                name="beneficiarySelection"
                rows={3}
                defaultValue={org.beneficiarySelection ?? ""}
                errors={errorsFor("profile")}
              />
              <div className="row">
                <Field label={t("project.startedOn")} name="startedOn" type="date" defaultValue={org.startedOn ?? ""} errors={errorsFor("profile")} />
                <Field label={t("project.endsOn")} name="endsOn" type="date" defaultValue={org.endsOn ?? ""} errors={errorsFor("profile")} />
              </div>
              <SubmitButton>{t("common.save")}</SubmitButton>
            </AppForm>
            <p className="actions">
              <Link to={`/reports?org=${org.id}`} className="btn">
                {t("report.link")}
              </Link>
              <Link to="/import" className="btn">
                {t("import.title")}
              </Link>
            </p>
          </section>
          <ProjectRequests requests={requests} />
          <ApiTokensCard tokens={tokens} newToken={actionData?.token} errors={errorsFor("createToken")} intro={t("token.intro")} />
        </div>
      ) : null}
      {epcis || buyerAdmin ? (
        <div className="grid-2">
          {epcis ? <EpcisDownload orgId={org.id} seasons={epcis} /> : null}
          {buyerAdmin ? <ApiTokensCard tokens={tokens} newToken={actionData?.token} errors={errorsFor("createToken")} intro={t("epcis.tokenIntro")} /> : null}
        </div>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
