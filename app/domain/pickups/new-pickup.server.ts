// The pickup page (contracts/:id/pickups/new), its loader and its no-JavaScript post, in one
// .server module: each .server module a route imports becomes its own empty script file in the
// browser build, one more request on a phone network (issue 15's 3G budget); and the form's
// zod schema stays out of the page's script.
import crypto from "node:crypto";
import { requireAccess } from "../access.server";
import { findContractForViewer } from "../contracts.server";
import { productMeasures } from "../measures";
import { pickupFormValues, pickupSchema } from "../pickups.schema";
import { recordPickup } from "../pickups.server";
import { suggestedWitnesses } from "../rota.server";
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

/** The pickup page: the contract, and what its form offers (households, grades, measures…). */
export async function pickupPage(request: Request, contractId: string) {
  const { access, contract } = await load(request, contractId);
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

/**
 * The form as posted without JavaScript: the new pickup's id, or the errors with what was typed
 * (to show the form again) and the status to answer with.
 */
export async function postPickupForm(request: Request, contractId: string) {
  const { access, contract } = await load(request, contractId);
  const form = await readForm(request);
  const values = pickupFormValues(formToObject(form));
  const parsed = parseWith(pickupSchema, values);
  if (!parsed.ok) return { ok: false as const, status: 400, errors: parsed.errors, posted: postedDraft(values) };
  const result = await recordPickup(access, contract.id, parsed.data, todayInVietnam());
  if (!result.ok) return { ok: false as const, status: result.status, errors: result.errors, posted: postedDraft(values) };
  return { ok: true as const, pickupId: result.pickupId };
}
