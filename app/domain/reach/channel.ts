// A delivery channel (issue 17): a real client of a provider's protocol, configured by
// environment variables and absent when unconfigured. The outbox worker hands it one message at
// a time and records what the provider answered.
export const CHANNELS = ["sms", "zalo", "email"] as const;
export type ChannelName = (typeof CHANNELS)[number];

export type OutgoingMessage = {
  id: string; // OutboxMessage.id: sent to the provider as the idempotency key where it takes one
  kind: string;
  address: string; // 84xxxxxxxxx for sms/zalo, an email address for email
  subject?: string | null;
  body: string; // the text (SMS: already fitted to one segment)
  html?: string | null;
  params?: Record<string, string> | null; // Zalo ZNS template parameters
};

export type DeliveryResult = {
  ok: boolean;
  /** false = the provider refused for good (bad number, bad template): do not try again. */
  retryable: boolean;
  httpStatus?: number;
  providerId?: string;
  costVnd?: number;
  /** The provider's answer, trimmed, for the attempts log. */
  answer?: string;
  /** The provider asked us to wait (429 Retry-After), in ms. */
  retryAfterMs?: number;
};

export interface Channel {
  name: ChannelName;
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult>;
}
