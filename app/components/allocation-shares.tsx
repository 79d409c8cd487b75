// The households' shares of a volume, with their running total against it (take-up of an offer,
// editing a draft contract): live as the person types, and from the posted values when the server
// refuses shares that do not add up, so it shows without JavaScript too.
import { Field } from "~/components/form";
import { useT } from "~/i18n/use-t";
import { formatNumber } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";

/** Tonnes as typed, with a decimal comma or point; anything else counts as 0. */
export const tonnes = (v: unknown): number => {
  const n = Number(
    String(v ?? "")
      .trim()
      .replace(",", "."),
  );
  return Number.isFinite(n) ? n : 0;
};

export function AllocationShares({
  households,
  volume,
  shares,
  onShare,
  errors,
}: {
  households: { id: string; headName: string }[];
  volume: string;
  shares: Record<string, string>;
  onShare: (householdId: string, value: string) => void;
  errors?: FieldErrors;
}) {
  const t = useT();
  const total = Object.values(shares).reduce((sum, v) => sum + tonnes(v), 0);
  const want = tonnes(volume);
  const gap = Math.round((want - total) * 1000) / 1000;
  const fmt = (n: number) => formatNumber(n, 3, t.locale);
  const sumErrors = [...new Set(Object.entries(errors ?? {}).flatMap(([k, v]) => (k.startsWith("allocations") ? v : [])))];
  return (
    <fieldset className="rows">
      <legend>{t("offer.allocations")}</legend>
      <p className="hint">{t("offer.allocationsHint")}</p>
      {sumErrors.map((k) => (
        <p key={k} className="field-error" role="alert">
          {t.dynamic(k)}
        </p>
      ))}
      <div className="alloc-grid">
        {households.map((h) => (
          <Field
            key={h.id}
            label={h.headName}
            name={`alloc.${h.id}`}
            inputMode="decimal"
            value={shares[h.id]}
            onChange={(e) => onShare(h.id, e.target.value)}
          />
        ))}
      </div>
      <p className={gap === 0 ? "alloc-total" : "alloc-total warn"} aria-live="polite" data-testid="alloc-total">
        <output>{t("alloc.total", { total: fmt(total), volume: fmt(want) })}</output>{" "}
        {!want && !total ? null : gap === 0 ? t("alloc.matches") : gap > 0 ? t("alloc.short", { n: fmt(gap) }) : t("alloc.over", { n: fmt(-gap) })}
      </p>
    </fieldset>
  );
}
