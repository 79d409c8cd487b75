// A place as the group and organisation forms send it: a province code, and a commune picked
// from the type-ahead (its code) or only typed (its name, read within the province). Shared by
// the forms' actions, the commune list the type-ahead loads, and the domain's writes.
import type { Translator } from "~/i18n";
import type { FieldErrors } from "~/utils/forms";
import { placeKey } from "./places/fold";
import type { PlaceProblem } from "./places/resolve.server";
import { placeUnits } from "./places/units.server";

export type PlaceOption = { code: string; name: string };

/** The 34 provinces for the province select, in Vietnamese alphabetical order ("Thành phố" aside). */
export function provinceOptions(): PlaceOption[] {
  const bare = (n: string) => n.replace(/^Thành phố /, "");
  return [...placeUnits().provinces.values()].map((p) => ({ code: p.code, name: p.name })).sort((a, b) => bare(a.name).localeCompare(bare(b.name), "vi"));
}

/** The communes of a province for the type-ahead, or null for a code that is no province. */
export function communeOptions(provinceCode: string): PlaceOption[] | null {
  if (!placeUnits().provinces.has(provinceCode)) return null;
  return (placeUnits().communesOf.get(provinceCode) ?? []).map((c) => ({ code: c.code, name: c.name }));
}

type FormPlace = { provinceCode?: string | null; communeCode?: string | null; commune?: string | null };

/**
 * What a form's place says. A picked code names the commune only while the box still shows that
 * commune's name: typed over without picking again (or without JavaScript, where the code stays as
 * the page sent it), the words typed win.
 */
export function formPlace<T extends FormPlace>(input: T): T {
  const picked = input.communeCode ? placeUnits().communes.get(input.communeCode) : undefined;
  if (picked && input.commune && placeKey(input.commune) !== placeKey(picked.name)) return { ...input, communeCode: null };
  return input;
}

/**
 * True when a form leaves a record's place as it is, so the record keeps what it holds (its
 * former province, district and commune, a split commune's candidates) instead of a fresh reading.
 */
export function keepsPlace(input: FormPlace & { province?: string | null; district?: string | null }, current: FormPlace): boolean {
  if (input.province || input.district) return false;
  const read = formPlace(input);
  if ((read.provinceCode ?? null) !== (current.provinceCode ?? null)) return false;
  if (read.communeCode) return read.communeCode === current.communeCode;
  return placeKey(read.commune ?? "") === placeKey(current.commune ?? "");
}

/** The form field each problem belongs to: the province select, or the commune box. */
const FIELD: Record<PlaceProblem["field"], string> = { province: "provinceCode", district: "commune", commune: "commune" };

/** A place's problems as field errors in the reader's language, with the closest candidates. */
export function placeErrors(problems: PlaceProblem[], t: Translator): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const names = p.candidates.map((c) => (c.code ? `“${c.name}”` : `“${t("place.formerCandidate", { name: c.name })}”`));
    const message = [t(p.code, { value: p.value }), names.length ? t("place.didYouMean", { candidates: names.join(", ") }) : ""].filter(Boolean).join(" ");
    (errors[FIELD[p.field]] ??= []).push(message);
  }
  return errors;
}

/** A split commune's candidates, by code and name, for a person to pick from. */
export function candidateOptions(placeCandidates: string | null): PlaceOption[] {
  return parseCandidates(placeCandidates).flatMap((code) => {
    const c = placeUnits().communes.get(code);
    return c ? [{ code: c.code, name: c.name }] : [];
  });
}

export function parseCandidates(placeCandidates: string | null): string[] {
  if (!placeCandidates) return [];
  try {
    const list: unknown = JSON.parse(placeCandidates);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
