import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError, SelectField } from "~/components/form";
import { OfferEditor } from "~/components/offer-editor";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { clausesFromForm } from "~/domain/contracts/clauses";
import { saveOfferClauses } from "~/domain/contracts/clauses.server";
import { offerFormValues, parseOffer } from "~/domain/offers.schema";
import { buyerOrgIds, createOffer, provinceChoices, seasonsForOffers } from "~/domain/offers.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject } from "~/utils/forms";
import { forbidden } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const buyers = access.orgs.filter((o) => buyerOrgIds(access).includes(o.id));
  if (!buyers.length) forbidden();
  return { buyers: buyers.map((b) => ({ id: b.id, name: b.name })), seasons: await seasonsForOffers(), provinces: provinceChoices() };
}

export async function action({ request }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const form = await readForm(request);
  const buyerId = String(form.get("buyerId") ?? "");
  if (!buyerOrgIds(access).includes(buyerId)) forbidden();
  const values = offerFormValues(formToObject(form));
  const parsed = parseOffer(values);
  // The contract articles are checked with the rest: an emptied required one writes nothing.
  const wording = clausesFromForm(values);
  if (!parsed.ok || Object.keys(wording.errors).length) {
    return data({ errors: { ...(parsed.ok ? {} : parsed.errors), ...wording.errors }, values }, { status: 400 });
  }
  const result = await createOffer(buyerId, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  await saveOfferClauses(result.id, wording.clauses);
  throw redirect(`/offers/${result.id}`);
}

export default function NewOffer() {
  const { buyers, seasons, provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("offers.create")}</h1>
      <p className="muted">{t("offer.newIntro")}</p>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        {buyers.length > 1 ? (
          <SelectField label={t("offer.buyer")} name="buyerId" options={buyers.map((b) => ({ value: b.id, label: b.name }))} />
        ) : (
          <input type="hidden" name="buyerId" value={buyers[0].id} />
        )}
        <OfferEditor values={actionData?.values} errors={actionData?.errors} seasons={seasons} provinces={provinces} submitLabel={t("offer.saveDraft")} />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
