import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/utils/csrf.server";
import { destroySession } from "~/utils/session.server";

// No loader: logging out changes state, so it is a POST only.
export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}
