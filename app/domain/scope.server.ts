// The place filters of the dashboards, the map, the CSV, the API and the command line, read
// from what a person typed or a link carried (shared/interchange.md, "Places"): a province by
// its current or former name, a former district, a commune by its current code (or, where a
// province is chosen, by name). A filter is turned into the exact name the records hold, so
// "bac giang", "Tỉnh Bắc Giang" and a drill-down link all select the same groups; one that
// names no place is a problem with the closest candidates, never a silent empty answer.
import { Prisma } from "~/generated/prisma/client";
import { translate, translateDynamic, type Locale } from "~/i18n";
import { dataGeneration, hotRead } from "~/utils/db.server";
import { exactName, foldVi, placeKey, similarity } from "./places/fold";
import { communeCandidates, resolvePlace, type PlaceCandidate, type PlaceField } from "./places/resolve.server";
import { placeUnits, type Commune, type FormerProvince } from "./places/units.server";

/** The day the 2025 units came into force: a season or a programme that began before it is read in the former districts too. */
export const UNITS_2025 = "2025-07-01";

export type FilterInput = { province?: string | null; district?: string | null; commune?: string | null };
export type Filters = { province?: string; district?: string; commune?: string };
export type FilterProblem = { field: PlaceField; code: string; value: string; candidates: PlaceCandidate[] };

/** The province a filter names: `former` when only a name of before July 2025 fits it. */
export type ProvinceFilter = { name: string; code: string | null; former: boolean };

export type ResolvedFilters = {
  filters: Filters;
  problems: FilterProblem[];
  province: ProvinceFilter | null;
  commune: Commune | null;
};

/** Longer than any place name: cut before the fuzzy comparisons, which cost by length. */
const MAX_LENGTH = 120;

const tidy = (v: string | null | undefined): string | undefined => (v ? v.normalize("NFC").trim().slice(0, MAX_LENGTH) : "") || undefined;

type StoredPlace = { provinceCode: string | null; province: string; formerProvince: string | null; formerDistrict: string | null };
let stored: { generation: number; rows: StoredPlace[] } | null = null;

/** The distinct places the farmer groups hold, re-read only after a write. */
async function storedPlaces(): Promise<StoredPlace[]> {
  const generation = await dataGeneration();
  if (stored?.generation !== generation) {
    const rows = await hotRead<StoredPlace>(Prisma.sql`SELECT DISTINCT "provinceCode", "province", "formerProvince", "formerDistrict" FROM "FarmerGroup"`);
    stored = { generation, rows };
  }
  return stored.rows;
}

const provinceName = (code: string) => placeUnits().provinces.get(code)?.name ?? code;

function candidateOf(c: Commune): PlaceCandidate {
  return { code: c.code, name: c.name, province: provinceName(c.provinceCode) };
}

function closest(typed: string, names: { name: string; province: string }[], n = 5): PlaceCandidate[] {
  const k = placeKey(typed);
  const seen = new Set<string>();
  return names
    .map((o) => ({ o, s: Math.max(similarity(k, placeKey(o.name)), similarity(foldVi(typed), foldVi(o.name))) }))
    .filter((x) => x.s >= 0.35)
    .sort((a, b) => b.s - a.s)
    .filter((x) => !seen.has(x.o.name + "\u0000" + x.o.province) && seen.add(x.o.name + "\u0000" + x.o.province))
    .slice(0, n)
    .map((x) => ({ code: null, name: x.o.name, province: x.o.province }));
}

/** The former provinces a province filter covers: the one named, or every one now inside it. */
function formerProvincesOf(p: ProvinceFilter | null): FormerProvince[] {
  const all = [...new Set(placeUnits().formerProvinces.all.map((f) => f.value))];
  if (!p) return all;
  if (p.former) {
    const named = placeUnits().formerProvinces.find(p.name);
    return named.length ? named : all.filter((f) => f.provinceCode === p.code);
  }
  return all.filter((f) => f.provinceCode === p.code);
}

function resolveProvince(typed: string, rows: StoredPlace[]): ProvinceFilter | FilterProblem {
  const u = placeUnits();
  const current = u.currentProvinces.find(typed)[0] ?? null;
  const former = u.formerProvinces.find(typed)[0] ?? null;
  // The names the records hold come first: they are what the drill-down links carry.
  const asCurrent = rows.find((r) => r.province === typed);
  if (asCurrent) return { name: typed, code: asCurrent.provinceCode ?? current, former: false };
  const asFormer = rows.find((r) => r.formerProvince === typed);
  if (asFormer) return { name: typed, code: former?.provinceCode ?? asFormer.provinceCode, former: true };
  if (current) return { name: provinceName(current), code: current, former: false };
  const key = placeKey(typed);
  if (former) {
    // Spelt as the records spell it ("Tỉnh Bắc Giang" typed, "Bắc Giang" held), else as the crosswalk does.
    const keys = [key, placeKey(former.name)];
    const held = rows.find((r) => r.formerProvince !== null && keys.includes(placeKey(r.formerProvince)))?.formerProvince;
    return { name: held ?? former.name, code: former.provinceCode, former: true };
  }
  // A name no unit has, held by records that were never placed: found however it is typed.
  const loose = rows.find((r) => placeKey(r.province) === key);
  if (loose) return { name: loose.province, code: loose.provinceCode, former: false };
  const looseFormer = rows.find((r) => r.formerProvince !== null && placeKey(r.formerProvince) === key);
  if (looseFormer) return { name: looseFormer.formerProvince!, code: looseFormer.provinceCode, former: true };
  const read = resolvePlace({ province: typed }, "province");
  const problem = read.ok ? undefined : read.problems.find((p) => p.field === "province");
  return problem ?? { field: "province", code: "place.unknownProvince", value: typed, candidates: [] };
}

function resolveDistrict(typed: string, province: ProvinceFilter | null, rows: StoredPlace[]): string | FilterProblem {
  const within = province ? rows.filter((r) => r.province === province.name || r.formerProvince === province.name) : rows;
  if (within.some((r) => r.formerDistrict === typed)) return typed;
  const key = placeKey(typed);
  const held = within.find((r) => r.formerDistrict !== null && placeKey(r.formerDistrict) === key)?.formerDistrict;
  if (held) return held;
  const fps = formerProvincesOf(province);
  // A real district that no group of the scope was recorded in: a valid filter that selects nothing.
  if (fps.some((fp) => fp.districts.find(typed).length > 0)) return typed;
  // Candidates from the published crosswalk only: what the records hold is not everyone's to read.
  const pool = fps.flatMap((fp) => fp.districts.all.map((d) => ({ name: d.name, province: fp.name })));
  return { field: "district", code: "place.unknownDistrict", value: typed, candidates: closest(typed, pool) };
}

function resolveCommune(typed: string, province: ProvinceFilter | null, district: string | undefined): Commune | FilterProblem {
  const u = placeUnits();
  const byCode = u.communes.get(typed);
  if (byCode) {
    if (province?.code && byCode.provinceCode !== province.code)
      return { field: "commune", code: "place.communeOutsideProvince", value: byCode.name, candidates: [] };
    return byCode;
  }
  if (/^\d+$/.test(typed)) return { field: "commune", code: "place.unknownCommune", value: typed, candidates: [] };
  if (province?.code) {
    // A name is read within the province, through the crosswalk when it is a name of before 2025.
    const read = resolvePlace({ provinceCode: province.code, province: province.former ? province.name : null, district, commune: typed });
    if (read.ok && read.place.communeCode) return u.communes.get(read.place.communeCode)!;
    if (read.ok)
      return {
        field: "commune",
        code: "dash.filter.communeSplit",
        value: typed,
        candidates: read.place.candidates.map((c) => candidateOf(u.communes.get(c)!)),
      };
    const problem = read.problems.find((p) => p.field === "commune") ?? read.problems[0];
    return { ...problem, field: "commune" };
  }
  // No province: a name the country has only once.
  const same = [...u.communes.values()].filter((c) => exactName(c.name) === exactName(typed) || placeKey(c.name) === placeKey(typed));
  if (same.length === 1) return same[0];
  if (same.length > 1) return { field: "commune", code: "dash.filter.communeNeedsProvince", value: typed, candidates: same.slice(0, 8).map(candidateOf) };
  return { field: "commune", code: "place.unknownCommune", value: typed, candidates: communeCandidates(typed, null) };
}

const isProblem = (x: unknown): x is FilterProblem => typeof x === "object" && x !== null && "field" in x && "code" in x;

/**
 * Reads the place filters. A district is read within the province when one is named (else
 * among every former district, as the command line always allowed); a commune is a current
 * commune's code, or its name within the province. What cannot be read is left out of
 * `filters` and listed in `problems`.
 */
export async function resolveFilters(input: FilterInput): Promise<ResolvedFilters> {
  const typed = { province: tidy(input.province), district: tidy(input.district), commune: tidy(input.commune) };
  const out: ResolvedFilters = { filters: {}, problems: [], province: null, commune: null };
  if (!typed.province && !typed.district && !typed.commune) return out;
  const rows = await storedPlaces();
  if (typed.province) {
    const p = resolveProvince(typed.province, rows);
    if (isProblem(p)) out.problems.push(p);
    else {
      out.province = p;
      out.filters.province = p.name;
    }
  }
  const provinceOk = !typed.province || out.province !== null;
  if (typed.district && provinceOk) {
    const d = resolveDistrict(typed.district, out.province, rows);
    if (isProblem(d)) out.problems.push(d);
    else out.filters.district = d;
  }
  if (typed.commune && provinceOk) {
    const c = resolveCommune(typed.commune, out.province, out.filters.district);
    if (isProblem(c)) out.problems.push(c);
    else {
      out.commune = c;
      out.filters.commune = c.code;
    }
  }
  return out;
}

/** One problem as a sentence, with its candidates ("Xã Đèo Gia (Bắc Ninh, 07594)"). */
export function filterProblemMessage(p: FilterProblem, locale: Locale): string {
  const text = translateDynamic(locale, p.code, { value: p.value });
  if (!p.candidates.length) return text;
  const list = p.candidates.map((c) => `${c.name} (${[c.province, c.code].filter(Boolean).join(", ")})`).join("; ");
  return `${text} ${translate(locale, "place.didYouMean", { candidates: list })}`;
}
