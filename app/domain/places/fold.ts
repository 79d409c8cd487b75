// Names of places as people type them: with or without diacritics, with or without the unit's
// kind ("Xã", "Huyện", "Tỉnh"…), "Hoà"/"Hòa". Shared by the server's crosswalk and the phone's
// type-ahead, so both agree on what "huong phung" finds.

/** Lower case, no diacritics, đ → d, punctuation as spaces, single spaces. */
export function foldVi(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The name as written, compared without case, punctuation or the tone mark's old placement
 * ("Hoà" and "Hòa", "Thuỵ" and "Thụy" are one name) but with its diacritics: "Lộc Thành" and
 * "Lộc Thạnh" are two communes.
 */
export function exactName(s: string): string {
  return s
    .normalize("NFD")
    .toLowerCase()
    .replace(/(?<!q)([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![a-zđ])/g, "$1$3$2")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}

// The unit's kind as it starts a name, longest first so "thị xã" is not read as "thị".
// Abbreviations (tp, tt, tx) and kinds typed without diacritics count too; a name that merely
// begins like one ("Tịnh Biên", "Quan Hóa") keeps its first word because the diacritics differ,
// and a lookup always tries the name whole before it tries it without its first words.
const KINDS = ["thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã", "tp", "tt", "tx"].map((k) => exactName(k));
const ASCII_KINDS = ["thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh", "xa"];

/** exactName without the unit's kind: "Xã Hướng Phùng" → "hướng phùng" (decomposed). */
export function stripKind(name: string): string {
  const e = exactName(name);
  const ascii = !/[\u0300-\u036fđ]/.test(e);
  for (const k of ascii ? [...KINDS, ...ASCII_KINDS] : KINDS) {
    if (e.startsWith(k + " ") && e.length > k.length + 1) return e.slice(k.length + 1);
  }
  return e;
}

/** The folded name without its kind, for "did you mean" and the type-ahead. */
export function placeKey(s: string): string {
  return foldVi(stripKind(s));
}

/** True when every word typed starts a word of the name (folded): "h phung" finds "Xã Hướng Phùng". */
export function matchesTyped(name: string, typed: string): boolean {
  const q = foldVi(typed).split(" ").filter(Boolean);
  if (q.length === 0) return true;
  const words = foldVi(name).split(" ");
  let from = 0;
  for (const w of q) {
    const at = words.findIndex((x, i) => i >= from && x.startsWith(w));
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

/** Similarity of two folded names (Dice coefficient over letter pairs), for "did you mean". */
export function similarity(a: string, b: string): number {
  const pairs = (s: string) => {
    const out = new Map<string, number>();
    const t = ` ${s} `;
    for (let i = 0; i < t.length - 1; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  let common = 0;
  let total = 0;
  for (const [k, n] of pa) {
    common += Math.min(n, pb.get(k) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}
