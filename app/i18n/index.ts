// Every visible string comes from a catalogue: vi (default) and en. Keys are checked by the
// compiler: en must have exactly vi's keys, and t() accepts only known keys.
import * as serverOnly from "./server-catalogues.server";
import { vi, type MessageKey } from "./vi";

export type { MessageKey };
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

type Catalogue = Record<MessageKey, string>;
// vi always; on the server every other one too; in the browser the page's own, loaded before
// React hydrates (entry.client) so the first render matches the server's.
const catalogues: Partial<Record<Locale, Catalogue>> = { vi, ...(serverOnly as { catalogues?: Partial<Record<Locale, Catalogue>> }).catalogues };

export function hasCatalogue(locale: Locale): boolean {
  return catalogues[locale] !== undefined;
}

/** Makes `locale`'s catalogue available in the browser (a separate script, fetched once). */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return;
  if (locale === "en") catalogues.en = (await import("./en")).en;
}

export function isLocale(v: unknown): v is Locale {
  return v === "vi" || v === "en";
}

export function isMessageKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, k);
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const catalogue = catalogues[locale];
  // On the server a missing catalogue is a bug. In the browser the language can change without a
  // page load (signing in to an English account): Vietnamese until useCatalogue() has it.
  if (!catalogue && typeof document === "undefined") throw new Error(`catalogue "${locale}" is not loaded`);
  const template = catalogue?.[key] ?? vi[key] ?? key;
  return params ? template.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`)) : template;
}

/** For keys that arrive as data (validation errors, enum values); unknown keys show as-is. */
export function translateDynamic(locale: Locale, key: string, params?: Params): string {
  return isMessageKey(key) ? translate(locale, key, params) : key;
}

export type Translator = ((key: MessageKey, params?: Params) => string) & { dynamic: (key: string, params?: Params) => string; locale: Locale };

export function translator(locale: Locale): Translator {
  const t = ((key: MessageKey, params?: Params) => translate(locale, key, params)) as Translator;
  t.dynamic = (key, params) => translateDynamic(locale, key, params);
  t.locale = locale;
  return t;
}
