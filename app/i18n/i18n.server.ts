import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

// Not HttpOnly-sensitive: it only remembers a language.
export const localeCookie = createCookie("cn_lang", {
  sameSite: "lax",
  path: "/",
  maxAge: 365 * 24 * 3600,
});

/** The cookie wins (it is what the person last chose on this device), then the account. */
export async function getLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (isLocale(userLocale)) return userLocale;
  return DEFAULT_LOCALE;
}
