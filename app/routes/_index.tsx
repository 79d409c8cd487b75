import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { loadAccess } from "~/domain/access.server";
import { useT } from "~/i18n/use-t";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [
  { title: "Cầu Nối — liên kết tổ nhóm nông dân với người mua" },
  { name: "description", content: "Cầu Nối links farmer groups with buyers: offers, contracts, transparent pickups, payments and chain indicators." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { access: null };
  const access = await loadAccess(user);
  return { access: { orgs: access.orgs, groups: access.groups, isSiteAdmin: user.isSiteAdmin, name: user.name } };
}

export default function Home() {
  const { access } = useLoaderData<typeof loader>();
  const t = useT();
  if (!access) {
    return (
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <ul className="features">
          <li>{t("home.feature.offers")}</li>
          <li>{t("home.feature.pickups")}</li>
          <li>{t("home.feature.payments")}</li>
          <li>{t("home.feature.indicators")}</li>
        </ul>
        <p className="actions">
          <Link to="/login" className="btn btn-primary">
            {t("nav.login")}
          </Link>
          <Link to="/signup" className="btn">
            {t("login.signupLink")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <>
      <h1>{t("home.welcome", { name: access.name })}</h1>
      <div className="grid-2">
        <section className="card">
          <h2>{t("home.myOrgs")}</h2>
          {access.orgs.length ? (
            <ul className="list">
              {access.orgs.map((o) => (
                <li key={o.id}>
                  <Link to={`/orgs/${o.id}`}>{o.name}</Link> <span className="badge">{t.dynamic(`kind.${o.kind}`)}</span>{" "}
                  <span className="muted">{t.dynamic(`role.${o.role}`)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("home.noOrgs")}</p>
          )}
          <Link to="/orgs/new" className="btn">
            {t("home.createOrg")}
          </Link>
        </section>
        <section className="card">
          <h2>{t("home.myGroups")}</h2>
          {access.groups.length ? (
            <ul className="list">
              {access.groups.map((g) => (
                <li key={g.id}>
                  <Link to={`/groups/${g.id}`}>{g.name}</Link> <span className="muted">{t.dynamic(`role.${g.role}`)}</span>
                  {g.householdId ? (
                    <>
                      {" "}
                      · <Link to={`/groups/${g.id}/passbook/${g.householdId}`}>{t("passbook.mine")}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("home.noGroups")}</p>
          )}
          <p className="actions">
            <Link to="/groups/new" className="btn">
              {t("home.registerGroup")}
            </Link>
            <Link to="/groups" className="btn">
              {t("home.allGroups")}
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
