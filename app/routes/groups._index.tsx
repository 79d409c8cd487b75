import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PointsMap } from "~/components/maps";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, visibleGroupsWhere } from "~/domain/access.server";
import { listGroups } from "~/domain/groups.server";
import { useT } from "~/i18n/use-t";
import { placeLine } from "~/domain/places/place";

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  return { groups: await listGroups(visibleGroupsWhere(access)) };
}

export default function GroupsPage() {
  const { groups } = useLoaderData<typeof loader>();
  const t = useT();
  const points = groups.flatMap((g) => (g.lat !== null && g.lng !== null ? [{ id: g.id, lat: g.lat, lng: g.lng, label: g.name }] : []));
  return (
    <>
      <div className="page-head">
        <h1>{t("groups.title")}</h1>
        <Link to="/groups/new" className="btn btn-primary">
          {t("home.registerGroup")}
        </Link>
      </div>
      {groups.length ? (
        <>
          <PointsMap points={points} />
          <table className="table">
            <thead>
              <tr>
                <th>{t("group.name")}</th>
                <th>{t("geo.location")}</th>
                <th className="num">{t("group.households")}</th>
                <th>{t("group.project")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={`/groups/${g.id}`}>{g.name}</Link>
                  </td>
                  <td>
                    {placeLine(g)}
                    {/* An old commune split between several new ones, until someone picks the group's. */}
                    {g.placeCandidates && !g.communeCode ? (
                      <>
                        {" "}
                        <span className="badge badge-warn">{t("place.toChoose")}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{g._count.households}</td>
                  <td>{g.projectOwner?.name ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">{t("groups.none")}</p>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
