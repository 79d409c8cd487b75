import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/domain/audit.server";
import { reportPdf } from "~/domain/report-pdf.server";
import { reportScope } from "~/domain/report-access.server";
import { programmeReport } from "~/domain/report.server";
import { getLocale } from "~/i18n/i18n.server";
import { todayInVietnam } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { access, org, season } = await reportScope(request);
  const report = season ? await programmeReport(org.id, season.ref, todayInVietnam()) : null;
  if (!report) notFound();
  await audit({ action: "export", userId: access.user.id, organisationId: org.id, detail: { report: "pdf", season: report.season.ref } });
  const pdf = await reportPdf(report, await getLocale(request, access.user.locale));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="bao-cao-${report.project.ref}-${report.season.ref}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
