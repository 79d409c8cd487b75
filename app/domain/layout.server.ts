// What every page's layout needs (the root loader): who is signed in, their language, the CSRF
// token, the inbox badge and the menu. One .server module for the root route on purpose: each
// .server module a route imports becomes its own empty script file in the browser build, one
// more request on a phone network (issue 15's 3G budget).
import { getLocale } from "~/i18n/i18n.server";
import { csrfToken } from "~/utils/csrf.server";
import { getUser } from "~/utils/session.server";
import { loadAccess } from "./access.server";
import { navFor } from "./navigation.server";
import { unreadCount } from "./notifications.server";

export async function layoutData(request: Request) {
  const user = await getUser(request);
  const locale = await getLocale(request, user?.locale);
  const csrf = await csrfToken(request);
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  return {
    headers,
    body: {
      locale,
      csrf: csrf.token,
      user: user ? { id: user.id, name: user.name, isSiteAdmin: user.isSiteAdmin } : null,
      unread: user ? await unreadCount(user.id) : 0,
      nav: navFor(user ? await loadAccess(user) : null),
    },
  };
}
