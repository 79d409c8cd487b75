import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, ErrorSummary, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { InvoiceStatusBadge } from "~/components/invoice-status";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess } from "~/domain/access.server";
import { productName } from "~/domain/product-name";
import { payoutsFor } from "~/domain/payouts/payouts.server";
import { vietQrSvg } from "~/domain/payouts/vietqr.server";
import { balances, cancelInvoice, findInvoiceForViewer, invoiceCode, recordPayment, statusOf } from "~/domain/invoices.server";
import { cancelSchema, PAYMENT_METHODS, paymentSchema } from "~/domain/money.schema";
import { vndInWords } from "~/domain/vnd-words";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { badRequest, notFound } from "~/utils/http.server";
import { confirmMissing, isConfirmed } from "~/utils/confirm";

async function load(request: Request, invoiceId: string) {
  const access = await requireAccess(request);
  const found = await findInvoiceForViewer(access, invoiceId);
  if (!found) notFound();
  return { access, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, invoice, role, names } = await load(request, params.invoiceId!);
  const today = todayInVietnam();
  const b = await balances([invoice.id]);
  const due = invoice.totalVnd + (b.notes.get(invoice.id) ?? 0);
  const paid = b.paid.get(invoice.id) ?? 0;
  // A member household reads its own lines only.
  const own = memberHousehold(access, invoice.contract.groupId, role);
  const lines = invoice.lines.filter((l) => own === null || l.householdId === own);
  const state = statusOf(invoice, due, paid, today);
  // Households still to be paid: while the statement is open, each with its code or "cash".
  const open = invoice.kind === "invoice" && state !== "paid" && state !== "cancelled";
  const payouts = open
    ? await Promise.all(
        (await payoutsFor(invoice, names, role, own))
          .filter((p) => p.amountVnd > 0 && (own === null || p.householdId === own))
          .map(async (p) => ({ ...p, svg: p.payload ? await vietQrSvg(p.payload) : null })),
      )
    : [];
  const deductions = invoice.deductions.filter((d) => own === null || d.householdId === own);
  return {
    invoice: {
      id: invoice.id,
      code: invoiceCode(invoice.kind, invoice.year, invoice.number, invoice.series),
      kind: invoice.kind,
      status: invoice.status,
      cancelReason: invoice.cancelReason,
      issuedOn: invoice.issuedOn,
      dueOn: invoice.dueOn,
      subtotalVnd: invoice.subtotalVnd,
      deductionsVnd: invoice.deductionsVnd,
      totalVnd: invoice.totalVnd,
      lotsHash: invoice.lotsHash,
      buyer: invoice.buyer.name,
      group: invoice.contract.group.name,
      contract: {
        id: invoice.contractId,
        ref: invoice.contract.ref,
        product: { name: invoice.contract.season.product.name, nameEn: invoice.contract.season.product.nameEn },
        season: invoice.contract.season.name,
      },
      references: invoice.references
        ? {
            id: invoice.references.id,
            code: invoiceCode(invoice.references.kind, invoice.references.year, invoice.references.number, invoice.references.series),
          }
        : null,
      notes: invoice.notes.map((n) => ({ id: n.id, code: invoiceCode(n.kind, n.year, n.number, n.series), kind: n.kind, totalVnd: n.totalVnd })),
      payments: invoice.payments,
      pickups: invoice.pickups.map((p) => ({ id: p.pickup.id, date: p.pickup.date })),
    },
    lines: lines.map((l) => ({
      id: l.id,
      household: names.get(l.householdId) ?? "?",
      date: l.lot.pickup.date,
      pickupId: l.lot.pickupId,
      netG: l.netG,
      grade: l.grade,
      unitPriceVnd: l.unitPriceVnd,
      amountVnd: l.amountVnd,
    })),
    deductions: deductions.map((d) => ({
      id: d.id,
      household: names.get(d.householdId) ?? "?",
      kind: d.kind,
      item: d.advance?.item ?? null,
      amountVnd: d.amountVnd,
    })),
    dueVnd: due,
    paidVnd: paid,
    state,
    payouts,
    canManage: role === "buyer" || role === "admin",
    memberView: own !== null,
    today,
  };
}

type ActionData = { intent: string; errors: FieldErrors; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, invoice, role } = await load(request, params.invoiceId!);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "pay") {
    const parsed = parseForm(paymentSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors }, { status: 400 });
    const r = await recordPayment(access, invoice.id, parsed.data, todayInVietnam());
    return r.ok ? data<ActionData>({ intent, errors: {}, done: "invoice.paymentSaved" }) : data<ActionData>({ intent, errors: r.errors }, { status: r.status });
  }
  if (intent === "cancel") {
    const parsed = parseForm(cancelSchema, form);
    // Asked only of those who may cancel: anyone else still hears 403 from cancelInvoice.
    const mayCancel = role === "buyer" || access.user.isSiteAdmin;
    if (!parsed.ok || (mayCancel && !isConfirmed(form)))
      return data<ActionData>(
        { intent, errors: { ...(parsed.ok ? {} : parsed.errors), ...(!mayCancel || isConfirmed(form) ? {} : confirmMissing) } },
        { status: 400 },
      );
    const r = await cancelInvoice(access, invoice.id, parsed.data.reason);
    return r.ok
      ? data<ActionData>({ intent, errors: {}, done: "invoice.cancelled" })
      : data<ActionData>({ intent, errors: { _form: [r.error] } }, { status: r.status });
  }
  badRequest("Unknown intent");
}

export default function InvoicePage() {
  const { invoice: inv, lines, deductions, dueVnd, paidVnd, state, payouts, canManage, memberView, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const remaining = dueVnd - paidVnd;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {t.dynamic(`invoiceKind.${inv.kind}`)} {inv.code} {inv.kind === "invoice" ? <InvoiceStatusBadge state={state} /> : null}
          </h1>
          <p className="muted">
            {inv.buyer} → {inv.group} · <Link to={`/contracts/${inv.contract.id}`}>{inv.contract.ref}</Link> · {productName(inv.contract.product, t.locale)} ·{" "}
            {inv.contract.season}
            {inv.references ? (
              <>
                {" "}
                · {t("invoice.references")} <Link to={`/invoices/${inv.references.id}`}>{inv.references.code}</Link>
              </>
            ) : null}
          </p>
        </div>
        <a href={`/invoices/${inv.id}/pdf`} className="btn" download>
          {t("invoice.pdf")}
        </a>
      </div>
      {actionData?.done ? (
        <p className="alert alert-ok" role="status">
          {t.dynamic(actionData.done)}
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      {inv.status === "cancelled" ? <p className="alert alert-error">{t("invoice.cancelledBecause", { reason: inv.cancelReason ?? "" })}</p> : null}
      <div className="grid-3">
        <p className="card stat">
          <span>{t("invoice.total")}</span>
          <strong>{formatVnd(inv.totalVnd)}</strong>
          <small>{vndInWords(inv.totalVnd)}</small>
        </p>
        {inv.kind === "invoice" ? (
          <>
            <p className="card stat">
              <span>{t("invoice.paid")}</span>
              <strong id="paid">{formatVnd(paidVnd)}</strong>
            </p>
            <p className="card stat">
              <span>{t("invoice.remaining")}</span>
              <strong id="remaining">{formatVnd(remaining)}</strong>
              <small>
                {t("invoice.dueOn")}: {formatDate(inv.dueOn)}
              </small>
            </p>
          </>
        ) : null}
      </div>
      <section className="card">
        <h2>{memberView ? t("invoice.myLines") : t("invoice.lines")}</h2>
        <div className="table-wrap">
          <table className="table" id="lines">
            <thead>
              <tr>
                <th>{t("household.one")}</th>
                <th className="hide-sm">{t("pickup.date")}</th>
                <th className="num">{t("invoice.netKg")}</th>
                <th>{t("grade.code")}</th>
                <th className="num hide-sm">{t("invoice.unitPrice")}</th>
                <th className="num">{t("pickup.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.household}</td>
                  <td className="hide-sm">
                    <Link to={`/pickups/${l.pickupId}`}>{formatDate(l.date)}</Link>
                  </td>
                  <td className="num">{formatNumber(l.netG / 1000, 1)}</td>
                  <td>{l.grade}</td>
                  <td className="num hide-sm">{formatVnd(l.unitPriceVnd)}</td>
                  <td className="num">{formatVnd(l.amountVnd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {deductions.length ? (
          <>
            <h3>{t("invoice.deductions")}</h3>
            <ul className="list">
              {deductions.map((d) => (
                <li key={d.id}>
                  {d.household}: {t.dynamic(`deduction.${d.kind}`)}
                  {d.item ? ` (${d.item})` : ""} — {formatVnd(d.amountVnd)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="hint">
          {t("invoice.hash")}: <code>{inv.lotsHash}</code>
        </p>
      </section>
      {inv.notes.length ? (
        <section className="card">
          <h2>{t("invoice.notes")}</h2>
          <ul className="list">
            {inv.notes.map((n) => (
              <li key={n.id}>
                <Link to={`/invoices/${n.id}`}>
                  {t.dynamic(`invoiceKind.${n.kind}`)} {n.code}
                </Link>{" "}
                {formatVnd(n.totalVnd)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {inv.kind === "invoice" && state !== "paid" && state !== "cancelled" ? (
        <section className="card" id="payouts">
          <h2>{t("payout.title")}</h2>
          <p className="hint">{t("payout.intro")}</p>
          {payouts.length === 0 ? <p className="muted">{t("payout.none")}</p> : null}
          <ul className="list">
            {payouts.map((p) => (
              <li key={p.householdId} data-household={p.householdId} data-vietqr={p.payload ?? undefined}>
                <strong>{p.name}</strong> — {formatVnd(p.amountVnd)} ·{" "}
                {p.payee ? `${p.payee.bankName} · ${p.payee.bankAccount} · ${p.payee.bankHolder}` : p.hidden ? t("payout.hidden") : t("payout.cash")}
                {/* The SVG is qrcode's own output for our payload: paths only, no user text. */}
                {p.svg ? <div className="qr" style={{ width: 160 }} dangerouslySetInnerHTML={{ __html: p.svg }} /> : null}
              </li>
            ))}
          </ul>
          {canManage && payouts.some((p) => p.payee) ? (
            <a className="btn" href={`/invoices/${inv.id}/transfers`} download>
              {t("payout.transfers")}
            </a>
          ) : null}
        </section>
      ) : null}
      {inv.kind === "invoice" ? (
        <section className="card">
          <h2>{t("invoice.payments")}</h2>
          {inv.payments.length === 0 ? <p className="muted">{t("invoice.noPayments")}</p> : null}
          <ul className="list" id="payments">
            {inv.payments.map((p) => (
              <li key={p.id}>
                {formatDate(p.paidOn)} · {formatVnd(p.amountVnd)} · {t.dynamic(`paymentMethod.${p.method}`)}
                {p.reference ? ` · ${p.reference}` : ""}
              </li>
            ))}
          </ul>
          {canManage && inv.status !== "cancelled" && remaining > 0 ? (
            <AppForm noValidate className="subform">
              <input type="hidden" name="intent" value="pay" />
              <h3>{t("invoice.recordPayment")}</h3>
              <FormError errors={errorsFor("pay")} />
              <div className="row">
                <Field label={t("invoice.paidOn")} name="paidOn" type="date" defaultValue={today} max={today} errors={errorsFor("pay")} />
                <Field
                  label={t("invoice.amount")}
                  name="amountVnd"
                  inputMode="numeric"
                  defaultValue={String(remaining)}
                  errors={errorsFor("pay")}
                  hint={t("invoice.amountHint", { remaining: formatVnd(remaining) })}
                />
              </div>
              <div className="row">
                <SelectField
                  label={t("invoice.method")}
                  name="method"
                  errors={errorsFor("pay")}
                  options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`paymentMethod.${m}`) }))}
                />
                <Field label={t("invoice.paymentRef")} name="reference" errors={errorsFor("pay")} />
              </div>
              <SubmitButton>{t("invoice.savePayment")}</SubmitButton>
            </AppForm>
          ) : null}
          {canManage && inv.status !== "cancelled" && inv.payments.length === 0 ? (
            <details className="subform">
              <summary className="btn btn-small btn-danger">{t("invoice.cancel")}</summary>
              <AppForm noValidate>
                <input type="hidden" name="intent" value="cancel" />
                <FormError errors={errorsFor("cancel")} />
                <Field label={t("contract.reason")} name="reason" errors={errorsFor("cancel")} />
                <CheckboxField label={t("confirm.cancelStatement")} name="confirm" errors={errorsFor("cancel")} />
                <SubmitButton className="btn btn-danger">{t("invoice.cancel")}</SubmitButton>
              </AppForm>
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
