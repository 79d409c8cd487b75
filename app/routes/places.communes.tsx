// The communes of one province for the place pickers' type-ahead: [{code, name}], at most 168.
// Public data (the official list), so no session is read, and the one app answer a browser may
// keep (server.js): a day, and the picker also keeps each province's list for the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { communeOptions } from "~/domain/place-form.server";
import { translate } from "~/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const province = new URL(request.url).searchParams.get("province") ?? "";
  const list = communeOptions(province.trim());
  if (!list) {
    const message = translate("vi", "place.unknownProvince", { value: province.slice(0, 40) });
    return Response.json({ error: { code: "place.unknownProvince", message } }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json(list, { headers: { "Cache-Control": "public, max-age=86400" } });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
