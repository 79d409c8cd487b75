// PLACEHOLDER (helper "outbox"): the wording of each event per channel belongs to helper "prefs",
// whose messages.server.ts replaces this file at merge. Until then: the inbox's own sentence
// for the event (its catalogue wording), fitted to the channel. Only the signature is the seam.
import type { ChannelName } from "./channel";
import { translateDynamic, type Locale } from "~/i18n";

export type RenderOptions = { channel: ChannelName; locale: Locale; plain: boolean };

export type RenderedMessage = {
  subject: string | null;
  body: string;
  html: string | null;
  /** Zalo ZNS template parameters. */
  params: Record<string, string> | null;
};

/** One SMS segment: 70 UCS-2 characters with diacritics, 160 GSM characters without. */
const SEGMENT = { unicode: 70, plain: 160 } as const;

export function renderMessage(kind: string, params: Record<string, string | number>, opts: RenderOptions): RenderedMessage {
  const sentence = translateDynamic(opts.locale, `notify.${kind}`, params)
    .replace(/\{\w+\}/g, "") // a name the inbox adds when it reads (the buyer of a contract) is not in params
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
  const text = `Cầu Nối: ${sentence}`;
  if (opts.channel === "sms") {
    const body = opts.plain ? withoutDiacritics(text) : text;
    return { subject: null, body: opts.plain ? fit(body, SEGMENT.plain, "...") : fit(body, SEGMENT.unicode), html: null, params: null };
  }
  if (opts.channel === "zalo") {
    return { subject: null, body: text, html: null, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) };
  }
  return { subject: fit(text, 78), body: text, html: `<p>${escapeHtml(text)}</p>`, params: null };
}

function fit(text: string, max: number, ellipsis = "…"): string {
  return text.length <= max ? text : `${text.slice(0, max - ellipsis.length)}${ellipsis}`;
}

export function withoutDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/…/g, "...");
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
