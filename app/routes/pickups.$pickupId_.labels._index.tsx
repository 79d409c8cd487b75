import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { gtinFor } from "~/domain/trace/gtins.server";
import { LABEL_SCOPES, LABEL_SIZES } from "~/domain/trace/label-sizes";
import { pickupsInScope, printablePickup } from "~/domain/trace/labels.server";
import { useT } from "~/i18n/use-t";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";

// Choosing the label stock and what to label; the sheet itself is the PDF route beside this one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const pickup = await printablePickup(access, params.pickupId!);
  if (!pickup) notFound();
  // /pickups/:id/labels?size=… is the sheet itself, as a bookmark or an older link asks for it.
  const url = new URL(request.url);
  if (url.searchParams.has("size")) throw redirect(`/pickups/${pickup.id}/labels/pdf${url.search}`);
  const inForce = (pickupIds: string[]) => db.lot.count({ where: { pickupId: { in: pickupIds }, supersededBy: { is: null } } });
  const [lots, dayLots, gtin] = await Promise.all([
    inForce([pickup.id]),
    pickupsInScope(pickup, "day").then(inForce),
    gtinFor(pickup.contract.buyerId, pickup.contract.season.product.id),
  ]);
  return { pickup: { id: pickup.id, date: pickup.date, contractRef: pickup.contract.ref }, lots, dayLots, gtin };
}

export default function LabelsPage() {
  const { pickup, lots, dayLots, gtin } = useLoaderData<typeof loader>();
  const t = useT();
  const date = formatDate(pickup.date);
  const scopeText = {
    lots: t("label.scope.lots", { n: lots }),
    pickup: t("label.scope.pickup"),
    day: t("label.scope.day", { ref: pickup.contractRef, date, n: dayLots }),
  };
  return (
    <>
      <p>
        <Link to={`/pickups/${pickup.id}`}>← {t("pickup.title", { date })}</Link>
      </p>
      <h1>{t("label.title", { date })}</h1>
      <section className="card">
        <p className="hint">{t("label.intro")}</p>
        <p className="hint">{gtin ? t("label.gtinOn", { gtin }) : t("label.gtinOff")}</p>
        {/* A plain GET form: the browser opens the PDF itself. */}
        <form method="get" action={`/pickups/${pickup.id}/labels/pdf`} id="label-form">
          <fieldset>
            <legend>{t("label.size")}</legend>
            {LABEL_SIZES.map((s, i) => (
              <div key={s} className="field field-check">
                <input id={`size-${s}`} type="radio" name="size" value={s} defaultChecked={i === 0} />
                <label htmlFor={`size-${s}`}>{t(`label.size.${s}`)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("label.scope")}</legend>
            {LABEL_SCOPES.map((s, i) => (
              <div key={s} className="field field-check">
                <input id={`scope-${s}`} type="radio" name="scope" value={s} defaultChecked={i === 0} />
                <label htmlFor={`scope-${s}`}>{scopeText[s]}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-primary">
            {t("label.make")}
          </button>
        </form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
