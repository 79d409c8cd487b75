import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/domain/audit.server";
import { reportScope } from "~/domain/report-access.server";
import { programmeReport, reportRows } from "~/domain/report.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { csvResponse } from "~/utils/csv.server";
import { todayInVietnam } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { access, org, season } = await reportScope(request);
  const report = season ? await programmeReport(org.id, season.ref, todayInVietnam()) : null;
  if (!report) notFound();
  await audit({ action: "export", userId: access.user.id, organisationId: org.id, detail: { report: "csv", season: report.season.ref } });
  const t = translator(await getLocale(request, access.user.locale));
  return csvResponse(`bao-cao-${report.project.ref}-${report.season.ref}`, reportRows(report, t.dynamic));
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
