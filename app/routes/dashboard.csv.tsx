// Every dashboard table as CSV, for the same scope and filters as the page: plain numbers rounded
// as far as they mean anything (csvValue: tonnes 3 decimals, ha 2, rates as ratios 0–1 with 4,
// the header saying so), headers in the reader's language (written by the app's one CSV writer,
// app/utils/csv.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvValue } from "~/components/dashboard-cards";
import { buildTable, TABLES } from "~/components/dashboard-tables";
import { requireAccess } from "~/domain/access.server";
import { loadDashboard } from "~/domain/dashboard/dashboard.server";
import { filterProblemMessage } from "~/domain/scope.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { csvResponse } from "~/utils/csv.server";
import { todayInVietnam } from "~/utils/dates";
import { badRequest } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  const id = TABLES.find((x) => x === q.get("table"));
  if (!id) badRequest("table must be one of " + TABLES.join(", "));
  const d = await loadDashboard(access, q, todayInVietnam());
  const locale = await getLocale(request, access.user.locale);
  // A file of figures without the filter it was asked for would mislead: refuse it, saying why.
  if (d.view.problems.length) badRequest(d.view.problems.map((p) => filterProblemMessage(p, locale)).join("\n"));
  const t = translator(locale);
  const table = buildTable(id, d, t);
  const cols = table.cols.map((c, i) => ({ ...c, i })).filter((c) => !c.pageOnly);
  const name = ["cau-noi", id, d.view.season?.ref, d.view.scope.province, d.view.scope.district, d.view.scope.commune].filter(Boolean).join("-");
  const header = cols.map((c) => (c.kind === "rate" ? t("dash.col.ratio", { label: c.label }) : c.label));
  return csvResponse(name, [header, ...table.rows.map((r) => cols.map((c) => csvValue(c.kind, r.cells[c.i])))]);
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
