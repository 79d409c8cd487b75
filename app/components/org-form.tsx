import type { FieldErrors } from "~/utils/forms";
import { useT } from "~/i18n/use-t";
import { Field, fieldValue, SelectField, SubmitButton } from "./form";
import { LocationPicker } from "./maps";

type OrgValues = { name?: string | null; kind?: string; province?: string | null; district?: string | null; commune?: string | null; phone?: string | null; lat?: number | null; lng?: number | null };

export function OrgFields({ values, errors, withKind, submitLabel }: { values?: Record<string, unknown> | OrgValues; errors?: FieldErrors; withKind: boolean; submitLabel: string }) {
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
      <div className="row">
        <Field label={t("geo.province")} name="province" defaultValue={fieldValue(v, "province", "")} errors={errors} />
        <Field label={t("geo.district")} name="district" defaultValue={fieldValue(v, "district", "")} errors={errors} />
        <Field label={t("geo.commune")} name="commune" defaultValue={fieldValue(v, "commune", "")} errors={errors} />
      </div>
      <Field label={t("org.phone")} name="phone" type="tel" inputMode="tel" defaultValue={fieldValue(v, "phone", "")} errors={errors} />
      <LocationPicker lat={fieldValue(v, "lat", "")} lng={fieldValue(v, "lng", "")} errors={errors} label={fieldValue(v, "name", "")} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}
