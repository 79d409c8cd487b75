// Email over SMTP with nodemailer: offices (buyers, cooperatives, programme staff) read email.
// SMTP_URL is smtp://user:pass@host:587 (STARTTLS when the server offers it) or
// smtps://user:pass@host:465 (TLS from the start); MAIL_FROM is the From address.
//
// Each message carries Message-ID <outbox id@sender's domain>: a receiving server or a person
// can tell a repeat of the same outbox message from a new one, and the attempts log can be
// matched against the mail server's own log.
//
// SMTP answers: 2xx accepted; 4xx "try later" (greylisting, full queue) → retry; 5xx refused
// for good (no such mailbox, policy) → final — except a refused login (EAUTH), which is our
// configuration and clears once it is fixed. No connection, a dropped connection or a timeout
// → retry.
import nodemailer from "nodemailer";
import type { Channel, DeliveryResult, OutgoingMessage } from "../channel";
import { DEFAULT_TIMEOUT_MS, trimAnswer } from "./http";

export type EmailConfig = { url: string; from: string; timeoutMs?: number };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

export function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return `<${outboxId}@${domain}>`;
}

export function createEmailChannel(config: EmailConfig): Channel {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    url: config.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const secrets = smtpSecrets(config.url);

  return {
    name: "email",
    async send(message: OutgoingMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      const mail = {
        from: config.from,
        to: message.address,
        subject: message.subject ?? "",
        text: message.body,
        html: message.html ?? textToHtml(message.body),
        messageId: messageIdFor(message.id, config.from),
        headers: { "X-Cau-Noi-Kind": message.kind },
      };
      try {
        const info = await abortable(transport.sendMail(mail), signal);
        return { ok: true, retryable: false, providerId: info.messageId, answer: trimAnswer(String(info.response ?? "accepted"), secrets) };
      } catch (err) {
        return smtpFailure(err as SmtpError, secrets);
      }
    },
  };
}

function smtpFailure(err: SmtpError, secrets: string[]): DeliveryResult {
  const code = err.responseCode;
  const answer = trimAnswer([err.code, code, err.response ?? err.message].filter(Boolean).join(" "), secrets);
  if (err.name === "AbortError") return { ok: false, retryable: true, answer: "stopped before the mail server answered" };
  if (err.code === "EAUTH") return { ok: false, retryable: true, answer };
  if (code && code >= 500) return { ok: false, retryable: false, answer };
  if (code && code >= 400) return { ok: false, retryable: true, answer };
  // A message nodemailer cannot build, or an envelope without a valid recipient: the same again fails again.
  if (err.code === "EMESSAGE" || err.code === "EENVELOPE") return { ok: false, retryable: false, answer };
  return { ok: false, retryable: true, answer }; // ECONNECTION, ETIMEDOUT, ESOCKET, EDNS, ETLS…
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The password (and user) in SMTP_URL, so an error message quoting the URL never logs them. */
function smtpSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    return [decodeURIComponent(u.password), u.password].filter(Boolean);
  } catch {
    return [];
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Plain text as simple HTML: paragraphs on blank lines, a rule for a line of dashes (the language divider). */
export function textToHtml(text: string): string {
  const blocks = text.split(/\n\s*\n/).map((block) => {
    if (/^\s*[-—–_]{3,}\s*$/.test(block)) return "<hr>";
    return `<p>${escapeHtml(block.trim()).replace(/\n/g, "<br>")}</p>`;
  });
  return `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">${blocks.join("\n")}</body></html>`;
}

export type EmailText = { subject: string; text: string };

/**
 * An email in the recipient's language; when it is unknown, Vietnamese first and English below
 * a divider, with both subjects. Returns the fields of an OutgoingMessage.
 */
export function composeEmail(content: { vi: EmailText; en: EmailText }, locale: "vi" | "en" | null): { subject: string; body: string; html: string } {
  if (locale) {
    const c = content[locale];
    return { subject: c.subject, body: c.text, html: textToHtml(c.text) };
  }
  const body = `${content.vi.text.trim()}\n\n————————\n\n${content.en.text.trim()}`;
  return { subject: `${content.vi.subject} / ${content.en.subject}`, body, html: textToHtml(body) };
}
