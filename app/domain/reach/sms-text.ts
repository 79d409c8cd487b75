// SMS text rules (issue 17): a message that costs one segment and reads well on a basic phone.
//
// One SMS segment holds 160 characters of GSM 03.38 (the 7-bit alphabet every phone has) or 70
// UTF-16 code units of UCS-2. One Vietnamese letter with a diacritic (ạ, đ, ư…) outside GSM-7
// turns the whole message into UCS-2, so a receipt either keeps its diacritics in 70 characters
// or drops them for 160 — the recipient's choice per phone, since many basic phones draw
// Vietnamese badly. GSM-7 extension characters (€ [ ] { } ^ ~ | \ and form feed) are sent
// as an escape plus the character: they count two.
//
// Callers compose a message from parts and mark what may be cut. A pickup receipt keeps the
// weight, grade, amount and code (`keep: true`); a greeting or a place name can be dropped or
// shortened with "…". If even the kept parts do not fit one UCS-2 segment, the text falls back
// to plain GSM-7 (160) rather than cutting a figure somebody will later check the record against.

/** GSM 03.38 basic character set (one septet each). */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** GSM 03.38 extension table: sent as ESC + character, two septets each. */
const GSM7_EXTENSION = new Set("^{}\\[~]|€\f");

export const SEGMENT_GSM7 = 160;
export const SEGMENT_UCS2 = 70;
// Concatenated messages lose room to the user-data header.
const MULTIPART_GSM7 = 153;
const MULTIPART_UCS2 = 67;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7_BASIC.has(ch) && !GSM7_EXTENSION.has(ch)) return false;
  return true;
}

/** Length as the network counts it: septets for GSM-7, UTF-16 code units for UCS-2. */
export function smsLength(text: string, unicode = !isGsm7(text)): number {
  if (unicode) return text.length; // JS strings are UTF-16: an emoji already counts two
  let n = 0;
  for (const ch of text) n += GSM7_EXTENSION.has(ch) ? 2 : 1;
  return n;
}

/** How many segments the text costs (0 for an empty text). */
export function smsSegments(text: string, unicode = !isGsm7(text)): number {
  const n = smsLength(text, unicode);
  if (n === 0) return 0;
  const single = unicode ? SEGMENT_UCS2 : SEGMENT_GSM7;
  return n <= single ? 1 : Math.ceil(n / (unicode ? MULTIPART_UCS2 : MULTIPART_GSM7));
}

// Punctuation that word processors and our own formatters produce, with its GSM-7 spelling.
const PLAIN_REPLACEMENTS: Record<string, string> = {
  "₫": "VND",
  "…": "...",
  "–": "-",
  "—": "-",
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "\u00a0": " ",
  "\u202f": " ",
  "·": ".",
  "•": "-",
  "×": "x",
};

/**
 * Vietnamese without diacritics, in GSM-7: "Đã cân 268,1 kg, 4.959.850 ₫" → "Da can 268,1 kg,
 * 4.959.850 VND". Characters with no GSM-7 spelling become "?" so the result is always plain.
 */
export function toPlainSms(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (ch === "đ") out += "d";
    else if (ch === "Đ") out += "D";
    else if (PLAIN_REPLACEMENTS[ch] !== undefined) out += PLAIN_REPLACEMENTS[ch];
    else {
      // Strip combining marks (tones, hooks, horns, breves): ệ → e, ư → u, ơ → o — and à → a too,
      // though à is GSM-7: "plain" promises a phone that shows no diacritic at all.
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base.length > 0 && isGsm7(base) ? base : "?";
    }
  }
  return out;
}

export type SmsPart = {
  text: string;
  /** Never shortened or dropped (a receipt's weight, grade, amount, code). */
  keep?: boolean;
  /** Parts that may go are cut least important first: lower priority first, later parts first among equals. */
  priority?: number;
  /** Shorten this part with "…" when room runs out, instead of dropping it whole. */
  shorten?: boolean;
};

export type FittedSms = {
  text: string;
  /** true: send as UCS-2 (the provider's "unicode" flag). */
  unicode: boolean;
  length: number;
  limit: number;
  segments: number;
  /** false only when the kept parts alone exceed one GSM-7 segment: sent whole, in several segments. */
  fits: boolean;
  /** Parts that were dropped or shortened. */
  cut: number;
  /** The caller wanted diacritics, but the kept parts did not fit 70: sent without them. */
  fellBackToPlain: boolean;
};

/**
 * Fit a message into one SMS segment. `plain: true` removes diacritics (160 GSM-7 characters);
 * otherwise the text keeps them (70 UCS-2 units, or 160 if it happens to be all GSM-7).
 * A plain string is one part that may be shortened. Parts are joined with `separator` (" ").
 */
export function fitSms(input: string | SmsPart[], options: { plain: boolean; separator?: string }): FittedSms {
  const parts: SmsPart[] = typeof input === "string" ? [{ text: input, shorten: true }] : input;
  const separator = options.separator ?? " ";
  if (!options.plain) {
    const wide = fitParts(parts, separator, false);
    if (wide.fits) return { ...wide, fellBackToPlain: false };
    // The kept parts alone exceed 70: keep the figures, lose the diacritics.
    return { ...fitParts(parts, separator, true), fellBackToPlain: true };
  }
  return { ...fitParts(parts, separator, true), fellBackToPlain: false };
}

function fitParts(parts: SmsPart[], separator: string, plain: boolean): Omit<FittedSms, "fellBackToPlain"> {
  const prepare = (s: string) => (plain ? toPlainSms(s) : s.normalize("NFC"));
  const texts: (string | null)[] = parts.map((p) => prepare(p.text).trim());
  const sep = prepare(separator);
  const ellipsis = plain ? "..." : "…";
  const join = () => texts.filter((t): t is string => !!t).join(sep);
  const measure = (text: string) => {
    const unicode = !isGsm7(text);
    return { unicode, length: smsLength(text, unicode), limit: unicode ? SEGMENT_UCS2 : SEGMENT_GSM7 };
  };
  // Least important first: lowest priority, and among equals the later part.
  const order = parts
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !p.keep)
    .sort((a, b) => (a.p.priority ?? 0) - (b.p.priority ?? 0) || b.i - a.i);

  let cut = 0;
  for (const { p, i } of order) {
    const m = measure(join());
    if (m.length <= m.limit) break;
    cut++;
    const current = texts[i];
    if (!p.shorten || !current) {
      texts[i] = null;
      continue;
    }
    // Room this part may take: the limit less everything else (measured in the current alphabet).
    texts[i] = null;
    const rest = join();
    const unicode = !isGsm7(rest) || !isGsm7(current + ellipsis);
    const room = (unicode ? SEGMENT_UCS2 : SEGMENT_GSM7) - smsLength(rest, unicode) - (rest ? smsLength(sep, unicode) : 0);
    texts[i] = shortenTo(current, room, ellipsis, unicode);
  }
  const text = join();
  const m = measure(text);
  return { text, ...m, segments: smsSegments(text, m.unicode), fits: m.length <= m.limit, cut };
}

/** The longest prefix (whole characters, trailing space trimmed) plus the ellipsis that fits `room`; null if hardly anything would remain. */
function shortenTo(text: string, room: number, ellipsis: string, unicode: boolean): string | null {
  const budget = room - smsLength(ellipsis, unicode);
  if (budget < 3) return null;
  let out = "";
  for (const ch of text) {
    if (smsLength(out + ch, unicode) > budget) break;
    out += ch;
  }
  // End on a word when that costs only a few characters ("Bản…", not "Bản P…").
  const space = out.lastIndexOf(" ");
  if (out.length < [...text].length && space > 0 && out.length - space <= 8) out = out.slice(0, space);
  out = out.trimEnd().replace(/[,;:.\-–]+$/, "");
  return out.length >= 3 ? out + ellipsis : null;
}
