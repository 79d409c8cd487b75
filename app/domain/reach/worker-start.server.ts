// Starting the delivery worker: inside the server once it listens (server.js, through the
// build's entry module), or alone with `npm run deliver` (scripts/deliver.ts).
import { env } from "~/utils/env.server";
import { channelsFromEnv } from "./channels/index.server";
import { createWorker, type Worker } from "./worker.server";

/**
 * The server's worker, unless DELIVERY_WORKER=off or no channel is configured (nothing could
 * be sent: messages wait in the outbox until a channel is). Its timer does not keep the
 * process alive; stop() lets the send under way finish.
 */
export function startDeliveryWorker(): Worker | null {
  if (env.DELIVERY_WORKER === "off") return null;
  const channels = channelsFromEnv();
  const names = Object.keys(channels);
  if (!names.length) return null;
  const worker = createWorker({ channels });
  worker.start({ intervalMs: env.DELIVERY_INTERVAL_MS });
  console.log(`delivery worker: ${names.join(", ")} every ${env.DELIVERY_INTERVAL_MS} ms`);
  return worker;
}
