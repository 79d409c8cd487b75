import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PickupForm } from "~/components/pickup-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { pickupPage, postPickupForm } from "~/domain/pickups/new-pickup.server";
import { useT } from "~/i18n/use-t";

export const loader = ({ request, params }: LoaderFunctionArgs) => pickupPage(request, params.contractId!);

// Without JavaScript the form posts here; with it, to /api/pickups (same checks, JSON answer).
export async function action({ request, params }: ActionFunctionArgs) {
  const result = await postPickupForm(request, params.contractId!);
  if (!result.ok) return data({ errors: result.errors, posted: result.posted }, { status: result.status });
  throw redirect(`/pickups/${result.pickupId}`);
}

export default function NewPickup() {
  const { contract, form } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <p>
        <Link to={`/contracts/${contract.id}`}>← {t("contract.heading", { ref: contract.ref })}</Link>
      </p>
      <h1>{t("pickup.newTitle", { group: contract.group })}</h1>
      {contract.status !== "active" ? <p className="alert alert-error">{t("error.contractNotActive")}</p> : null}
      <PickupForm {...form} errors={actionData?.errors} posted={actionData?.posted} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
