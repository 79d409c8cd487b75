// A bundle's places (shared/interchange.md "Places") read into the current units: one reading
// for validation, the rights check and the write, so all three agree on what a record says.
// The reading itself is resolvePlace's, shared with the forms and the migration; this file adds
// what only a bundle has: the former province and commune an export writes beside the current
// ones, the JSON path of each problem, and how a bundle's place meets the stored one.
import { placeKey } from "../places/fold";
import { resolvePlace, type Place, type PlaceCandidate, type PlaceProblem, type StoredPlace } from "../places/resolve.server";
import { placeUnits } from "../places/units.server";
import type { BundlePlace, BundleProblem } from "./bundle.schema";
import { problem, type ProblemCode } from "./problems";

export type PlaceReading = { ok: true; place: Place } | { ok: false; problems: BundleProblem[] };
/** The place of each organisation and farmer group of a valid bundle, by ref. */
export type BundlePlaces = { orgs: Map<string, Place>; groups: Map<string, Place> };

const given = (s: string | undefined): s is string => s !== undefined && s.trim() !== "";

function formatCandidates(cs: PlaceCandidate[], field: PlaceProblem["field"]): string {
  return cs
    .map((c) => {
      if (!c.code) return c.name; // a former unit: "Xã Hướng Phùng, Huyện Hướng Hóa"
      if (field === "province" && c.name !== c.province) return `${c.name} → ${c.province} (${c.code})`;
      return `${c.name} (${c.code})`;
    })
    .join("; ");
}

/** Where in the record a problem lies: the code when the code was given, else the name read. */
function pathOf(p: PlaceProblem, rec: BundlePlace): string {
  if (p.field === "district") return "district";
  if (p.field === "province") {
    if (p.code !== "place.required" && given(rec.provinceCode) && p.value === rec.provinceCode.trim()) return "provinceCode";
    return given(rec.formerProvince) ? "formerProvince" : "province";
  }
  if (given(rec.communeCode) && (p.code === "place.communeOutsideProvince" || p.value === rec.communeCode.trim())) return "communeCode";
  return p.code !== "place.required" && given(rec.formerCommune) ? "formerCommune" : "commune";
}

function codeOf(p: PlaceProblem, path: string): ProblemCode {
  const near = p.candidates.length > 0;
  switch (p.code) {
    case "place.unknownProvince":
      return path === "provinceCode"
        ? "bundle.problem.placeUnknownProvinceCode"
        : near
          ? "bundle.problem.placeUnknownProvinceNear"
          : "bundle.problem.placeUnknownProvince";
    case "place.unknownDistrict":
      return near ? "bundle.problem.placeUnknownDistrictNear" : "bundle.problem.placeUnknownDistrict";
    case "place.unknownCommune":
      return path === "communeCode"
        ? "bundle.problem.placeUnknownCommuneCode"
        : near
          ? "bundle.problem.placeUnknownCommuneNear"
          : "bundle.problem.placeUnknownCommune";
    case "place.communeOutsideProvince":
      return "bundle.problem.placeCommuneOutsideProvince";
    case "place.required":
      return p.field === "province" ? "bundle.problem.placeRequiredProvince" : "bundle.problem.placeRequiredCommune";
  }
}

const provinceName = (code: string | undefined) => (code ? placeUnits().provinces.get(code.trim())?.name : undefined);

/**
 * Reads a record's place. `at` is the record's JSON path ("$.farmerGroups[3]"); a farmer group
 * needs a province and a commune, an organisation may name none (a province alone is fine).
 * The names looked up are the ones written at the time: the former province and commune when
 * the record gives them, else its province and commune.
 */
export function readBundlePlace(rec: BundlePlace, at: string, require: "commune" | "none"): PlaceReading {
  const written = {
    provinceCode: rec.provinceCode,
    communeCode: rec.communeCode,
    province: given(rec.formerProvince) ? rec.formerProvince : rec.province,
    district: rec.district,
    commune: given(rec.formerCommune) ? rec.formerCommune : rec.commune,
  };
  const read = resolvePlace(written, require);
  if (!read.ok) {
    const province = provinceName(rec.provinceCode) ?? written.province ?? "";
    return {
      ok: false,
      problems: read.problems.map((p) => {
        const path = pathOf(p, rec);
        return problem(`${at}.${path}`, codeOf(p, path), { value: p.value, province, candidates: formatCandidates(p.candidates, p.field) });
      }),
    };
  }
  const place = read.place;
  const problems: BundleProblem[] = [];
  // A district is read within its province: alone it places nothing (an authority would read nothing).
  if (!place.provinceCode && given(rec.district))
    return { ok: false, problems: [problem(`${at}.province`, "bundle.problem.placeRequiredProvince", { value: "", province: "", candidates: "" })] };
  // The record names its former place apart: that is its history, and its current names must
  // agree with where that place went (codes, when given, were checked above).
  if (given(rec.formerProvince) || given(rec.formerCommune)) {
    const u = placeUnits();
    if (given(rec.formerProvince) && given(rec.province) && !given(rec.provinceCode)) {
      const named = u.currentProvinces.find(rec.province)[0] ?? u.formerProvinces.find(rec.province)[0]?.provinceCode;
      if (named !== place.provinceCode)
        problems.push(
          problem(`${at}.province`, "bundle.problem.placeMismatch", { value: rec.province, former: rec.formerProvince, current: place.province ?? "—" }),
        );
    }
    if (given(rec.formerCommune) && given(rec.commune) && !given(rec.communeCode)) {
      const key = placeKey(rec.commune);
      if (key !== placeKey(place.commune ?? "") && key !== placeKey(rec.formerCommune))
        problems.push(
          problem(`${at}.commune`, "bundle.problem.placeMismatch", { value: rec.commune, former: rec.formerCommune, current: place.commune ?? "—" }),
        );
    }
    place.formerProvince = written.province?.trim() || null;
    place.formerDistrict = rec.district?.trim() || null;
    place.formerCommune = written.commune?.trim() || null;
  }
  // A former district named with the province's code only (an authority of a former district):
  // the former province is the one of the province's former provinces that had that district.
  if (place.formerDistrict && !place.formerProvince && place.provinceCode) {
    const had = placeUnits()
      .formerProvinces.all.map((f) => f.value)
      .filter((f, i, all) => all.indexOf(f) === i && f.provinceCode === place.provinceCode && f.districts.find(place.formerDistrict!).length > 0);
    if (had.length === 1) place.formerProvince = had[0].name;
  }
  return problems.length ? { ok: false, problems } : { ok: true, place };
}

/** Memoised per bundle: a programme's groups share a few hundred places. */
export function placeReader() {
  const seen = new Map<string, Place>();
  return (rec: BundlePlace, at: string, require: "commune" | "none"): PlaceReading => {
    const key = JSON.stringify([require, rec.provinceCode, rec.communeCode, rec.province, rec.district, rec.commune, rec.formerProvince, rec.formerCommune]);
    const hit = seen.get(key);
    if (hit) return { ok: true, place: { ...hit, candidates: [...hit.candidates] } };
    const r = readBundlePlace(rec, at, require);
    if (r.ok) seen.set(key, { ...r.place, candidates: [...r.place.candidates] });
    return r;
  };
}

/**
 * The place a bundle gives a stored record, as it would be stored. Two things the bundle does
 * not say are kept: the commune a person has since picked for a split old commune (the bundle
 * still names the old one), and the former place of a record the bundle places in the current
 * units only (a bundle silent about history does not erase it). So re-importing an export, or
 * an older file, is no change.
 */
export function placeOver(place: Place, stored: StoredPlace | null | undefined): Place {
  if (!stored) return place;
  const sameFormer =
    place.formerProvince === stored.formerProvince && place.formerDistrict === stored.formerDistrict && place.formerCommune === stored.formerCommune;
  let out = place;
  if (
    !place.communeCode &&
    place.candidates.length &&
    stored.communeCode &&
    place.candidates.includes(stored.communeCode) &&
    place.provinceCode === stored.provinceCode &&
    sameFormer
  )
    out = { ...out, communeCode: stored.communeCode, commune: stored.commune, candidates: [] };
  const silent = !place.formerProvince && !place.formerDistrict && !place.formerCommune;
  if (silent && out.provinceCode === stored.provinceCode && out.communeCode === stored.communeCode)
    out = { ...out, formerProvince: stored.formerProvince, formerDistrict: stored.formerDistrict, formerCommune: stored.formerCommune };
  return out;
}
