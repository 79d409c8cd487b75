// From a place as a record writes it (current codes, current names, or the names of before July
// 2025 with a district) to the current province and commune, keeping the former names.
// One function for the registration forms, the bundle importer and the migration of existing
// databases, so all three read a name the same way.
import { foldVi, placeKey, similarity } from "./fold";
import { placeUnits, shortProvinceName, type Commune, type FormerCommune, type FormerProvince } from "./units.server";

export type PlaceInput = {
  provinceCode?: string | null;
  communeCode?: string | null;
  province?: string | null;
  district?: string | null;
  commune?: string | null;
};

/** What a record holds about its place (the columns of FarmerGroup and Organisation). */
export type Place = {
  provinceCode: string | null;
  communeCode: string | null;
  province: string | null;
  commune: string | null;
  formerProvince: string | null;
  formerDistrict: string | null;
  formerCommune: string | null;
  /** Current communes an old, split commune went to, until a person picks one. */
  candidates: string[];
};

/** The place columns a record stores, without the candidates of a split commune. */
export type StoredPlace = Omit<Place, "candidates">;

export type PlaceField = "province" | "district" | "commune";
export type PlaceProblemCode = "place.unknownProvince" | "place.unknownDistrict" | "place.unknownCommune" | "place.communeOutsideProvince" | "place.required";
export type PlaceCandidate = { code: string | null; name: string; province: string };
export type PlaceProblem = { field: PlaceField; code: PlaceProblemCode; value: string; candidates: PlaceCandidate[] };

export type Resolved = { ok: true; place: Place } | { ok: false; problems: PlaceProblem[] };

const blank = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

function nameOfProvince(code: string): string {
  return placeUnits().provinces.get(code)?.name ?? code;
}

function communeCandidate(c: Commune): PlaceCandidate {
  return { code: c.code, name: c.name, province: nameOfProvince(c.provinceCode) };
}

function closest<T>(typed: string, options: { name: string; value: T }[], n = 5): { name: string; value: T }[] {
  const k = placeKey(typed);
  return options
    .map((o) => ({ o, s: Math.max(similarity(k, placeKey(o.name)), similarity(foldVi(typed), foldVi(o.name))) }))
    .filter((x) => x.s >= 0.35)
    .sort((a, b) => b.s - a.s)
    .slice(0, n)
    .map((x) => x.o);
}

/** Closest current communes of a province (or of the country) to a name that matched none. */
export function communeCandidates(typed: string, provinceCode: string | null, n = 5): PlaceCandidate[] {
  const u = placeUnits();
  const pool = provinceCode ? (u.communesOf.get(provinceCode) ?? []) : [...u.communes.values()];
  return closest(
    typed,
    pool.map((c) => ({ name: c.name, value: c })),
    n,
  ).map((x) => communeCandidate(x.value));
}

function provinceCandidates(typed: string): PlaceCandidate[] {
  const u = placeUnits();
  const current = [...u.provinces.values()].map((p) => ({ name: p.name, value: { code: p.code, name: p.name, province: p.name } }));
  const former = u.formerProvinces.all.map((f) => ({
    name: f.name,
    value: { code: f.value.provinceCode, name: f.value.name, province: nameOfProvince(f.value.provinceCode) },
  }));
  return closest(typed, [...current, ...former]).map((x) => x.value);
}

/**
 * Reads a place. `require` says how much a record must name: a farmer group needs a province
 * and a commune, an organisation may name none. An old commune split between several new ones
 * is not a problem: its province is known and the candidates wait for a person.
 */
export function resolvePlace(input: PlaceInput, require: "commune" | "province" | "none" = "commune"): Resolved {
  const u = placeUnits();
  const provinceCode = blank(input.provinceCode);
  const communeCode = blank(input.communeCode);
  const provinceName = blank(input.province);
  const district = blank(input.district);
  const communeName = blank(input.commune);
  const problems: PlaceProblem[] = [];

  // 1. The province: a code wins, then a current name, then a former one.
  let code: string | null = null;
  let former: FormerProvince | null = null;
  if (provinceCode) {
    if (!u.provinces.has(provinceCode)) problems.push({ field: "province", code: "place.unknownProvince", value: provinceCode, candidates: [] });
    else code = provinceCode;
  }
  if (provinceName) {
    const current = u.currentProvinces.find(provinceName)[0] ?? null;
    former = u.formerProvinces.find(provinceName)[0] ?? null;
    const named = current ?? former?.provinceCode ?? null;
    if (!named && !code) problems.push({ field: "province", code: "place.unknownProvince", value: provinceName, candidates: provinceCandidates(provinceName) });
    code ??= named;
    // A current name that is also a former one (Quảng Trị) is read as former only with a district.
    if (current && !district) former = null;
  }

  // 2. The commune: a code wins (and must lie in the province), then a name.
  let commune: Commune | null = null;
  let formerEntry: FormerCommune | null = null;
  let candidates: string[] = [];
  if (communeCode) {
    commune = u.communes.get(communeCode) ?? null;
    if (!commune) problems.push({ field: "commune", code: "place.unknownCommune", value: communeCode, candidates: [] });
    else if (code && commune.provinceCode !== code)
      problems.push({ field: "commune", code: "place.communeOutsideProvince", value: commune.name, candidates: [] });
    else code ??= commune.provinceCode;
  } else if (communeName && code) {
    // The former provinces to read an old name in: the one named, or every one now in the province.
    const fps = former ? [former] : [...new Set(u.formerProvinces.all.map((f) => f.value))].filter((f) => f.provinceCode === code);
    const throughCrosswalk = (): boolean => {
      const hits: FormerCommune[] = [];
      for (const fp of fps) {
        const ds = district ? fp.districts.find(district) : [];
        const inDistrict = ds.flatMap((d) => d.communes.find(communeName));
        hits.push(...(inDistrict.length ? inDistrict : fp.communes.find(communeName)));
      }
      const targets = [...new Set(hits.flatMap((e) => e.targets))];
      if (hits.length === 0) return false;
      formerEntry = hits[0];
      if (targets.length === 1) commune = u.communes.get(targets[0])!;
      else candidates = targets;
      return true;
    };
    const current = (): boolean => {
      const hits = u.communeNames.get(code!)?.find(communeName) ?? [];
      if (hits.length === 1) commune = hits[0];
      else if (hits.length > 1) candidates = hits.map((c) => c.code);
      return hits.length > 0;
    };
    // Written before July 2025 (a district, or a province that is no more): the crosswalk first.
    const found = district || former ? throughCrosswalk() || current() : current() || throughCrosswalk();
    if (!found) {
      if (district && !fps.some((fp) => fp.districts.find(district).length)) {
        const pool = fps.flatMap((fp) => fp.districts.all.map((x) => ({ name: x.name, value: { code: null, name: x.name, province: fp.name } })));
        problems.push({ field: "district", code: "place.unknownDistrict", value: district, candidates: closest(district, pool).map((x) => x.value) });
      }
      const pool = [
        ...(u.communesOf.get(code) ?? []).map((c) => ({ name: c.name, value: communeCandidate(c) })),
        ...fps.flatMap((fp) =>
          fp.communes.all.map((x) => ({ name: x.name, value: { code: null, name: `${x.value.commune}, ${x.value.district}`, province: fp.name } })),
        ),
      ];
      problems.push({ field: "commune", code: "place.unknownCommune", value: communeName, candidates: closest(communeName, pool).map((x) => x.value) });
    }
  } else if (communeName && !code && !problems.length) {
    problems.push({ field: "province", code: "place.required", value: "", candidates: [] });
  }
  if (candidates.length === 1) {
    commune = u.communes.get(candidates[0])!;
    candidates = [];
  }

  if (require !== "none" && !code && !problems.some((p) => p.field === "province"))
    problems.push({ field: "province", code: "place.required", value: "", candidates: [] });
  if (require === "commune" && !commune && candidates.length === 0 && !problems.some((p) => p.field === "commune" || p.field === "district"))
    problems.push({ field: "commune", code: "place.required", value: "", candidates: [] });
  if (problems.length) return { ok: false, problems };

  // A split commune's province is the candidates' when they agree (they always have so far).
  if (!code && candidates.length) {
    const ps = new Set(candidates.map((c) => u.communes.get(c)!.provinceCode));
    if (ps.size === 1) code = [...ps][0];
  }
  // Written in the former units: a district, a province that is no more, or a commune's old name.
  const old = Boolean(district) || former !== null || formerEntry !== null;
  return {
    ok: true,
    place: {
      provinceCode: code,
      communeCode: commune?.code ?? null,
      province: code ? nameOfProvince(code) : null,
      commune: commune?.name ?? (candidates.length ? communeName : null),
      formerProvince: old ? (provinceName ?? (formerEntry ? shortProvinceName((formerEntry as FormerCommune).province) : null)) : null,
      formerDistrict: old ? district : null,
      formerCommune: old ? communeName : null,
      candidates,
    },
  };
}

/** The current commune a person picked for a split commune, if it is one of the candidates. */
export function pickCandidate(candidates: string[], code: string): Commune | null {
  return candidates.includes(code) ? (placeUnits().communes.get(code) ?? null) : null;
}

/** The columns a farmer group or organisation stores for a place. */
export function placeColumns(place: Place) {
  return {
    provinceCode: place.provinceCode,
    communeCode: place.communeCode,
    province: place.province,
    commune: place.commune,
    formerProvince: place.formerProvince,
    formerDistrict: place.formerDistrict,
    formerCommune: place.formerCommune,
  };
}

/** A farmer group's place columns: a province and commune are always named, if only as written. */
export function groupPlaceColumns(place: Place) {
  return {
    ...placeColumns(place),
    province: place.province ?? "",
    commune: place.commune ?? "",
    placeCandidates: place.candidates.length ? JSON.stringify(place.candidates) : null,
  };
}
