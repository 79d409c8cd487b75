// The service worker (docs/decisions/0026-offline-field-pages.md), bundled by
// scripts/build-sw.ts into public/sw.js with its precache list injected. It keeps the app shell
// the field pages need (precached at install) and, network first, the field pages themselves
// as last seen online, so a phone with no signal can open them from a cold start. Everything
// else goes to the network as if there were no worker.
import { cleanupOutdatedCaches, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { NetworkFirst } from "workbox-strategies";
import { ExpirationPlugin } from "workbox-expiration";
import { PAGES_CACHE, PASSBOOK_SHORTCUT, ROUTES_CACHE, isFieldPage } from "../utils/offline-names";

type Worker = {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
  addEventListener(type: "install" | "activate", fn: (e: Event & { waitUntil(p: Promise<unknown>): void }) => void): void;
};
declare const self: Worker;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// A new version takes over at once: the pages and the worker come from the same build, and the
// worker keeps nothing a new page could not read.
self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  // On a weak signal a page that has not answered in 8 s is shown as last seen; the network
  // answer, if it comes, still refreshes the copy for next time.
  networkTimeoutSeconds: 8,
  plugins: [
    // Only a page as it is: never a redirect (to the login page), an error or a 202 (a
    // redirect inside a loader request).
    { cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null) },
    new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 30 * 24 * 3600 }),
  ],
});

const sameOrigin = (url: URL) => url.origin === self.location.origin;

// The field pages and their loader requests (".data", "?_data=").
registerRoute(({ url, request }) => request.method === "GET" && sameOrigin(url) && isFieldPage(url.pathname), pages);

// The route manifest that lazy route discovery asks for when a link to a page is shown: the
// same for everybody, so in a cache of its own that logout leaves.
registerRoute(
  ({ url, request }) => request.method === "GET" && sameOrigin(url) && url.pathname === "/__manifest",
  new NetworkFirst({
    cacheName: ROUTES_CACHE,
    networkTimeoutSeconds: 8,
    plugins: [
      { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
      new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 30 * 24 * 3600 }),
    ],
  }),
);

// "/passbook" redirects to the member's passbook page; with no network, the copy of that page.
registerRoute(
  ({ url, request }) => request.method === "GET" && request.mode === "navigate" && sameOrigin(url) && PASSBOOK_SHORTCUT.test(url.pathname),
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch (e) {
      const cache = await caches.open(PAGES_CACHE);
      const own = (await cache.keys()).map((r) => new URL(r.url)).find((u) => /^\/groups\/[^/]+\/passbook\/[^/]+\/?$/.test(u.pathname));
      if (own) return Response.redirect(own.href, 302);
      throw e;
    }
  },
);
