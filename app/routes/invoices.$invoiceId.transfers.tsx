// The transfers of a statement for a bank's bulk-transfer service: one row per household with
// an account (holder, bank, BIN, account, amount, message = the statement number). For the
// buyer who pays (and the site administrator) only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { findInvoiceForViewer, invoiceCode } from "~/domain/invoices.server";
import { payoutsFor, transferRows } from "~/domain/payouts/payouts.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { csvResponse } from "~/utils/csv.server";
import { forbidden, notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const found = await findInvoiceForViewer(access, params.invoiceId!);
  if (!found || found.invoice.kind !== "invoice") notFound();
  const { invoice, role, names } = found;
  if (role !== "buyer" && role !== "admin") forbidden();
  const t = translator(await getLocale(request, access.user.locale));
  const code = invoiceCode(invoice.kind, invoice.year, invoice.number, invoice.series);
  const payouts = invoice.status === "cancelled" ? [] : await payoutsFor(invoice, names, role, null);
  const headers = ["holder", "bank", "bin", "account", "amount", "message"].map((k) => t.dynamic(`payout.csv.${k}`));
  return csvResponse(`chuyen-khoan-${code}`, transferRows(payouts, code, headers));
}
