import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, ErrorSummary, Field, SubmitButton } from "~/components/form";
import { GradeTable } from "~/components/grade-table";
import { InvoiceStatusBadge } from "~/components/invoice-status";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { allowedMoves, CONTRACT_STATUSES, defaultSigningPlace, MOVES, signingSchema, type ContractStatus } from "~/domain/contracts";
import { changeContractStatus, contractHeadForViewer, contractPageView, deliveryProgress, renewContract, setSigningPlace } from "~/domain/contracts.server";
import { contractInvoices } from "~/domain/invoices.server";
import { contractFlags, pickupList } from "~/domain/pickups.server";
import { productName } from "~/domain/product-name";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { badRequest, notFound } from "~/utils/http.server";
import { confirmMissing, isConfirmed } from "~/utils/confirm";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const view = await contractPageView(access, params.contractId!);
  if (!view) notFound();
  const { contract, role, timeline } = view;
  // A member household sees its own allocation only.
  const ownHousehold = role === "group_member" ? access.groups.find((g) => g.id === contract.groupId)?.householdId : null;
  const allocations = role === "group_member" ? contract.allocations.filter((a) => a.householdId === ownHousehold) : contract.allocations;
  const progress = await deliveryProgress(contract.id);
  return {
    contract: { ...contract, allocations },
    role,
    moves: allowedMoves(contract.status, role),
    canRenew:
      ["buyer", "group_leader", "admin"].includes(role) &&
      (contract.status === "active" || contract.status === "completed") &&
      !contract.renewedBy.some((r) => r.status !== "cancelled"),
    progress: {
      deliveredTonnes: progress.deliveredKg / 1000,
      byGrade: progress.byGrade,
      byHousehold: allocations.map((a) => ({
        householdId: a.householdId,
        headName: a.household.headName,
        allocated: a.tonnes,
        delivered: (progress.byHousehold.get(a.householdId) ?? 0) / 1000,
      })),
    },
    timeline,
    flags: await contractFlags(contract.id),
    pickups: await pickupList(contract.id, role === "group_member" ? (ownHousehold ?? null) : undefined),
    canRecord: (role === "buyer" || role === "admin") && contract.status === "active",
    // Signed from an offer, the contract had no form for its place: the buyer gives it until deliveries start.
    canPlace: (role === "buyer" || role === "admin") && contract.status === "signed",
    canEditDraft: (role === "buyer" || role === "admin") && contract.status === "draft",
    invoices: role === "group_member" ? [] : await contractInvoices(contract.id),
  };
}

type ActionData = { intent: string; errors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const found = await contractHeadForViewer(access, params.contractId!);
  if (!found) notFound();
  const { head: contract, role } = found;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const actor = { userId: access.user.id, role };
  if (intent === "move") {
    const to = CONTRACT_STATUSES.find((s) => s === form.get("to"));
    if (!to) badRequest("Unknown status");
    // Every move is one way (contracts.ts MOVES has no step back); asked only of those who may make it.
    if (allowedMoves(contract.status, role).includes(to) && !isConfirmed(form)) return data<ActionData>({ intent, errors: confirmMissing }, { status: 400 });
    const reason =
      String(form.get("reason") ?? "")
        .trim()
        .slice(0, 500) || null;
    // Signing names its place (printed on the contract's first line); other moves ignore the field.
    // Checked only for whoever may sign: anyone else is refused by the move itself, learning nothing.
    let signedPlace: string | null = null;
    if (to === "signed" && allowedMoves(contract.status, role).includes("signed")) {
      const parsed = parseForm(signingSchema, form);
      if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors }, { status: 400 });
      signedPlace = parsed.data.signedPlace;
    }
    const r = await changeContractStatus(contract.id, to, actor, reason, todayInVietnam(), signedPlace);
    if (!r.ok)
      return data<ActionData>(
        { intent, errors: r.error === "error.reasonRequired" ? { reason: [r.error] } : { _form: [r.error] } },
        { status: r.error === "error.contractMove" ? 403 : 400 },
      );
    return data<ActionData>({ intent, errors: {} });
  }
  if (intent === "place") {
    const parsed = parseForm(signingSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors }, { status: 400 });
    if (!(await setSigningPlace(contract.id, parsed.data.signedPlace, role)))
      return data<ActionData>({ intent, errors: { _form: ["error.contractMove"] } }, { status: 403 });
    return data<ActionData>({ intent, errors: {} });
  }
  if (intent === "renew") {
    const r = await renewContract(contract.id, actor);
    if (!r.ok) return data<ActionData>({ intent, errors: { _form: [r.error] } }, { status: r.error === "error.contractMove" ? 403 : 409 });
    throw redirect(`/contracts/${r.id}`);
  }
  badRequest("Unknown intent");
}

export default function ContractPage() {
  const {
    contract: c,
    role,
    moves,
    canRenew,
    canPlace,
    progress,
    timeline,
    flags,
    pickups,
    canRecord,
    canEditDraft,
    invoices,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const pct = c.volumeTonnes ? Math.min(100, (progress.deliveredTonnes / c.volumeTonnes) * 100) : 0;
  const needsReason = moves.some((m) => MOVES[m as ContractStatus]?.reason);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {t("contract.heading", { ref: c.ref })} <span className={`badge status-${c.status}`}>{t.dynamic(`contractStatus.${c.status}`)}</span>
          </h1>
          <p className="muted">
            {c.buyer.name} ↔ {c.group.name} · {productName(c.season.product, t.locale)} · {c.season.name}
          </p>
        </div>
        <p className="actions">
          {canRecord ? (
            <Link to="pickups/new" className="btn btn-primary">
              {t("pickup.record")}
            </Link>
          ) : null}
          {canEditDraft ? (
            <Link to="edit" className="btn btn-primary">
              {t("draft.edit")}
            </Link>
          ) : null}
          <a href={`/contracts/${c.id}/pdf`} className="btn" download>
            {t("contract.pdf")}
          </a>
          <Link to="verify" className="btn">
            {t("verify.title")}
          </Link>
        </p>
      </div>
      <ErrorSummary errors={actionData?.errors} />
      <div className="grid-2">
        <section className="card">
          <h2>{t("offer.terms")}</h2>
          <dl className="facts">
            <dt>{t("contract.area")}</dt>
            <dd>{formatNumber(c.areaHa)} ha</dd>
            <dt>{t("contract.volume")}</dt>
            <dd>
              {formatNumber(c.volumeTonnes, 3)} {t("unit.tonnes")}
            </dd>
            <dt>{t("contract.priceMechanism")}</dt>
            <dd>
              {t.dynamic(`priceMechanism.${c.priceMechanism}`)}
              {c.marketReference ? ` — ${c.marketReference}` : ""}
            </dd>
            <dt>{t("contract.paymentTerms")}</dt>
            <dd>{t("contract.paymentTermsValue", { days: c.paymentTermsDays })}</dd>
            <dt>{t("contract.signedOn")}</dt>
            <dd>{formatDate(c.signedOn) || "—"}</dd>
            {c.signedPlace ? (
              <>
                <dt>{t("contract.signedPlace")}</dt>
                <dd>{c.signedPlace}</dd>
              </>
            ) : null}
            {c.renews ? (
              <>
                <dt>{t("contract.renews")}</dt>
                <dd>
                  <Link to={`/contracts/${c.renews.id}`}>{c.renews.ref}</Link> ({c.renews.season.name})
                </dd>
              </>
            ) : null}
            {c.renewedBy.map((r) => (
              <span key={r.id} style={{ display: "contents" }}>
                <dt>{t("contract.renewedBy")}</dt>
                <dd>
                  <Link to={`/contracts/${r.id}`}>{r.ref}</Link> ({r.season.name}, {t.dynamic(`contractStatus.${r.status}`)})
                </dd>
              </span>
            ))}
          </dl>
          <h3>{t("contract.grades")}</h3>
          <GradeTable grades={c.grades} />
        </section>
        <section className="card">
          <h2>{t("contract.progress")}</h2>
          <div
            className="progress"
            role="img"
            aria-label={t("contract.progressLabel", { delivered: formatNumber(progress.deliveredTonnes, 3), contracted: formatNumber(c.volumeTonnes, 3) })}
          >
            <span style={{ width: `${pct}%` }} />
          </div>
          <p>{t("contract.progressLabel", { delivered: formatNumber(progress.deliveredTonnes, 3), contracted: formatNumber(c.volumeTonnes, 3) })}</p>
          {progress.byGrade.length ? (
            <ul className="list">
              {progress.byGrade.map((g) => (
                <li key={g.grade}>
                  {t("grade.code")} {g.grade}: {formatNumber(g.kg / 1000, 3)} {t("unit.tonnes")} · {formatVnd(g.amountVnd)}
                </li>
              ))}
            </ul>
          ) : null}
          <h3>{role === "group_member" ? t("contract.myAllocation") : t("contract.allocations")}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("household.headName")}</th>
                  <th className="num">{t("contract.allocatedTonnes")}</th>
                  <th className="num">{t("contract.deliveredTonnes")}</th>
                </tr>
              </thead>
              <tbody>
                {progress.byHousehold.map((h) => (
                  <tr key={h.householdId}>
                    <td>
                      {h.headName}
                      <span className="mini-bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, h.allocated ? (h.delivered / h.allocated) * 100 : 0)}%` }} />
                      </span>
                    </td>
                    <td className="num">{formatNumber(h.allocated, 3)}</td>
                    <td className="num">{formatNumber(h.delivered, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>

      {moves.length || canRenew || canPlace ? (
        <section className="card">
          <h2>{t("contract.actions")}</h2>
          {moves.length ? (
            <AppForm noValidate>
              <input type="hidden" name="intent" value="move" />
              {moves.includes("signed") ? (
                <Field
                  label={t("contract.signedPlace")}
                  name="signedPlace"
                  maxLength={120}
                  defaultValue={c.signedPlace ?? defaultSigningPlace(c.group)}
                  errors={actionData?.intent === "move" ? actionData.errors : undefined}
                  hint={t("contract.signedPlaceHint")}
                />
              ) : null}
              {needsReason ? (
                <Field
                  label={t("contract.reason")}
                  name="reason"
                  errors={actionData?.intent === "move" ? actionData.errors : undefined}
                  hint={t("contract.reasonHint")}
                />
              ) : null}
              <dl className="facts move-hints">
                {moves.map((m) => (
                  <span key={m} style={{ display: "contents" }}>
                    <dt>{t.dynamic(`contractMove.${m}`)}</dt>
                    <dd>{t.dynamic(`contractMoveHint.${m}`)}</dd>
                  </span>
                ))}
              </dl>
              <CheckboxField label={t("confirm.contractMove")} name="confirm" errors={actionData?.intent === "move" ? actionData.errors : undefined} />
              <div className="actions">
                {moves.map((m) => (
                  <SubmitButton key={m} name="to" value={m} className={m === "cancelled" || m === "breached" ? "btn btn-danger" : "btn btn-primary"}>
                    {t.dynamic(`contractMove.${m}`)}
                  </SubmitButton>
                ))}
              </div>
            </AppForm>
          ) : null}
          {canPlace ? (
            <AppForm className="subform" noValidate>
              <input type="hidden" name="intent" value="place" />
              <Field
                label={t("contract.signedPlace")}
                name="signedPlace"
                maxLength={120}
                defaultValue={c.signedPlace ?? defaultSigningPlace(c.group)}
                errors={actionData?.intent === "place" ? actionData.errors : undefined}
                hint={t("contract.signedPlaceHint")}
              />
              <SubmitButton>{t("contract.savePlace")}</SubmitButton>
            </AppForm>
          ) : null}
          {canRenew ? (
            <AppForm className="subform">
              <input type="hidden" name="intent" value="renew" />
              <p className="hint">{t("contract.renewHint")}</p>
              <SubmitButton>{t("contract.renew")}</SubmitButton>
            </AppForm>
          ) : null}
        </section>
      ) : null}

      <section className="card" id="pickups">
        <h2>{t("pickup.listTitle")}</h2>
        <p>
          {flags.unwitnessed ? <span className="badge status-closed">{t("pickup.unwitnessedCount", { n: flags.unwitnessed })}</span> : null}{" "}
          {flags.openDisputes ? <span className="badge status-paused">{t("dispute.openCount", { n: flags.openDisputes })}</span> : null}
        </p>
        {c.status === "signed" && (role === "buyer" || role === "admin") ? <p className="hint">{t("contract.pickupsAfterStart")}</p> : null}
        {c.status === "draft" ? <p className="hint">{t("draft.notYet")}</p> : null}
        {pickups.length === 0 ? <p className="muted">{t("pickup.none")}</p> : null}
        <ul className="list">
          {pickups.map((p) => (
            <li key={p.id}>
              <Link to={`/pickups/${p.id}`}>{formatDate(p.date)}</Link> · {p.collectionPoint ?? ""} · {t("pickup.lotCount", { n: p.lots })}
              {p.witnesses === 0 ? <strong className="warn"> · {t("pickup.noWitness")}</strong> : null}
            </li>
          ))}
        </ul>
      </section>

      {role !== "group_member" ? (
        <section className="card" id="invoices">
          <div className="page-head">
            <h2>{t("invoices.title")}</h2>
            {role === "buyer" || role === "admin" ? (
              <Link to="invoices/new" className="btn btn-small">
                {t("invoice.issue")}
              </Link>
            ) : null}
          </div>
          {invoices.length === 0 ? <p className="muted">{t("invoice.none")}</p> : null}
          <ul className="list">
            {invoices.map((i) => (
              <li key={i.id}>
                <Link to={`/invoices/${i.id}`}>{i.code}</Link> · {formatDate(i.issuedOn)} · {formatVnd(i.dueVnd)} · <InvoiceStatusBadge state={i.state} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card">
        <h2>{t("contract.timeline")}</h2>
        <ol className="timeline">
          {timeline.map((e) => (
            <li key={e.id}>
              <strong>{t.dynamic(`contractStatus.${e.toStatus}`)}</strong> · {formatDateTime(e.at)}
              {e.by ? ` · ${e.by}` : ""}
              {e.reason ? <p className="muted">{e.reason}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
