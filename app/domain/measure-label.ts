// A measure's label, without zod, for pages whose script must stay small (the pickup form).
import type { MeasureDef } from "./measures";

/** A measure's label in the reader's language, with its unit when it has one: "Quả chín (%)". */
export function measureLabel(def: MeasureDef, locale: string, withUnit = true): string {
  const label = locale === "en" && def.labelEn ? def.labelEn : def.label;
  return withUnit && def.unit ? `${label} (${def.unit})` : label;
}
