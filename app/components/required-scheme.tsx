// The offer editor's "required certification" select, and the scheme's name as pages show it
// (issue 16). Labels are this capability's own catalogue keys, certuse.scheme.<code>.
import { CERT_SCHEMES } from "~/domain/certifications/schemes";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { fieldValue, SelectField } from "./form";

export function RequiredSchemeField({ values, errors }: { values?: Record<string, unknown>; errors?: FieldErrors }) {
  const t = useT();
  return (
    <SelectField
      label={t("certuse.requiredScheme")}
      name="requiredScheme"
      defaultValue={fieldValue(values, "requiredScheme", "")}
      errors={errors}
      hint={t("certuse.requiredSchemeHint")}
      options={[{ value: "", label: t("certuse.requiredSchemeNone") }, ...CERT_SCHEMES.map((s) => ({ value: s, label: t.dynamic(`certuse.scheme.${s}`) }))]}
    />
  );
}

/** "Yêu cầu chứng nhận VietGAP", or nothing for an offer that requires none. */
export function RequiredSchemeBadge({ scheme }: { scheme: string | null }) {
  const t = useT();
  if (!scheme) return null;
  return <span className="badge">{t("certuse.requires", { scheme: t.dynamic(`certuse.scheme.${scheme}`) })}</span>;
}
