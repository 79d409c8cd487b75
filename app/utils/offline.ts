// The page side of the offline field pages (docs/decisions/0026-offline-field-pages.md): the
// service worker's registration, and the rule that a phone holds one person's data at a time —
// cleared at logout, and when someone else signs in on it.
import { deleteQueue } from "./offline-queue";
import { PAGES_CACHE, isFieldPage } from "./offline-names";

const OWNER_KEY = "caunoi:offline-owner";

export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const reg = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  // A field page opened before the worker ran (the first visit) is not in its cache yet: keep
  // it now, so it opens tomorrow with no signal.
  if (!navigator.serviceWorker.controller && isFieldPage(location.pathname)) {
    await navigator.serviceWorker.ready;
    await (await caches.open(PAGES_CACHE)).add(location.href).catch(() => undefined);
  }
  return reg;
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
  window.localStorage.setItem(OWNER_KEY, userId);
}
