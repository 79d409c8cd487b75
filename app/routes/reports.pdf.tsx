import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/domain/audit.server";
import { reportReader } from "~/domain/report/access.server";
import { reportPdf } from "~/domain/report/pdf.server";
import { reportFileName, reportFor } from "~/domain/report/report.server";
import { translator } from "~/i18n";
import { notFound } from "~/utils/http.server";

// The report is Vietnamese, as the ministry reads it; ?lang=en prints the English version.
export async function loader({ request }: LoaderFunctionArgs) {
  const reader = await reportReader(request);
  const locale = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "vi";
  const doc = await reportFor(reader, translator(locale));
  if (!doc || !reader.period) notFound();
  await audit({ action: "export", userId: reader.access.user.id, organisationId: reader.org.id, detail: { report: "pdf", period: reader.period.key } });
  const pdf = await reportPdf(doc);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${reportFileName(reader)}${locale === "en" ? "-en" : ""}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
