import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { purchaseFileName, purchaseListPdf, purchaseListTable, purchaseListXlsx } from "~/domain/purchase-list/documents.server";
import { auditPurchaseExport, periodOf, purchaseList, purchaseListAccess } from "~/domain/purchase-list/purchase-list.server";
import { csvResponse } from "~/utils/csv.server";
import { badRequest, notFound } from "~/utils/http.server";

// Resource route: the bảng kê 01/TNDN as PDF, CSV or XLSX, for the buyer's own members.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const format = params.format;
  if (format !== "pdf" && format !== "csv" && format !== "xlsx") notFound();
  if (!purchaseListAccess(access, params.orgId!)) notFound();
  const period = periodOf(new URL(request.url));
  if (!period) badRequest("Kỳ không hợp lệ / Invalid period");
  const list = await purchaseList(params.orgId!, period.from, period.to);
  if (!list) notFound();
  await auditPurchaseExport(access.user.id, list, format);
  const name = purchaseFileName(list);
  if (format === "csv") return csvResponse(name, purchaseListTable(list));
  const body = format === "pdf" ? await purchaseListPdf(list) : await purchaseListXlsx(list);
  const type = format === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `${format === "pdf" ? "inline" : "attachment"}; filename="${name}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
