// What a notice says outside the app: one SMS segment, a Zalo ZNS template's parameters, or an
// email (subject, text and HTML). Texts come from their own catalogue pair
// (app/i18n/vi-reach-messages.ts, en-reach-messages.ts: server-only, not shipped to pages), numbers and dates in the reader's way of writing them. The params are those
// notify() was given (app/domain/notifications.server.ts), so a text names only what every
// caller passes; a name that is missing leaves its place empty rather than showing "{buyer}".
import { translateDynamic, type Locale } from "~/i18n";
import { enReachMessages } from "~/i18n/en-reach-messages";
import { viReachMessages } from "~/i18n/vi-reach-messages";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import type { ReachKind } from "./preferences";
import { fitSms, isGsm7, SEGMENT_GSM7, SEGMENT_UCS2, smsLength, toPlainSms } from "./sms-text";

export type RenderChannel = "sms" | "zalo" | "email";
export type RenderedMessage = { subject?: string; body: string; html?: string; params?: Record<string, string> };
export type RenderOptions = { channel: RenderChannel; locale: Locale; plain?: boolean; link?: string };

/** "Đã cân 268,1 kg" → "Da can 268,1 kg": how a STOP reply is read (preferences.server.ts). Texts are made plain by fitSms. */
export function withoutDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/₫/g, "d")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, "...")
    .replace(/[–—]/g, "-")
    .normalize("NFC");
}

type Params = Record<string, string | number | null | undefined>;

/** Numbers and dates as the reader writes them; everything a template names becomes a string. */
function readable(kind: ReachKind, params: Params, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) continue;
    if (k === "amount" || k === "amountVnd") out[k] = formatVnd(Number(v), locale);
    else if (k === "date" || k === "pickupDate" || k === "expiresOn") out[k] = formatDate(String(v));
    else if (k === "kg") out[k] = formatNumber(Number(v), 2, locale);
    else if (typeof v === "number") out[k] = formatNumber(v, 1, locale);
    else out[k] = v;
  }
  if (kind === "contract_status" && out.status) out.status = translateDynamic(locale, `contractStatus.${out.status}`);
  if ((kind === "dispute_resolved" || kind === "lot_corrected") && out.outcome) out.outcome = catalogue(locale, `reach.outcome.${out.outcome}`) ?? out.outcome;
  if (kind === "membership_invitation" && out.role) out.role = translateDynamic(locale, `role.${out.role}`);
  return out;
}

function fill(template: string, values: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, p: string) => values[p] ?? "")
    .replace(/\s+([,.:])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}

type MessageKey = keyof typeof viReachMessages;
const MESSAGES: Record<Locale, Record<MessageKey, string>> = { vi: viReachMessages, en: enReachMessages };

function catalogue(locale: Locale, key: string): string | null {
  return Object.prototype.hasOwnProperty.call(viReachMessages, key) ? MESSAGES[locale][key as MessageKey] : null;
}

const translate = (locale: Locale, key: MessageKey) => MESSAGES[locale][key];

/**
 * An SMS that fits one segment without cutting what matters: the shorter template when the
 * longer does not fit, then the free text a person typed (an offer's title, a reason) is
 * shortened first, the figures and the code never are. Fitting and counting is sms-text.ts's.
 */
function smsText(kind: ReachKind, values: Record<string, string>, locale: Locale, plain: boolean): string {
  // How far the text runs over one segment, counted as sms-text.ts counts (0 or less: it fits).
  const overBy = (text: string) => {
    const t = plain ? toPlainSms(text) : text;
    const unicode = !isGsm7(t);
    return smsLength(t, unicode) - (unicode ? SEGMENT_UCS2 : SEGMENT_GSM7);
  };
  const fitted = (text: string) => fitSms(text, { plain }).text;
  const templates = [catalogue(locale, `reach.sms.${kind}`), catalogue(locale, `reach.smsShort.${kind}`)].filter((t): t is string => t !== null);
  if (!templates.length) return fitted(kind);
  for (const t of templates) {
    const text = fill(t, values);
    if (overBy(text) <= 0) return fitted(text);
  }
  const template = templates[templates.length - 1];
  const v = { ...values };
  for (const key of ["offer", "reason", "explanation", "buyer", "group", "project", "place", "season", "certificate"]) {
    if (!v[key]) continue;
    const over = overBy(fill(template, v));
    if (over <= 0) break;
    const keep = Math.max(4, [...v[key]].length - over - 1);
    v[key] = [...v[key]].slice(0, keep).join("") + "…";
  }
  return fitted(fill(template, v));
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderMessage(kind: ReachKind, params: Params, opts: RenderOptions): RenderedMessage {
  const values = readable(kind, params, opts.locale);
  if (opts.channel === "sms") return { body: smsText(kind, values, opts.locale, !!opts.plain) };
  const text = fill(catalogue(opts.locale, `reach.email.${kind}`) ?? kind, values);
  if (opts.channel === "zalo") {
    // ZNS fills an approved template by parameter name: a flat map of strings, the figures as
    // the reader writes them, plus the whole sentence for templates that take one text field.
    return { body: smsText(kind, values, opts.locale, false), params: { ...values, text } };
  }
  const subject = fill(catalogue(opts.locale, `reach.subject.${kind}`) ?? kind, values);
  const more = opts.link ? `${translate(opts.locale, "reach.email.open")} ${opts.link}` : "";
  const footer = translate(opts.locale, "reach.email.footer");
  const body = [text, more, "", "—", footer].filter((l, i) => l !== "" || i === 2).join("\n");
  const html = [
    `<!doctype html><html lang="${opts.locale}"><body style="font-family:sans-serif;line-height:1.5">`,
    `<p>${escapeHtml(text)}</p>`,
    opts.link ? `<p><a href="${escapeHtml(opts.link)}">${escapeHtml(translate(opts.locale, "reach.email.openLink"))}</a></p>` : "",
    `<hr><p style="color:#555;font-size:90%">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("");
  return { subject, body, html };
}
