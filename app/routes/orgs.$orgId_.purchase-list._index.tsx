import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { periodOf, purchaseList, purchaseListAccess } from "~/domain/purchase-list/purchase-list.server";
import { useT } from "~/i18n/use-t";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { productName } from "~/domain/product-name";

// The period form and the list on screen; the ID numbers stay in the downloads, which are logged.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  if (!purchaseListAccess(access, params.orgId!)) notFound();
  const url = new URL(request.url);
  const period = periodOf(url) ?? periodOf(new URL(url.pathname, url))!;
  const list = await purchaseList(params.orgId!, period.from, period.to);
  if (!list) notFound();
  return {
    orgId: list.buyer.id,
    buyer: list.buyer.name,
    badPeriod: periodOf(url) === null,
    ...period,
    rows: list.rows.map(({ idNumber: _id, ...r }) => r),
    totalKg: list.totalKg,
    totalVnd: list.totalVnd,
  };
}

export default function PurchaseListPage() {
  const l = useLoaderData<typeof loader>();
  const t = useT();
  const q = `?from=${l.from}&to=${l.to}`;
  return (
    <section className="card">
      <h1>{t("purchase.title")}</h1>
      <p>{l.buyer}</p>
      <p className="hint">{t("purchase.intro")}</p>
      {l.badPeriod ? <p role="alert">{t("purchase.badPeriod")}</p> : null}
      <Form method="get" className="row">
        <label>
          {t("purchase.from")} <input type="date" name="from" defaultValue={l.from} />
        </label>
        <label>
          {t("purchase.to")} <input type="date" name="to" defaultValue={l.to} />
        </label>
        <button type="submit">{t("purchase.preview")}</button>
      </Form>
      <p>
        <a href={`/orgs/${l.orgId}/purchase-list/pdf${q}`}>{t("purchase.pdf")}</a> · <a href={`/orgs/${l.orgId}/purchase-list/csv${q}`}>{t("purchase.csv")}</a>{" "}
        · <a href={`/orgs/${l.orgId}/purchase-list/xlsx${q}`}>{t("purchase.xlsx")}</a>
      </p>
      <p className="hint">{t("purchase.csvLeadingZeros")}</p>
      {l.rows.length === 0 ? (
        <p>{t("purchase.none")}</p>
      ) : (
        <>
          <p>{t("purchase.rows", { count: String(l.rows.length), kg: formatNumber(l.totalKg, 3), amount: formatVnd(l.totalVnd) })}</p>
          <table>
            <thead>
              <tr>
                {(["date", "seller", "address", "goods", "kg", "price", "amount"] as const).map((k) => (
                  <th key={k} scope="col">
                    {t(`purchase.col.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {l.rows.map((r) => (
                <tr key={`${r.pickupRef}-${r.sellerName}-${r.unitPriceVnd}`}>
                  <td>{formatDate(r.date)}</td>
                  <td>{r.sellerName}</td>
                  <td>{r.address}</td>
                  <td>{productName({ name: r.product, nameEn: r.productEn }, t.locale)}</td>
                  <td className="num">{formatNumber(r.kg, 3)}</td>
                  <td className="num">{formatVnd(r.unitPriceVnd)}</td>
                  <td className="num">{formatVnd(r.amountVnd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
