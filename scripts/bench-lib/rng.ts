// Deterministic randomness and small helpers for the benchmark data generator. Every random
// choice comes from a PRNG seeded by a string key (like app/domain/demo.server.ts), so two
// runs of the generator give the same programme apart from ids and timestamps.

export { hashKey, mulberry32, rngFor, type Rng } from "~/domain/rng";
import { hashKey, mulberry32 } from "~/domain/rng";

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
    for (let i = 0; i < 2; i++)
      tail += Math.floor(r() * 36 ** 4)
        .toString(36)
        .padStart(4, "0");
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
