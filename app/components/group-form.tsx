import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { Field, fieldValue, SelectField, SubmitButton } from "./form";
import { LocationPicker } from "./maps";

export function GroupFields({
  values,
  errors,
  projectOwners,
  submitLabel,
}: {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  projectOwners: { id: string; name: string }[];
  submitLabel: string;
}) {
  const t = useT();
  return (
    <>
      <Field label={t("group.name")} name="name" defaultValue={fieldValue(values, "name", "")} errors={errors} required hint={t("group.nameHint")} />
      <div className="row">
        <Field label={t("geo.province")} name="province" defaultValue={fieldValue(values, "province", "")} errors={errors} required />
        <Field label={t("geo.district")} name="district" defaultValue={fieldValue(values, "district", "")} errors={errors} required />
      </div>
      <div className="row">
        <Field label={t("geo.commune")} name="commune" defaultValue={fieldValue(values, "commune", "")} errors={errors} required />
        <Field label={t("geo.hamlet")} name="hamlet" defaultValue={fieldValue(values, "hamlet", "")} errors={errors} />
      </div>
      <div className="row">
        <Field label={t("group.foundedOn")} name="foundedOn" type="date" defaultValue={fieldValue(values, "foundedOn", "")} errors={errors} />
        <SelectField
          label={t("group.project")}
          name="projectOwnerId"
          defaultValue={fieldValue(values, "projectOwnerId", "")}
          errors={errors}
          options={[{ value: "", label: t("group.noProject") }, ...projectOwners.map((p) => ({ value: p.id, label: p.name }))]}
          hint={t("enrolment.hint")}
        />
      </div>
      <LocationPicker lat={fieldValue(values, "lat", "")} lng={fieldValue(values, "lng", "")} errors={errors} label={fieldValue(values, "name", "")} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}
