import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field, SelectField } from "~/components/form";
import { PointsMap } from "~/components/maps";
import { Pager } from "~/components/pager";
import { RequiredSchemeBadge } from "~/components/required-scheme";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { buyerOrgIds, homeGroup, listOffers, offerFilterOptions, parsePage, provinceChoices } from "~/domain/offers.server";
import { productName } from "~/domain/product-name";
import { useT } from "~/i18n/use-t";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  // Digits only, and no price above a billion đồng per kg: a mistyped filter is not an error.
  const minPrice = Math.min(Number((q.get("minPrice") ?? "").replace(/\D/g, "").slice(0, 12)) || 0, 1_000_000_000) || undefined;
  const filters = {
    productId: q.get("productId") || undefined,
    seasonId: q.get("seasonId") || undefined,
    province: q.get("province")?.trim() || undefined,
    district: q.get("district")?.trim() || undefined,
    minPrice,
    openOnly: q.get("open") !== "0",
    today: todayInVietnam(),
  };
  const list = await listOffers(access, filters, parsePage(q.get("page")));
  const { products, seasons } = await offerFilterOptions();
  return {
    page: list.page,
    pageCount: list.pageCount,
    total: list.total,
    offers: list.offers,
    products,
    seasons,
    filters: { ...filters, minPrice: minPrice ?? "" },
    canCreate: buyerOrgIds(access).length > 0,
    home: await homeGroup(access),
    provinces: provinceChoices(), // current names offered as one types; a former one (Bắc Giang) works as well
  };
}

export default function OffersPage() {
  const { offers, page, pageCount, total, products, seasons, filters, canCreate, home, provinces } = useLoaderData<typeof loader>();
  const t = useT();
  const points = [
    ...offers.flatMap((o) => o.points.map((p) => ({ id: p.id, lat: p.lat, lng: p.lng, label: `${p.name} — ${o.buyer}`, kind: "buyer" as const }))),
    ...(home ? [{ id: home.id, lat: home.lat!, lng: home.lng!, label: home.name, kind: "group" as const }] : []),
  ];
  return (
    <>
      <div className="page-head">
        <h1>{t("offers.title")}</h1>
        {canCreate ? (
          <Link to="/offers/new" className="btn btn-primary">
            {t("offers.create")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="card filters">
        <div className="row">
          <SelectField
            label={t("contract.product")}
            name="productId"
            defaultValue={filters.productId ?? ""}
            options={[{ value: "", label: t("common.all") }, ...products.map((p) => ({ value: p.id, label: productName(p, t.locale) }))]}
          />
          <SelectField
            label={t("offer.season")}
            name="seasonId"
            defaultValue={filters.seasonId ?? ""}
            options={[
              { value: "", label: t("common.all") },
              ...seasons.map((s) => ({ value: s.id, label: `${productName({ name: s.product, nameEn: s.productEn }, t.locale)} — ${s.name}` })),
            ]}
          />
          <Field label={t("geo.province")} name="province" defaultValue={filters.province ?? ""} list="offer-provinces" autoComplete="off" />
          <datalist id="offer-provinces">
            {provinces.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <Field label={t("offers.formerDistrict")} name="district" defaultValue={filters.district ?? ""} />
          <Field label={t("offers.minPrice")} name="minPrice" inputMode="numeric" defaultValue={String(filters.minPrice)} />
          <SelectField
            label={t("offers.which")}
            name="open"
            defaultValue={filters.openOnly ? "1" : "0"}
            options={[
              { value: "1", label: t("offers.openOnly") },
              { value: "0", label: t("offers.all") },
            ]}
          />
        </div>
        <button type="submit" className="btn">
          {t("common.filter")}
        </button>
      </Form>
      {points.length ? <PointsMap points={points} /> : null}
      {offers.length === 0 ? <p className="muted">{t("offers.none")}</p> : <p className="muted">{t("offers.count", { n: formatNumber(total) })}</p>}
      <ul className="cards" id="offers">
        {offers.map((o) => (
          <li key={o.id} className="card offer-card">
            <h2>
              <Link to={`/offers/${o.id}`}>{o.title}</Link> <span className={`badge status-${o.status}`}>{t.dynamic(`offerStatus.${o.status}`)}</span>{" "}
              <RequiredSchemeBadge scheme={o.requiredScheme} />
            </h2>
            <p className="muted">
              {o.buyer} · {productName({ name: o.product, nameEn: o.productEn }, t.locale)} · {o.season}
            </p>
            <p>
              <strong>{o.minPrice === o.maxPrice ? formatVnd(o.minPrice) : `${formatVnd(o.minPrice)} – ${formatVnd(o.maxPrice)}`}</strong> / kg ·{" "}
              {t("offers.upTo", { tonnes: formatNumber(o.maxTonnes) })} · {formatDate(o.windowStart)} – {formatDate(o.windowEnd)}
              {o.distanceKm !== null ? ` · ${t("offers.distance", { km: formatNumber(o.distanceKm, 0) })}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <Pager page={page} pageCount={pageCount} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
