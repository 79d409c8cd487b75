import { useState } from "react";
import { schemeLabel } from "~/domain/certifications/schemes";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, CheckboxField, Field, FormError, SubmitButton } from "~/components/form";
import { GradeTable } from "~/components/grade-table";
import { PointsMap } from "~/components/maps";
import { AllocationShares } from "~/components/allocation-shares";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { acceptancesForBuyer, acceptancesOfGroups, confirmAcceptance, declineAcceptance, submitAcceptance } from "~/domain/acceptances.server";
import { acceptanceFormValues, acceptanceSchema, declineSchema } from "~/domain/offers.schema";
import { changeOfferStatus, confirmedTonnes, findOfferForViewer, type OfferAction } from "~/domain/offers.server";
import { productName } from "~/domain/product-name";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import { formToObject, parseForm, parseWith, type FieldErrors } from "~/utils/forms";
import { badRequest, forbidden, notFound } from "~/utils/http.server";
import { confirmMissing, isConfirmed } from "~/utils/confirm";
import { placeLine } from "~/domain/places/place";
import { groupsWithoutScheme } from "~/domain/certifications/validity.server";
import { RequiredSchemeBadge } from "~/components/required-scheme";

async function load(request: Request, offerId: string) {
  const access = await requireAccess(request);
  const view = await findOfferForViewer(access, offerId);
  if (!view) notFound();
  return { access, ...view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, offer, canEdit, eligibleGroups, outsideGroups } = await load(request, params.offerId!);
  const led = eligibleGroups.filter((g) => access.groups.some((m) => m.id === g.id && m.role === "group_leader"));
  const chosen = led.find((g) => g.id === new URL(request.url).searchParams.get("group")) ?? led[0];
  const today = todayInVietnam();
  // A required certification the chosen group lacks: the form gives way to the reason, as for areas.
  const uncertified =
    chosen && offer.requiredScheme
      ? await groupsWithoutScheme(db, [chosen.id], { productId: offer.productId, on: today, through: offer.windowStart, scheme: offer.requiredScheme })
      : [];
  const [confirmed, acceptances, ownAcceptances, households, groupNames] = await Promise.all([
    confirmedTonnes(db, offer.id),
    canEdit ? acceptancesForBuyer(offer.id) : Promise.resolve([]),
    acceptancesOfGroups(
      offer.id,
      led.map((g) => g.id),
    ),
    chosen ? db.household.findMany({ where: { groupId: chosen.id }, select: { id: true, headName: true }, orderBy: { headName: "asc" } }) : Promise.resolve([]),
    db.farmerGroup.findMany({ where: { id: { in: led.map((g) => g.id) } }, select: { id: true, name: true, lat: true, lng: true } }),
  ]);
  return {
    offer,
    canEdit,
    confirmed,
    acceptances,
    ownAcceptances,
    leader: chosen
      ? {
          groupId: chosen.id,
          groups: groupNames,
          households,
          lacksScheme: uncertified.length ? offer.requiredScheme : null,
          groupName: groupNames.find((g) => g.id === chosen.id)?.name ?? "",
        }
      : null,
    // Why the caller's groups cannot take it up, when none of them can.
    outsideGroups: chosen ? [] : outsideGroups,
    open: offer.status === "published" && offer.windowEnd >= today,
  };
}

type ActionData = { intent: string; acceptanceId?: string; errors: FieldErrors; values?: Record<string, unknown>; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, offer, canEdit } = await load(request, params.offerId!);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const reply = (d: ActionData, status = 200) => data(d, { status });
  const today = todayInVietnam();

  if (["publish", "pause", "resume", "close"].includes(intent)) {
    if (!canEdit) forbidden();
    // Publishing shows the offer to every group, on terms that can no longer be edited.
    if ((intent === "close" || intent === "publish") && !isConfirmed(form)) return reply({ intent, errors: confirmMissing }, 400);
    const r = await changeOfferStatus(offer.id, intent as OfferAction, access.user.id);
    return r.ok ? reply({ intent, errors: {}, done: "common.saved" }) : reply({ intent, errors: { _form: [r.error!] } }, 409);
  }
  if (intent === "confirm" || intent === "decline") {
    if (!canEdit) forbidden();
    const acceptanceId = String(form.get("acceptanceId") ?? "");
    if (intent === "confirm") {
      // Confirming signs a contract in the organisation's name.
      if (!isConfirmed(form)) return reply({ intent, acceptanceId, errors: confirmMissing }, 400);
      const r = await confirmAcceptance(offer.id, acceptanceId, access.user.id, today);
      if (!r.ok) return reply({ intent, errors: { _form: [r.error] } }, r.error === "error.notFound" ? 404 : 409);
      throw redirect(`/contracts/${r.contractId}`);
    }
    const parsed = parseForm(declineSchema, form);
    if (!parsed.ok || !isConfirmed(form))
      return reply({ intent, errors: { ...(parsed.ok ? {} : parsed.errors), ...(isConfirmed(form) ? {} : confirmMissing) } }, 400);
    const r = await declineAcceptance(offer.id, acceptanceId, access.user.id, parsed.data.reason);
    return r.ok
      ? reply({ intent, errors: {}, done: "offer.declined" })
      : reply({ intent, errors: { _form: [r.error] } }, r.error === "error.notFound" ? 404 : 409);
  }
  if (intent === "accept") {
    const groupId = String(form.get("groupId") ?? "");
    if (!access.groups.some((g) => g.id === groupId && g.role === "group_leader")) forbidden();
    const values = acceptanceFormValues(formToObject(form));
    const parsed = parseWith(acceptanceSchema, values);
    if (!parsed.ok) return reply({ intent, errors: parsed.errors, values }, 400);
    const r = await submitAcceptance(access, offer.id, groupId, parsed.data, today);
    return r.ok ? reply({ intent, errors: {}, done: "offer.acceptanceSent" }) : reply({ intent, errors: r.errors, values }, 409);
  }
  badRequest("Unknown intent");
}

/**
 * Area, volume and the households' shares, with the running total of the shares against the
 * volume: live as the leader types, and from the posted values when the server refuses a
 * take-up whose shares do not add up (so it shows without JavaScript too).
 */
function TakeUpFields({
  households,
  values,
  errors,
}: {
  households: { id: string; headName: string }[];
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const t = useT();
  const [volume, setVolume] = useState(String(values?.volumeTonnes ?? ""));
  const [shares, setShares] = useState<Record<string, string>>(() =>
    Object.fromEntries(households.map((h) => [h.id, String(values?.[`alloc.${h.id}`] ?? "")])),
  );
  return (
    <>
      <div className="row">
        <Field label={t("contract.area")} name="areaHa" inputMode="decimal" defaultValue={String(values?.areaHa ?? "")} errors={errors} required />
        <Field
          label={t("contract.volume")}
          name="volumeTonnes"
          inputMode="decimal"
          value={volume}
          onChange={(e) => setVolume(e.target.value)}
          errors={errors}
          required
        />
      </div>
      <AllocationShares
        households={households}
        volume={volume}
        shares={shares}
        onShare={(id, v) => setShares((cur) => ({ ...cur, [id]: v }))}
        errors={errors}
      />
    </>
  );
}

export default function OfferPage() {
  const { offer, canEdit, confirmed, acceptances, ownAcceptances, leader, open, outsideGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const provinces = JSON.parse(offer.eligibleProvinces) as string[];
  const districts = JSON.parse(offer.eligibleDistricts) as string[];
  const groupPoints = (leader?.groups ?? [])
    .filter((g) => g.lat !== null)
    .map((g) => ({ id: g.id, lat: g.lat!, lng: g.lng!, label: g.name, kind: "group" as const }));
  const remaining = Math.max(0, offer.maxTonnes - confirmed);
  const area = [...provinces, ...districts.map((name) => t("dash.filter.formerDistrict", { name }))].join(", ") || t("offer.anywhere");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {offer.title} <span className={`badge status-${offer.status}`}>{t.dynamic(`offerStatus.${offer.status}`)}</span>
          </h1>
          <p className="muted">
            {offer.buyer.name} · {productName(offer.product, t.locale)} · {offer.season.name} <RequiredSchemeBadge scheme={offer.requiredScheme} />
          </p>
        </div>
        {canEdit ? (
          <AppForm className="actions">
            {offer.status === "draft" ? (
              <Link to="edit" className="btn">
                {t("common.edit")}
              </Link>
            ) : null}
            {offer.status === "published" ? (
              <SubmitButton name="intent" value="pause" className="btn">
                {t("offer.pause")}
              </SubmitButton>
            ) : null}
            {offer.status === "paused" ? (
              <SubmitButton name="intent" value="resume">
                {t("offer.resume")}
              </SubmitButton>
            ) : null}
          </AppForm>
        ) : null}
      </div>
      {canEdit && offer.status === "draft" ? (
        <details className="subform confirm-step" open={actionData?.intent === "publish" && !!actionData.errors.confirm}>
          <summary className="btn btn-primary">{t("offer.publish")}…</summary>
          <AppForm noValidate>
            <input type="hidden" name="intent" value="publish" />
            <p className="hint">{t("confirm.publishOfferHint")}</p>
            <CheckboxField label={t("confirm.publishOffer")} name="confirm" errors={errorsFor("publish")} />
            <SubmitButton>{t("offer.publish")}</SubmitButton>
          </AppForm>
        </details>
      ) : null}
      {canEdit && offer.status !== "closed" ? (
        <details className="subform confirm-step" open={actionData?.intent === "close" && !!actionData.errors.confirm}>
          <summary className="btn btn-small btn-danger">{t("offer.close")}…</summary>
          <AppForm noValidate>
            <input type="hidden" name="intent" value="close" />
            <p className="hint">{t("confirm.closeOfferHint")}</p>
            <CheckboxField label={t("confirm.closeOffer")} name="confirm" errors={errorsFor("close")} />
            <SubmitButton className="btn btn-danger">{t("offer.close")}</SubmitButton>
          </AppForm>
        </details>
      ) : null}
      {actionData?.done ? (
        <p className="alert alert-ok" role="status">
          {t.dynamic(actionData.done)}
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <div className="grid-2">
        <section className="card">
          <h2>{t("offer.terms")}</h2>
          <dl className="facts">
            <dt>{t("offer.quantity")}</dt>
            <dd>{t("offer.quantityValue", { min: formatNumber(offer.minTonnes), max: formatNumber(offer.maxTonnes) })}</dd>
            <dt>{t("offer.remaining")}</dt>
            <dd>
              {formatNumber(remaining, 3)} {t("unit.tonnes")}
            </dd>
            <dt>{t("offer.window")}</dt>
            <dd>
              {formatDate(offer.windowStart)} – {formatDate(offer.windowEnd)}
            </dd>
            <dt>{t("contract.priceMechanism")}</dt>
            <dd>
              {t.dynamic(`priceMechanism.${offer.priceMechanism}`)}
              {offer.marketReference ? ` — ${offer.marketReference}` : ""}
            </dd>
            <dt>{t("contract.paymentTerms")}</dt>
            <dd>{t("contract.paymentTermsValue", { days: offer.paymentTermsDays })}</dd>
            {offer.groupFundPct ? (
              <>
                <dt>{t("contract.groupFund")}</dt>
                <dd>{formatPercent(offer.groupFundPct, 2)}</dd>
              </>
            ) : null}
            {offer.inputsAdvanced ? (
              <>
                <dt>{t("offer.inputsAdvanced")}</dt>
                <dd>
                  {offer.inputsAdvanced}
                  {offer.inputRecovery ? ` — ${offer.inputRecovery}` : ""}
                </dd>
              </>
            ) : null}
            <dt>{t("offer.eligibility")}</dt>
            <dd>{area}</dd>
            {offer.requiredScheme ? (
              <>
                <dt>{t("certuse.requiredScheme")}</dt>
                <dd>{schemeLabel(t, offer.requiredScheme)}</dd>
              </>
            ) : null}
          </dl>
          {offer.notes ? <p>{offer.notes}</p> : null}
          <h3>{t("offer.grades")}</h3>
          <GradeTable grades={offer.grades} />
        </section>
        <section className="card">
          <h2>{t("offer.points")}</h2>
          <PointsMap
            points={[...offer.collectionPoints.map((p) => ({ id: p.id, lat: p.lat, lng: p.lng, label: p.name, kind: "buyer" as const })), ...groupPoints]}
            height={300}
          />
          <ul className="list">
            {offer.collectionPoints.map((p) => (
              <li key={p.id}>{p.name}</li>
            ))}
          </ul>
        </section>
      </div>

      {outsideGroups.length ? (
        <section className="card" id="accept">
          <h2>{t("offer.acceptTitle")}</h2>
          {outsideGroups.map((g) => (
            <p key={g.id} className="alert alert-error">
              {t("eligibility.outside", {
                group: g.name,
                place: g.former ? t("eligibility.placeWithFormer", { place: g.place, former: g.former }) : g.place,
                area,
              })}
            </p>
          ))}
          <p className="hint">{t("eligibility.outsideHint")}</p>
        </section>
      ) : null}

      {leader ? (
        <section className="card" id="accept">
          <h2>{t("offer.acceptTitle")}</h2>
          {ownAcceptances.map((a) => (
            <p key={a.id} className="alert alert-ok">
              {t.dynamic(`acceptanceStatus.${a.status}`)}: {formatNumber(a.volumeTonnes, 3)} {t("unit.tonnes")}
              {a.declineReason ? ` — ${a.declineReason}` : ""}
              {a.contract ? (
                <>
                  {" "}
                  · <Link to={`/contracts/${a.contract.id}`}>{t("offer.seeContract")}</Link>
                </>
              ) : null}
            </p>
          ))}
          {leader.lacksScheme ? (
            <>
              <p className="alert alert-error">
                {t("certuse.missingFor", { group: leader.groupName })} {t.dynamic(`certuse.required.${leader.lacksScheme}`)}
              </p>
              <p className="hint">{t("certuse.missingHint", { date: formatDate(offer.windowStart) })}</p>
            </>
          ) : open ? (
            <AppForm noValidate>
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="groupId" value={leader.groupId} />
              <FormError errors={errorsFor("accept")} />
              <p className="hint">{t("offer.acceptHint", { remaining: formatNumber(remaining, 3) })}</p>
              <TakeUpFields
                households={leader.households}
                values={actionData?.intent === "accept" ? actionData.values : undefined}
                errors={errorsFor("accept")}
              />
              <CheckboxField label={t("offer.acceptTerms")} name="acceptTerms" errors={errorsFor("accept")} />
              <SubmitButton>{t("offer.accept")}</SubmitButton>
            </AppForm>
          ) : (
            <p className="muted">{t("offer.notOpen")}</p>
          )}
        </section>
      ) : null}

      {canEdit ? (
        <section className="card" id="acceptances">
          <h2>{t("offer.acceptances")}</h2>
          {acceptances.length === 0 ? <p className="muted">{t("offer.noAcceptances")}</p> : null}
          {acceptances.map((a) => (
            <article key={a.id} className="acceptance">
              <h3>
                {a.group.name} <span className="badge">{t.dynamic(`acceptanceStatus.${a.status}`)}</span>
              </h3>
              <p>
                {placeLine(a.group)} · {formatNumber(a.areaHa)} ha ·{" "}
                <strong>
                  {formatNumber(a.volumeTonnes, 3)} {t("unit.tonnes")}
                </strong>
              </p>
              <details>
                <summary>{t("offer.allocations")}</summary>
                <ul className="list">
                  {a.allocations.map((x) => (
                    <li key={x.householdId}>
                      {x.headName}: {formatNumber(x.tonnes, 3)} {t("unit.tonnes")}
                    </li>
                  ))}
                </ul>
              </details>
              {a.status === "pending" ? (
                <div className="actions">
                  <details className="subform confirm-step" open={actionData?.intent === "confirm" && actionData.acceptanceId === a.id}>
                    <summary className="btn btn-primary">{t("offer.confirm")}…</summary>
                    <AppForm noValidate>
                      <input type="hidden" name="intent" value="confirm" />
                      <input type="hidden" name="acceptanceId" value={a.id} />
                      <CheckboxField
                        label={t("confirm.confirmAcceptance", { group: a.group.name, tonnes: formatNumber(a.volumeTonnes, 3) })}
                        name="confirm"
                        errors={actionData?.acceptanceId === a.id ? errorsFor("confirm") : undefined}
                      />
                      <SubmitButton>{t("offer.confirm")}</SubmitButton>
                    </AppForm>
                  </details>
                  <AppForm noValidate className="decline">
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="acceptanceId" value={a.id} />
                    <Field label={t("offer.declineReason")} name="reason" errors={errorsFor("decline")} />
                    <CheckboxField label={t("confirm.declineAcceptance")} name="confirm" errors={errorsFor("decline")} />
                    <SubmitButton className="btn btn-danger">{t("offer.decline")}</SubmitButton>
                  </AppForm>
                </div>
              ) : null}
              {a.declineReason ? <p className="muted">{a.declineReason}</p> : null}
              {a.contract ? <Link to={`/contracts/${a.contract.id}`}>{t("offer.seeContract")}</Link> : null}
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
