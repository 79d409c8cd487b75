// Which channels exist, from plain configuration values (index.server.ts reads them from the
// environment; tests pass their own). A channel whose key is unset is absent, not a stub.
import type { Channel, ChannelName } from "../channel";
import { createEmailChannel } from "./email";
import { createEsmsChannel } from "./esms";
import { createZnsChannel } from "./zalo-zns";
import type { ZnsTemplate } from "./zns-templates";

export type ReachConfig = {
  timeoutMs?: number;
  sms?: { provider: "esms"; apiUrl?: string; apiKey?: string; secretKey?: string; brandname?: string; sandbox?: boolean; costPerSegmentVnd?: number };
  zalo?: {
    apiUrl?: string;
    accessToken?: string;
    templates?: Record<string, ZnsTemplate>;
    costPerMessageVnd?: number;
    refresh?: { appId?: string; appSecret?: string; refreshToken?: string; oauthUrl?: string; storeFile?: string };
  };
  email?: { url?: string; from?: string };
};

export type Channels = Partial<Record<ChannelName, Channel>>;

export function channelsFromConfig(config: ReachConfig): Channels {
  const channels: Channels = {};
  const timeoutMs = config.timeoutMs;
  const sms = config.sms;
  if (sms?.apiKey && sms.secretKey && sms.brandname) {
    channels.sms = createEsmsChannel({ ...sms, apiKey: sms.apiKey, secretKey: sms.secretKey, brandname: sms.brandname, timeoutMs });
  }
  const zalo = config.zalo;
  if (zalo?.accessToken) {
    const r = zalo.refresh;
    channels.zalo = createZnsChannel({
      apiUrl: zalo.apiUrl,
      accessToken: zalo.accessToken,
      templates: zalo.templates ?? {},
      costPerMessageVnd: zalo.costPerMessageVnd,
      refresh: r?.appId && r.appSecret && r.refreshToken ? { ...r, appId: r.appId, appSecret: r.appSecret, refreshToken: r.refreshToken } : undefined,
      timeoutMs,
    });
  }
  const email = config.email;
  if (email?.url) channels.email = createEmailChannel({ url: email.url, from: email.from ?? "Cầu Nối <no-reply@localhost>", timeoutMs });
  return channels;
}
