// The certificate pages' HTTP side, shared by the group's and the buyer's pages and the file
// download. A form may carry a file, so its body is counted while it arrives and refused at the
// cap (as the import does, app/utils/api.server.ts): a 50 MB upload is never held whole. What
// fits is then read as an ordinary form, CSRF token and all.
import type { AppLoadContext } from "@remix-run/node";
import { readBytesCapped } from "~/utils/api.server";
import { confirmMissing, isConfirmed } from "~/utils/confirm";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm, parseWith, type FieldErrors, type FormResult } from "~/utils/forms";
import { badRequest, forbidden, notFound } from "~/utils/http.server";
import { certificationSchema, MAX_CERT_BODY_BYTES, withdrawSchema, type CertificationInput } from "./certification.schema";
import { createCertification, listCertifications, productChoices, withdrawCertification, type CertAccess } from "./certifications.server";
import { todayInVietnam } from "~/utils/dates";

/** The posted form, or null when its body passed MAX_CERT_BODY_BYTES (answer 413). */
/** A holder's certificates page (a group's or a buyer's): the list, and the form's products for those who manage. */
export async function certificationsPage(cert: CertAccess) {
  const [certs, products] = await Promise.all([listCertifications(cert.holder, todayInVietnam()), cert.canManage ? productChoices() : []]);
  return { name: cert.name, canManage: cert.canManage, certs, products };
}

export async function readCertForm(request: Request, context: AppLoadContext): Promise<FormData | null> {
  const bytes = await readBytesCapped(request, MAX_CERT_BODY_BYTES, context);
  if (bytes === null) return null;
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  headers.delete("Transfer-Encoding");
  return readForm(new Request(request.url, { method: request.method, headers, body: new Uint8Array(bytes) }));
}

/** The certificate form checked, its file read; what is sent back on an error never holds the file. */
export async function parseCertificationForm(form: FormData): Promise<FormResult<CertificationInput>> {
  const values = formToObject(form);
  // A file input left empty still sends a part, with no name and no bytes (read as text): no file.
  delete values.file;
  const file = form.get("file");
  if (file instanceof File && (file.size > 0 || file.name !== "")) values.file = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  const products = (await productChoices()).map((p) => p.id);
  const parsed = parseWith(certificationSchema(products), values);
  if (parsed.ok) return parsed;
  delete parsed.values.file;
  return parsed;
}

export type CertActionData = {
  intent: "add" | "withdraw";
  errors: FieldErrors;
  values?: Record<string, unknown>;
  /** The certificate a withdrawal was about, so its own form shows the errors. */
  certificationId?: string;
  savedId?: string;
  withdrawn?: boolean;
};

/**
 * Adds or withdraws one of the holder's certificates, for those who manage them (others: 403,
 * before the body is read). A body above the cap answers 413 with the file field's message.
 */
export async function certificationAction(
  request: Request,
  context: AppLoadContext,
  cert: CertAccess,
  userId: string,
): Promise<{ status: number; body: CertActionData }> {
  if (!cert.canManage) forbidden();
  const form = await readCertForm(request, context);
  if (!form) return { status: 413, body: { intent: "add", errors: { file: ["error.cert.fileTooBig"] } } };
  const intent = form.get("intent");
  if (intent === "add") {
    const parsed = await parseCertificationForm(form);
    if (!parsed.ok) return { status: 400, body: { intent, errors: parsed.errors, values: parsed.values } };
    const id = await createCertification(cert.holder, parsed.data, userId);
    return { status: 200, body: { intent, errors: {}, savedId: id } };
  }
  if (intent === "withdraw") {
    const certificationId = String(form.get("certificationId") ?? "");
    const parsed = parseForm(withdrawSchema, form);
    if (!parsed.ok || !isConfirmed(form))
      return {
        status: 400,
        body: {
          intent,
          certificationId,
          errors: { ...(parsed.ok ? {} : parsed.errors), ...(isConfirmed(form) ? {} : confirmMissing) },
          values: formToObject(form),
        },
      };
    const r = await withdrawCertification(cert.holder, parsed.data.certificationId, parsed.data.reason);
    if (!r.ok && r.error === "error.notFound") notFound();
    if (!r.ok) return { status: 409, body: { intent, certificationId, errors: { _form: [r.error] } } };
    return { status: 200, body: { intent, certificationId, errors: {}, withdrawn: true } };
  }
  badRequest("Unknown intent");
}

/** RFC 6266: an ASCII name for old clients, the exact one (UTF-8) for the others. */
function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^A-Za-z0-9._ -]/g, "_") || "file";
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * The file as a download: its type as checked when it was stored, never sniffed by the browser,
 * always saved rather than opened on this site's pages (an uploaded file is not our content).
 */
export function certificationFileResponse(file: { name: string; mime: string; bytes: Uint8Array }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file.name),
      // X-Content-Type-Options: nosniff is on every answer already (helmet, server.js).
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
