import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { OrgFields } from "~/components/org-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { setUserDisabled } from "~/domain/accounts.server";
import { recentAudit } from "~/domain/audit.server";
import { authoritySchema } from "~/domain/orgs.schema";
import { createOrganisation } from "~/domain/orgs.server";
import { placeErrors, provinceOptions } from "~/domain/place-form.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { formToObject, parseForm } from "~/utils/forms";
import { badRequest, notFound } from "~/utils/http.server";
import { requireSiteAdmin } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSiteAdmin(request);
  const [users, orgs, audit] = await Promise.all([
    db.user.findMany({
      select: { id: true, name: true, email: true, phone: true, disabledAt: true, isSiteAdmin: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.organisation.findMany({ select: { id: true, name: true, kind: true, province: true }, orderBy: { name: "asc" } }),
    recentAudit(100),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    users,
    orgs,
    audit: audit.map((a) => ({ ...a, user: a.userId ? (names.get(a.userId) ?? a.userId) : "" })),
    provinces: provinceOptions(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireSiteAdmin(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "disable" || intent === "enable") {
    const userId = String(form.get("userId"));
    if (userId === admin.id) return data({ intent, errors: { _form: ["error.cannotDisableSelf"] }, values: {} }, { status: 400 });
    if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) notFound();
    await setUserDisabled(userId, intent === "disable");
    return { intent, errors: {}, values: {} };
  }
  if (intent === "createAuthority") {
    const parsed = parseForm(authoritySchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: formToObject(form) }, { status: 400 });
    const result = await createOrganisation(admin.id, parsed.data);
    if (!result.ok) {
      const t = translator(await getLocale(request, admin.locale));
      return data({ intent, errors: placeErrors(result.place, t), values: formToObject(form) }, { status: 400 });
    }
    return { intent, errors: {}, values: {} };
  }
  badRequest("Unknown intent");
}

export default function AdminPage() {
  const { users, orgs, audit, provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p className="actions">
        <Link to="/import?as=site-admin" className="btn">
          {t("import.asSiteAdmin")}: {t("import.title")}
        </Link>
        <Link to="/admin/outbox" className="btn">
          {t("outbox.link")}
        </Link>
      </p>
      <FormError errors={actionData?.intent !== "createAuthority" ? actionData?.errors : undefined} />
      <section className="card">
        <h2>{t("admin.users")}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("common.name")}</th>
                <th>{t("login.login")}</th>
                <th>{t("admin.since")}</th>
                <th>{t("admin.status")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td>{u.email ?? u.phone}</td>
                  <td>{formatDate(u.createdAt)}</td>
                  <td>{u.disabledAt ? t("admin.disabled") : t("admin.active")}</td>
                  <td>
                    <AppForm>
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" name="intent" value={u.disabledAt ? "enable" : "disable"} className="btn btn-small">
                        {u.disabledAt ? t("admin.enable") : t("admin.disable")}
                      </button>
                    </AppForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="grid-2">
        <section className="card">
          <h2>{t("admin.orgs")}</h2>
          <ul className="list">
            {orgs.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}`}>{o.name}</Link> <span className="badge">{t.dynamic(`kind.${o.kind}`)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>{t("admin.newAuthority")}</h2>
          <p className="hint">{t("place.authorityHint")}</p>
          <AppForm noValidate>
            <input type="hidden" name="intent" value="createAuthority" />
            <input type="hidden" name="kind" value="authority" />
            <FormError errors={actionData?.intent === "createAuthority" ? actionData.errors : undefined} />
            <OrgFields
              values={actionData?.intent === "createAuthority" ? actionData.values : undefined}
              errors={actionData?.intent === "createAuthority" ? actionData.errors : undefined}
              withKind={false}
              provinces={provinces}
              authority
              submitLabel={t("org.create")}
            />
          </AppForm>
        </section>
      </div>
      <section className="card">
        <h2>{t("admin.audit")}</h2>
        <div className="table-wrap">
          <table className="table" id="audit">
            <tbody>
              {audit.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.at)}</td>
                  <td>{t.dynamic(`audit.${a.action}`)}</td>
                  <td>{a.user}</td>
                  <td>
                    <code>{a.detail}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
