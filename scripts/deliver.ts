// The outbox's delivery worker on its own (docs/decisions/0031-outbox.md), for a server started
// with DELIVERY_WORKER=off or a machine that only sends: `npm run deliver` runs until SIGTERM
// (finishing the message being sent), `npm run deliver -- --once` sends what is due and exits.
import { channelsFromEnv } from "~/domain/reach/channels/index.server";
import { createWorker } from "~/domain/reach/worker.server";
import { dbReady, disconnect } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const once = process.argv.includes("--once");
const channels = channelsFromEnv();
if (!Object.keys(channels).length) {
  console.error('deliver: no channel is configured (see README, "The outbox and the delivery worker")');
  process.exit(2);
}
await dbReady();
const worker = createWorker({ channels });

if (once) {
  const s = await worker.runOnce();
  console.log(`deliver: ${s.sent} sent, ${s.retrying} to retry, ${s.failed} failed, ${s.postponed} postponed (quiet hours), ${s.skipped} skipped`);
  await disconnect();
} else {
  console.log(`deliver: ${Object.keys(channels).join(", ")} every ${env.DELIVERY_INTERVAL_MS} ms`);
  worker.start({ intervalMs: env.DELIVERY_INTERVAL_MS, unref: false });
  const stop = async () => {
    await worker.stop();
    await disconnect();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
