// The page side of the offline field pages (docs/decisions/0026-offline-field-pages.md): the
// service worker's registration, and the rule that a phone holds one person's data at a time —
// cleared at logout, and when someone else signs in on it.
import { deleteQueue, reopenQueue } from "./offline-queue";
import { PAGES_CACHE, isFieldPage } from "./offline-names";

const OWNER_KEY = "caunoi:offline-owner";

export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  return navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

const REFRESH_AFTER_MS = 3600_000;

/**
 * Keeps the field page at `href` for a cold start with no network. A page reached by a link
 * inside the app never went through the worker as a document (only its loader data did), and a
 * cold start needs the document: fetched here once, and again when the copy is over an hour old.
 */
export async function keepFieldPage(href: string) {
  if (!("serviceWorker" in navigator) || typeof caches === "undefined" || !isFieldPage(new URL(href).pathname)) return;
  await navigator.serviceWorker.ready;
  const cache = await caches.open(PAGES_CACHE);
  const kept = await cache.match(href);
  const age = kept ? Date.now() - Date.parse(kept.headers.get("Date") ?? "") : Infinity;
  if (!(age < REFRESH_AFTER_MS)) await cache.add(href).catch(() => undefined);
}

/** The field pages kept on this phone and the pickups waiting on it: the signed-in person's. */
export async function clearOfflineData() {
  window.localStorage.removeItem(OWNER_KEY);
  // Half-typed pickup forms (app/components/pickup-form.tsx) name households too.
  for (const k of Object.keys(window.localStorage)) if (k.startsWith("caunoi:pickup-draft:")) window.localStorage.removeItem(k);
  if (typeof caches !== "undefined") await caches.delete(PAGES_CACHE);
  if (typeof indexedDB !== "undefined") await deleteQueue();
}

/** Called with the signed-in user on every page: another person's data never stays on the phone. */
export async function claimOfflineData(userId: string) {
  const owner = window.localStorage.getItem(OWNER_KEY);
  if (owner && owner !== userId) await clearOfflineData();
  reopenQueue();
  window.localStorage.setItem(OWNER_KEY, userId);
}
