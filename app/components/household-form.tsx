import { useState } from "react";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { CheckboxField, Field, fieldValue, SelectField, SubmitButton } from "./form";
import { POVERTY_STATUSES } from "~/domain/groups.schema";

/** `registration`: a new household, whose poverty status comes with its certification date; an existing one changes status through PovertyUpdateFields. */
export function HouseholdFields({
  values,
  errors,
  submitLabel,
  registration = false,
}: {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  submitLabel: string;
  registration?: boolean;
}) {
  const t = useT();
  const initialMinority = values ? values.ethnicMinority === true || values.ethnicMinority === "on" : false;
  const [minority, setMinority] = useState(initialMinority);
  return (
    <>
      <Field label={t("household.headName")} name="headName" defaultValue={fieldValue(values, "headName", "")} errors={errors} required autoComplete="off" />
      <div className="row">
        <SelectField
          label={t("household.headSex")}
          name="headSex"
          defaultValue={fieldValue(values, "headSex", "")}
          errors={errors}
          options={[
            { value: "", label: t("common.choose") },
            { value: "female", label: t("sex.female") },
            { value: "male", label: t("sex.male") },
          ]}
        />
      </div>
      {registration ? <PovertyFields values={values} errors={errors} /> : null}
      <CheckboxField
        label={t("household.ethnicMinority")}
        name="ethnicMinority"
        checked={minority}
        onChange={(e) => setMinority(e.target.checked)}
        errors={errors}
      />
      <Field
        label={t("household.ethnicity")}
        name="ethnicity"
        defaultValue={fieldValue(values, "ethnicity", "")}
        errors={errors}
        hint={t("household.ethnicityHint")}
        disabled={!minority}
      />
      <div className="row">
        <Field label={t("household.members")} name="members" inputMode="numeric" defaultValue={fieldValue(values, "members", "")} errors={errors} required />
        <Field
          label={t("household.membersFemale")}
          name="membersFemale"
          inputMode="numeric"
          defaultValue={fieldValue(values, "membersFemale", "")}
          errors={errors}
        />
        <Field label={t("household.workers")} name="workers" inputMode="numeric" defaultValue={fieldValue(values, "workers", "")} errors={errors} />
      </div>
      <Field
        label={t("household.baselineIncome")}
        name="baselineIncomeVnd"
        inputMode="numeric"
        defaultValue={fieldValue(values, "baselineIncomeVnd", "")}
        errors={errors}
        hint={t("household.baselineIncomeHint")}
      />
      <Field label={t("household.phone")} name="phone" type="tel" inputMode="tel" defaultValue={fieldValue(values, "phone", "")} errors={errors} />
      <Field
        label={t("household.idNumber")}
        name="idNumber"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={fieldValue(values, "idNumber", "")}
        errors={errors}
        hint={t("household.idNumberHint")}
      />
      <CheckboxField
        label={t("household.idConsent")}
        name="idConsent"
        defaultChecked={values ? values.idConsent === true || values.idConsent === "on" : false}
        errors={errors}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}

/** A poverty status with the date the commune certified it (both required). */
export function PovertyFields({ values, errors }: { values?: Record<string, unknown>; errors?: FieldErrors }) {
  const t = useT();
  return (
    <div className="row">
      <SelectField
        label={t("household.povertyStatus")}
        name="povertyStatus"
        defaultValue={fieldValue(values, "povertyStatus", "")}
        errors={errors}
        options={[{ value: "", label: t("common.choose") }, ...POVERTY_STATUSES.map((s) => ({ value: s, label: t(`poverty.${s}`) }))]}
      />
      <Field
        label={t("poverty.certifiedOn")}
        name="povertyCertifiedOn"
        type="date"
        defaultValue={fieldValue(values, "povertyCertifiedOn", "")}
        errors={errors}
        hint={t("poverty.certifiedOnHint")}
        required
      />
    </div>
  );
}
