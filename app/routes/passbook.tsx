import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { notFound } from "~/utils/http.server";

// "My passbook": a member's own household, wherever it is.
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const own = access.groups.find((g) => g.householdId);
  if (!own) notFound();
  throw redirect(`/groups/${own.id}/passbook/${own.householdId}`);
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
