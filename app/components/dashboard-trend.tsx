// The trend across the product's seasons: an SVG chart with a data table right under it.
import type { Dashboard } from "~/domain/dashboard/dashboard.server";
import { useT } from "~/i18n/use-t";
import { formatNumber } from "~/utils/format";
import { ChartLegend, TrendChart } from "./charts";
import { formatValue } from "./dashboard-cards";
import { buildTable, CsvLink, DataTable } from "./dashboard-tables";

type Data = Pick<Dashboard, "cur" | "prev" | "comparison" | "trend" | "areas"> & { view: Pick<Dashboard["view"], "level" | "query"> };

export function TrendSection({ d }: { d: Data }) {
  const t = useT();
  const points = d.trend.map((s) => ({ name: s.name, area: s.ind.areaHa, tonnes: s.ind.deliveredTonnes, continuance: s.ind.contractContinuance.rate }));
  const format = {
    // One decimal on the chart; the table under it has every digit.
    area: (n: number) => formatNumber(n, 1, t.locale),
    tonnes: (n: number) => formatNumber(n, 1, t.locale),
    rate: (n: number) => formatValue("rate", n, t),
  };
  const labels = { area: t("dash.col.areaHa"), tonnes: t("dash.col.deliveredTonnes"), continuance: t("dash.col.continuance") };
  const desc = points
    .map((p) =>
      t("dash.trend.descRow", {
        season: p.name,
        area: formatValue("ha", p.area, t),
        tonnes: formatValue("t", p.tonnes, t),
        rate: p.continuance === null ? "—" : format.rate(p.continuance),
      }),
    )
    .join("; ");
  return (
    <section className="card" aria-labelledby="trend-h">
      <div className="section-head">
        <h2 id="trend-h">{t("dash.trend.title")}</h2>
        <CsvLink table="trend" query={d.view.query} />
      </div>
      <div className="trend-layout">
        <div className="chart-box">
          <TrendChart id="trend-chart" points={points} title={t("dash.trend.chartTitle")} desc={desc} labels={labels} format={format} />
          <ChartLegend labels={labels} />
        </div>
        <DataTable table={buildTable("trend", d, t)} caption={t("dash.trend.table")} />
      </div>
    </section>
  );
}

/** Households linked this season by poverty status, sex of the household head and ethnicity. */
export function Breakdowns({ d }: { d: Data }) {
  const t = useT();
  const parts = [
    { id: "poverty", title: t("dash.byPoverty") },
    { id: "sex", title: t("dash.bySex") },
    { id: "ethnicity", title: t("dash.byEthnicity") },
  ] as const;
  return (
    <div className="dash-breakdowns">
      {parts.map((p) => (
        <section key={p.id} className="card" aria-labelledby={`${p.id}-h`}>
          <div className="section-head">
            <h2 id={`${p.id}-h`}>{p.title}</h2>
            <CsvLink table={p.id} query={d.view.query} />
          </div>
          <DataTable table={buildTable(p.id, d, t)} caption={p.title} />
        </section>
      ))}
    </div>
  );
}
