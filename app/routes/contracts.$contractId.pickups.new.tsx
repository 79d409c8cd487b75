import crypto from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PickupForm } from "~/components/pickup-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { productMeasures } from "~/domain/measures";
import { pickupFormValues, pickupSchema } from "~/domain/pickups.schema";
import { recordPickup } from "~/domain/pickups.server";
import { suggestedWitnesses } from "~/domain/rota.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { formToObject, parseWith } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";

async function load(request: Request, contractId: string) {
  const access = await requireAccess(request);
  const found = await findContractForViewer(access, contractId);
  if (!found) notFound();
  if (found.role !== "buyer" && found.role !== "admin") forbidden();
  return { access, contract: found.contract };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, contract } = await load(request, params.contractId!);
  const today = todayInVietnam();
  const [households, points, suggested] = await Promise.all([
    db.household.findMany({ where: { groupId: contract.groupId }, select: { id: true, headName: true }, orderBy: { headName: "asc" } }),
    contract.offerId ? db.collectionPoint.findMany({ where: { offerId: contract.offerId }, select: { name: true } }) : Promise.resolve([]),
    suggestedWitnesses(contract.groupId, today),
  ]);
  return {
    contract: { id: contract.id, ref: contract.ref, status: contract.status, group: contract.group.name },
    form: {
      contractId: contract.id,
      clientKey: crypto.randomUUID(),
      today,
      staffName: access.user.name,
      grades: contract.grades.map((g) => ({ code: g.code, label: g.label, priceVndPerKg: g.priceVndPerKg })),
      measures: productMeasures(contract.season.product),
      households,
      collectionPoints: points.map((p) => p.name),
      suggestedWitnesses: suggested,
      ...lotBounds(contract, households.length),
    },
  };
}

/**
 * The most one lot can plausibly weigh, per household: all it agreed to deliver this season (its
 * allocation); without one, the contract's volume shared among the group. Above it the form
 * asks before sending (a typo such as 4120 for 412), it does not refuse.
 */
function lotBounds(contract: { volumeTonnes: number; allocations: { householdId: string; tonnes: number }[] }, households: number) {
  const lotBoundsKg = Object.fromEntries(contract.allocations.filter((a) => a.tonnes > 0).map((a) => [a.householdId, a.tonnes * 1000]));
  const defaultLotBoundKg = contract.volumeTonnes > 0 && households > 0 ? (contract.volumeTonnes * 1000) / households : null;
  return { lotBoundsKg, defaultLotBoundKg };
}

/** What the no-JS form posted, to show it again with its errors. */
function postedDraft(values: Record<string, unknown>) {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const lots = (values.lots as { householdId: string; grossKg: string; tareKg: string; grade: string; measurements: Record<string, string> }[]).map((l) => ({
    householdId: l.householdId,
    grossKg: l.grossKg,
    tareKg: l.tareKg,
    grade: l.grade,
    m: l.measurements,
  }));
  return {
    clientKey: str("clientKey"),
    date: str("date"),
    collectionPoint: str("collectionPoint"),
    vehicle: str("vehicle"),
    staffName: str("staffName"),
    witnesses: (values.witnesses as string[]) ?? [],
    lots,
  };
}

// Without JavaScript the form posts here; with it, to /api/pickups (same checks, JSON answer).
export async function action({ request, params }: ActionFunctionArgs) {
  const { access, contract } = await load(request, params.contractId!);
  const form = await readForm(request);
  const values = pickupFormValues(formToObject(form));
  const parsed = parseWith(pickupSchema, values);
  if (!parsed.ok) return data({ errors: parsed.errors, posted: postedDraft(values) }, { status: 400 });
  const result = await recordPickup(access, contract.id, parsed.data, todayInVietnam());
  if (!result.ok) return data({ errors: result.errors, posted: postedDraft(values) }, { status: result.status });
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
