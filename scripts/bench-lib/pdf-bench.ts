// Invoice PDFs per second on one core, as scripts/bench-pdf.ts measures it, but for a real
// statement of the benchmark database (about ten lines): loaded once, rendered N times in
// this one process.
import Database from "better-sqlite3";

export type PdfResult = { invoice: string; lines: number; documents: number; seconds: number; perSecond: number; bytes: number };

export async function benchPdf(file: string, n: number): Promise<PdfResult> {
  const raw = new Database(file, { readonly: true });
  const id = raw
    .prepare(
      `SELECT i."id" FROM "Invoice" i WHERE i."kind" = 'invoice' AND (SELECT COUNT(*) FROM "InvoiceLine" l WHERE l."invoiceId" = i."id") BETWEEN 8 AND 12 LIMIT 1`,
    )
    .pluck()
    .get() as string;
  raw.close();
  const { findInvoiceForViewer } = await import("~/domain/invoices.server");
  const { invoicePdf } = await import("~/domain/invoice-pdf.server");
  const access = { user: { id: "bench", name: "bench", email: null, phone: null, locale: "vi", isSiteAdmin: true }, orgs: [], groups: [] };
  const found = (await findInvoiceForViewer(access, id))!;
  const render = () => invoicePdf(found.invoice, found.names, 0, found.invoice.totalVnd, "vi");
  const first = await render();
  for (let i = 0; i < 10; i++) await render(); // warm-up
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await render();
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  return {
    invoice: found.invoice.ref,
    lines: found.invoice.lines.length,
    documents: n,
    seconds: Math.round(seconds * 1000) / 1000,
    perSecond: Math.round((n / seconds) * 10) / 10,
    bytes: first.length,
  };
}
