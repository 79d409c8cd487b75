// The offer editor's "required certification" select, and the scheme's name as pages show it
// (issue 16). Labels from schemeLabel (schemes.ts).
import { CERT_SCHEMES, schemeLabel } from "~/domain/certifications/schemes";
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
      options={[
        { value: "", label: t("certuse.requiredSchemeNone") },
        ...CERT_SCHEMES.map((s) => ({ value: s, label: schemeLabel(t, s, null, { standard: true }) })),
      ]}
    />
  );
}

/** "Yêu cầu chứng nhận VietGAP", or nothing for an offer that requires none. */
export function RequiredSchemeBadge({ scheme }: { scheme: string | null }) {
  const t = useT();
  if (!scheme) return null;
  return <span className="badge">{t("certuse.requires", { scheme: schemeLabel(t, scheme) })}</span>;
}
