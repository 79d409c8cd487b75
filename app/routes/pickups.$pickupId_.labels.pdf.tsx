import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { labelRequestSchema } from "~/domain/trace/label-sizes";
import { labelPdf, labelsFor, printablePickup } from "~/domain/trace/labels.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { badRequest, notFound } from "~/utils/http.server";

// The label sheet as a PDF: ?size=a4-3x8|a4-2x7|thermal-50x30&scope=lots|pickup|day.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const pickup = await printablePickup(access, params.pickupId!);
  if (!pickup) notFound();
  const url = new URL(request.url);
  const parsed = labelRequestSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) badRequest("size must be a4-3x8, a4-2x7 or thermal-50x30; scope lots, pickup or day");
  const { size, scope } = parsed.data;
  const locale = await getLocale(request, access.user.locale);
  // The QR addresses are on the host the app is reached by (behind a proxy: the one TRUST_PROXY vouches for).
  const labels = await labelsFor(pickup, scope, url.origin, locale);
  const ref = scope === "day" ? `${pickup.contract.ref}-${pickup.date}` : pickup.ref;
  const pdf = await labelPdf(labels, size, translator(locale)("label.fileTitle", { ref }));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="nhan-${ref}-${size}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
