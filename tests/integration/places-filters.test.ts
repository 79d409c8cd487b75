// Filters, drill-downs, the CSV, the API, the command line and the M&E report in the 2025
// units (issue 12), over real HTTP against the built app, on a small orange programme whose
// groups were recorded partly before July 2025 (in Bắc Giang, Quảng Trị, Quảng Bình with their
// districts) and partly in the new units (Bắc Ninh by code). Every expected figure is
// worked out by hand from what the bundle below holds.
//
// Groups (as recorded → today):
//   G1 g-bg-ln     Bắc Giang / Lục Ngạn / Tân Lập      → Bắc Ninh, Xã Đèo Gia (07594)      project
//   G2 g-bg-lnam   Bắc Giang / Lục Nam / Cẩm Lý        → Bắc Ninh, Xã Cẩm Lý (07519)       project
//   G3 g-qt-hh     Quảng Trị / Hướng Hóa / Hướng Phùng → Quảng Trị, Xã Hướng Phùng (19441) project
//   G4 g-qb-bt     Quảng Bình / Bố Trạch / Phúc Trạch  → Quảng Trị, Xã Phong Nha (19138)
//   G5 g-bn-dg     registered in 2026: Bắc Ninh, Xã Đèo Gia (07594)                        project
//   G6 g-bn-bl     registered in 2026: Bắc Ninh, Phường Bồng Lai (09295)
//   G7 g-bn-split  Bắc Ninh, commune still to be picked (written "Xóm Cũ", no code)
// One household each; one buyer (htx-cam); grade A at 10 000 ₫/kg; net = gross (no tare).
//
// orange-2024 (2024-09-01 → 2025-01-31), all active:
//   c24-1 G1 2 ha 3 t  · 1 000 kg · paid 10 000 000      c24-2 G2 1.5 ha 2 t · 500 kg · paid 5 000 000
//   c24-3 G3 4 ha 5 t  · 2 000 kg · paid 20 000 000      c24-4 G4 1 ha 1 t   · 300 kg · not invoiced
// orange-2026 (2026-09-01 → 2027-01-31), previous season orange-2024:
//   c26-1 G1 2.5 ha 3.5 t · 800 kg · paid 8 000 000      c26-3 G3 4.5 ha 5 t · 1 500 kg · not invoiced
//   c26-5 G5 3 ha 4 t     · 600 kg · not invoiced        c26-6 G6 1 ha 1 t · nothing delivered
//   c26-7 G7 0.5 ha 0.5 t · nothing delivered
//   pairs of 2024: (htx,G1) (htx,G2) (htx,G3) (htx,G4); continued in 2026: G1, G3.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/bundle-fixtures";
import { pdfText } from "../support/invoice-fixtures";
import { placeOf } from "../support/places";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const dbFile = tempDatabase("places-filters");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { signup } = await import("~/domain/accounts.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { groupPlaceColumns, resolvePlace } = await import("~/domain/places/resolve.server");
const { db, disconnect, write } = await import("~/utils/db.server");

const PASSWORD = "mat-khau-an-toan-1";
const DEO_GIA = "07594";
const CAM_LY = "07519";
const BONG_LAI = "09295";
const HUONG_PHUNG = "19441";

let server: AppServer;
let token: string;
const ids: Record<string, string> = {};

const G = {
  "g-bg-ln": { name: "Tổ cam Tân Lập", lat: 21.4, project: true },
  "g-bg-lnam": { name: "Tổ vải Cẩm Lý", lat: 21.3, project: true },
  "g-qt-hh": { name: "Tổ cà phê Hướng Phùng", lat: 16.7, project: true },
  "g-qb-bt": { name: "Tổ cam Phúc Trạch", lat: 17.6, project: false },
  "g-bn-dg": { name: "Tổ cam mới Đèo Gia", lat: 21.41, project: true },
  "g-bn-bl": { name: "Tổ rau Bồng Lai", lat: 21.1, project: false },
  "g-bn-split": { name: "Tổ chưa chọn xã", lat: 21.35, project: false },
} as const;
type GroupRef = keyof typeof G;

function bundle() {
  const contract = (ref: string, group: GroupRef, season: string, areaHa: number, volumeTonnes: number) => ({
    ref,
    buyerRef: "htx-cam",
    groupRef: group,
    seasonRef: season,
    status: "active",
    signedOn: season === "orange-2024" ? "2024-08-20" : "2026-08-20",
    areaHa,
    volumeTonnes,
    paymentTermsDays: 10,
    grades: [{ code: "A", label: "Loại A", priceVndPerKg: 10_000 }],
  });
  const pickup = (ref: string, contractRef: string, group: GroupRef, kg: number, date: string) => ({
    ref,
    contractRef,
    date,
    witnessRefs: [],
    lots: [{ ref: `l-${ref}`, householdRef: `hh-${group}`, grossKg: kg, tareKg: 0, grade: "A" }],
  });
  const invoice = (ref: string, contractRef: string, pickupRef: string, issuedOn: string) => ({ ref, contractRef, pickupRefs: [pickupRef], issuedOn });
  const payment = (ref: string, invoiceRef: string, paidOn: string, amountVnd: number) => ({ ref, invoiceRef, paidOn, amountVnd, method: "cash" });
  return {
    format: "linkage-bundle/1",
    organisations: [
      { ref: "htx-cam", kind: "cooperative", name: "HTX Cam Lục Ngạn" },
      { ref: "du-an-cam", kind: "project_owner", name: "Dự án Cam bền vững" },
    ],
    // Placed below, through the crosswalk or by code, whatever the importer makes of these names.
    farmerGroups: Object.entries(G).map(([ref, g]) => ({
      ref,
      name: g.name,
      province: "Bắc Ninh",
      commune: "Đèo Gia",
      lat: g.lat,
      lng: 106.5,
      ...(g.project ? { projectOwnerRef: "du-an-cam" } : {}),
    })),
    households: Object.keys(G).map((ref, i) => ({
      ref: `hh-${ref}`,
      groupRef: ref,
      headName: `Chủ hộ ${i + 1}`,
      headSex: i % 2 ? "male" : "female",
      ethnicMinority: true,
      povertyStatus: "poor",
      members: 4,
    })),
    products: [{ ref: "orange", name: "Cam", unit: "kg" }],
    seasons: [
      { ref: "orange-2024", productRef: "orange", name: "Vụ cam 2024", start: "2024-09-01", end: "2025-01-31" },
      { ref: "orange-2026", productRef: "orange", name: "Vụ cam 2026", start: "2026-09-01", end: "2027-01-31" },
    ],
    contracts: [
      contract("c24-1", "g-bg-ln", "orange-2024", 2, 3),
      contract("c24-2", "g-bg-lnam", "orange-2024", 1.5, 2),
      contract("c24-3", "g-qt-hh", "orange-2024", 4, 5),
      contract("c24-4", "g-qb-bt", "orange-2024", 1, 1),
      contract("c26-1", "g-bg-ln", "orange-2026", 2.5, 3.5),
      contract("c26-3", "g-qt-hh", "orange-2026", 4.5, 5),
      contract("c26-5", "g-bn-dg", "orange-2026", 3, 4),
      contract("c26-6", "g-bn-bl", "orange-2026", 1, 1),
      contract("c26-7", "g-bn-split", "orange-2026", 0.5, 0.5),
    ],
    pickups: [
      pickup("p24-1", "c24-1", "g-bg-ln", 1000, "2024-10-05"),
      pickup("p24-2", "c24-2", "g-bg-lnam", 500, "2024-10-05"),
      pickup("p24-3", "c24-3", "g-qt-hh", 2000, "2024-10-05"),
      pickup("p24-4", "c24-4", "g-qb-bt", 300, "2024-10-05"),
      pickup("p26-1", "c26-1", "g-bg-ln", 800, "2026-10-05"),
      pickup("p26-3", "c26-3", "g-qt-hh", 1500, "2026-10-05"),
      pickup("p26-5", "c26-5", "g-bn-dg", 600, "2026-10-05"),
    ],
    invoices: [
      invoice("inv24-1", "c24-1", "p24-1", "2024-10-06"),
      invoice("inv24-2", "c24-2", "p24-2", "2024-10-06"),
      invoice("inv24-3", "c24-3", "p24-3", "2024-10-06"),
      invoice("inv26-1", "c26-1", "p26-1", "2026-10-06"),
    ],
    payments: [
      payment("pay24-1", "inv24-1", "2024-10-10", 10_000_000),
      payment("pay24-2", "inv24-2", "2024-10-10", 5_000_000),
      payment("pay24-3", "inv24-3", "2024-10-10", 20_000_000),
      payment("pay26-1", "inv26-1", "2026-10-10", 8_000_000),
    ],
  };
}

const byCode = (provinceCode: string, communeCode: string) => {
  const read = resolvePlace({ provinceCode, communeCode });
  if (!read.ok) throw new Error(`test place ${communeCode}`);
  return groupPlaceColumns(read.place);
};

const PLACES: Record<GroupRef, object> = {
  "g-bg-ln": placeOf("Bắc Giang", "Lục Ngạn", "Tân Lập"),
  "g-bg-lnam": placeOf("Bắc Giang", "Lục Nam", "Cẩm Lý"),
  "g-qt-hh": placeOf("Quảng Trị", "Hướng Hóa", "Hướng Phùng"),
  "g-qb-bt": placeOf("Quảng Bình", "Bố Trạch", "Phúc Trạch"),
  "g-bn-dg": byCode("24", DEO_GIA),
  "g-bn-bl": byCode("24", BONG_LAI),
  "g-bn-split": {
    provinceCode: "24",
    communeCode: null,
    province: "Bắc Ninh",
    commune: "Xóm Cũ",
    formerProvince: null,
    formerDistrict: null,
    formerCommune: null,
    placeCandidates: JSON.stringify([DEO_GIA, CAM_LY]),
  },
};

async function user(email: string, orgRef: string, role: string) {
  const r = await signup({ name: email, email, password: PASSWORD, locale: "vi" });
  if (!r.ok) throw new Error(`signup ${email}`);
  await write((tx) => tx.membership.create({ data: { userId: r.userId, organisationId: ids[orgRef], role, acceptedAt: new Date() } }));
  return r.userId;
}

beforeAll(async () => {
  const r = await importBundle(bundle(), OPERATOR);
  expect(r).toMatchObject({ ok: true });
  await write(async (tx) => {
    for (const [ref, place] of Object.entries(PLACES)) await tx.farmerGroup.update({ where: { ref }, data: place });
    // The programme began in 2023, so its report reads in the districts of the time as well.
    await tx.organisation.update({ where: { ref: "du-an-cam" }, data: { startedOn: "2023-01-01" } });
    // An authority of before July 2025 (a district within its province), and one of a province today.
    await tx.organisation.create({
      data: { ref: "ubnd-luc-ngan", kind: "authority", name: "UBND huyện Lục Ngạn", provinceCode: "24", province: "Bắc Ninh", formerDistrict: "Lục Ngạn" },
    });
    await tx.organisation.create({ data: { ref: "so-nn-qt", kind: "authority", name: "Sở NN&MT Quảng Trị", provinceCode: "44", province: "Quảng Trị" } });
  });
  for (const o of await db.organisation.findMany({ select: { id: true, ref: true } })) ids[o.ref] = o.id;
  for (const g of await db.farmerGroup.findMany({ select: { id: true, ref: true } })) ids[g.ref] = g.id;
  const admin = await signup({ name: "Quản trị", email: "admin@cam.vn", password: PASSWORD, locale: "vi" });
  if (!admin.ok) throw new Error("admin");
  await write((tx) => tx.user.update({ where: { id: admin.userId }, data: { isSiteAdmin: true } }));
  await user("project@cam.vn", "du-an-cam", "project_staff");
  await user("lucngan@cam.vn", "ubnd-luc-ngan", "authority_viewer");
  await user("quangtri@cam.vn", "so-nn-qt", "authority_viewer");
  token = (await createToken(ids["du-an-cam"], "test", admin.userId)).token;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const clients = new Map<string, Client>();
async function as(login: string): Promise<Client> {
  let c = clients.get(login);
  if (!c) {
    c = new Client(server.url);
    await c.login(login, PASSWORD);
    clients.set(login, c);
  }
  return c;
}

/** A small RFC 4180 reader (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (quoted || ch !== "\r") cell += ch;
  }
  return rows;
}

async function csv(c: Client, query: Record<string, string>): Promise<string[][]> {
  const res = await c.get(`/dashboard/csv?${new URLSearchParams(query)}`);
  expect(res.status, JSON.stringify(query)).toBe(200);
  return parseCsv((await res.text()).replace(/^\uFEFF/, ""));
}

/** The figures of the cards table, by code. */
async function cards(c: Client, query: Record<string, string>) {
  const rows = await csv(c, { table: "cards", ...query });
  const v = (k: string) => Number(rows.find((r) => r[0] === k)?.[2]);
  return {
    areaHa: v("areaHa"),
    contractedTonnes: v("contractedTonnes"),
    deliveredTonnes: v("deliveredTonnes"),
    households: v("households"),
    paidVnd: v("paidVnd"),
  };
}

/** The breakdown rows: [key, name, ha, contracted t, delivered t, households, paid, previous pairs, continued pairs]. */
async function areas(c: Client, query: Record<string, string>) {
  const rows = await csv(c, { table: "areas", ...query });
  return rows.slice(1).map((r) => [r[0], r[1], Number(r[2]), Number(r[3]), Number(r[4]), Number(r[6]), Number(r[7]), Number(r[8]), Number(r[9])]);
}

const figures = (areaHa: number, contractedTonnes: number, deliveredTonnes: number, households: number, paidVnd: number) => ({
  areaHa,
  contractedTonnes,
  deliveredTonnes,
  households,
  paidVnd,
});

describe("a province filter by current or former name", () => {
  it("Bắc Giang selects exactly the groups recorded in Bắc Giang before 2025; Bắc Ninh adds the groups registered there since", async () => {
    const admin = await as("admin@cam.vn");
    // 2024: G1 + G2 = 2 + 1.5 ha, 3 + 2 t, 1 + 0.5 t delivered, 2 households, 10 + 5 million paid.
    expect(await cards(admin, { season: "orange-2024", province: "Bắc Giang" })).toEqual(figures(3.5, 5, 1.5, 2, 15_000_000));
    // Nobody was registered in Bắc Ninh in 2024: the same groups.
    expect(await cards(admin, { season: "orange-2024", province: "Bắc Ninh" })).toEqual(figures(3.5, 5, 1.5, 2, 15_000_000));
    // 2026: Bắc Giang is G1 alone (2.5 ha, 3.5 t, 0.8 t, paid 8 million) …
    expect(await cards(admin, { season: "orange-2026", province: "Bắc Giang" })).toEqual(figures(2.5, 3.5, 0.8, 1, 8_000_000));
    // … Bắc Ninh is G1 + G5 + G6 + G7: 2.5 + 3 + 1 + 0.5 ha, 3.5 + 4 + 1 + 0.5 t, 0.8 + 0.6 t, 2 households.
    expect(await cards(admin, { season: "orange-2026", province: "Bắc Ninh" })).toEqual(figures(7, 9, 1.4, 2, 8_000_000));
    // Quảng Trị today holds Quảng Bình: G3 + G4 in 2024 (4 + 1 ha, 5 + 1 t, 2 + 0.3 t, 20 million).
    expect(await cards(admin, { season: "orange-2024", province: "Quảng Trị" })).toEqual(figures(5, 6, 2.3, 2, 20_000_000));
    expect(await cards(admin, { season: "orange-2024", province: "Quảng Bình" })).toEqual(figures(1, 1, 0.3, 1, 0));
    // Typed as people type it: the same as the name the records hold.
    expect(await cards(admin, { season: "orange-2024", province: "tinh bac giang" })).toEqual(figures(3.5, 5, 1.5, 2, 15_000_000));
    // The domain agrees with the page.
    const ind = await computeIndicators("orange-2026", { asOf: "2026-12-01", scope: { province: "Bắc Ninh" } });
    expect([ind.areaHa, ind.contractedTonnes, ind.deliveredTonnes, ind.households.total, ind.paidVnd]).toEqual([7, 9, 1.4, 2, 8_000_000]);
    // Pairs of 2024 in Bắc Ninh: (htx,G1) continued, (htx,G2) not.
    expect(ind.contractContinuance).toEqual({ previousPairs: 2, continuedPairs: 1, rate: 0.5 });
  });

  it("a former district returns what the district filter returned before the change: Lục Ngạn is G1", async () => {
    const admin = await as("admin@cam.vn");
    expect(await cards(admin, { season: "orange-2024", province: "Bắc Giang", district: "Lục Ngạn" })).toEqual(figures(2, 3, 1, 1, 10_000_000));
    expect(await cards(admin, { season: "orange-2024", province: "Bắc Giang", district: "Lục Nam" })).toEqual(figures(1.5, 2, 0.5, 1, 5_000_000));
    // Within the current province as well, and in the next season (G1 renewed).
    expect(await cards(admin, { season: "orange-2024", province: "Bắc Ninh", district: "Lục Ngạn" })).toEqual(figures(2, 3, 1, 1, 10_000_000));
    expect(await cards(admin, { season: "orange-2026", province: "Bắc Giang", district: "Lục Ngạn" })).toEqual(figures(2.5, 3.5, 0.8, 1, 8_000_000));
    expect(await areas(admin, { season: "orange-2024", province: "Bắc Giang", district: "Lục Ngạn" })).toEqual([
      [ids["g-bg-ln"], "Tổ cam Tân Lập", 2, 3, 1, 1, 10_000_000, 0, 0],
    ]);
  });

  it("a commune (by code) narrows to its groups, whenever they were recorded", async () => {
    const admin = await as("admin@cam.vn");
    // Đèo Gia in 2026: G1 (recorded as Tân Lập, Lục Ngạn) + G5 (registered there): 2.5 + 3 ha, 3.5 + 4 t, 0.8 + 0.6 t.
    expect(await cards(admin, { season: "orange-2026", province: "Bắc Ninh", commune: DEO_GIA })).toEqual(figures(5.5, 7.5, 1.4, 2, 8_000_000));
    expect(await cards(admin, { season: "orange-2026", province: "Bắc Giang", commune: DEO_GIA })).toEqual(figures(2.5, 3.5, 0.8, 1, 8_000_000));
    expect(await cards(admin, { season: "orange-2026", commune: BONG_LAI })).toEqual(figures(1, 1, 0, 0, 0));
    expect((await areas(admin, { season: "orange-2026", province: "Bắc Ninh", commune: DEO_GIA })).map((r) => [r[0], r[2]])).toEqual([
      [ids["g-bn-dg"], 3],
      [ids["g-bg-ln"], 2.5],
    ]);
  });
});

describe("the drill-down", () => {
  it("goes from the current provinces to their communes, then to the groups", async () => {
    const admin = await as("admin@cam.vn");
    // 2026 by province: Bắc Ninh (G1 G5 G6 G7; 2024 pairs G1 ✓ G2 ✗), Quảng Trị (G3; 2024 pairs G3 ✓ G4 ✗).
    expect(await areas(admin, { season: "orange-2026" })).toEqual([
      ["Bắc Ninh", "Bắc Ninh", 7, 9, 1.4, 2, 8_000_000, 2, 1],
      ["Quảng Trị", "Quảng Trị", 4.5, 5, 1.5, 1, 0, 2, 1],
    ]);
    // 2024: the provinces of today, not those of the time.
    expect((await areas(admin, { season: "orange-2024" })).map((r) => [r[1], r[2], r[4]])).toEqual([
      ["Bắc Ninh", 3.5, 1.5],
      ["Quảng Trị", 5, 2.3],
    ]);
    // Bắc Ninh → its communes; Cẩm Lý only had G2 in 2024 (a lapsed pair); the group still to be placed is one row, last.
    expect(await areas(admin, { season: "orange-2026", province: "Bắc Ninh" })).toEqual([
      [BONG_LAI, "Phường Bồng Lai", 1, 1, 0, 0, 0, 0, 0],
      [CAM_LY, "Xã Cẩm Lý", 0, 0, 0, 0, 0, 1, 0],
      [DEO_GIA, "Xã Đèo Gia", 5.5, 7.5, 1.4, 2, 8_000_000, 1, 1],
      ["", "Chưa xác định xã", 0.5, 0.5, 0, 0, 0, 0, 0],
    ]);
    // The page links each province to its communes and each commune to its groups.
    const page = await (await admin.get("/dashboard?season=orange-2026")).text();
    expect(page).toContain(`href="/dashboard?product=orange&amp;season=orange-2026&amp;province=B%E1%BA%AFc+Ninh"`);
    const communes = await (await admin.get(`/dashboard?${new URLSearchParams({ season: "orange-2026", province: "Bắc Ninh" })}`)).text();
    expect(communes).toContain(`province=B%E1%BA%AFc+Ninh&amp;commune=${DEO_GIA}"`);
    expect(communes).toContain("Theo xã, phường");
    const groups = await (await admin.get(`/dashboard?${new URLSearchParams({ season: "orange-2026", province: "Bắc Ninh", commune: DEO_GIA })}`)).text();
    expect(groups).toContain(`href="/groups/${ids["g-bn-dg"]}"`);
  });

  it("offers current and former provinces, the province's communes, and former districts only for a season before July 2025", async () => {
    const admin = await as("admin@cam.vn");
    const options = (html: string, name: string) => {
      const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1];
      return select === undefined ? null : [...select.matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
    };
    const top = await (await admin.get("/dashboard?season=orange-2024")).text();
    expect(options(top, "province")).toEqual([
      ["", "Tất cả"],
      ["Bắc Ninh", "Bắc Ninh"],
      ["Quảng Trị", "Quảng Trị"],
      ["Bắc Giang", "Bắc Giang (trước 7/2025)"],
      ["Quảng Bình", "Quảng Bình (trước 7/2025)"],
    ]);
    expect(options(top, "commune")).toBeNull();
    expect(options(top, "district")).toBeNull();

    const bg2024 = await (await admin.get(`/dashboard?${new URLSearchParams({ season: "orange-2024", province: "Bắc Giang" })}`)).text();
    expect(options(bg2024, "district")).toEqual([
      ["", "Tất cả"],
      ["Lục Nam", "Lục Nam"],
      ["Lục Ngạn", "Lục Ngạn"],
    ]);
    expect(options(bg2024, "commune")).toEqual([
      ["", "Tất cả"],
      [CAM_LY, "Xã Cẩm Lý"],
      [DEO_GIA, "Xã Đèo Gia"],
    ]);
    const bn2026 = await (await admin.get(`/dashboard?${new URLSearchParams({ season: "orange-2026", province: "Bắc Ninh" })}`)).text();
    expect(options(bn2026, "district")).toBeNull();
    expect(options(bn2026, "commune")?.map((o) => o[0])).toEqual(["", BONG_LAI, CAM_LY, DEO_GIA]);

    // The trail: all provinces › Bắc Giang (before July 2025) › Lục Ngạn district (before July 2025).
    const trail = await (await admin.get(`/dashboard?${new URLSearchParams({ season: "orange-2024", province: "Bắc Giang", district: "Lục Ngạn" })}`)).text();
    const nav = /<ol class="trail">([\s\S]*?)<\/ol>/.exec(trail)?.[1] ?? "";
    expect(nav.replace(/<[^>]+>/g, "|").replace(/\|+/g, "|")).toBe("|Tất cả các tỉnh|Bắc Giang (trước 7/2025)|Huyện Lục Ngạn (trước 7/2025)|");
    expect(nav).toContain(`href="/dashboard?product=orange&amp;season=orange-2024&amp;province=B%E1%BA%AFc+Giang"`);
  });

  it("shades the map by the current provinces of the scope", async () => {
    const admin = await as("admin@cam.vn");
    const res = await admin.get(`/map/data?${new URLSearchParams({ season: "orange-2024", province: "Bắc Giang" })}`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { g: [number, number, string][]; a: [string, number, number][] };
    expect(data.g.map((g) => g[2]).sort()).toEqual([ids["g-bg-ln"], ids["g-bg-lnam"]].sort());
    expect(data.a).toEqual([["Bắc Ninh", 3.5, 1.5]]);
    // With the outlines of before July 2025 chosen, the filters and the trail keep them.
    const page = await (await admin.get(`/map?${new URLSearchParams({ season: "orange-2024", province: "Bắc Giang", outlines: "2019" })}`)).text();
    const form = /<form[^>]*dash-filters[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
    expect(form).toContain('<input type="hidden" name="outlines" value="2019"/>');
    expect(/<ol class="trail">[\s\S]*?<\/ol>/.exec(page)?.[0]).toContain("outlines=2019");
  });
});

describe("filters that name no place", () => {
  it("the page says so and shows the figures without it; the CSV refuses", async () => {
    const admin = await as("admin@cam.vn");
    const res = await admin.get(`/dashboard?${new URLSearchParams({ season: "orange-2024", province: "Bắc Giangg" })}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/role="alert"[\s\S]*Không có tỉnh, thành phố “Bắc Giangg”[\s\S]*Có phải: Bắc Giang/);
    const csvRes = await admin.get(`/dashboard/csv?${new URLSearchParams({ table: "cards", season: "orange-2024", commune: "99999" })}`);
    expect(csvRes.status).toBe(400);
    expect(await csvRes.text()).toContain("99999");
    // A commune outside the chosen province.
    const outside = await admin.get(
      `/dashboard/csv?${new URLSearchParams({ table: "cards", season: "orange-2024", province: "Quảng Trị", commune: DEO_GIA })}`,
    );
    expect(outside.status).toBe(400);
  });
});

describe("an authority keeps its imposed area", () => {
  it("a former district's authority sees only its groups, even when the URL asks for another province", async () => {
    const c = await as("lucngan@cam.vn");
    const asks: Record<string, string>[] = [
      {},
      { province: "Quảng Trị" },
      { province: "Quảng Trị", district: "Hướng Hóa" },
      { province: "Bắc Ninh", district: "Lục Nam" },
    ];
    for (const extra of asks) {
      expect(await cards(c, { season: "orange-2024", ...extra }), JSON.stringify(extra)).toEqual(figures(2, 3, 1, 1, 10_000_000));
      expect(await areas(c, { season: "orange-2024", ...extra })).toEqual([[ids["g-bg-ln"], "Tổ cam Tân Lập", 2, 3, 1, 1, 10_000_000, 0, 0]]);
    }
    // Nothing outside the area is named, not even as a "did you mean" for a district that is none.
    for (const district of ["Hướng Hóa", "Hướng Hóa.x"]) {
      const page = await (await c.get(`/dashboard?${new URLSearchParams({ season: "orange-2024", province: "Quảng Trị", district })}`)).text();
      expect(page).not.toContain("Hướng Phùng");
      expect(page).not.toContain("Hướng Hóa");
      expect(page).not.toContain('role="alert"');
    }
    const page = await (await c.get(`/dashboard?${new URLSearchParams({ season: "orange-2024" })}`)).text();
    expect(page).toContain("Huyện Lục Ngạn (trước 7/2025)");
    const map = (await (await c.get(`/map/data?${new URLSearchParams({ season: "orange-2026", province: "Quảng Trị" })}`)).json()) as {
      g: [number, number, string][];
    };
    // Its groups: G1, recorded in Lục Ngạn, and G5, registered since in Đèo Gia, a commune made wholly from Lục Ngạn.
    expect(map.g.map((g) => g[2]).sort()).toEqual([ids["g-bg-ln"], ids["g-bn-dg"]].sort());
    expect(await cards(c, { season: "orange-2026", province: "Quảng Trị" })).toEqual(figures(5.5, 7.5, 1.4, 2, 8_000_000));
  });

  it("two authorities' areas are two results, however the figures are cached", async () => {
    const { areaBreakdown } = await import("~/domain/dashboard/dashboard.server");
    const lucNgan = { provinceCode: "24", communeCode: null, formerDistrict: "Lục Ngạn" };
    const quangTri = { provinceCode: "44", communeCode: null, formerDistrict: null };
    // One after the other with no write between: a cache keyed without the area would answer the first for both.
    const a = await computeIndicators("orange-2024", { asOf: "2026-12-01", scope: { area: lucNgan } });
    const b = await computeIndicators("orange-2024", { asOf: "2026-12-01", scope: { area: quangTri } });
    expect([a.areaHa, b.areaHa]).toEqual([2, 5]);
    const season = await db.season.findUniqueOrThrow({ where: { ref: "orange-2024" } });
    const ra = await areaBreakdown(season.id, null, { area: lucNgan }, "group");
    const rb = await areaBreakdown(season.id, null, { area: quangTri }, "group");
    expect(ra.map((r) => r.key)).toEqual([ids["g-bg-ln"]]);
    expect(rb.map((r) => r.key).sort()).toEqual([ids["g-qt-hh"], ids["g-qb-bt"]].sort());
    // The figures' SQL and the access rule (areaWhere) agree on who is in an area, in 2026 too.
    const { areaWhere } = await import("~/domain/access.server");
    const { IN_FORCE } = await import("~/domain/contracts");
    const s26 = await db.season.findUniqueOrThrow({ where: { ref: "orange-2026" } });
    for (const area of [lucNgan, quangTri]) {
      const bySql = (await areaBreakdown(s26.id, season.id, { area }, "group")).map((r) => r.key).sort();
      const byRule = await db.farmerGroup.findMany({
        where: { AND: [areaWhere(area)!, { contracts: { some: { seasonId: { in: [s26.id, season.id] }, status: { in: [...IN_FORCE] } } } }] },
        select: { id: true },
      });
      expect(bySql).toEqual(byRule.map((g) => g.id).sort());
    }
    expect((await areaBreakdown(s26.id, season.id, { area: lucNgan }, "group")).map((r) => r.key).sort()).toEqual([ids["g-bg-ln"], ids["g-bn-dg"]].sort());
  });

  it("a province's authority may narrow to a former province within it, not leave it", async () => {
    const c = await as("quangtri@cam.vn");
    expect(await cards(c, { season: "orange-2024" })).toEqual(figures(5, 6, 2.3, 2, 20_000_000));
    expect(await cards(c, { season: "orange-2024", province: "Quảng Bình" })).toEqual(figures(1, 1, 0.3, 1, 0));
    expect(await cards(c, { season: "orange-2024", province: "Bắc Giang" })).toEqual(figures(5, 6, 2.3, 2, 20_000_000));
    // The only province it may pick is the former one now part of it.
    const page = await (await c.get("/dashboard?season=orange-2024")).text();
    const options = /<select[^>]*name="province"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? "";
    expect([...options.matchAll(/<option[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["Tất cả", "Quảng Bình (trước 7/2025)"]);
    // Its own level is the commune: Hướng Phùng (G3) and Phong Nha (G4, once Phúc Trạch in Quảng Bình).
    expect((await areas(c, { season: "orange-2024" })).map((r) => [r[0], r[1], r[2]])).toEqual([
      [HUONG_PHUNG, "Xã Hướng Phùng", 4],
      ["19138", "Xã Phong Nha", 1],
    ]);
  });
});

describe("the API and the command line take the same filters", () => {
  const api = (query: Record<string, string>) =>
    fetch(`${server.url}/api/v1/indicators?${new URLSearchParams(query)}`, { headers: { Authorization: `Bearer ${token}` } });

  it("narrows the project's figures by province, district and commune (code or name) and echoes them", async () => {
    // The project holds G1 G2 G3 G5.
    const bg = await (await api({ season: "orange-2024", asOf: "2026-12-01", province: "bac giang" })).json();
    expect(bg.scope).toEqual({ province: "Bắc Giang", projectOwner: "du-an-cam" });
    expect([bg.areaHa, bg.contractedTonnes, bg.deliveredTonnes, bg.households.total, bg.paidVnd]).toEqual([3.5, 5, 1.5, 2, 15_000_000]);
    const ln = await (await api({ season: "orange-2024", asOf: "2026-12-01", district: "Lục Ngạn" })).json();
    expect(ln.scope).toEqual({ district: "Lục Ngạn", projectOwner: "du-an-cam" });
    expect([ln.areaHa, ln.deliveredTonnes, ln.paidVnd]).toEqual([2, 1, 10_000_000]);
    // Đèo Gia by name within Bắc Ninh, and by its name of before 2025 within Bắc Giang: G1 + G5 in 2026.
    const asks: Record<string, string>[] = [{ province: "Bắc Ninh", commune: "Đèo Gia" }, { province: "Bắc Giang", commune: "Tân Lập" }, { commune: DEO_GIA }];
    for (const q of asks) {
      const res = await api({ season: "orange-2026", asOf: "2026-12-01", ...q });
      expect(res.status, JSON.stringify(q)).toBe(200);
      const body = await res.json();
      expect(body.scope.commune).toBe(DEO_GIA);
      expect(body.areaHa).toBe(q.province === "Bắc Giang" ? 2.5 : 5.5);
    }
  });

  it("answers 400 JSON with the problem and its candidates for a filter that names nothing", async () => {
    const nonsense = await api({ season: "orange-2026", province: "Bắc Ninh", commune: "nonsense" });
    expect(nonsense.status).toBe(400);
    const body = await nonsense.json();
    expect(body.error.code).toBe("bad_filter");
    expect(body.error.message).toContain("nonsense");
    expect(body.error.problems).toEqual([expect.objectContaining({ field: "commune", code: "place.unknownCommune", value: "nonsense" })]);
    expect(Array.isArray(body.error.problems[0].candidates)).toBe(true);
    const deoGiaTypo = await (await api({ season: "orange-2026", province: "Bắc Ninh", commune: "Đèo Gi" })).json();
    expect(deoGiaTypo.error.problems[0].candidates.map((c: { code: string }) => c.code)).toContain(DEO_GIA);
    const bad: Record<string, string>[] = [
      { commune: "nonsense" },
      { province: "Nowhere" },
      { province: "Quảng Trị", commune: DEO_GIA },
      { district: "Huyện Không Có" },
      { buyer: "no-such" },
    ];
    for (const q of bad) {
      const res = await api({ season: "orange-2026", ...q });
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect((await res.json()).error.problems.length, JSON.stringify(q)).toBe(1);
    }
  });

  it("npm run cli -- indicators --commune, and a message for a commune that is not one", async () => {
    const ok = await runCli(["indicators", "--season", "orange-2026", "--as-of", "2026-12-01", "--province", "Bắc Ninh", "--commune", "Đèo Gia"], dbFile);
    expect(ok.code, ok.stderr).toBe(0);
    const printed = JSON.parse(ok.stdout);
    expect(printed.scope).toEqual({ province: "Bắc Ninh", commune: DEO_GIA });
    expect([printed.areaHa, printed.contractedTonnes, printed.deliveredTonnes, printed.households.total]).toEqual([5.5, 7.5, 1.4, 2]);
    const bad = await runCli(["indicators", "--season", "orange-2026", "--commune", "nonsense"], dbFile);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("nonsense");
    expect(bad.stdout).toBe("");
  });
});

describe("the M&E report", () => {
  it("names the current provinces and communes, and the districts of the time for a programme begun before July 2025", async () => {
    const c = await as("project@cam.vn");
    // The report covers the groups with a contract in its period: in orange-2024, G1, G2 and G3.
    const rows = async () => {
      const res = await c.get(`/reports/csv?season=orange-2024`);
      expect(res.status).toBe(200);
      return parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    };
    const item = (rs: string[][], label: string) => rs.find((r) => r[1] === label)?.[2];
    const before = await rows();
    expect(item(before, "Địa điểm")).toBe("Xã Cẩm Lý, Xã Đèo Gia (Bắc Ninh); Xã Hướng Phùng (Quảng Trị)");
    expect(item(before, "Tỉnh, thành phố")).toBe("Bắc Ninh; Quảng Trị");
    expect(item(before, "Huyện (trước 7/2025)")).toBe("Hướng Hóa (Quảng Trị); Lục Nam (Bắc Giang); Lục Ngạn (Bắc Giang)");
    expect(item(before, "Số xã")).toBe("3");
    // The PDF says the same.
    const pdf = await c.get(`/reports/pdf?season=orange-2024`);
    expect(pdf.status).toBe(200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, " ");
    expect(text).toContain("Xã Cẩm Lý, Xã Đèo Gia (Bắc Ninh); Xã Hướng Phùng (Quảng Trị)");
    expect(text).toContain("Hướng Hóa (Quảng Trị); Lục Nam (Bắc Giang); Lục Ngạn (Bắc Giang)");
    // A programme that began after July 2025 reads in the new units only.
    await write((tx) => tx.organisation.update({ where: { ref: "du-an-cam" }, data: { startedOn: "2025-09-01" } }));
    const after = await rows();
    expect(item(after, "Huyện (trước 7/2025)")).toBeUndefined();
    expect(item(after, "Địa điểm")).toBe("Xã Cẩm Lý, Xã Đèo Gia (Bắc Ninh); Xã Hướng Phùng (Quảng Trị)");
    await write((tx) => tx.organisation.update({ where: { ref: "du-an-cam" }, data: { startedOn: "2023-01-01" } }));
  });
});

describe("offers by place", () => {
  const made: Record<string, string> = {};
  let buyerId: string;
  let season: { id: string; name: string; start: string; end: string };
  let today: string;

  beforeAll(async () => {
    const { todayInVietnam } = await import("~/utils/dates");
    const { plusDays } = await import("../support/marketplace-fixtures");
    const { createOffer, changeOfferStatus } = await import("~/domain/offers.server");
    const { offerFormValues, offerSchema } = await import("~/domain/offers.schema");
    const { offerForm } = await import("../support/marketplace-fixtures");
    today = todayInVietnam();
    buyerId = ids["htx-cam"];
    // A season around today, of a product of its own, so the offers stay open whenever this runs.
    season = await write(async (tx) => {
      const product = await tx.product.create({ data: { ref: "vai-thieu", name: "Vải thiều" } });
      return tx.season.create({
        data: { ref: "vai-now", productId: product.id, name: "Vụ vải", start: plusDays(today, -30), end: plusDays(today, 90) },
        select: { id: true, name: true, start: true, end: true },
      });
    });
    const staff = await user("buyer@cam.vn", "htx-cam", "buyer_admin");
    const offer = async (title: string, fields: Record<string, string | string[]>) => {
      const parsed = offerSchema.safeParse(offerFormValues(offerForm(buyerId, season, today, { title, ...fields })));
      if (!parsed.success) throw new Error(parsed.error.message);
      const r = await createOffer(buyerId, parsed.data);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(await changeOfferStatus(r.id, "publish", staff)).toEqual({ ok: true });
      made[title] = r.id;
    };
    await offer("Bắc Ninh", { eligibleProvinces: ["Bắc Ninh"] });
    await offer("Bắc Giang", { eligibleProvinces: "bac giang" });
    await offer("Quảng Trị", { eligibleProvinces: ["Quảng Trị"] });
    await offer("Lục Ngạn", { eligibleDistricts: "Lục Ngạn" });
    // Leaders of G1 (recorded in Lục Ngạn, Bắc Giang), G5 (registered in Bắc Ninh since) and G4 (once Quảng Bình).
    for (const [email, group] of [
      ["leader-g1@cam.vn", "g-bg-ln"],
      ["leader-g5@cam.vn", "g-bn-dg"],
      ["leader-g4@cam.vn", "g-qb-bt"],
    ]) {
      const r = await signup({ name: email, email, password: PASSWORD, locale: "vi" });
      if (!r.ok) throw new Error(email);
      await write((tx) => tx.membership.create({ data: { userId: r.userId, groupId: ids[group], role: "group_leader", acceptedAt: new Date() } }));
    }
  });

  /** The offers a page lists, by title. */
  async function listed(c: Client, query = ""): Promise<string[]> {
    const res = await c.get(`/offers${query}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const titles = Object.fromEntries(Object.entries(made).map(([t, id]) => [id, t]));
    return [...html.matchAll(/href="\/offers\/([^"/]+)"/g)]
      .map((m) => titles[m[1]])
      .filter(Boolean)
      .sort();
  }

  it("stores a province as the list of the 34 spells it, a former one as the crosswalk does", async () => {
    const stored = async (title: string) => JSON.parse((await db.purchaseOffer.findUniqueOrThrow({ where: { id: made[title] } })).eligibleProvinces);
    expect(await stored("Bắc Ninh")).toEqual(["Bắc Ninh"]);
    expect(await stored("Bắc Giang")).toEqual(["Bắc Giang"]);
  });

  it("a group may take up an offer for its current province, its former province or its former district", async () => {
    expect(await listed(await as("leader-g1@cam.vn"))).toEqual(["Bắc Giang", "Bắc Ninh", "Lục Ngạn"]);
    // Registered in Bắc Ninh in 2026: no former province or district.
    expect(await listed(await as("leader-g5@cam.vn"))).toEqual(["Bắc Ninh"]);
    // Once Phúc Trạch, Quảng Bình; now Quảng Trị.
    expect(await listed(await as("leader-g4@cam.vn"))).toEqual(["Quảng Trị"]);
  });

  it("the list filters by a province's current or former name", async () => {
    const admin = await as("admin@cam.vn");
    expect(await listed(admin, `?${new URLSearchParams({ province: "Bắc Giang" })}`)).toEqual(["Bắc Giang", "Bắc Ninh", "Lục Ngạn"]);
    expect(await listed(admin, `?${new URLSearchParams({ province: "bắc ninh" })}`)).toEqual(["Bắc Giang", "Bắc Ninh", "Lục Ngạn"]);
    expect(await listed(admin, `?${new URLSearchParams({ province: "quang binh" })}`)).toEqual(["Lục Ngạn", "Quảng Trị"]);
    // A district narrows the offers that name districts; those that name none are open to it.
    expect(await listed(admin, `?${new URLSearchParams({ province: "Bắc Giang", district: "Lục Ngạn" })}`)).toEqual(["Bắc Giang", "Bắc Ninh", "Lục Ngạn"]);
    expect(await listed(admin, `?${new URLSearchParams({ district: "Lục Nam" })}`)).toEqual(["Bắc Giang", "Bắc Ninh", "Quảng Trị"]);
  });

  it("the form offers the 34 provinces to tick and refuses a name that is none", async () => {
    const { offerForm } = await import("../support/marketplace-fixtures");
    const c = await as("buyer@cam.vn");
    const page = await (await c.get("/offers/new")).text();
    expect([...page.matchAll(/name="eligibleProvinces" value="([^"]+)"/g)].length).toBe(34);
    expect(page).toContain('value="Thành phố Huế"');
    const ok = await c.post("/offers/new", offerForm(buyerId, season, today, { title: "Hai tỉnh", eligibleProvinces: ["Quảng Trị", "Bắc Ninh"] }));
    expect(ok.status).toBe(302);
    const id = ok.headers.get("location")!.split("/").pop()!;
    expect(JSON.parse((await db.purchaseOffer.findUniqueOrThrow({ where: { id } })).eligibleProvinces)).toEqual(["Quảng Trị", "Bắc Ninh"]);
    // An older offer's former name stays ticked on its edit page.
    const edit = await (await c.get(`/offers/${made["Bắc Giang"]}/edit`)).text();
    const box = (name: string) => edit.match(new RegExp(`<input[^>]*name="eligibleProvinces"[^>]*value="${name}"[^>]*>`))?.[0] ?? "";
    expect(box("Bắc Giang")).toMatch(/checked/);
    expect(box("Bắc Ninh")).toMatch(/^<input/);
    expect(box("Bắc Ninh")).not.toMatch(/checked/);
    expect(edit).toContain("Bắc Giang (trước 7/2025)");
    const before = await db.purchaseOffer.count();
    const bad = await c.post("/offers/new", offerForm(buyerId, season, today, { title: "Không có tỉnh", eligibleProvinces: ["Nowhere"] }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Có tên tỉnh không có trong danh sách");
    expect(await db.purchaseOffer.count()).toBe(before);
  });
});
