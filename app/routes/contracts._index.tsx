import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { CONTRACT_STATUSES } from "~/domain/contracts";
import { listContracts } from "~/domain/contracts.server";
import { seasonsForOffers } from "~/domain/offers.server";
import { productName } from "~/domain/product-name";
import { useT } from "~/i18n/use-t";
import { formatNumber } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  const filters = { seasonId: q.get("seasonId") || undefined, status: CONTRACT_STATUSES.find((s) => s === q.get("status")) };
  const [contracts, seasons] = await Promise.all([listContracts(access, filters), seasonsForOffers()]);
  return { contracts, seasons: seasons.map((s) => ({ id: s.id, name: s.name, product: s.product })), filters };
}

export default function ContractsPage() {
  const { contracts, seasons, filters } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("contracts.title")}</h1>
      <Form method="get" className="card filters">
        <div className="row">
          <SelectField
            label={t("offer.season")}
            name="seasonId"
            defaultValue={filters.seasonId ?? ""}
            options={[
              { value: "", label: t("common.all") },
              ...seasons.map((s) => ({ value: s.id, label: `${productName(s.product, t.locale)} — ${s.name}` })),
            ]}
          />
          <SelectField
            label={t("contract.status")}
            name="status"
            defaultValue={filters.status ?? ""}
            options={[{ value: "", label: t("common.all") }, ...CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contractStatus.${s}`) }))]}
          />
        </div>
        <button type="submit" className="btn">
          {t("common.filter")}
        </button>
      </Form>
      {contracts.length === 0 ? <p className="muted">{t("contracts.none")}</p> : null}
      <div className="table-wrap">
        <table className="table" id="contracts">
          <thead>
            <tr>
              <th>{t("contract.ref")}</th>
              <th>{t("contract.group")}</th>
              <th className="hide-sm">{t("contract.buyer")}</th>
              <th>{t("offer.season")}</th>
              <th className="num hide-sm">{t("contract.volume")}</th>
              <th>{t("contract.status")}</th>
            </tr>
          </thead>
          <tbody>
            {contracts.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/contracts/${c.id}`}>{c.ref}</Link>
                </td>
                <td>{c.group.name}</td>
                <td className="hide-sm">{c.buyer.name}</td>
                <td>{c.season.name}</td>
                <td className="num hide-sm">{formatNumber(c.volumeTonnes, 3)}</td>
                <td>
                  <span className={`badge status-${c.status}`}>{t.dynamic(`contractStatus.${c.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
