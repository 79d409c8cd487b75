import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/domain/audit.server";
import { reportReader } from "~/domain/report/access.server";
import { reportFileName, reportFor } from "~/domain/report/report.server";
import { reportXlsx } from "~/domain/report/rows";
import { isLocale, translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const reader = await reportReader(request);
  const asked = new URL(request.url).searchParams.get("lang");
  const t = translator(isLocale(asked) ? asked : await getLocale(request, reader.access.user.locale));
  const doc = await reportFor(reader, t);
  if (!doc || !reader.period) notFound();
  await audit({ action: "export", userId: reader.access.user.id, organisationId: reader.org.id, detail: { report: "xlsx", period: reader.period.key } });
  const body = await reportXlsx(doc, t);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${reportFileName(reader)}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
