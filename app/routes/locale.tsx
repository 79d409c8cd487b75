import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { localeCookie } from "~/i18n/i18n.server";
import { secureCookies } from "~/utils/env.server";
import { isLocale } from "~/i18n";
import { readForm } from "~/utils/csrf.server";
import { write } from "~/utils/db.server";
import { badRequest, safeRedirect } from "~/utils/http.server";
import { getUser } from "~/utils/session.server";

// Remembered on the device (cookie) and, when signed in, on the account.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  if (!isLocale(locale)) badRequest("Unknown language");
  const to = safeRedirect(form.get("redirectTo"));
  const user = await getUser(request);
  if (user) await write((tx) => tx.user.update({ where: { id: user.id }, data: { locale } }));
  throw redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale, secureCookies(request)) } });
}
