// Which passwords are refused (docs/decisions/0014-passwords.md). Shared by the form and the
// server: the field error is a catalogue key.
import { COMMON_PASSWORDS } from "./common-passwords";

/** A straight run such as "abcdefgh", "87654321" or a single repeated character. */
function isRun(s: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < s.length; i++) steps.add(s.charCodeAt(i) - s.charCodeAt(i - 1));
  return steps.size === 1 && [...steps].every((d) => Math.abs(d) <= 1);
}

/** The catalogue key of what is wrong with a password of acceptable length, or null. */
export function weakPassword(password: string): string | null {
  const p = password.normalize("NFC").toLowerCase();
  if (COMMON_PASSWORDS.has(p) || isRun(p)) return "error.passwordCommon";
  // Digits only: dates (ddmmyyyy) and phone-keypad patterns are the first guesses.
  if (/^\d+$/.test(p) && p.length < 10) return "error.passwordDigits";
  return null;
}

/** Whether the password contains the account's own phone number or email (or its name part). */
export function passwordHasIdentity(password: string, ids: { email?: string | null; phone?: string | null }): boolean {
  const p = password.normalize("NFC").toLowerCase();
  const digits = p.replace(/\D/g, "");
  const parts: string[] = [];
  if (ids.email) parts.push(ids.email.toLowerCase(), ids.email.toLowerCase().split("@")[0]);
  if (ids.phone) parts.push(ids.phone.slice(1)); // without the leading 0: "+84…" and "0…" both contain it
  return parts.some((part) => part.length >= 4 && (p.includes(part) || (/^\d+$/.test(part) && digits.includes(part))));
}
