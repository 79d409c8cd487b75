// Deterministic randomness and small helpers for the benchmark data generator. Every random
// choice comes from a PRNG seeded by a string key (like app/domain/demo.server.ts), so two
// runs of the generator give the same programme apart from ids and timestamps.

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A PRNG seeded from a key, with the helpers the generators need. */
export function rngFor(key: string) {
  const next = mulberry32(hashKey(key));
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(xs: readonly (readonly [T, number])[]) => {
    let x = next() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of xs) if ((x -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  const shuffle = <T>(xs: readonly T[]) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { next, int, pick, weighted, shuffle, between: (lo: number, hi: number) => lo + next() * (hi - lo) };
}
export type Rng = ReturnType<typeof rngFor>;

export const pad = (n: number, w: number) => String(n).padStart(w, "0");
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
/** A calendar date as a moment in the working day, Vietnam time, stored the way Prisma stores DateTime. */
export const at = (date: string, hour = 9) => `${date}T${pad(Math.max(0, hour - 7), 2)}:00:00.000+00:00`;
export const to100g = (g: number) => Math.round(g / 100) * 100;

/**
 * cuid-like ids: "c" + the run's start time + a counter + random tail, 25 characters. The
 * counter keeps ids of one table increasing, so primary-key inserts append to the B-tree.
 */
export function idMaker(seed = "ids") {
  const stamp = Date.now().toString(36).padStart(8, "0").slice(-8);
  const r = mulberry32(hashKey(seed));
  let n = 0;
  return () => {
    n++;
    let tail = "";
    for (let i = 0; i < 2; i++) tail += Math.floor(r() * 36 ** 4).toString(36).padStart(4, "0");
    return `c${stamp}${n.toString(36).padStart(7, "0")}${tail}`;
  };
}

/** ASCII slug of a Vietnamese name: "Hướng Hóa" → "huong-hoa". */
export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
