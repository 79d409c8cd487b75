import type { ActionFunctionArgs } from "@remix-run/node";
import { loadAccess } from "~/domain/access.server";
import { pickupFormValues, pickupSchema } from "~/domain/pickups.schema";
import { recordPickup } from "~/domain/pickups.server";
import { readForm } from "~/utils/csrf.server";
import { todayInVietnam } from "~/utils/dates";
import { formToObject, parseWith } from "~/utils/forms";
import { getUser } from "~/utils/session.server";

// The phone form's submit: the same form fields as the page's action, answered in JSON so the
// page can keep its draft and say "sent" or "not sent, try again" (app/components/pickup-form.tsx).
export async function action({ request }: ActionFunctionArgs) {
  const json = (body: unknown, status = 200) => Response.json(body, { status });
  const user = await getUser(request);
  if (!user) return json({ ok: false, errors: { _form: ["error.signedOut"] } }, 401);
  let form: FormData;
  try {
    form = await readForm(request);
  } catch (e) {
    if (e instanceof Response) return json({ ok: false, errors: { _form: ["error.formExpired"] } }, e.status);
    throw e;
  }
  const values = pickupFormValues(formToObject(form));
  const parsed = parseWith(pickupSchema, values);
  if (!parsed.ok) return json({ ok: false, errors: parsed.errors }, 400);
  const result = await recordPickup(await loadAccess(user), String(form.get("contractId") ?? ""), parsed.data, todayInVietnam());
  if (!result.ok) return json({ ok: false, errors: result.errors }, result.status);
  return json({ ok: true, pickupId: result.pickupId, duplicate: result.duplicate }, result.duplicate ? 200 : 201);
}

export function loader() {
  return Response.json({ ok: false, errors: { _form: ["error.page.400"] } }, { status: 405 });
}
