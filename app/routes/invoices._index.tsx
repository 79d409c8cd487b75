import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/form";
import { InvoiceStatusBadge } from "~/components/invoice-status";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { listInvoices, type InvoiceStatus } from "~/domain/invoices.server";
import { buyerOrgIds } from "~/domain/offers.server";
import { useT } from "~/i18n/use-t";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatVnd } from "~/utils/format";

const STATES: InvoiceStatus[] = ["unpaid", "partly_paid", "overdue", "paid", "cancelled"];

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const status = STATES.find((s) => s === new URL(request.url).searchParams.get("status"));
  const invoices = await listInvoices(access, { status, today: todayInVietnam() });
  // Buyers and groups read statement by statement; project owners and authorities read totals per group.
  const detailed = access.user.isSiteAdmin || buyerOrgIds(access).length > 0 || access.groups.some((g) => g.role === "group_leader");
  const totals = new Map<string, { group: string; count: number; due: number; paid: number; overdue: number }>();
  for (const i of invoices) {
    if (i.state === "cancelled") continue;
    const g = totals.get(i.contract.group.id) ?? { group: i.contract.group.name, count: 0, due: 0, paid: 0, overdue: 0 };
    g.count++;
    g.due += i.dueVnd;
    g.paid += i.paidVnd;
    if (i.state === "overdue") g.overdue += i.dueVnd - i.paidVnd;
    totals.set(i.contract.group.id, g);
  }
  return {
    status: status ?? "",
    invoices: detailed
      ? invoices.map((i) => ({
          id: i.id,
          code: i.code,
          group: i.contract.group.name,
          contract: i.contract.ref,
          issuedOn: i.issuedOn,
          dueOn: i.dueOn,
          dueVnd: i.dueVnd,
          paidVnd: i.paidVnd,
          state: i.state,
        }))
      : [],
    totals: [...totals.values()],
  };
}

export default function InvoicesPage() {
  const { invoices, totals, status } = useLoaderData<typeof loader>();
  const t = useT();
  const sum = totals.reduce((s, g) => ({ due: s.due + g.due, paid: s.paid + g.paid, overdue: s.overdue + g.overdue }), { due: 0, paid: 0, overdue: 0 });
  return (
    <>
      <h1>{t("invoices.title")}</h1>
      <div className="grid-3">
        <p className="card stat">
          <span>{t("invoices.due")}</span>
          <strong>{formatVnd(sum.due)}</strong>
        </p>
        <p className="card stat">
          <span>{t("invoice.paid")}</span>
          <strong>{formatVnd(sum.paid)}</strong>
        </p>
        <p className="card stat">
          <span>{t("invoices.overdue")}</span>
          <strong className={sum.overdue ? "warn" : ""}>{formatVnd(sum.overdue)}</strong>
        </p>
      </div>
      <section className="card">
        <h2>{t("invoices.byGroup")}</h2>
        <div className="table-wrap">
          <table className="table" id="invoice-totals">
            <thead>
              <tr>
                <th>{t("contract.group")}</th>
                <th className="num">{t("invoices.count")}</th>
                <th className="num">{t("invoices.due")}</th>
                <th className="num">{t("invoice.paid")}</th>
                <th className="num">{t("invoices.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((g) => (
                <tr key={g.group}>
                  <td>{g.group}</td>
                  <td className="num">{g.count}</td>
                  <td className="num">{formatVnd(g.due)}</td>
                  <td className="num">{formatVnd(g.paid)}</td>
                  <td className="num">{formatVnd(g.overdue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {invoices.length || status ? (
        <section className="card">
          <Form method="get" className="row">
            <SelectField
              label={t("contract.status")}
              name="status"
              defaultValue={status}
              options={[{ value: "", label: t("common.all") }, ...STATES.map((s) => ({ value: s, label: t.dynamic(`invoiceStatus.${s}`) }))]}
            />
            <button type="submit" className="btn">
              {t("common.filter")}
            </button>
          </Form>
          <div className="table-wrap">
            <table className="table" id="invoices">
              <thead>
                <tr>
                  <th>{t("invoice.code")}</th>
                  <th>{t("contract.group")}</th>
                  <th className="hide-sm">{t("invoice.issuedOn")}</th>
                  <th>{t("invoice.dueOn")}</th>
                  <th className="num">{t("invoices.due")}</th>
                  <th className="num hide-sm">{t("invoice.paid")}</th>
                  <th>{t("contract.status")}</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link to={`/invoices/${i.id}`}>{i.code}</Link>
                    </td>
                    <td>{i.group}</td>
                    <td className="hide-sm">{formatDate(i.issuedOn)}</td>
                    <td>{formatDate(i.dueOn)}</td>
                    <td className="num">{formatVnd(i.dueVnd)}</td>
                    <td className="num hide-sm">{formatVnd(i.paidVnd)}</td>
                    <td>
                      <InvoiceStatusBadge state={i.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
