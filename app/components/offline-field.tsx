// Mounted once in app/root.tsx: registers the service worker, keeps the phone's offline data to
// the signed-in person, and sends the waiting pickups whenever a page loads online and whenever
// the connection comes back (docs/decisions/0026-offline-field-pages.md).
import { useLocation, useRevalidator, useRouteLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { loader as rootLoader } from "~/root";
import { claimOfflineData, clearOfflineData, keepFieldPage, registerServiceWorker } from "~/utils/offline";
import { canQueue, flushQueue, pruneSent, unrecordedCount } from "~/utils/offline-queue";
import { useT } from "~/i18n/use-t";

export function OfflineField() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const userId = root?.user?.id ?? null;
  const csrf = root?.csrf ?? "";
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  const { pathname, search } = useLocation();

  useEffect(() => {
    registerServiceWorker().catch((e) => console.warn("service worker not registered", e));
  }, []);

  useEffect(() => {
    if (userId && navigator.onLine) void keepFieldPage(new URL(pathname + search, location.href).href).catch(() => undefined);
  }, [userId, pathname, search]);

  useEffect(() => {
    if (!userId || !canQueue()) return;
    let live = true;
    const send = async () => {
      // The token on a page shown from the worker's cache is the one it was saved with; a stale
      // one gets "form expired": reload the page's data for a fresh token, which sends again.
      if (live && (await flushQueue(csrf)) === "held" && navigator.onLine) revalidate.current();
    };
    void claimOfflineData(userId)
      .then(() => pruneSent())
      .then(send)
      .catch((e) => console.warn("offline queue not sent", e));
    const online = () => void send().catch((e) => console.warn("offline queue not sent", e));
    window.addEventListener("online", online);
    return () => {
      live = false;
      window.removeEventListener("online", online);
    };
  }, [userId, csrf]);

  return null;
}

/**
 * The logout form's submit: the phone's copies of pages and waiting pickups go first. Pickups
 * not yet recorded would be lost for good, so with any on the phone the person is asked first,
 * told how many; saying no keeps both the session and the pickups.
 */
export function useClearingLogout() {
  const submit = useSubmit();
  const t = useT();
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    void unrecordedCount()
      .catch(() => 0)
      .then((n) => n === 0 || window.confirm(t("offline.logoutLoses", { n })))
      .then((go) => {
        if (!go) return;
        return clearOfflineData()
          .catch((err) => console.warn("offline data not cleared", err))
          .finally(() => submit(form));
      });
  };
}
