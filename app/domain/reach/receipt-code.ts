// The short code on a pickup receipt (docs/decisions/0032-receipts-and-consent.md): six
// characters a household can read out over the phone, derived from the contract's chain head
// right after that pickup and the household it was sent to:
//
//   code = first 6 symbols of Crockford-base32( sha256( "receipt:" + headHash + ":" + householdId ) )
//
// Deterministic: anyone holding the chain (an export, a backup, the verify page) recomputes it.
// A later edit of that pickup, or of anything before it, changes the head, so the code stops
// matching. 30 bits: a guessed code matches one given pickup and household once in a billion.
// Crockford's alphabet has no I, L, O or U, so a code read aloud or typed from a basic phone's
// screen survives the usual confusions (O for 0, I or L for 1), which normaliseReceiptCode undoes.
import crypto from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_CODE_LENGTH = 6;

function crockford(bytes: Uint8Array, symbols: number): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < symbols) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= symbols) break;
  }
  return out;
}

export function receiptCode(headHash: string, householdId: string): string {
  const digest = crypto.createHash("sha256").update(`receipt:${headHash}:${householdId}`).digest();
  return crockford(digest, RECEIPT_CODE_LENGTH);
}

/** What someone typed ("7f3a 9k", "7F3-A9K", "7F3A9K") in the form codes are made in; null if it cannot be one. */
export function normaliseReceiptCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return s.length === RECEIPT_CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}
