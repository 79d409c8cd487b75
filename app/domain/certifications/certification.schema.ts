// A certificate as a group's leader or a buyer's administrator records it (issue 16), checked the
// same way for the form and the server. The file is judged by what it is, not what it says it is:
// its first bytes must be a PDF's, a JPEG's, a PNG's or a WebP's (docs/decisions/0027-certifications.md).
import * as z from "zod";
import { isCalendarDate } from "~/utils/dates";
import { asList, blankOr, decimalField, optionalIntField, optionalText, text, whenValid } from "../fields";
import { CERT_SCHEMES } from "./schemes";

/** The largest certificate file kept: 10 MB, enough for a scanned page or a phone photo. */
export const MAX_CERT_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The most a certificate form's whole body may carry: the file, its multipart framing and the
 * text fields (each short). A larger body is refused while it arrives, never held whole.
 */
export const MAX_CERT_BODY_BYTES = MAX_CERT_FILE_BYTES + 64 * 1024;

export const CERT_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;
export type CertFileType = (typeof CERT_FILE_TYPES)[number];

/** What the file input offers to pick; only a hint to the browser, the server reads the bytes. */
export const CERT_FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp," + CERT_FILE_TYPES.join(",");

const EXTENSION: Record<CertFileType, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The file's type from its first bytes (its "magic number"), or null when it is none we keep. */
export function sniffCertFile(bytes: Uint8Array): CertFileType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

/**
 * A name safe to store and to send back in a header: no path, no control or quote characters,
 * at most 100 characters, ending in the extension of what the file really is.
 */
export function safeFileName(given: string, mime: CertFileType): string {
  const base = (given.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[\p{Cc}\p{Cf}"*:<>?|;%]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
  return `${base || "chung-nhan"}.${EXTENSION[mime]}`;
}

/** A file as the server read it from the form: its name and its bytes. */
export type UploadedFile = { name: string; bytes: Uint8Array };

const fileSchema = z
  .custom<UploadedFile>((v) => typeof v === "object" && v !== null && "bytes" in v && v.bytes instanceof Uint8Array, "error.cert.fileType")
  .check((ctx) => {
    if (ctx.value.bytes.byteLength > MAX_CERT_FILE_BYTES) ctx.issues.push({ code: "custom", message: "error.cert.fileTooBig", input: ctx.value });
    else if (!sniffCertFile(ctx.value.bytes)) ctx.issues.push({ code: "custom", message: "error.cert.fileType", input: ctx.value });
  })
  .transform((f) => {
    const mime = sniffCertFile(f.bytes)!;
    return { name: safeFileName(f.name, mime), mime, bytes: f.bytes };
  });

/** A day typed in the form: one message, "required" or "not a date", never both. */
const day = z.string().trim().min(1, { message: "error.required", abort: true }).refine(isCalendarDate, "error.date");

const base = z.object({
  scheme: z.enum(CERT_SCHEMES, "error.required"),
  schemeName: optionalText(120),
  number: text(80),
  body: text(160),
  products: z.preprocess(asList, z.array(z.string().trim().min(1)).max(50, "error.tooLong")),
  areaHa: blankOr(decimalField(0, 1_000_000)).transform((v) => v ?? null),
  membersCovered: optionalIntField(0, 100_000),
  validFrom: day,
  validTo: day,
  file: fileSchema.optional().transform((v) => v ?? null),
});

/**
 * The certificate form. `productIds` are the products that exist: a certificate covers some of
 * them, or (none ticked) every product of its holder.
 */
export function certificationSchema(productIds: readonly string[]) {
  const known = new Set(productIds);
  return base
    .refine((c) => c.validTo >= c.validFrom, { path: ["validTo"], message: "error.cert.toBeforeFrom", ...whenValid(base, ["validFrom", "validTo"]) })
    .refine((c) => c.scheme !== "other" || !!c.schemeName, {
      path: ["schemeName"],
      message: "error.cert.otherName",
      ...whenValid(base, ["scheme", "schemeName"]),
    })
    .refine((c) => c.products.every((p) => known.has(p)), { path: ["products"], message: "error.cert.unknownProduct", ...whenValid(base, ["products"]) })
    .transform((c) => ({ ...c, products: [...new Set(c.products)], schemeName: c.scheme === "other" ? c.schemeName : null }));
}
export type CertificationInput = z.output<ReturnType<typeof certificationSchema>>;

export const withdrawSchema = z.object({
  certificationId: z.string().min(1, "error.required"),
  reason: text(300),
});
