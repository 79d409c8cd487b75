// With a PostgreSQL read replica (DATABASE_REPLICA_URL), pages read from the replica, which may
// lag the primary by a moment. A person must never see a figure older than their own last write
// (docs/decisions/0035-read-your-writes.md): a write notes the primary's position in its log
// (LSN) in a short cookie; a later request carrying it reads from the primary until the replica
// has replayed that far, then the cookie is dropped. It works across app processes because the
// position travels with the person, not in any process's memory.
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";

type Reads = { primary: boolean; wrote: string | null; clear: boolean };
const requests = new AsyncLocalStorage<Reads>();

export const LSN_COOKIE = "cn_lsn";
// A PostgreSQL LSN as pg_current_wal_lsn()::text writes it, e.g. 0/3000148.
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
// Long enough for any healthy replica; the cookie is dropped as soon as the replica caught up.
const MAX_AGE_S = 3600;

/** Whether this request's reads must go to the primary (it wrote, or its writer's replica lags). */
export function readsFromPrimary(): boolean {
  return requests.getStore()?.primary ?? false;
}

/** After a committed write: the rest of this request reads the primary, and so do later ones until the replica has `lsn`. */
export function noteWrite(lsn: string): void {
  const reads = requests.getStore();
  if (!reads) return;
  reads.primary = true;
  reads.wrote = lsn;
}

function cookieLsn(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LSN_COOKIE && value && LSN.test(decodeURIComponent(value))) return decodeURIComponent(value);
  }
  return null;
}

/**
 * Express middleware (server.js, through the build's entry module) that runs each request in
 * its own read routing. `caughtUp(lsn)` asks the replica whether it has replayed that far; when
 * it cannot answer, the request reads the primary (never an old figure).
 */
export function readYourWritesMiddleware(caughtUp: (lsn: string) => Promise<boolean>) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const lsn = cookieLsn(req);
    const reads: Reads = { primary: false, wrote: null, clear: false };
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
      if (reads.wrote) res.appendHeader("Set-Cookie", `${LSN_COOKIE}=${encodeURIComponent(reads.wrote)}; Max-Age=${MAX_AGE_S}; Path=/; HttpOnly; SameSite=Lax`);
      else if (reads.clear) res.appendHeader("Set-Cookie", `${LSN_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`);
      return writeHead.apply(this, args);
    } as ServerResponse["writeHead"];
    const run = () => requests.run(reads, () => next());
    if (!lsn) return run();
    caughtUp(lsn).then(
      (yes) => {
        reads.primary = !yes;
        reads.clear = yes;
        run();
      },
      () => {
        reads.primary = true;
        run();
      },
    );
  };
}
