import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, FormError } from "~/components/form";
import { OfferEditor } from "~/components/offer-editor";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { clausesFromForm } from "~/domain/contracts/clauses";
import { saveOfferClauses } from "~/domain/contracts/clauses.server";
import { offerFormValues, parseOffer } from "~/domain/offers.schema";
import { findOfferForViewer, provinceChoices, seasonsForOffers, updateOffer } from "~/domain/offers.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";

async function load(request: Request, offerId: string) {
  const access = await requireAccess(request);
  const view = await findOfferForViewer(access, offerId);
  if (!view) notFound();
  if (!view.canEdit) forbidden();
  return view.offer;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const offer = await load(request, params.offerId!);
  return { offer, seasons: await seasonsForOffers(), provinces: provinceChoices() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const offer = await load(request, params.offerId!);
  const form = await readForm(request);
  const values = offerFormValues(formToObject(form));
  const parsed = parseOffer(values);
  // The contract articles are checked with the rest: an emptied required one writes nothing.
  const wording = clausesFromForm(values);
  if (!parsed.ok || Object.keys(wording.errors).length) {
    return data({ errors: { ...(parsed.ok ? {} : parsed.errors), ...wording.errors }, values }, { status: 400 });
  }
  const result = await updateOffer(offer.id, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values }, { status: result.errors._form ? 409 : 400 });
  await saveOfferClauses(offer.id, wording.clauses);
  throw redirect(`/offers/${offer.id}`);
}

export default function EditOffer() {
  const { offer, seasons, provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("offer.editTitle")}</h1>
      {offer.status !== "draft" ? (
        <p className="alert alert-error" role="alert">
          {t("error.offerNotDraft")} <Link to={`/offers/${offer.id}`}>{offer.title}</Link>
        </p>
      ) : null}
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <OfferEditor
          values={actionData?.values ?? { ...offer, points: offer.collectionPoints }}
          errors={actionData?.errors}
          seasons={seasons}
          provinces={provinces}
          submitLabel={t("common.save")}
        />
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
