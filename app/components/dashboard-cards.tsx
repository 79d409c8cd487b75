// The indicator cards: one per chain indicator of the season, with the change from the
// previous season. The formatting helpers here are shared by every dashboard table.
import type { Indicators } from "~/domain/indicators.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { Translator } from "~/i18n";
import { formatNumber, formatPercent, formatVnd, groupDigits } from "~/utils/format";

export type ValueKind = "rate" | "ha" | "t" | "count" | "vnd" | "text";

/** Card and table values, Vietnamese style: 96,6% · 24,5 ha · 21,347 tấn · 360.065.500 ₫. */
export function formatValue(kind: ValueKind, v: number | string | null, t: Translator, withUnit = true): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  switch (kind) {
    case "rate":
      return formatPercent(v * 100);
    case "ha":
      return withUnit ? `${formatNumber(v, 2)} ha` : formatNumber(v, 2);
    case "t":
      return withUnit ? `${formatNumber(v, 3)} ${t("dash.unit.tonnes")}` : formatNumber(v, 3);
    case "vnd":
      return withUnit ? formatVnd(v).replace(" ", "\u00a0") : formatVnd(v); // on a card, "₫" stays with its number
    default:
      return groupDigits(Math.round(v));
  }
}

const STEP: Record<ValueKind, number> = { rate: 0.001, ha: 0.01, t: 0.001, count: 1, vnd: 1, text: 1 };

/** The change from the previous season, rounded as it is shown; null when either side is missing. */
export function delta(kind: ValueKind, cur: number | null, prev: number | null, t: Translator) {
  if (cur === null || prev === null || kind === "text") return null;
  const d = Math.round((cur - prev) / STEP[kind]) * STEP[kind];
  const dir: "up" | "down" | "same" = d > 0 ? "up" : d < 0 ? "down" : "same";
  const abs = Math.abs(d);
  const text = kind === "rate" ? t("dash.unit.points", { n: formatNumber(abs * 100, 1) }) : formatValue(kind, abs, t);
  return { dir, d, text };
}

export type CardDef = { key: string; label: MessageKey; kind: ValueKind; get: (i: Indicators) => number | null; lowerIsBetter?: boolean; unit: MessageKey };

export const CARDS: CardDef[] = [
  { key: "continuance", label: "dash.card.continuance", kind: "rate", get: (i) => i.contractContinuance.rate, unit: "dash.unit.rate" },
  { key: "areaHa", label: "dash.card.areaHa", kind: "ha", get: (i) => i.areaHa, unit: "dash.unit.ha" },
  { key: "contractedTonnes", label: "dash.card.contractedTonnes", kind: "t", get: (i) => i.contractedTonnes, unit: "dash.unit.tonnes" },
  { key: "deliveredTonnes", label: "dash.card.deliveredTonnes", kind: "t", get: (i) => i.deliveredTonnes, unit: "dash.unit.tonnes" },
  { key: "fulfilment", label: "dash.card.fulfilment", kind: "rate", get: (i) => i.fulfilment, unit: "dash.unit.rate" },
  { key: "households", label: "dash.card.households", kind: "count", get: (i) => i.households.total, unit: "dash.unit.households" },
  { key: "paidVnd", label: "dash.card.paidVnd", kind: "vnd", get: (i) => i.paidVnd, unit: "dash.unit.vnd" },
  { key: "onTimePaymentRate", label: "dash.card.onTime", kind: "rate", get: (i) => i.onTimePaymentRate, unit: "dash.unit.rate" },
  { key: "witnessedPickupRate", label: "dash.card.witnessed", kind: "rate", get: (i) => i.witnessedPickupRate, unit: "dash.unit.rate" },
  { key: "disputedLots", label: "dash.card.disputedLots", kind: "count", get: (i) => i.disputedLots, lowerIsBetter: true, unit: "dash.unit.lots" },
];

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

export function IndicatorCards({ cur, prev }: { cur: Indicators; prev: Indicators | null }) {
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
                {t("dash.card.continuanceDetail", { continued: cur.contractContinuance.continuedPairs, previous: cur.contractContinuance.previousPairs })}
              </span>
            ) : null}
            <Delta def={def} cur={cur} prev={prev} />
          </li>
        );
      })}
    </ul>
  );
}
