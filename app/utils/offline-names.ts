// Names shared by the service worker (app/sw/sw.ts) and the pages (app/utils/offline.ts): kept
// in a file with no imports so the worker's bundle stays small.

/** The Cache Storage cache holding the field pages a person opened online (their own data). */
export const PAGES_CACHE = "caunoi-field-pages";

/** Remix's route manifest answers (lazy route discovery): public, the same for every user. */
export const ROUTES_CACHE = "caunoi-route-manifest";

/** The IndexedDB database holding pickups recorded without a network. */
export const QUEUE_DB = "caunoi-offline";

/**
 * The pages a field worker needs without a network, by path (".data" loader requests are
 * matched on the path without it): the contract list and each contract's pickup form for buyer
 * staff, the passbook for a member.
 */
export const FIELD_PAGES = [/^\/contracts\/?$/, /^\/contracts\/[^/]+\/pickups\/new\/?$/, /^\/groups\/[^/]+\/passbook\/[^/]+\/?$/];

/** "/passbook" only redirects to the member's own passbook page. */
export const PASSBOOK_SHORTCUT = /^\/passbook\/?$/;

export function isFieldPage(pathname: string): boolean {
  const path = pathname.endsWith(".data") ? pathname.slice(0, -5) : pathname;
  return FIELD_PAGES.some((r) => r.test(path));
}
