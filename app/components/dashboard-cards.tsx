// The indicator cards: one per chain indicator of the season, with the change from the
// previous season and what it is compared with (the same day of the previous season while this
// one is in progress: docs/decisions/0023). The formatting helpers here are shared by every
// dashboard table and follow the reader's language.
import type { Comparison } from "~/domain/dashboard/same-day.server";
import type { Indicators } from "~/domain/indicators.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { Translator } from "~/i18n";
import { formatDate, formatNumber, formatPercent, formatVnd, plainNumber } from "~/utils/format";

export type ValueKind = "rate" | "ha" | "t" | "count" | "vnd" | "text";

/** Card and table values in the reader's language — vi: 96,6% · 24,5 ha · 21,347 tấn · 360.065.500 ₫; en: 96.6% · 21.347 t. */
export function formatValue(kind: ValueKind, v: number | string | null, t: Translator, withUnit = true): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  const locale = t.locale;
  switch (kind) {
    case "rate":
      return formatPercent(v * 100, 1, locale);
    case "ha":
      return withUnit ? `${formatNumber(v, 2, locale)} ha` : formatNumber(v, 2, locale);
    case "t":
      return withUnit ? `${formatNumber(v, 3, locale)} ${t("dash.unit.tonnes")}` : formatNumber(v, 3, locale);
    case "vnd":
      return withUnit ? formatVnd(v, locale).replace(" ", "\u00a0") : formatVnd(v, locale); // on a card, "₫" stays with its number
    default:
      return formatNumber(Math.round(v), 0, locale);
  }
}

/**
 * A value as the CSV writes it: a plain number rounded as far as it means anything — tonnes to
 * the kilogram (3 decimals), hectares to 2, rates as ratios (0–1) to 4, counts and đồng whole.
 */
export function csvValue(kind: ValueKind, v: number | string | null): number | string | null {
  if (typeof v !== "number") return v;
  switch (kind) {
    case "t":
      return plainNumber(v, 3);
    case "ha":
      return plainNumber(v, 2);
    case "rate":
      return plainNumber(v, 4);
    case "count":
    case "vnd":
      return plainNumber(v, 0);
    default:
      return v;
  }
}

const STEP: Record<ValueKind, number> = { rate: 0.001, ha: 0.01, t: 0.001, count: 1, vnd: 1, text: 1 };

/** The change from the previous season, rounded as it is shown; null when either side is missing. */
export function delta(kind: ValueKind, cur: number | null, prev: number | null, t: Translator) {
  if (cur === null || prev === null || kind === "text") return null;
  const d = Math.round((cur - prev) / STEP[kind]) * STEP[kind];
  const dir: "up" | "down" | "same" = d > 0 ? "up" : d < 0 ? "down" : "same";
  const abs = Math.abs(d);
  const text = kind === "rate" ? t("dash.unit.points", { n: formatNumber(abs * 100, 1, t.locale) }) : formatValue(kind, abs, t);
  return { dir, d, text };
}

/** whole: a fact of the whole season (area, contracted volume, continuance), compared whole even while the season is in progress. */
export type CardDef = {
  key: string;
  label: MessageKey;
  kind: ValueKind;
  get: (i: Indicators) => number | null;
  lowerIsBetter?: boolean;
  whole?: boolean;
  unit: MessageKey;
};

export const CARDS: CardDef[] = [
  { key: "continuance", label: "dash.card.continuance", kind: "rate", get: (i) => i.contractContinuance.rate, whole: true, unit: "dash.unit.rate" },
  { key: "areaHa", label: "dash.card.areaHa", kind: "ha", get: (i) => i.areaHa, whole: true, unit: "dash.unit.ha" },
  { key: "contractedTonnes", label: "dash.card.contractedTonnes", kind: "t", get: (i) => i.contractedTonnes, whole: true, unit: "dash.unit.tonnes" },
  { key: "deliveredTonnes", label: "dash.card.deliveredTonnes", kind: "t", get: (i) => i.deliveredTonnes, unit: "dash.unit.tonnes" },
  { key: "fulfilment", label: "dash.card.fulfilment", kind: "rate", get: (i) => i.fulfilment, unit: "dash.unit.rate" },
  { key: "households", label: "dash.card.households", kind: "count", get: (i) => i.households.total, unit: "dash.unit.households" },
  { key: "paidVnd", label: "dash.card.paidVnd", kind: "vnd", get: (i) => i.paidVnd, unit: "dash.unit.vnd" },
  { key: "onTimePaymentRate", label: "dash.card.onTime", kind: "rate", get: (i) => i.onTimePaymentRate, unit: "dash.unit.rate" },
  { key: "witnessedPickupRate", label: "dash.card.witnessed", kind: "rate", get: (i) => i.witnessedPickupRate, unit: "dash.unit.rate" },
  { key: "disputedLots", label: "dash.card.disputedLots", kind: "count", get: (i) => i.disputedLots, lowerIsBetter: true, unit: "dash.unit.lots" },
];

/** What a card's previous value is: "so với Vụ … đến cùng ngày (15/09/2025)" or "so với cả Vụ …". */
export function basisText(def: Pick<CardDef, "whole">, comparison: Comparison, t: Translator): string {
  return comparison.kind === "sameDay" && !def.whole
    ? t("dash.vsSameDay", { season: comparison.season, date: formatDate(comparison.cutoff) })
    : t("dash.vsWhole", { season: comparison.season });
}

function Delta({ def, cur, prev }: { def: CardDef; cur: Indicators; prev: Indicators | null }) {
  const t = useT();
  const before = prev ? def.get(prev) : null;
  const ch = prev ? delta(def.kind, def.get(cur), before, t) : null;
  if (!ch) return <span className="delta none">{prev ? t("dash.noComparison") : t("dash.noPrevSeason")}</span>;
  const good = ch.dir === "same" ? "" : (ch.dir === "up") !== !!def.lowerIsBetter ? "good" : "bad";
  const arrow = ch.dir === "up" ? "▲" : ch.dir === "down" ? "▼" : "=";
  return (
    <span className={`delta ${ch.dir} ${good}`}>
      <span aria-hidden="true">{arrow} </span>
      {ch.dir === "same" ? t("dash.same") : <span className="sr-only">{t(ch.dir === "up" ? "dash.up" : "dash.down")} </span>}
      {ch.dir === "same" ? null : ch.text}
      <span className="delta-prev">
        <span className="sep"> · </span>
        {t("dash.prevValue", { value: formatValue(def.kind, before, t) })}
      </span>
    </span>
  );
}

export function IndicatorCards({ cur, prev, comparison }: { cur: Indicators; prev: Indicators | null; comparison: Comparison | null }) {
  const t = useT();
  return (
    <ul className="dash-cards" id="indicator-cards">
      {CARDS.map((def) => {
        const value = formatValue(def.kind, def.get(cur), t);
        return (
          <li key={def.key} className="card dash-card" id={`card-${def.key}`}>
            <span className="dash-card-label">{t(def.label)}</span>
            <strong className={value.length > 10 ? "dash-card-value long" : "dash-card-value"}>{value}</strong>
            {def.key === "continuance" ? (
              <span className="dash-card-detail">
                {t("dash.card.continuanceDetail", {
                  continued: formatValue("count", cur.contractContinuance.continuedPairs, t),
                  previous: formatValue("count", cur.contractContinuance.previousPairs, t),
                })}
              </span>
            ) : null}
            <Delta def={def} cur={cur} prev={prev} />
            {prev && comparison ? <span className="dash-card-basis">{basisText(def, comparison, t)}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
