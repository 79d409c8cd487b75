import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { schemeLabel } from "~/domain/certifications/schemes";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { pickupReceiptHead } from "~/domain/chain-anchors.server";
import { answerLot, openDispute } from "~/domain/disputes.server";
import { measureLabel, productMeasures, type MeasureDef } from "~/domain/measures";
import { correctionSchema, disputeSchema, upholdSchema } from "~/domain/pickups.schema";
import { receiptCheckPath, shortHead } from "~/domain/receipts.schema";
import { productName } from "~/domain/product-name";
import { pickupInclude } from "~/domain/pickups.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { badRequest, notFound } from "~/utils/http.server";

async function load(request: Request, pickupId: string) {
  const access = await requireAccess(request);
  const pickup = await db.pickup.findUnique({ where: { id: pickupId }, include: pickupInclude });
  if (!pickup) notFound();
  const found = await findContractForViewer(access, pickup.contractId);
  if (!found) notFound();
  return { access, pickup, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, pickup, contract, role } = await load(request, params.pickupId!);
  const own = access.groups.find((g) => g.id === contract.groupId)?.householdId ?? null;
  const witnessed = !!own && pickup.witnesses.some((w) => w.householdId === own);
  // A member sees their own lots, or every lot of a pickup they witnessed.
  const lots = role === "group_member" && !witnessed ? pickup.lots.filter((l) => l.householdId === own) : pickup.lots;
  // The chain position printed on the receipt, from every lot (a member may not see them all).
  const head = pickupReceiptHead(pickup);
  // The certificates recorded with the pickup when it was weighed (valid on its date).
  const certificates = await db.pickupCertification.findMany({
    where: { pickupId: pickup.id },
    select: { certification: { select: { id: true, scheme: true, schemeName: true, number: true, validTo: true } } },
    orderBy: { certificationId: "asc" },
  });
  return {
    certificates: certificates.map((c) => c.certification),
    pickup: { ...pickup, lots },
    head: { seq: head.seq, hash: shortHead(head.hash) },
    contract: {
      id: contract.id,
      ref: contract.ref,
      group: contract.group.name,
      buyer: contract.buyer.name,
      product: { name: contract.season.product.name, nameEn: contract.season.product.nameEn },
      season: contract.season.name,
      grades: contract.grades,
    },
    measures: productMeasures(contract.season.product),
    role,
    own,
    canDispute: role === "group_leader" || witnessed,
  };
}

type ActionData = { lotId: string; intent: string; errors: FieldErrors; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, pickup } = await load(request, params.pickupId!);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const lotId = String(form.get("lotId") ?? "");
  if (!pickup.lots.some((l) => l.id === lotId)) notFound();
  const reply = (d: ActionData, status = 200) => data(d, { status });
  if (intent === "dispute") {
    const parsed = parseForm(disputeSchema, form);
    if (!parsed.ok) return reply({ lotId, intent, errors: parsed.errors }, 400);
    const r = await openDispute(access, lotId, parsed.data.reason);
    return r.ok ? reply({ lotId, intent, errors: {}, done: "dispute.sent" }) : reply({ lotId, intent, errors: r.errors }, r.status);
  }
  if (intent === "correct" || intent === "uphold") {
    const disputeId = String(form.get("disputeId") ?? "") || null;
    const parsed = intent === "correct" ? parseForm(correctionSchema, form) : parseForm(upholdSchema, form);
    if (!parsed.ok) return reply({ lotId, intent, errors: parsed.errors }, 400);
    const answer =
      intent === "correct"
        ? { kind: "correct" as const, ...(parsed.data as ReturnType<typeof correctionSchema.parse>) }
        : { kind: "uphold" as const, explanation: parsed.data.explanation };
    const r = await answerLot(access, lotId, disputeId, answer);
    return r.ok
      ? reply({ lotId, intent, errors: {}, done: intent === "correct" ? "dispute.corrected" : "dispute.upheld" })
      : reply({ lotId, intent, errors: r.errors }, r.status);
  }
  badRequest("Unknown intent");
}

export default function PickupPage() {
  const { pickup, head, contract, measures, role, own, canDispute, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (lotId: string, intent: string) => (actionData?.lotId === lotId && actionData.intent === intent ? actionData.errors : undefined);
  const byId = new Map(pickup.lots.map((l) => [l.id, l]));
  const isBuyer = role === "buyer" || role === "admin";
  const grades = contract.grades.map((g) => ({ value: g.code, label: `${g.code} — ${g.label}` }));
  // Measures in the order the product lists them (the ledger stores them sorted by key).
  const byDefinition = (key: string) => {
    const i = measures.findIndex((m) => m.key === key);
    return i < 0 ? measures.length : i;
  };
  return (
    <>
      <p>
        <Link to={`/contracts/${contract.id}`}>← {t("contract.heading", { ref: contract.ref })}</Link>
        {role === "buyer" || role === "group_leader" ? (
          <>
            {" · "}
            <Link to={`/pickups/${pickup.id}/labels`}>{t("label.print")}</Link>
          </>
        ) : null}
      </p>
      <h1>{t("pickup.title", { date: formatDate(pickup.date) })}</h1>
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.done ? (
        <p className="alert alert-ok" role="status">
          {t.dynamic(actionData.done)}
        </p>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("contract.group")}</dt>
          <dd>{contract.group}</dd>
          <dt>{t("contract.product")}</dt>
          <dd>
            {productName(contract.product, t.locale)} · {contract.season}
          </dd>
          <dt>{t("pickup.collectionPoint")}</dt>
          <dd>{pickup.collectionPoint ?? "—"}</dd>
          <dt>{t("pickup.vehicle")}</dt>
          <dd>{pickup.vehicle ?? "—"}</dd>
          <dt>{t("pickup.staff")}</dt>
          <dd>{pickup.staffName ?? "—"}</dd>
          <dt>{t("pickup.witnesses")}</dt>
          <dd>
            {pickup.witnesses.length ? pickup.witnesses.map((w) => w.household.headName).join(", ") : <strong className="warn">{t("pickup.noWitness")}</strong>}
          </dd>
          <dt>{t("certuse.pickupCerts")}</dt>
          <dd id="pickup-certificates">
            {certificates.length
              ? certificates
                  .map((c) =>
                    t("certuse.pickupCert", {
                      scheme: schemeLabel(t, c.scheme, c.schemeName),
                      number: c.number,
                      date: formatDate(c.validTo),
                    }),
                  )
                  .join("; ")
              : t("certuse.pickupNone")}
          </dd>
          <dt>{t("pickup.hash")}</dt>
          <dd>
            <code title={pickup.hash ?? ""}>{pickup.hash?.slice(0, 16)}…</code>
          </dd>
          <dt>{t("chain.position")}</dt>
          <dd id="chain-head">
            {`${contract.ref} · `}
            <strong>{t("chain.at", { seq: head.seq, hash: head.hash })}</strong>
            {" · "}
            <Link to={receiptCheckPath(contract.ref, head.seq, head.hash)}>{t("chain.check")}</Link>
          </dd>
        </dl>
        <p className="hint">{t("chain.keep")}</p>
      </section>
      <section className="card">
        <h2>{t("pickup.lots")}</h2>
        {pickup.lots.map((l) => {
          const fixOf = l.supersedesId ? byId.get(l.supersedesId) : null;
          const open = l.disputes.find((d) => d.status === "open");
          const effective = !l.supersededBy;
          const measurements = JSON.parse(l.measurements) as Record<string, string | number>;
          return (
            <article key={l.id} id={`lot-${l.id}`} className={`lot${effective ? "" : " superseded"}`}>
              <h3>
                {l.household.headName} {l.householdId === own ? <span className="badge">{t("household.mine")}</span> : null}
                {!effective ? <span className="badge status-closed">{t("lot.superseded")}</span> : null}
                {fixOf ? <span className="badge status-completed">{t("lot.correction")}</span> : null}
              </h3>
              <p>
                {t("pickup.grossKg")} {formatNumber(l.grossG / 1000, 3)} · {t("pickup.tareKg")} {formatNumber(l.tareG / 1000, 3)} · {t("pickup.net")}{" "}
                <strong>{formatNumber(l.netG / 1000, 3)} kg</strong>
              </p>
              <p>
                {t("grade.code")} <strong>{l.grade}</strong> · {formatVnd(l.unitPriceVnd)}/kg · {t("pickup.amount")} <strong>{formatVnd(l.amountVnd)}</strong>
              </p>
              {Object.keys(measurements).length ? (
                <p className="lot-measures">
                  {Object.entries(measurements)
                    .sort(([a], [b]) => byDefinition(a) - byDefinition(b))
                    .map(([k, v]) => measurementText(measures, k, v, t.locale))
                    .join(" · ")}
                </p>
              ) : null}
              {l.correctionReason ? <p className="muted">{t("lot.reason", { reason: l.correctionReason })}</p> : null}
              <p className="hint lot-chain">{`${t("chain.position")}: ${t("chain.at", { seq: l.chainSeq ?? 0, hash: shortHead(l.hash) })}`}</p>
              {l.disputes.map((d) => (
                <div key={d.id} className="thread">
                  <p>
                    <strong>{t("dispute.raised")}</strong> ({formatDateTime(d.createdAt)}): {d.reason}
                  </p>
                  {d.status !== "open" ? (
                    <p>
                      <strong>{t.dynamic(`disputeStatus.${d.status}`)}</strong>
                      {d.resolvedAt ? ` (${formatDateTime(d.resolvedAt)})` : ""}: {d.resolution}
                    </p>
                  ) : (
                    <p className="badge status-paused">{t("disputeStatus.open")}</p>
                  )}
                </div>
              ))}
              {effective && (canDispute || l.householdId === own) && !open ? (
                <details>
                  <summary className="btn btn-small">{t("dispute.raise")}</summary>
                  <AppForm noValidate>
                    <input type="hidden" name="intent" value="dispute" />
                    <input type="hidden" name="lotId" value={l.id} />
                    <Field label={t("dispute.reason")} name="reason" errors={errorsFor(l.id, "dispute")} hint={t("dispute.reasonHint")} />
                    <FormError errors={errorsFor(l.id, "dispute")} />
                    <SubmitButton>{t("dispute.send")}</SubmitButton>
                  </AppForm>
                </details>
              ) : null}
              {effective && isBuyer ? (
                <details open={!!open}>
                  <summary className="btn btn-small">{open ? t("dispute.answer") : t("lot.correct")}</summary>
                  <AppForm noValidate>
                    <input type="hidden" name="intent" value="correct" />
                    <input type="hidden" name="lotId" value={l.id} />
                    {open ? <input type="hidden" name="disputeId" value={open.id} /> : null}
                    <FormError errors={errorsFor(l.id, "correct")} />
                    <div className="row">
                      <Field
                        label={t("pickup.grossKg")}
                        name="grossKg"
                        inputMode="decimal"
                        defaultValue={formatNumber(l.grossG / 1000, 3).replace(/\./g, "")}
                        errors={errorsFor(l.id, "correct")}
                      />
                      <Field
                        label={t("pickup.tareKg")}
                        name="tareKg"
                        inputMode="decimal"
                        defaultValue={formatNumber(l.tareG / 1000, 3).replace(/\./g, "")}
                        errors={errorsFor(l.id, "correct")}
                      />
                      <SelectField label={t("grade.code")} name="grade" defaultValue={l.grade} options={grades} errors={errorsFor(l.id, "correct")} />
                    </div>
                    <Field label={t("lot.explanation")} name="explanation" errors={errorsFor(l.id, "correct")} />
                    <SubmitButton>{t("lot.saveCorrection")}</SubmitButton>
                  </AppForm>
                  {open ? (
                    <AppForm noValidate className="subform">
                      <input type="hidden" name="intent" value="uphold" />
                      <input type="hidden" name="lotId" value={l.id} />
                      <input type="hidden" name="disputeId" value={open.id} />
                      <Field label={t("lot.explanation")} name="explanation" errors={errorsFor(l.id, "uphold")} />
                      <FormError errors={errorsFor(l.id, "uphold")} />
                      <SubmitButton className="btn">{t("dispute.uphold")}</SubmitButton>
                    </AppForm>
                  ) : null}
                </details>
              ) : null}
            </article>
          );
        })}
      </section>
    </>
  );
}

/**
 * "Quả chín: 96%" in the reader's language, from the product's definition; a key the product
 * no longer defines shows as stored rather than disappearing.
 */
function measurementText(measures: MeasureDef[], key: string, value: string | number, locale: "vi" | "en"): string {
  const def = measures.find((m) => m.key === key);
  const shown = typeof value === "number" ? formatNumber(value, 2, locale) : value;
  if (!def) return `${key}: ${shown}`;
  const unit = def.unit ? (def.unit === "%" ? "%" : ` ${def.unit}`) : "";
  return `${measureLabel(def, locale, false)}: ${shown}${unit}`;
}

export const ErrorBoundary = RouteErrorBoundary;
