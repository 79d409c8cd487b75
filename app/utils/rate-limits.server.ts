// Where server.js's request limits (express-rate-limit) keep their counts. On SQLite the app is
// one process and the library's memory store is right. On PostgreSQL several processes serve
// the same site: a limit per address must count every process's requests, so the counts live in
// the database (docs/decisions/0033-two-engines.md). Fixed windows, as the memory store's.
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import { countRequest, databaseEngine, forgetRequests } from "./db.server";
import { env } from "./env.server";

class DatabaseStore implements Store {
  windowMs = 60_000;
  // Shared: express-rate-limit must not assume the counts are this process's alone.
  localKeys = false;

  constructor(readonly prefix: string) {}

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  private window() {
    const now = Date.now();
    return now - (now % this.windowMs);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const start = this.window();
    return { totalHits: await countRequest(this.prefix + key, start, 0), resetTime: new Date(start + this.windowMs) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const start = this.window();
    const totalHits = await countRequest(this.prefix + key, start, 1);
    // Now and then, sweep windows long over (any process may: the statement is idempotent).
    if (Math.random() < 0.01) void forgetRequests({ before: start - this.windowMs }).catch(() => {});
    return { totalHits, resetTime: new Date(start + this.windowMs) };
  }

  async decrement(key: string): Promise<void> {
    await countRequest(this.prefix + key, this.window(), -1);
  }

  async resetKey(key: string): Promise<void> {
    await forgetRequests({ key: this.prefix + key });
  }
}

/**
 * The store for one of server.js's limits (`name` keeps their counts apart); undefined = memory.
 * Read-only (DATABASE_READ_ONLY), nothing may be written, counts included: each process counts
 * its own then, as on SQLite, and the requests still reach the app to be refused with its message.
 */
export function rateLimitStore(name: string): Store | undefined {
  return databaseEngine === "postgresql" && env.DATABASE_READ_ONLY !== "true" ? new DatabaseStore(`${name}:`) : undefined;
}
