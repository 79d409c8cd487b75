// The server's Ed25519 key that signs pickup-chain checkpoints (docs/decisions/0013-chain-anchors.md).
// From CHAIN_SIGNING_KEY, or generated once and kept beside the database like the session
// secret: never in the database, so whoever holds a copy of the database cannot re-sign it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, parseEd25519PrivateKey } from "./env.server";

export type PublicKeyInfo = {
  publicKey: crypto.KeyObject;
  /** The raw 32-byte public key in base64: what the verify page and the CLI print. */
  publicKeyBase64: string;
  /** First 16 hex of sha256(raw key): names the key in every checkpoint. */
  keyId: string;
};

export type SigningKey = PublicKeyInfo & { privateKey: crypto.KeyObject };

let cached: SigningKey | null = null;

export function signingKey(): SigningKey {
  if (!cached) {
    const privateKey = env.CHAIN_SIGNING_KEY ? parseEd25519PrivateKey(env.CHAIN_SIGNING_KEY)! : localKey(env.chainKeyFile);
    cached = { privateKey, ...describePublicKey(crypto.createPublicKey(privateKey)) };
  }
  return cached;
}

export function describePublicKey(publicKey: crypto.KeyObject): PublicKeyInfo {
  // An Ed25519 SPKI DER is a fixed 12-byte header followed by the raw key.
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return { publicKey, publicKeyBase64: raw.toString("base64"), keyId: crypto.createHash("sha256").update(raw).digest("hex").slice(0, 16) };
}

export function sign(text: string): string {
  return crypto.sign(null, Buffer.from(text, "utf8"), signingKey().privateKey).toString("base64");
}

export function signatureValid(text: string, signature: string, publicKey: crypto.KeyObject = signingKey().publicKey): boolean {
  try {
    return crypto.verify(null, Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

// Several processes (server, CLI, tests) may start on a fresh data directory at once: the key
// is written to a private temporary file and linked into place, so exactly one key wins and
// nobody reads a half-written file.
function localKey(file: string): crypto.KeyObject {
  try {
    return parseOrThrow(fs.readFileSync(file, "utf8"), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomUUID()}`;
  const pem = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  fs.writeFileSync(tmp, pem, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return parseOrThrow(fs.readFileSync(file, "utf8"), file);
}

function parseOrThrow(text: string, file: string): crypto.KeyObject {
  const key = parseEd25519PrivateKey(text);
  if (!key) throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}
