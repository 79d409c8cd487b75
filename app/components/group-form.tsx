import type { PlaceOption } from "~/domain/place-form.server";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { Field, fieldValue, SelectField, SubmitButton } from "./form";
import { LocationPicker } from "./maps";
import { PlacePicker } from "./place-picker";

export function GroupFields({
  values,
  errors,
  projectOwners,
  provinces,
  former,
  submitLabel,
}: {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  projectOwners: { id: string; name: string }[];
  provinces: PlaceOption[];
  /** Where the group was before July 2025 (formerLine), when it was recorded then. */
  former?: string | null;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <>
      <Field label={t("group.name")} name="name" defaultValue={fieldValue(values, "name", "")} errors={errors} required hint={t("group.nameHint")} />
      <PlacePicker provinces={provinces} values={values} errors={errors} required="commune" communeHint={t("place.communeHint")} former={former} />
      <div className="row">
        <Field label={t("geo.hamlet")} name="hamlet" defaultValue={fieldValue(values, "hamlet", "")} errors={errors} />
        <Field label={t("group.foundedOn")} name="foundedOn" type="date" defaultValue={fieldValue(values, "foundedOn", "")} errors={errors} />
      </div>
      <Field
        label={t("statement.taxCode")}
        name="taxCode"
        inputMode="numeric"
        maxLength={14}
        defaultValue={fieldValue(values, "taxCode", "")}
        errors={errors}
        hint={t("group.taxCodeHint")}
      />
      <SelectField
        label={t("group.project")}
        name="projectOwnerId"
        defaultValue={fieldValue(values, "projectOwnerId", "")}
        errors={errors}
        options={[{ value: "", label: t("group.noProject") }, ...projectOwners.map((p) => ({ value: p.id, label: p.name }))]}
        hint={t("enrolment.hint")}
      />
      <LocationPicker lat={fieldValue(values, "lat", "")} lng={fieldValue(values, "lng", "")} errors={errors} label={fieldValue(values, "name", "")} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </>
  );
}
