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
