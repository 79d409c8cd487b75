import type { PlaceOption } from "~/domain/place-form.server";
import { PAYOUT_BANKS } from "~/domain/payouts/banks";
import { formerLine, placeLine } from "~/domain/places/place";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { Field, fieldValue, SelectField, SubmitButton } from "./form";
import { LocationPicker } from "./maps";
import { PlacePicker } from "./place-picker";

type OrgValues = {
  name?: string | null;
  kind?: string;
  provinceCode?: string | null;
  communeCode?: string | null;
  province?: string | null;
  commune?: string | null;
  formerProvince?: string | null;
  formerDistrict?: string | null;
  formerCommune?: string | null;
  phone?: string | null;
  taxCode?: string | null;
  representativeName?: string | null;
  representativeTitle?: string | null;
  bankBin?: string | null;
  bankAccount?: string | null;
  bankHolder?: string | null;
  lat?: number | null;
  lng?: number | null;
};

/**
 * `areaLocked`: the place is shown, not edited (only the site administrator moves an organisation).
 * `authority`: its area is a province, or a commune of it, and must be named.
 */
export function OrgFields({
  values,
  errors,
  withKind,
  submitLabel,
  provinces,
  areaLocked = false,
  authority = false,
  former,
}: {
  values?: Record<string, unknown> | OrgValues;
  errors?: FieldErrors;
  withKind: boolean;
  submitLabel: string;
  provinces: PlaceOption[];
  areaLocked?: boolean;
  authority?: boolean;
  /** Where the organisation was before July 2025 (formerLine), when it was recorded then. */
  former?: string | null;
}) {
  const t = useT();
  const v = values as Record<string, unknown> | undefined;
  const o = (values ?? {}) as OrgValues;
  const names = {
    province: o.province ?? null,
    commune: o.commune ?? null,
    formerProvince: o.formerProvince,
    formerDistrict: o.formerDistrict,
    formerCommune: o.formerCommune,
  };
  const formerPlace = former ?? formerLine(names);
  return (
    <>
      <Field label={t("org.name")} name="name" defaultValue={fieldValue(v, "name", "")} errors={errors} required />
      {withKind ? (
        <SelectField
          label={t("org.kind")}
          name="kind"
          defaultValue={fieldValue(v, "kind", "cooperative")}
          errors={errors}
          options={(["cooperative", "enterprise", "project_owner"] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      ) : null}
      {areaLocked ? (
        <p className="hint" id="org-area">
          {placeLine(names) || "—"}
          {formerPlace ? ` (${t("place.former", { place: formerPlace })})` : ""} · {t("org.areaLocked")}
        </p>
      ) : (
        <PlacePicker
          provinces={provinces}
          values={v}
          errors={errors}
          required={authority ? "province" : "none"}
          communeHint={authority ? t("place.authorityHint") : t("place.communeOptional")}
          former={formerPlace}
        />
      )}
      <Field label={t("org.phone")} name="phone" type="tel" inputMode="tel" defaultValue={fieldValue(v, "phone", "")} errors={errors} />
      <Field label={t("statement.taxCode")} name="taxCode" inputMode="numeric" defaultValue={fieldValue(v, "taxCode", "")} errors={errors} />
      <div className="row">
        <Field label={t("contract.doc.representative")} name="representativeName" defaultValue={fieldValue(v, "representativeName", "")} errors={errors} />
        <Field label={t("contract.doc.position")} name="representativeTitle" defaultValue={fieldValue(v, "representativeTitle", "")} errors={errors} />
      </div>
      <SelectField
        label={t("bank.bank")}
        name="bankBin"
        defaultValue={fieldValue(v, "bankBin", "")}
        errors={errors}
        options={[{ value: "", label: t("bank.choose") }, ...PAYOUT_BANKS.map((b) => ({ value: b.bin, label: `${b.shortName} (${b.bin})` }))]}
      />
      <Field label={t("bank.account")} name="bankAccount" inputMode="numeric" defaultValue={fieldValue(v, "bankAccount", "")} errors={errors} />
      <Field label={t("bank.holder")} name="bankHolder" hint={t("bank.holderHint")} defaultValue={fieldValue(v, "bankHolder", "")} errors={errors} />
      {areaLocked ? null : <LocationPicker lat={fieldValue(v, "lat", "")} lng={fieldValue(v, "lng", "")} errors={errors} label={fieldValue(v, "name", "")} />}
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}
