// The dashboard's tables, each defined once: the page shows the formatted cells, and
// /dashboard/csv writes the same columns as plain numbers, rounded by csvValue.
import { Link } from "@remix-run/react";
import type { AreaRow, Cell, Dashboard } from "~/domain/dashboard/dashboard.server";
import type { Indicators } from "~/domain/indicators.server";
import type { MessageKey, Translator } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { shortNames } from "./charts";
import { formatDate } from "~/utils/format";
import { basisText, CARDS, csvValue, formatValue, type ValueKind } from "./dashboard-cards";

export const TABLES = ["cards", "trend", "poverty", "sex", "ethnicity", "areas"] as const;
export type TableId = (typeof TABLES)[number];

/** csvOnly: codes and counts the page leaves out; pageOnly: a shorter form of a CSV column. */
export type Col = { label: string; kind: ValueKind; csvOnly?: boolean; pageOnly?: boolean; hideSm?: boolean };
export type Row = { cells: Cell[]; link?: string };
export type Table = { id: TableId; cols: Col[]; rows: Row[] };

type Data = Pick<Dashboard, "cur" | "prev" | "comparison" | "trend" | "areas"> & { view: Pick<Dashboard["view"], "level" | "query"> };

const POVERTY = ["poor", "near_poor", "newly_escaped", "non_poor"] as const;

/** One disaggregation (poverty, sex, ethnicity): households this season, share, and last season. */
function breakdown(id: TableId, head: MessageKey, cats: { code: string; label: string; n: (i: Indicators) => number }[], d: Data, t: Translator): Table {
  const cur = d.cur;
  const prev = d.prev;
  const total = cur?.households.total ?? 0;
  return {
    id,
    cols: [
      { label: t("dash.col.code"), kind: "text", csvOnly: true },
      { label: t(head), kind: "text" },
      { label: t("dash.col.households"), kind: "count" },
      { label: t("dash.col.share"), kind: "rate" },
      {
        label: d.comparison?.kind === "sameDay" ? t("dash.col.prevHouseholdsAt", { date: formatDate(d.comparison.cutoff) }) : t("dash.col.prevHouseholds"),
        kind: "count",
        hideSm: true,
      },
    ],
    rows: cats.map((c) => ({
      cells: [c.code, c.label, cur ? c.n(cur) : null, cur && total > 0 ? c.n(cur) / total : null, prev ? c.n(prev) : null],
    })),
  };
}

/**
 * A province narrows to its communes, a commune to its groups, a group opens its page. Groups
 * whose commune is still to be picked have no commune to narrow to.
 */
function drillLink(level: Data["view"]["level"], query: string, r: AreaRow): string | undefined {
  if (level === "group") return `/groups/${r.key}`;
  if (!r.key) return undefined;
  const q = new URLSearchParams(query);
  q.set(level, r.key);
  return `/dashboard?${q.toString()}`;
}

export function buildTable(id: TableId, d: Data, t: Translator): Table {
  const { cur, prev } = d;
  switch (id) {
    case "cards":
      return {
        id,
        cols: [
          { label: t("dash.col.code"), kind: "text" },
          { label: t("dash.col.indicator"), kind: "text" },
          { label: t("dash.col.value"), kind: "text" },
          { label: t("dash.col.prevValue"), kind: "text" },
          { label: t("dash.col.unit"), kind: "text" },
          { label: t("dash.col.basis"), kind: "text" },
          { label: t("dash.col.cutoff"), kind: "text" },
        ],
        // One row per card, each value rounded as its card's kind (the columns mix kinds).
        rows: CARDS.map((c) => {
          const cmp = prev ? d.comparison : null;
          return {
            cells: [
              c.key,
              t(c.label),
              csvValue(c.kind, cur ? c.get(cur) : null),
              csvValue(c.kind, prev ? c.get(prev) : null),
              t(c.unit),
              cmp ? basisText(c, cmp, t) : null,
              cmp?.kind === "sameDay" && !c.whole ? cmp.cutoff : null,
            ],
          };
        }),
      };
    case "trend": {
      const short = shortNames(d.trend.map((s) => s.name));
      return {
        id,
        cols: [
          { label: t("dash.col.seasonRef"), kind: "text", csvOnly: true },
          { label: t("dash.col.season"), kind: "text", csvOnly: true },
          { label: t("dash.col.season"), kind: "text", pageOnly: true },
          { label: t("dash.col.areaHa"), kind: "ha" },
          { label: t("dash.col.contractedTonnes"), kind: "t", hideSm: true },
          { label: t("dash.col.deliveredTonnes"), kind: "t" },
          { label: t("dash.col.fulfilment"), kind: "rate", hideSm: true },
          { label: t("dash.col.continuance"), kind: "rate" },
          { label: t("dash.col.households"), kind: "count", hideSm: true },
          { label: t("dash.col.paidVnd"), kind: "vnd", hideSm: true },
        ],
        rows: d.trend.map(({ ref, name, ind: i }, n) => ({
          cells: [
            ref,
            name,
            short[n],
            i.areaHa,
            i.contractedTonnes,
            i.deliveredTonnes,
            i.fulfilment,
            i.contractContinuance.rate,
            i.households.total,
            i.paidVnd,
          ],
        })),
      };
    }
    case "poverty":
      return breakdown(
        id,
        "dash.col.poverty",
        POVERTY.map((p) => ({ code: p, label: t.dynamic(`poverty.${p}`), n: (i) => i.households.byPoverty[p] })),
        d,
        t,
      );
    case "sex":
      return breakdown(
        id,
        "dash.col.headSex",
        [
          { code: "female", label: t("sex.female"), n: (i) => i.households.femaleHeaded },
          { code: "male", label: t("sex.male"), n: (i) => i.households.total - i.households.femaleHeaded },
        ],
        d,
        t,
      );
    case "ethnicity":
      return breakdown(
        id,
        "dash.col.ethnicity",
        [
          { code: "minority", label: t("dash.ethnic.minority"), n: (i) => i.households.ethnicMinority },
          { code: "other", label: t("dash.ethnic.other"), n: (i) => i.households.total - i.households.ethnicMinority },
        ],
        d,
        t,
      );
    case "areas": {
      const level = d.view.level;
      return {
        id,
        cols: [
          { label: t("dash.col.code"), kind: "text", csvOnly: true },
          { label: t(`dash.level.${level}`), kind: "text" },
          { label: t("dash.col.areaHa"), kind: "ha" },
          { label: t("dash.col.contractedTonnes"), kind: "t", hideSm: true },
          { label: t("dash.col.deliveredTonnes"), kind: "t" },
          { label: t("dash.col.fulfilment"), kind: "rate", hideSm: true },
          { label: t("dash.col.households"), kind: "count", hideSm: true },
          { label: t("dash.col.paidVnd"), kind: "vnd", hideSm: true },
          { label: t("dash.col.previousPairs"), kind: "count", csvOnly: true },
          { label: t("dash.col.continuedPairs"), kind: "count", csvOnly: true },
          { label: t("dash.col.continuance"), kind: "rate" },
        ],
        rows: d.areas.map((r) => ({
          link: drillLink(level, d.view.query, r),
          cells: [
            r.key,
            level === "commune" && !r.key ? t("dash.communeUnknown") : r.name,
            r.areaHa,
            r.contractedTonnes,
            r.deliveredTonnes,
            r.fulfilment,
            r.households,
            r.paidVnd,
            r.previousPairs,
            r.continuedPairs,
            r.continuance,
          ],
        })),
      };
    }
  }
}

/** A table as the page shows it: formatted, unit-less numbers (the header names the unit). */
export function DataTable({ table, caption, empty }: { table: Table; caption?: string; empty?: string }) {
  const t = useT();
  const shown = table.cols.map((c, i) => ({ ...c, i })).filter((c) => !c.csvOnly);
  return (
    <div className="table-wrap">
      <table className="table dash-table" id={`table-${table.id}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.i} scope="col" className={[c.kind === "text" ? "" : "num", c.hideSm ? "hide-sm" : ""].join(" ").trim() || undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && empty ? (
            <tr>
              <td colSpan={shown.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
          {table.rows.map((r, ri) => (
            <tr key={ri}>
              {shown.map((c, n) => {
                const text = formatValue(c.kind, r.cells[c.i], t, false);
                return (
                  <td key={c.i} className={[c.kind === "text" ? "" : "num", c.hideSm ? "hide-sm" : ""].join(" ").trim() || undefined}>
                    {n === 0 && r.link ? <Link to={r.link}>{text}</Link> : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CsvLink({ table, query }: { table: TableId; query: string }) {
  const t = useT();
  return (
    <a className="btn btn-small csv-link" href={`/dashboard/csv?table=${table}${query ? `&${query}` : ""}`} download>
      {t("dash.csv")}
    </a>
  );
}
