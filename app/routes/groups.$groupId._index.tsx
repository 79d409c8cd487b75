import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CertificationSummary } from "~/components/certifications";
import { AppForm, SubmitButton } from "~/components/form";
import { PointsMap } from "~/components/maps";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess, requireGroup, requireGroupLeader } from "~/domain/access.server";
import { findGroupCertAccess, listCertifications } from "~/domain/certifications/certifications.server";
import { POVERTY_STATUSES } from "~/domain/groups.schema";
import { householdsOf, pickGroupCommune } from "~/domain/groups.server";
import { nonPoorOverLimit } from "~/domain/evaluation/participation.server";
import { candidateOptions } from "~/domain/place-form.server";
import { formerLine, placeLine } from "~/domain/places/place";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatPercent, formatVnd } from "~/utils/format";
import { badRequest } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group, role, whole } = await requireGroup(access, params.groupId!);
  // A member sees the group and their own household only.
  const rows = await householdsOf(group.id, memberHousehold(access, group.id, role));
  // What the page shows, no more: no phone numbers; baseline income only to those who see the
  // group whole (its own people, its project, its area's authority), not to a buyer it trades with.
  const income = whole;
  const households = rows.map((h) => ({
    id: h.id,
    headName: h.headName,
    headSex: h.headSex,
    ethnicMinority: h.ethnicMinority,
    ethnicity: h.ethnicity,
    povertyStatus: h.povertyStatus,
    members: h.members,
    baselineIncomeVnd: income ? h.baselineIncomeVnd : null,
  }));
  // The group's own people see that the project it asked to join has not confirmed it yet.
  const requested =
    group.projectRequestedId && role !== "viewer"
      ? await db.organisation.findUnique({ where: { id: group.projectRequestedId }, select: { name: true } })
      : null;
  // An old commune split between several new ones: those who may edit the group pick its current one.
  const split = group.communeCode ? [] : candidateOptions(group.placeCandidates);
  // Diaries: the household's own member, the leader, the site administrator and the group's project.
  const diaries =
    role === "group_member" ||
    role === "group_leader" ||
    role === "admin" ||
    access.orgs.some((o) => o.kind === "project_owner" && o.id === group.projectOwnerId);
  // Certificates in force, to those who may read the group's certificates (not an authority).
  const certAccess = await findGroupCertAccess(access, group.id);
  return {
    certs: certAccess ? await listCertifications(certAccess.holder, todayInVietnam(), { inForceOnly: true }) : null,
    nonPoorOver: whole ? await nonPoorOverLimit(group.id) : null,
    diaries,
    group,
    role,
    whole,
    households,
    income,
    requested,
    canEdit: role === "group_leader" || role === "admin",
    former: formerLine(group),
    split,
    created: new URL(request.url).searchParams.get("created") === "1",
  };
}

/** Picks a split commune's current commune: one of its candidates, by those who may edit the group. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!);
  const form = await readForm(request);
  if (form.get("intent") !== "pickCommune") badRequest("Unknown intent");
  if (!(await pickGroupCommune(group.id, String(form.get("communeCode") ?? "")))) {
    return data({ errors: { communeCode: ["place.notCandidate"] }, picked: false }, { status: 400 });
  }
  return { errors: {}, picked: true };
}

export default function GroupPage() {
  const { group, households, income, canEdit, role, whole, requested, former, split, nonPoorOver, diaries, created, certs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const pickErrors: string[] = actionData && "communeCode" in actionData.errors ? actionData.errors.communeCode : [];
  const byPoverty = POVERTY_STATUSES.map((s) => ({ s, n: households.filter((h) => h.povertyStatus === s).length }));
  const femaleHeaded = households.filter((h) => h.headSex === "female").length;
  const minority = households.filter((h) => h.ethnicMinority).length;
  const max = Math.max(1, ...byPoverty.map((b) => b.n));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{group.name}</h1>
          <p className="muted" id="group-place">
            {placeLine(group)}
            {split.length ? (
              <>
                {" "}
                <span className="badge badge-warn">{t("place.toChoose")}</span>
              </>
            ) : null}
            {group.projectOwner ? ` · ${t("group.project")}: ${group.projectOwner.name}` : ""}
          </p>
          {former ? (
            <p className="hint" id="group-former-place">
              {t("place.former", { place: former })}
            </p>
          ) : null}
          {pickErrors.length && !split.length ? (
            <p className="alert alert-error" role="alert">
              {pickErrors.map((k) => t.dynamic(k)).join(" ")}
            </p>
          ) : null}
          {created ? (
            <p className="alert alert-ok" role="status" id="group-created">
              {t("group.created", { name: group.name })}
            </p>
          ) : null}
          {actionData?.picked ? (
            <p className="alert alert-ok" role="status">
              {t("place.picked")}
            </p>
          ) : null}
          {requested ? (
            <p className="hint" id="project-pending">
              {t("enrolment.pending", { project: requested.name })}
            </p>
          ) : null}
        </div>
        {canEdit ? (
          <p className="actions">
            <Link to="households/new" className="btn btn-primary">
              {t("household.add")}
            </Link>
            <Link to="edit" className="btn">
              {t("common.edit")}
            </Link>
            <Link to="members" className="btn">
              {t("group.accounts")}
            </Link>
            <Link to="rota" className="btn">
              {t("rota.link")}
            </Link>
          </p>
        ) : null}
        <p className="actions">
          {whole ? (
            <Link to="fund" className="btn btn-small">
              {t("fund.link")}
            </Link>
          ) : null}
          <Link to="advances" className="btn btn-small">
            {t("advances.link")}
          </Link>
        </p>
      </div>
      {nonPoorOver !== null ? (
        <p className="alert alert-error" role="alert" id="non-poor-warning">
          {t("eval.overLimitWarning", { share: formatPercent(nonPoorOver * 100) })}
        </p>
      ) : null}
      {split.length ? (
        <section className="card place-split" id="place-split">
          <h2>{t("place.splitTitle")}</h2>
          {canEdit ? (
            <AppForm noValidate>
              <input type="hidden" name="intent" value="pickCommune" />
              <fieldset aria-describedby={pickErrors.length ? "place-split-err" : undefined}>
                <legend>{t("place.splitText", { commune: group.commune })}</legend>
                {split.map((c) => (
                  <div key={c.code} className="field field-check">
                    <input id={`pick-${c.code}`} type="radio" name="communeCode" value={c.code} />
                    <label htmlFor={`pick-${c.code}`}>{c.name}</label>
                  </div>
                ))}
              </fieldset>
              {pickErrors.length ? (
                <p id="place-split-err" className="field-error" role="alert">
                  {pickErrors.map((k) => t.dynamic(k)).join(" ")}
                </p>
              ) : null}
              <SubmitButton>{t("place.splitSave")}</SubmitButton>
            </AppForm>
          ) : (
            <p>{t("place.splitWaiting", { commune: group.commune })}</p>
          )}
        </section>
      ) : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("group.summary")}</h2>
          <p className="big-number">
            {households.length} <span>{t("group.households")}</span>
          </p>
          <div className="bars" role="img" aria-label={t("group.povertyChart")}>
            {byPoverty.map(({ s, n }) => (
              <div key={s} className="bar-row">
                <span className="bar-label">{t(`poverty.${s}`)}</span>
                <span className="bar" style={{ width: `${(n / max) * 100}%` }} />
                <span className="bar-value">{n}</span>
              </div>
            ))}
          </div>
          <p>
            {t("group.femaleHeaded")}: <strong>{femaleHeaded}</strong> · {t("group.ethnicMinority")}: <strong>{minority}</strong>
          </p>
          {group.foundedOn ? (
            <p className="muted">
              {t("group.foundedOn")}: {formatDate(group.foundedOn)}
            </p>
          ) : null}
          {group.taxCode ? (
            <p className="muted">
              {t("statement.taxCode")}: {group.taxCode}
            </p>
          ) : null}
        </section>
        <section className="card">
          {group.lat !== null && group.lng !== null ? (
            <PointsMap points={[{ id: group.id, lat: group.lat, lng: group.lng, label: group.name }]} height={280} />
          ) : (
            <p className="muted">{t("group.noLocation")}</p>
          )}
        </section>
      </div>
      {certs ? <CertificationSummary certs={certs} to="certifications" /> : null}
      <section className="card">
        <h2>{role === "group_member" ? t("household.mine") : t("household.title")}</h2>
        {households.length === 0 ? <p className="muted">{t("household.none")}</p> : null}
        <div className="table-wrap">
          <table className="table" id="households">
            <thead>
              <tr>
                <th>{t("household.headName")}</th>
                <th className="hide-sm">{t("household.headSex")}</th>
                <th className="hide-sm">{t("household.ethnicity")}</th>
                <th>{t("household.povertyStatus")}</th>
                <th className="num hide-sm">{t("household.members")}</th>
                {income ? <th className="num">{t("household.baselineIncome")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {households.map((h) => (
                <tr key={h.id}>
                  <td>
                    {canEdit ? <Link to={`households/${h.id}`}>{h.headName}</Link> : h.headName}
                    {canEdit || role === "group_member" ? (
                      <>
                        {" "}
                        <Link to={`passbook/${h.id}`} className="hint">
                          {t("passbook.link")}
                        </Link>
                      </>
                    ) : null}
                    {diaries ? (
                      <>
                        {" "}
                        <Link to={`households/${h.id}/diary`} className="hint">
                          {t("diary.link")}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td className="hide-sm">{t(`sex.${h.headSex as "female" | "male"}`)}</td>
                  <td className="hide-sm">{h.ethnicMinority ? h.ethnicity : t("household.kinh")}</td>
                  <td>{t.dynamic(`poverty.${h.povertyStatus}`)}</td>
                  <td className="num hide-sm">{h.members}</td>
                  {income ? <td className="num">{h.baselineIncomeVnd !== null ? formatVnd(h.baselineIncomeVnd) : "—"}</td> : null}
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
