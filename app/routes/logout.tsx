import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm, rotateCsrfCookie } from "~/utils/csrf.server";
import { destroySession } from "~/utils/session.server";

// No loader: logging out changes state, so it is a POST only.
export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", await rotateCsrfCookie(request));
  throw redirect("/login", { headers });
}
