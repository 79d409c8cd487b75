// Bundle refs for records made in the app: a readable slug plus randomness, so refs made
// in two installations do not collide when their bundles meet.
import crypto from "node:crypto";

export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}

export function newRef(prefix: string, name?: string): string {
  const rand = crypto.randomBytes(4).toString("hex");
  return name ? `${prefix}-${slug(name)}-${rand}` : `${prefix}-${rand}`;
}

let lastMs = 0;
let counter = 0;

/**
 * A row id made by the app where Prisma cannot make it (rows inserted together with createMany
 * that other rows point to). Shaped like Prisma's cuid: "c", the time in base 36, a counter and
 * randomness, so ids grow with time and primary-key inserts append instead of splitting pages.
 */
export function newId(): string {
  const now = Date.now();
  counter = now === lastMs ? counter + 1 : 0;
  lastMs = now;
  return `c${now.toString(36)}${counter.toString(36).padStart(4, "0")}${crypto.randomBytes(6).toString("hex")}`;
}
