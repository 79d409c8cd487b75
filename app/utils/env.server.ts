// The one place that reads process.env. Validated once, at first import.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as z from "zod";
import { parseZnsTemplates } from "../domain/reach/channels/zns-templates";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // SQLite (embedded, the default) or PostgreSQL (docs/decisions/0033-two-engines.md).
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a SQLite file: URL (file:./data/caunoi.db) or postgresql://…")
    .default("file:./data/caunoi.db"),
  // PostgreSQL only: a read replica for pages that only read (dashboards, reports).
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_REPLICA_URL must be a postgresql:// URL")
    .optional(),
  // Files the app keeps beside its data (signing key, anchor log, session secret). Default: the
  // SQLite file's folder, or ./data with PostgreSQL.
  DATA_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  // Secure cookies need HTTPS; localhost counts as secure in browsers, a LAN address does not.
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  // Maintenance: serve reads, refuse every write with a clear message (e.g. while restoring).
  DATABASE_READ_ONLY: z.enum(["true", "false"]).default("false"),
  // Optional cap on the database size in pages (4 KiB each): a full disk, made predictable.
  DATABASE_MAX_PAGES: z.coerce.number().int().positive().optional(),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  // The Ed25519 key that signs pickup-chain checkpoints (docs/decisions/0013-chain-anchors.md):
  // PKCS#8 PEM, or its DER in base64 on one line. Unset: generated once beside the database.
  CHAIN_SIGNING_KEY: z
    .string()
    .refine((v) => parseEd25519PrivateKey(v) !== null, "CHAIN_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM or base64 DER)")
    .optional(),
  // The append-only anchor log; best on another disk or an append-only mount. Default: beside the database.
  CHAIN_ANCHOR_LOG: z.string().min(1).optional(),

  // ── Reaching people: SMS, Zalo, email (issue 17; docs/decisions/0030-delivery-channels.md) ──
  // Each channel is off while its key is unset (an empty value counts as unset); half a channel's
  // settings is refused at start-up (reachIssues below).
  // SMS through eSMS.vn, brandname customer-care messages. SMS_API_URL defaults to eSMS's own.
  // SMS_COST_VND: price per segment for the admin's cost figures (eSMS answers none; 0 = unknown).
  SMS_PROVIDER: z.enum(["esms"]).default("esms"),
  SMS_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  SMS_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  SMS_SECRET_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  SMS_BRANDNAME: z.preprocess(emptyToUndefined, z.string().max(11, "SMS_BRANDNAME is at most 11 characters").optional()),
  SMS_SANDBOX: z.enum(["true", "false", "1", "0"]).default("false"),
  SMS_COST_VND: z.coerce.number().int().nonnegative().default(0),
  // Zalo ZNS template messages. ZALO_ZNS_TEMPLATES: JSON, event kind → {"templateId", "params": [names]}.
  // With ZALO_APP_ID + ZALO_APP_SECRET + ZALO_OA_REFRESH_TOKEN the access token renews itself.
  ZALO_ZNS_ACCESS_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  ZALO_ZNS_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  ZALO_ZNS_TEMPLATES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => parseZnsTemplates(v) !== null, 'ZALO_ZNS_TEMPLATES must be JSON like {"pickup.receipt": {"templateId": "123", "params": ["code"]}}')
      .optional(),
  ),
  ZALO_ZNS_COST_VND: z.coerce.number().int().nonnegative().default(0),
  ZALO_APP_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  ZALO_APP_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  ZALO_OA_REFRESH_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  ZALO_OAUTH_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  // Email: smtp://user:pass@host:587 or smtps://user:pass@host:465; MAIL_FROM "Cầu Nối <no-reply@example.vn>".
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().optional()),
  // How long one provider may take to answer before the attempt counts as failed (and is retried).
  REACH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // The SMS gateway's incoming-message webhook (/api/sms/inbound) sends it in X-Inbound-Secret.
  // Unset: the webhook refuses everything (replies to stop texts then go through the leader).
  SMS_INBOUND_SECRET: z.string().min(16, "SMS_INBOUND_SECRET must be at least 16 characters").optional(),
  // The outbox's delivery worker (docs/decisions/0031-outbox.md) runs inside the server unless
  // "off" (then `npm run deliver` runs it alone); it looks for due messages every interval.
  DELIVERY_WORKER: z.enum(["on", "off"]).default("on"),
  DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
});

function emptyToUndefined(v: unknown) {
  return v === "" ? undefined : v;
}

/** Settings that only work together: one without the others is a mistake, not a channel that is off. */
function reachIssues(e: z.infer<typeof schema>): string[] {
  const groups: (keyof typeof e)[][] = [
    ["SMS_API_KEY", "SMS_SECRET_KEY", "SMS_BRANDNAME"],
    ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_REFRESH_TOKEN"],
  ];
  return groups.flatMap((names) => {
    const set = names.filter((n) => e[n] !== undefined);
    const missing = names.filter((n) => e[n] === undefined);
    return set.length > 0 && missing.length > 0 ? [`  ${missing.join(", ")}: must be set together with ${set.join(", ")}`] : [];
  });
}

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const issues = reachIssues(e);
  if (issues.length > 0) throw new Error(`Invalid environment:\n${issues.join("\n")}`);
  const engine = e.DATABASE_URL.startsWith("file:") ? ("sqlite" as const) : ("postgresql" as const);
  if (e.DATABASE_REPLICA_URL && engine !== "postgresql")
    throw new Error("Invalid environment:\n  DATABASE_REPLICA_URL: only with a postgresql:// DATABASE_URL");
  // With SQLite the files live beside the database file, as they always have.
  const sqlitePath = engine === "sqlite" ? databasePathFromUrl(e.DATABASE_URL) : "";
  const dataDir = path.resolve(e.DATA_DIR ?? (engine === "sqlite" ? path.dirname(sqlitePath) : "data"));
  const anchorDefault = engine === "sqlite" ? `${sqlitePath}.anchors.jsonl` : path.join(dataDir, "chain-anchors.jsonl");
  return {
    ...e,
    databaseEngine: engine,
    /** The SQLite file ("" with PostgreSQL). */
    databasePath: sqlitePath,
    dataDir,
    // Unset: decided per request (secureCookies()), so plain-HTTP LAN installs keep working.
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === "true" : null,
    sessionSecret: e.SESSION_SECRET ?? localSecret(dataDir),
    chainKeyFile: path.join(dataDir, ".chain-signing-key"),
    anchorLogPath: path.resolve(e.CHAIN_ANCHOR_LOG ?? anchorDefault),
  };
}

export function parseEd25519PrivateKey(text: string): crypto.KeyObject | null {
  try {
    const t = text.trim();
    const key = t.startsWith("-----BEGIN")
      ? crypto.createPrivateKey(t)
      : crypto.createPrivateKey({ key: Buffer.from(t, "base64"), format: "der", type: "pkcs8" });
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

export function databasePathFromUrl(url: string): string {
  const p = url.replace(/^file:/, "").split("?")[0];
  return path.resolve(p);
}

// Without SESSION_SECRET (a laptop demo), keep a random secret beside the database so
// signed cookies survive restarts but differ between installations.
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("hex");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export const env = load();

/**
 * Cookies are Secure when COOKIE_SECURE says so, or else when the request came over TLS (directly,
 * or from a proxy TRUST_PROXY names): a phone reaching http://192.168.1.10:3000 in a commune
 * office still signs in, and an HTTPS site never sends its cookies in the clear.
 */
export function secureCookies(request: Request): { secure: boolean } {
  return { secure: env.cookieSecure ?? new URL(request.url).protocol === "https:" };
}
