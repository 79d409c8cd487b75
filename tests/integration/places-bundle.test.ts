// Places in a programme bundle (shared/interchange.md "Places", issue 12): a bundle written
// with the names of before July 2025 lands in the current units, keeps those names, gives the
// same indicators as computed by hand, and exports them readable; a name that matches no unit is
// a problem at its JSON path with the closest candidates and nothing is written; codes alone
// import; an old commune split between several new ones waits for a person; and export → import
// into an empty installation → export keeps every place and its history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { COFFEE_2023, COFFEE_2024, COFFEE_2024_SCOPED, loadBundle, PEPPER_2024, sortBundle, tableDump, type BundleJson } from "../support/bundle-fixtures";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("places-bundle");
let { db, write, disconnect } = await import("~/utils/db.server");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { exportBundle } = await import("~/domain/bundle/export.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { translate } = await import("~/i18n");

afterAll(() => disconnect());

type Json = Record<string, unknown>;
const bundle = (parts: Json) => ({ format: "linkage-bundle/1", ...parts });
const group = (ref: string, place: Json) => ({ ref, name: `Tổ ${ref}`, ...place });
const PLACE_COLUMNS = {
  provinceCode: true,
  communeCode: true,
  province: true,
  commune: true,
  formerProvince: true,
  formerDistrict: true,
  formerCommune: true,
} as const;
const groupPlace = (ref: string) => db.farmerGroup.findUniqueOrThrow({ where: { ref }, select: { ...PLACE_COLUMNS, placeCandidates: true } });
const orgPlace = (ref: string) => db.organisation.findUniqueOrThrow({ where: { ref }, select: PLACE_COLUMNS });
const exported = async (ref: string) => (await exportBundle()).farmerGroups.find((g) => g.ref === ref);

/** Refused whole: every expected problem, and not a row written. */
async function refused(input: unknown, expected: [path: string, code: string][]) {
  const before = await tableDump(file);
  const r = await importBundle(input, OPERATOR);
  expect(r.ok).toBe(false);
  const problems = r.ok ? [] : r.problems;
  for (const [at, code] of expected)
    expect(
      problems.some((p) => p.path === at && p.code === `bundle.problem.${code}`),
      `${at} ${code} in ${JSON.stringify(problems)}`,
    ).toBe(true);
  expect(problems).toHaveLength(expected.length);
  expect(await tableDump(file)).toEqual(before);
  return problems;
}

beforeAll(async () => {
  const r = await importBundle(loadBundle("chain"), OPERATOR);
  expect(r).toMatchObject({ ok: true });
});

describe("chain.json, written with the names of before July 2025", () => {
  it("lands in the current units by code and keeps the names as written", async () => {
    expect(await groupPlace("tg-huong-phung-1")).toEqual({
      provinceCode: "44",
      communeCode: "19441",
      province: "Quảng Trị",
      commune: "Xã Hướng Phùng",
      formerProvince: "Quảng Trị",
      formerDistrict: "Hướng Hóa",
      formerCommune: "Hướng Phùng",
      placeCandidates: null,
    });
    expect(await groupPlace("tg-ta-long-1")).toMatchObject({ provinceCode: "44", communeCode: "19564", formerDistrict: "Đakrông", formerCommune: "Tà Long" });
    expect(await groupPlace("tg-cu-sue-1")).toMatchObject({ provinceCode: "66", province: "Đắk Lắk", formerDistrict: "Cư M'gar", formerCommune: "Cư Suê" });
    expect(await orgPlace("htx-khe-sanh")).toMatchObject({
      communeCode: "19429",
      commune: "Xã Khe Sanh",
      formerDistrict: "Hướng Hóa",
      formerCommune: "Khe Sanh",
    });
    // An organisation may name a province alone; written with a current name, it has no former place.
    expect(await orgPlace("so-nn-qt")).toEqual({ ...nullPlace(), provinceCode: "44", province: "Quảng Trị" });
    expect(await orgPlace("care-vn")).toEqual(nullPlace());
  });

  it("gives the same indicators as computed by hand, whole and narrowed by current or former names", async () => {
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31" })).toEqual(COFFEE_2024);
    expect(await computeIndicators("coffee-2023", { asOf: "2024-08-31" })).toEqual(COFFEE_2023);
    expect(await computeIndicators("pepper-2024", { asOf: "2024-08-31" })).toEqual(PEPPER_2024);
    for (const key of ["province", "district", "buyer", "projectOwner", "projectOwnerSns"] as const) {
      const expected = COFFEE_2024_SCOPED[key];
      expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: expected.scope }), key).toEqual(expected);
    }
  });

  it("a current commune selects by code what the old names placed there", async () => {
    // Xã Hướng Phùng = tg-huong-phung-1 alone: Quảng Trị's figures without tg-ta-long-1, whose
    // only 2024 contract is a draft; its 2023 pair (htx, g1) continued → 1/1.
    expect(await computeIndicators("coffee-2024", { asOf: "2024-12-31", scope: { commune: "19441" } })).toEqual({
      ...COFFEE_2024_SCOPED.province,
      scope: { commune: "19441" },
      contractContinuance: { previousPairs: 1, continuedPairs: 1, rate: 1 },
    });
  });

  it("exports the current units with the former names readable, and re-importing the export changes nothing", async () => {
    expect(await exported("tg-huong-phung-1")).toMatchObject({
      provinceCode: "44",
      communeCode: "19441",
      province: "Quảng Trị",
      commune: "Xã Hướng Phùng",
      district: "Hướng Hóa",
      formerCommune: "Hướng Phùng",
      hamlet: "Thôn Cheng",
    });
    // The former province is written only where it differs from the current one.
    expect(await exported("tg-huong-phung-1")).not.toHaveProperty("formerProvince");
    const again = await importBundle(await exportBundle(), OPERATOR);
    expect(again.ok).toBe(true);
    if (again.ok) for (const [k, c] of Object.entries(again.counts)) expect(c.created + c.updated, k).toBe(0);
  });
});

function nullPlace() {
  return { provinceCode: null, communeCode: null, province: null, commune: null, formerProvince: null, formerDistrict: null, formerCommune: null };
}

describe("a name that matches no unit", () => {
  it("is a problem at its JSON path listing the closest units, in both languages; nothing is written", async () => {
    const problems = await refused(
      bundle({
        organisations: [
          { ref: "pl-htx", kind: "cooperative", name: "HTX", province: "Quảng Trị" },
          { ref: "pl-cty", kind: "enterprise", name: "Công ty", province: "Quảng Trjj" },
        ],
        farmerGroups: [
          group("pl-ok-1", { province: "Quảng Trị", district: "Hướng Hóa", commune: "Hướng Phùng" }),
          group("pl-ok-2", { province: "Quảng Trị", district: "Đakrông", commune: "Tà Long" }),
          group("pl-typo", { province: "Quảng Trị", district: "Hướng Hóa", commune: "Huong Phugn" }),
        ],
      }),
      [
        ["$.organisations[1].province", "placeUnknownProvinceNear"],
        ["$.farmerGroups[2].commune", "placeUnknownCommuneNear"],
      ],
    );
    const commune = problems.find((p) => p.path === "$.farmerGroups[2].commune")!;
    expect(commune.reason).toContain("Huong Phugn");
    expect(commune.reason).toContain("Xã Hướng Phùng (19441)");
    expect(commune.params).toMatchObject({ value: "Huong Phugn", province: "Quảng Trị" });
    const vi = translate("vi", commune.code as never, commune.params);
    expect(vi).toContain("Có phải:");
    expect(vi).toContain("Xã Hướng Phùng");
    expect(problems.find((p) => p.path === "$.organisations[1].province")!.reason).toContain("Quảng Trị (44)");
  });

  it("an unknown district and commune: both, each at its own field", async () => {
    await refused(bundle({ farmerGroups: [group("pl-d", { province: "Quảng Trị", district: "Huong Hoaa", commune: "Huong Phugn" })] }), [
      ["$.farmerGroups[0].district", "placeUnknownDistrictNear"],
      ["$.farmerGroups[0].commune", "placeUnknownCommuneNear"],
    ]);
  });

  it("codes: an unknown code, and a commune outside its province, are problems at the code", async () => {
    await refused(
      bundle({
        organisations: [{ ref: "pl-o", kind: "cooperative", name: "HTX", provinceCode: "99" }],
        farmerGroups: [
          group("pl-c1", { provinceCode: "44", communeCode: "04048" }), // Xã Vân Hồ is in Sơn La
          group("pl-c2", { provinceCode: "44", communeCode: "99999" }),
        ],
      }),
      [
        ["$.organisations[0].provinceCode", "placeUnknownProvinceCode"],
        ["$.farmerGroups[0].communeCode", "placeCommuneOutsideProvince"],
        ["$.farmerGroups[1].communeCode", "placeUnknownCommuneCode"],
      ],
    );
  });

  it("a farmer group names a province and a commune; a district alone places nothing", async () => {
    await refused(
      bundle({
        organisations: [{ ref: "pl-ubnd-x", kind: "authority", name: "UBND huyện", district: "Hướng Hóa" }],
        farmerGroups: [{ ref: "pl-nowhere", name: "Tổ không địa chỉ" }],
      }),
      [
        ["$.organisations[0].province", "placeRequiredProvince"],
        ["$.farmerGroups[0].province", "placeRequiredProvince"],
        ["$.farmerGroups[0].commune", "placeRequiredCommune"],
      ],
    );
  });

  it("current names that disagree with the former place they sit beside", async () => {
    await refused(
      bundle({ farmerGroups: [group("pl-mm", { province: "Hà Nội", formerProvince: "Bắc Giang", district: "Lục Ngạn", formerCommune: "Tân Lập" })] }),
      [["$.farmerGroups[0].province", "placeMismatch"]],
    );
  });
});

describe("bundles in the current units, and in both", () => {
  it("codes alone import, with the current names and no former place", async () => {
    const r = await importBundle(bundle({ farmerGroups: [group("pl-codes", { provinceCode: "44", communeCode: "19441", hamlet: "Thôn Cheng" })] }), OPERATOR);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(await groupPlace("pl-codes")).toEqual({
      ...nullPlace(),
      provinceCode: "44",
      communeCode: "19441",
      province: "Quảng Trị",
      commune: "Xã Hướng Phùng",
      placeCandidates: null,
    });
    expect(await exported("pl-codes")).toEqual({
      ref: "pl-codes",
      name: "Tổ pl-codes",
      provinceCode: "44",
      communeCode: "19441",
      province: "Quảng Trị",
      commune: "Xã Hướng Phùng",
      hamlet: "Thôn Cheng",
    });
  });

  it("a bundle that places a group by code only does not erase its history", async () => {
    const { district: _d, formerCommune: _f, province: _p, commune: _c, ...byCode } = (await exported("tg-ta-long-1"))!;
    expect(byCode).toMatchObject({ provinceCode: "44", communeCode: "19564" });
    const r = await importBundle(bundle({ farmerGroups: [byCode] }), OPERATOR);
    expect(r).toMatchObject({ ok: true, counts: { farmerGroups: { created: 0, updated: 0, unchanged: 1 } } });
    expect(await groupPlace("tg-ta-long-1")).toMatchObject({ formerProvince: "Quảng Trị", formerDistrict: "Đakrông", formerCommune: "Tà Long" });
  });

  it("a province that joined another keeps its name as the former province, and the export writes it", async () => {
    const r = await importBundle(bundle({ farmerGroups: [group("pl-bg", { province: "Bắc Giang", district: "Lục Ngạn", commune: "Tân Lập" })] }), OPERATOR);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(await groupPlace("pl-bg")).toEqual({
      provinceCode: "24",
      communeCode: "07594",
      province: "Bắc Ninh",
      commune: "Xã Đèo Gia",
      formerProvince: "Bắc Giang",
      formerDistrict: "Lục Ngạn",
      formerCommune: "Tân Lập",
      placeCandidates: null,
    });
    const out = await exported("pl-bg");
    expect(out).toMatchObject({
      provinceCode: "24",
      communeCode: "07594",
      province: "Bắc Ninh",
      commune: "Xã Đèo Gia",
      formerProvince: "Bắc Giang",
      district: "Lục Ngạn",
      formerCommune: "Tân Lập",
    });
    // The export's form, sent by another tool under a new ref, reads to the same place.
    const same = await importBundle(bundle({ farmerGroups: [{ ...out, ref: "pl-bg-2" }] }), OPERATOR);
    expect(same).toMatchObject({ ok: true });
    expect(await groupPlace("pl-bg-2")).toEqual(await groupPlace("pl-bg"));
  });

  it("an authority of a former district: the province's code and the district", async () => {
    const r = await importBundle(
      bundle({ organisations: [{ ref: "pl-ubnd", kind: "authority", name: "UBND huyện Hướng Hóa", provinceCode: "44", district: "Hướng Hóa" }] }),
      OPERATOR,
    );
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(await orgPlace("pl-ubnd")).toEqual({
      ...nullPlace(),
      provinceCode: "44",
      province: "Quảng Trị",
      formerProvince: "Quảng Trị",
      formerDistrict: "Hướng Hóa",
    });
  });
});

describe("an old commune split between several new ones", () => {
  const dongSang = group("pl-split", { province: "Sơn La", district: "Mộc Châu", commune: "Đông Sang" });

  it("imports: the province is known, the group keeps the old name and the candidates", async () => {
    const r = await importBundle(bundle({ farmerGroups: [dongSang] }), OPERATOR);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(await groupPlace("pl-split")).toEqual({
      provinceCode: "14",
      communeCode: null,
      province: "Sơn La",
      commune: "Đông Sang",
      formerProvince: "Sơn La",
      formerDistrict: "Mộc Châu",
      formerCommune: "Đông Sang",
      placeCandidates: JSON.stringify(["03979", "03985"]),
    });
    const out = await exported("pl-split");
    expect(out).toMatchObject({ provinceCode: "14", province: "Sơn La", commune: "Đông Sang", district: "Mộc Châu", communeCandidates: ["03979", "03985"] });
    expect(out).not.toHaveProperty("communeCode");
  });

  it("once a person has picked the commune, re-sending the old names changes nothing, and the export carries the pick", async () => {
    await write((tx) => tx.farmerGroup.update({ where: { ref: "pl-split" }, data: { communeCode: "03985", commune: "Xã Chiềng Sơn", placeCandidates: null } }));
    const r = await importBundle(bundle({ farmerGroups: [dongSang] }), OPERATOR);
    expect(r).toMatchObject({ ok: true, counts: { farmerGroups: { created: 0, updated: 0, unchanged: 1 } } });
    expect(await groupPlace("pl-split")).toMatchObject({ communeCode: "03985", commune: "Xã Chiềng Sơn", formerCommune: "Đông Sang", placeCandidates: null });
    expect(await exported("pl-split")).toMatchObject({ communeCode: "03985", commune: "Xã Chiềng Sơn", district: "Mộc Châu", formerCommune: "Đông Sang" });
  });
});

describe("with a project's rights", () => {
  let project: { kind: "project"; orgId: string; orgRef: string; userId: null };

  beforeAll(async () => {
    const org = await db.organisation.findUniqueOrThrow({ where: { ref: "care-vn" } });
    project = { kind: "project", orgId: org.id, orgRef: org.ref, userId: null };
  });

  it("re-importing its own export (places by code with their former names) is no change", async () => {
    const own = await exportBundle({ projectOwnerId: project.orgId });
    expect(own.farmerGroups.length).toBeGreaterThan(0);
    const r = await importBundle(own, project);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) for (const [k, c] of Object.entries(r.counts)) expect(c.created + c.updated, k).toBe(0);
  });

  it("cannot move a group that has people of its own, by name or by code", async () => {
    const g = await db.farmerGroup.findUniqueOrThrow({ where: { ref: "tg-huong-phung-1" } });
    await write(async (tx) => {
      const user = await tx.user.create({ data: { email: "leader@places.test", name: "Hồ Thị Lan", passwordHash: "x", locale: "vi" } });
      await tx.membership.create({ data: { userId: user.id, groupId: g.id, role: "group_leader", acceptedAt: new Date() } });
    });
    const own = (await exportBundle({ projectOwnerId: project.orgId })) as unknown as BundleJson & { farmerGroups: Json[] };
    const i = own.farmerGroups.findIndex((x) => x.ref === g.ref);
    const byCode = structuredClone(own);
    byCode.farmerGroups[i] = { ...byCode.farmerGroups[i], communeCode: "19429", commune: "Xã Khe Sanh" };
    const before = await tableDump(file);
    const r = await importBundle(byCode, project);
    expect(r.ok ? [] : r.problems.map((p) => [p.path, p.code])).toEqual([[`$.farmerGroups[${i}].communeCode`, "bundle.problem.groupOwnPeople"]]);
    const byName = structuredClone(own);
    const { provinceCode: _p, communeCode: _c, formerProvince: _fp, formerCommune: _fc, ...rest } = byName.farmerGroups[i];
    byName.farmerGroups[i] = { ...rest, province: "Quảng Trị", district: "Hướng Hóa", commune: "Tân Hợp" };
    const r2 = await importBundle(byName, project);
    expect(r2.ok ? [] : r2.problems.map((p) => [p.path, p.code])).toEqual([[`$.farmerGroups[${i}].commune`, "bundle.problem.groupOwnPeople"]]);
    expect(await tableDump(file)).toEqual(before);
  });
});

describe("round-trip", () => {
  // Last in the file: it swaps this process's database for a new, empty installation.
  it("export → import into an empty installation → export: the same document, every place and its history kept", async () => {
    const first = await exportBundle();
    const places = async () => ({
      groups: await db.farmerGroup.findMany({ select: { ref: true, ...PLACE_COLUMNS, placeCandidates: true }, orderBy: { ref: "asc" } }),
      orgs: await db.organisation.findMany({ select: { ref: true, ...PLACE_COLUMNS }, orderBy: { ref: "asc" } }),
    });
    const stored = await places();
    expect(stored.groups.some((g) => g.placeCandidates === null && g.formerCommune === "Đông Sang")).toBe(true);

    await disconnect();
    const emptyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-places-empty-")), "test.db");
    process.env.DATABASE_URL = `file:${emptyFile}`;
    vi.resetModules();
    ({ db, write, disconnect } = await import("~/utils/db.server"));
    const { importBundle: importFresh } = await import("~/domain/bundle/import.server");
    const { exportBundle: exportFresh } = await import("~/domain/bundle/export.server");
    expect(await db.farmerGroup.count()).toBe(0);

    const r = await importFresh(JSON.parse(JSON.stringify(first)), OPERATOR);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(sortBundle(await exportFresh())).toEqual(sortBundle(first));
    // Not only the document: the stored places, current and former, are the same rows.
    expect(await places()).toEqual(stored);
  });
});
