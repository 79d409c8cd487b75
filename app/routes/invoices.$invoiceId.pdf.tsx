import type { LoaderFunctionArgs } from "@remix-run/node";
import { memberHousehold, requireAccess } from "~/domain/access.server";
import { invoicePdf } from "~/domain/invoice-pdf.server";
import { balances, findInvoiceForViewer, invoiceCode } from "~/domain/invoices.server";
import { payoutsFor } from "~/domain/payouts/payouts.server";
import { getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const found = await findInvoiceForViewer(access, params.invoiceId!);
  if (!found) notFound();
  const { invoice, role, names } = found;
  // Members get their own lines and slip only.
  if (role === "group_member") {
    const own = access.groups.find((g) => g.id === invoice.contract.groupId)?.householdId;
    invoice.lines = invoice.lines.filter((l) => l.householdId === own);
    invoice.deductions = invoice.deductions.filter((d) => d.householdId === own);
  }
  const b = await balances([invoice.id]);
  const own = memberHousehold(access, invoice.contract.groupId, role);
  const payouts = await payoutsFor(invoice, names, role, own);
  const pdf = await invoicePdf(
    invoice,
    names,
    b.paid.get(invoice.id) ?? 0,
    invoice.totalVnd + (b.notes.get(invoice.id) ?? 0),
    await getLocale(request, access.user.locale),
    { payouts },
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${invoiceCode(invoice.kind, invoice.year, invoice.number, invoice.series)}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
