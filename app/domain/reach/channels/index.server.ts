// The configured delivery channels, by name; an unconfigured channel is absent. The outbox worker
// sends through these. Variables: README "Reaching people: SMS, Zalo, email"; why these
// providers and what is retried: docs/decisions/0030-delivery-channels.md.
import path from "node:path";
import { env } from "~/utils/env.server";
import { channelsFromConfig, type Channels } from "./config";
import { parseZnsTemplates } from "./zns-templates";

export type { Channels } from "./config";

let cached: Channels | null = null;

/** Built once per process: the Zalo channel keeps its renewed access token between sends. */
export function channelsFromEnv(): Channels {
  cached ??= channelsFromConfig({
    timeoutMs: env.REACH_TIMEOUT_MS,
    sms: {
      provider: env.SMS_PROVIDER,
      apiUrl: env.SMS_API_URL,
      apiKey: env.SMS_API_KEY,
      secretKey: env.SMS_SECRET_KEY,
      brandname: env.SMS_BRANDNAME,
      sandbox: env.SMS_SANDBOX === "true" || env.SMS_SANDBOX === "1",
      costPerSegmentVnd: env.SMS_COST_VND,
    },
    zalo: {
      apiUrl: env.ZALO_ZNS_API_URL,
      accessToken: env.ZALO_ZNS_ACCESS_TOKEN,
      templates: parseZnsTemplates(env.ZALO_ZNS_TEMPLATES) ?? {},
      costPerMessageVnd: env.ZALO_ZNS_COST_VND,
      refresh: {
        appId: env.ZALO_APP_ID,
        appSecret: env.ZALO_APP_SECRET,
        refreshToken: env.ZALO_OA_REFRESH_TOKEN,
        oauthUrl: env.ZALO_OAUTH_URL,
        // Zalo's refresh tokens are single-use: the renewed pair is kept beside the database.
        storeFile: path.join(env.dataDir, ".zalo-oa-token.json"),
      },
    },
    email: { url: env.SMTP_URL, from: env.MAIL_FROM },
  });
  return cached;
}
