// A product in the reader's language: its English name for an English reader when it has one,
// else the name it was registered with (Vietnamese).
import type { Locale } from "~/i18n";

export function productName(p: { name: string; nameEn?: string | null }, locale: Locale): string {
  return locale === "en" && p.nameEn ? p.nameEn : p.name;
}
