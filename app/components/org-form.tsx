import type { FieldErrors } from "~/utils/forms";
import { useT } from "~/i18n/use-t";
import { Field, fieldValue, SelectField, SubmitButton } from "./form";
import { LocationPicker } from "./maps";

type OrgValues = {
  name?: string | null;
  kind?: string;
  province?: string | null;
  district?: string | null;
  commune?: string | null;
  phone?: string | null;
  lat?: number | null;
  lng?: number | null;
};

/** `areaLocked`: the place is shown, not edited (only the site administrator moves an organisation). */
export function OrgFields({
  values,
  errors,
  withKind,
  submitLabel,
  areaLocked = false,
}: {
  values?: Record<string, unknown> | OrgValues;
  errors?: FieldErrors;
  withKind: boolean;
  submitLabel: string;
  areaLocked?: boolean;
}) {
  const t = useT();
  const v = values as Record<string, unknown> | undefined;
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
          {[fieldValue(v, "commune", ""), fieldValue(v, "district", ""), fieldValue(v, "province", "")].filter(Boolean).join(", ") || "—"} ·{" "}
          {t("org.areaLocked")}
        </p>
      ) : (
        <div className="row">
          <Field label={t("geo.province")} name="province" defaultValue={fieldValue(v, "province", "")} errors={errors} />
          <Field label={t("geo.district")} name="district" defaultValue={fieldValue(v, "district", "")} errors={errors} />
          <Field label={t("geo.commune")} name="commune" defaultValue={fieldValue(v, "commune", "")} errors={errors} />
        </div>
      )}
      <Field label={t("org.phone")} name="phone" type="tel" inputMode="tel" defaultValue={fieldValue(v, "phone", "")} errors={errors} />
      {areaLocked ? null : <LocationPicker lat={fieldValue(v, "lat", "")} lng={fieldValue(v, "lng", "")} errors={errors} label={fieldValue(v, "name", "")} />}
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}
