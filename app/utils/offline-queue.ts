// Pickups recorded without a network wait in IndexedDB (it survives the phone being switched
// off) and are sent in the order they were recorded once a connection answers. Each carries the
// form's clientKey: the server records one pickup per key (pickups.server.ts), so sending again
// after an answer was lost is safe. docs/decisions/0026-offline-field-pages.md.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { FieldErrors } from "./forms";
import { QUEUE_DB } from "./offline-names";

export type QueuedPickup = {
  seq?: number;
  clientKey: string;
  contractId: string;
  /** The form as posted (URL-encoded); its CSRF token is replaced by a current one when sent. */
  body: string;
  recordedAt: number;
  date: string;
  lots: number;
  state: "waiting" | "sent" | "refused";
  pickupId?: string;
  /** The server's reasons (a 4xx answer's body), as catalogue keys per field. */
  errors?: FieldErrors;
  /** Why a waiting pickup could not go yet although the server answered (signed out, stale form). */
  held?: string;
};

interface QueueDb extends DBSchema {
  pickups: { key: number; value: QueuedPickup; indexes: { clientKey: string } };
}

let opened: Promise<IDBPDatabase<QueueDb>> | null = null;
// After logout nothing on the page may open (and so create again) the database being deleted.
let closed = false;
function database() {
  if (closed) return Promise.reject(new Error("The offline queue was cleared at logout"));
  opened ??= openDB<QueueDb>(QUEUE_DB, 1, {
    upgrade(db) {
      db.createObjectStore("pickups", { keyPath: "seq", autoIncrement: true }).createIndex("clientKey", "clientKey", { unique: true });
    },
  });
  return opened;
}

/** Whether this browser can keep a queue (not in some private modes, not on the server). */
export const canQueue = () => typeof indexedDB !== "undefined";

// Every page showing the queue hears of a change, in this tab and the others.
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel("caunoi-pickup-queue") : null;
channel?.addEventListener("message", () => listeners.forEach((l) => l()));
function changed() {
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}
export function onQueueChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export async function queuedPickups(contractId?: string): Promise<QueuedPickup[]> {
  const all = await (await database()).getAll("pickups");
  return contractId ? all.filter((p) => p.contractId === contractId) : all;
}

/** Puts a pickup in the queue (once per clientKey: a second tap finds it there). */
export async function enqueuePickup(body: URLSearchParams): Promise<QueuedPickup> {
  const db = await database();
  const clientKey = body.get("clientKey") ?? "";
  const existing = await db.getFromIndex("pickups", "clientKey", clientKey);
  if (existing) return existing;
  const item: QueuedPickup = {
    clientKey,
    contractId: body.get("contractId") ?? "",
    body: body.toString(),
    recordedAt: Date.now(),
    date: body.get("date") ?? "",
    lots: body.getAll("lot.householdId").filter(Boolean).length,
    state: "waiting",
  };
  item.seq = await db.add("pickups", item);
  changed();
  return item;
}

export async function removeQueued(seq: number) {
  await (await database()).delete("pickups", seq);
  changed();
}

async function save(item: QueuedPickup) {
  await (await database()).put("pickups", item);
  changed();
}

type Answer = { ok?: boolean; pickupId?: string; errors?: FieldErrors };

/**
 * Sends the waiting pickups, oldest first, each with `csrf` (the current page's token: a token
 * saved with the pickup may belong to a session since ended). Stops at the first that gets no
 * answer, a server error, or an answer saying the session or the form is no longer valid: those
 * stay waiting, and so do the ones after them. Returns why it stopped, or "done".
 */
export async function flushQueue(csrf: string): Promise<"done" | "offline" | "held"> {
  const run = async () => {
    const waiting = (await queuedPickups()).filter((p) => p.state === "waiting").sort((a, b) => a.seq! - b.seq!);
    for (const item of waiting) {
      const body = new URLSearchParams(item.body);
      body.set("csrf", csrf);
      let res: Response;
      let json: Answer;
      try {
        res = await fetch("/api/pickups", { method: "POST", body, headers: { Accept: "application/json" } });
        json = (await res.json()) as Answer;
      } catch {
        return "offline" as const;
      }
      if (res.ok && json.ok && json.pickupId) {
        await save({ ...item, state: "sent", pickupId: json.pickupId, held: undefined, errors: undefined });
        continue;
      }
      const reason = json.errors?._form?.[0];
      if (res.status >= 500 || res.status === 401 || reason === "error.formExpired") {
        await save({ ...item, held: reason ?? "error.page.500" });
        return "held" as const;
      }
      await save({ ...item, state: "refused", errors: json.errors ?? { _form: [`error.page.${res.status}`] }, held: undefined });
    }
    return "done" as const;
  };
  // One sender at a time across tabs, so the order holds and nothing is sent twice at once.
  return typeof navigator !== "undefined" && navigator.locks ? navigator.locks.request("caunoi-pickup-queue", run) : run();
}

/** Sent pickups stay listed for a day, so the person sees them go, then drop off the list. */
export async function pruneSent(now = Date.now()) {
  const db = await database();
  for (const p of await db.getAll("pickups")) if (p.state === "sent" && now - p.recordedAt > 24 * 3600_000) await db.delete("pickups", p.seq!);
}

/** Pickups on the phone the server has not recorded (waiting, or refused and not yet dropped). */
export async function unrecordedCount(): Promise<number> {
  if (!canQueue()) return 0;
  return (await queuedPickups()).filter((p) => p.state !== "sent").length;
}

/** Logout: the queue holds the organisation's data, and goes with the session. */
export async function deleteQueue() {
  closed = true;
  const db = opened ? await opened.catch(() => null) : null;
  db?.close();
  opened = null;
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(QUEUE_DB);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

/** A person signed in (again, on the same page): their queue may open. */
export function reopenQueue() {
  closed = false;
}
