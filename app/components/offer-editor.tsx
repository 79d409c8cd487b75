// The offer form. Grades and collection points are rows of parallel fields; there are always
// spare blank rows (so it works without JavaScript), and "add a row" adds more.
import { useState } from "react";
import { useT } from "~/i18n/use-t";
import { CLAUSE_KEYS, CLAUSES, readClauses } from "~/domain/contracts/clauses";
import { placeKey } from "~/domain/places/fold";
import { productName } from "~/domain/product-name";
import type { Translator } from "~/i18n";
import { GRADE_CODE_MAX, GRADE_PRICE } from "~/domain/offers.schema";
import { formatNumber } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { Field, fieldValue, SelectField, SubmitButton, TextArea } from "./form";
import { RequiredSchemeField } from "./required-scheme";
import { CollectionPointRow } from "./maps";

type Row = Record<string, string | number | null | undefined>;
type Season = { id: string; name: string; start: string; end: string; product: { name: string; nameEn: string | null } };

function rowsFrom(values: Record<string, unknown> | undefined, key: string, spare: number): Row[] {
  const rows = ((values?.[key] as Row[] | undefined) ?? []).map((r) => ({ ...r }));
  return [...rows, ...Array.from({ length: spare }, () => ({}))];
}

/**
 * A row's errors in words that name the row and what is allowed ("Hạng 2: giá phải từ 1 đến
 * 100.000.000 ₫/kg", "Mã hạng “A” bị trùng"), keyed by the row's field names so each shows
 * on its own field. Already translated: t.dynamic shows them as they are.
 */
export function gradeRowErrors(errors: FieldErrors | undefined, rows: Row[], t: Translator): FieldErrors[] {
  const firstWith = (code: string) =>
    rows.findIndex(
      (r) =>
        String(r.code ?? "")
          .trim()
          .toUpperCase() === code,
    );
  return rows.map((r, i) => {
    const row = i + 1;
    const out: FieldErrors = {};
    for (const field of ["code", "label", "criteria", "priceVndPerKg"] as const) {
      const keys = errors?.[`grades.${i}.${field}`] ?? [];
      if (!keys.length) continue;
      out[`grade.${field}`] = [...new Set(keys)].map((k) => {
        const code = String(r.code ?? "")
          .trim()
          .toUpperCase();
        if (field === "code" && k === "error.duplicateGrade") return t("grade.err.duplicate", { code, first: firstWith(code) + 1, row });
        if (field === "priceVndPerKg")
          return t("grade.err.price", { row, min: formatNumber(GRADE_PRICE.min, 0, t.locale), max: formatNumber(GRADE_PRICE.max, 0, t.locale) });
        if (field === "code") return t("grade.err.code", { row, max: GRADE_CODE_MAX });
        if (field === "label") return t("grade.err.label", { row });
        return t("grade.err.row", { row, message: t.dynamic(k) });
      });
    }
    return out;
  });
}

export function pointRowErrors(errors: FieldErrors | undefined, rows: Row[], t: Translator): FieldErrors[] {
  return rows.map((_, i) => {
    const out: FieldErrors = {};
    for (const field of ["name", "lat", "lng"] as const) {
      const keys = errors?.[`points.${i}.${field}`] ?? [];
      if (keys.length) out[`point.${field}`] = [...new Set(keys)].map((k) => t("offer.pointRowError", { row: i + 1, message: t.dynamic(k) }));
    }
    return out;
  });
}

function RowError({ errors, path }: { errors?: FieldErrors; path: string }) {
  const t = useT();
  const list = Object.entries(errors ?? {})
    .filter(([k]) => k === path || k.startsWith(`${path}.`))
    .flatMap(([, v]) => v);
  return list.length ? (
    <p className="field-error" role="alert">
      {[...new Set(list)].map((k) => t.dynamic(k)).join(" ")}
    </p>
  ) : null;
}

/** Only the errors of the list itself ("at least one grade"), not of its rows. */
const pick = (errors: FieldErrors | undefined, path: string): FieldErrors | undefined => (errors?.[path] ? { [path]: errors[path] } : undefined);

/** Every row's messages at the top of its list, so a long form shows what to fix before scrolling. */
function RowSummary({ rows }: { rows: FieldErrors[] }) {
  const list = [...new Set(rows.flatMap((r) => Object.values(r).flat()))];
  return list.length ? (
    <ul className="field-error" role="alert">
      {list.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  ) : null;
}

/**
 * Where the offer buys: the 34 provinces as boxes to tick (none: anywhere), and a name of before
 * July 2025 that an older offer holds kept ticked beside them; districts are those of before
 * July 2025, typed, for a buyer whose groups were recorded in them.
 */
function EligiblePlaces({ values, errors, provinces }: { values?: Record<string, unknown>; errors?: FieldErrors; provinces: string[] }) {
  const t = useT();
  const names = (k: string): string[] => {
    const v = values?.[k];
    const list = Array.isArray(v) ? v.map(String) : typeof v === "string" ? (v.startsWith("[") ? (JSON.parse(v) as string[]) : v.split(/[,;\n]/)) : [];
    return list.map((s) => s.trim()).filter(Boolean);
  };
  const chosen = names("eligibleProvinces");
  const isChosen = (p: string) => chosen.some((c) => placeKey(c) === placeKey(p));
  const others = chosen.filter((c) => !provinces.some((p) => placeKey(p) === placeKey(c)));
  return (
    <>
      <fieldset className="rows">
        <legend>{t("offer.eligibleProvinces")}</legend>
        <p className="hint">{t("offer.provincesHint")}</p>
        <div className="check-grid">
          {[...provinces, ...others].map((p) => (
            <label key={p} className="check">
              <input type="checkbox" name="eligibleProvinces" value={p} defaultChecked={isChosen(p)} />
              {provinces.includes(p) ? p : t("dash.filter.former", { name: p })}
            </label>
          ))}
        </div>
        <RowError errors={errors} path="eligibleProvinces" />
      </fieldset>
      <Field
        label={t("offer.formerDistricts")}
        name="eligibleDistricts"
        defaultValue={names("eligibleDistricts").join(", ")}
        errors={errors}
        hint={t("offer.formerDistrictsHint")}
      />
    </>
  );
}

/**
 * The contract's articles as this offer words them: each a text box holding the buyer's
 * wording, else the default. Folded away, since most offers keep the defaults.
 */
function ContractClauses({ values, errors }: { values?: Record<string, unknown>; errors?: FieldErrors }) {
  const t = useT();
  const stored = readClauses(typeof values?.clauses === "string" ? values.clauses : null);
  const wording = (key: (typeof CLAUSE_KEYS)[number]) => {
    const posted = values?.[`clause.${key}`];
    return typeof posted === "string" ? posted : (stored[key] ?? CLAUSES[key].text.vi);
  };
  const hasError = Object.keys(errors ?? {}).some((k) => k.startsWith("clause."));
  return (
    <details className="rows" open={hasError || Object.keys(stored).length > 0}>
      <summary>{t("contract.clauses")}</summary>
      <p className="hint">{t("contract.clausesHint")}</p>
      {CLAUSE_KEYS.map((key, i) => (
        <TextArea
          key={key}
          label={`${t("contract.doc.article", { n: i + 1, title: CLAUSES[key].title.vi })}${CLAUSES[key].required ? "" : ` ${t("contract.clause.optional")}`}`}
          name={`clause.${key}`}
          defaultValue={wording(key)}
          errors={errors}
          rows={4}
        />
      ))}
    </details>
  );
}

export function OfferEditor({
  values,
  errors,
  seasons,
  provinces,
  submitLabel,
}: {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  seasons: Season[];
  provinces: string[];
  submitLabel: string;
}) {
  const t = useT();
  const [grades, setGrades] = useState(() => rowsFrom(values, "grades", values?.grades && (values.grades as Row[]).length ? 1 : 2));
  const [points, setPoints] = useState(() => rowsFrom(values, "points", values?.points && (values.points as Row[]).length ? 0 : 1));
  const [mechanism, setMechanism] = useState(fieldValue(values, "priceMechanism", "fixed"));
  const gradeErrors = gradeRowErrors(errors, grades, t);
  const pointErrors = pointRowErrors(errors, points, t);
  return (
    <>
      <Field label={t("offer.title")} name="title" defaultValue={fieldValue(values, "title", "")} errors={errors} required hint={t("offer.titleHint")} />
      <SelectField
        label={t("offer.season")}
        name="seasonId"
        defaultValue={fieldValue(values, "seasonId", "")}
        errors={errors}
        options={[{ value: "", label: t("common.choose") }, ...seasons.map((s) => ({ value: s.id, label: `${productName(s.product, t.locale)} — ${s.name}` }))]}
      />
      <div className="row">
        <Field label={t("offer.minTonnes")} name="minTonnes" inputMode="decimal" defaultValue={fieldValue(values, "minTonnes", "")} errors={errors} required />
        <Field label={t("offer.maxTonnes")} name="maxTonnes" inputMode="decimal" defaultValue={fieldValue(values, "maxTonnes", "")} errors={errors} required />
      </div>
      <div className="row">
        <Field label={t("offer.windowStart")} name="windowStart" type="date" defaultValue={fieldValue(values, "windowStart", "")} errors={errors} required />
        <Field label={t("offer.windowEnd")} name="windowEnd" type="date" defaultValue={fieldValue(values, "windowEnd", "")} errors={errors} required />
      </div>

      <fieldset className="rows">
        <legend>{t("offer.grades")}</legend>
        <p className="hint">{t("offer.gradesHint")}</p>
        <RowError errors={pick(errors, "grades")} path="grades" />
        <RowSummary rows={gradeErrors} />
        {grades.map((g, i) => (
          <div className="grade-row" key={i}>
            <Field label={t("grade.code")} name="grade.code" defaultValue={String(g.code ?? "")} maxLength={GRADE_CODE_MAX} errors={gradeErrors[i]} />
            <Field label={t("grade.label")} name="grade.label" defaultValue={String(g.label ?? "")} errors={gradeErrors[i]} />
            <Field label={t("grade.criteria")} name="grade.criteria" defaultValue={String(g.criteria ?? "")} errors={gradeErrors[i]} />
            <Field
              label={t("grade.price")}
              name="grade.priceVndPerKg"
              inputMode="numeric"
              defaultValue={String(g.priceVndPerKg ?? "")}
              errors={gradeErrors[i]}
              hint={
                i === 0 ? t("grade.priceHint", { min: formatNumber(GRADE_PRICE.min, 0, t.locale), max: formatNumber(GRADE_PRICE.max, 0, t.locale) }) : undefined
              }
            />
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setGrades((r) => [...r, {}])}>
          {t("offer.addGrade")}
        </button>
      </fieldset>

      <fieldset className="rows">
        <legend>{t("offer.points")}</legend>
        <p className="hint">{t("offer.pointsHint")}</p>
        <RowError errors={pick(errors, "points")} path="points" />
        <RowSummary rows={pointErrors} />
        {points.map((p, i) => (
          <CollectionPointRow key={i} row={i + 1} name={String(p.name ?? "")} lat={String(p.lat ?? "")} lng={String(p.lng ?? "")} errors={pointErrors[i]} />
        ))}
        <button type="button" className="btn btn-small" onClick={() => setPoints((r) => [...r, {}])}>
          {t("offer.addPoint")}
        </button>
      </fieldset>

      <div className="row">
        <SelectField
          label={t("contract.priceMechanism")}
          name="priceMechanism"
          value={mechanism}
          onChange={(e) => setMechanism(e.target.value)}
          errors={errors}
          options={[
            { value: "fixed", label: t("priceMechanism.fixed") },
            { value: "floor_plus_market", label: t("priceMechanism.floor_plus_market") },
          ]}
        />
        <Field
          label={t("contract.paymentTermsDays")}
          name="paymentTermsDays"
          inputMode="numeric"
          defaultValue={fieldValue(values, "paymentTermsDays", "7")}
          errors={errors}
          required
        />
      </div>
      {mechanism === "floor_plus_market" ? (
        <Field
          label={t("offer.marketReference")}
          name="marketReference"
          defaultValue={fieldValue(values, "marketReference", "")}
          errors={errors}
          hint={t("offer.marketReferenceHint")}
        />
      ) : null}
      <Field
        label={t("contract.groupFund")}
        name="groupFundPct"
        inputMode="decimal"
        defaultValue={fieldValue(values, "groupFundPct", "0")}
        errors={errors}
        hint={t("offer.groupFundHint")}
      />
      <TextArea label={t("offer.inputsAdvanced")} name="inputsAdvanced" defaultValue={fieldValue(values, "inputsAdvanced", "")} errors={errors} rows={2} />
      <TextArea label={t("offer.inputRecovery")} name="inputRecovery" defaultValue={fieldValue(values, "inputRecovery", "")} errors={errors} rows={2} />
      <EligiblePlaces values={values} errors={errors} provinces={provinces} />
      <RequiredSchemeField values={values} errors={errors} />
      <ContractClauses values={values} errors={errors} />
      <TextArea label={t("offer.notes")} name="notes" defaultValue={fieldValue(values, "notes", "")} errors={errors} rows={3} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}
