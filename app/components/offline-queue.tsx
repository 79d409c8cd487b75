// The pickups of one contract recorded on this phone and not yet confirmed by the server:
// waiting (no network yet), sent (with a link to the recorded pickup) or refused, with the
// server's reason and a button to drop it.
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "~/i18n/use-t";
import { canQueue, onQueueChange, queuedPickups, removeQueued, type QueuedPickup } from "~/utils/offline-queue";
import { formatDate } from "~/utils/format";

export function OfflineQueue({ contractId }: { contractId: string }) {
  const t = useT();
  const [items, setItems] = useState<QueuedPickup[]>([]);

  useEffect(() => {
    if (!canQueue()) return;
    let live = true;
    const load = () =>
      void queuedPickups(contractId)
        .then((list) => live && setItems(list.sort((a, b) => a.seq! - b.seq!)))
        .catch(() => undefined);
    load();
    const off = onQueueChange(load);
    return () => {
      live = false;
      off();
    };
  }, [contractId]);

  if (!items.length) return null;
  const reasons = (p: QueuedPickup) => [...new Set(Object.values(p.errors ?? {}).flat())].map((k) => t.dynamic(k)).join(" ") || t.dynamic("error.page.500");

  return (
    <section className="offline-queue" aria-labelledby="offline-queue-title">
      <h2 id="offline-queue-title">{t("offline.queueTitle")}</h2>
      <ul>
        {items.map((p) => (
          <li key={p.seq} className={`offline-item offline-${p.state}`} data-client-key={p.clientKey}>
            <span>{t("offline.item", { date: formatDate(p.date), n: p.lots })}</span>{" "}
            {p.state === "waiting" ? (
              <strong>
                {t("offline.waiting")}
                {p.held ? ` — ${t.dynamic(p.held)}` : ""}
              </strong>
            ) : p.state === "sent" ? (
              <strong>
                {t("offline.sent")} <Link to={`/pickups/${p.pickupId}`}>{t("offline.seePickup")}</Link>
              </strong>
            ) : (
              <>
                <strong>
                  {t("offline.refused")}: {reasons(p)}
                </strong>{" "}
                <button type="button" className="btn btn-small" onClick={() => void removeQueued(p.seq!)}>
                  {t("offline.drop")}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
