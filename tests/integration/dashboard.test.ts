// The dashboards and the map over real HTTP against the built app, on the demo programme:
// who may open them, that each role's scope is forced (and cannot be widened by URL), that
// the page shows computeIndicators()'s numbers, and what the CSV export looks like.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("dashboard");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { db, disconnect, write } = await import("~/utils/db.server");
const { todayInVietnam } = await import("~/utils/dates");
const { IN_FORCE } = await import("~/domain/contracts");
const { areaWhere } = await import("~/domain/access.server");

const HUONG_HOA = { provinceCode: "44", communeCode: null, formerDistrict: "Hướng Hóa" };
const { formatNumber, formatVnd, plainNumber } = await import("~/utils/format");

type MapData = {
  s: string;
  p: string | null;
  g: [number, number, string][];
  b: [number, number, string, string][];
  l: [number, number, number][];
  a: [string, number, number][];
};

let server: AppServer;
const ids: Record<string, string> = {};

async function as(login: string): Promise<Client> {
  const c = new Client(server.url);
  await c.login(login, DEMO_PASSWORD);
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
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (quoted || ch !== "\r") {
      cell += ch;
    }
  }
  return rows;
}

async function csv(c: Client, query: string): Promise<string[][]> {
  const res = await c.get(`/dashboard/csv?${query}`);
  expect(res.status, query).toBe(200);
  return parseCsv((await res.text()).replace(/^\uFEFF/, ""));
}

async function mapData(c: Client, query: string): Promise<MapData> {
  const res = await c.get(`/map/data?${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json()) as MapData;
}

const groupIds = async (where: object) =>
  (await db.farmerGroup.findMany({ where: { ...where, lat: { not: null } }, select: { id: true } })).map((g) => g.id).sort();

beforeAll(async () => {
  await loadDemoProgramme();
  for (const o of await db.organisation.findMany({ select: { id: true, ref: true } })) ids[o.ref] = o.id;
  for (const g of await db.farmerGroup.findMany({ select: { id: true, ref: true } })) ids[g.ref] = g.id;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("who may open the dashboards", () => {
  const paths = ["/dashboard", "/map", "/map/data", "/dashboard/csv?table=cards"];

  it("sends signed-out visitors to the login page", async () => {
    const c = new Client(server.url);
    for (const p of paths) {
      const res = await c.get(p);
      expect(res.status, p).toBe(302);
      expect(res.headers.get("location"), p).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("refuses group leaders and members (403)", async () => {
    for (const login of ["leader@caunoi.vn", "0912000001"]) {
      const c = await as(login);
      for (const p of paths) expect((await c.get(p)).status, `${login} ${p}`).toBe(403);
    }
  });

  it("answers 404 for an organisation that is not the reader's, or does not exist", async () => {
    const c = await as("project@caunoi.vn");
    expect((await c.get(`/dashboard?org=${ids["hlhpn-sinh-ke"]}`)).status).toBe(200);
    for (const org of [ids["htx-khe-sanh"], ids["ubnd-huong-hoa"], "no-such-org"]) {
      for (const p of [`/dashboard?org=${org}`, `/map?org=${org}`, `/map/data?org=${org}`, `/dashboard/csv?table=areas&org=${org}`]) {
        expect((await c.get(p)).status, p).toBe(404);
      }
    }
  });
});

describe("the project owner", () => {
  it("sees computeIndicators' numbers on the page, formatted as Vietnamese writes them", async () => {
    const c = await as("project@caunoi.vn");
    const html = await (await c.get("/dashboard?season=coffee-2025")).text();
    const ind = await computeIndicators("coffee-2025", { asOf: todayInVietnam(), scope: { projectOwner: "hlhpn-sinh-ke" } });
    const card = (key: string) => new RegExp(`id="card-${key}"[\\s\\S]*?class="dash-card-value[^"]*">([^<]*)<`).exec(html)?.[1].replaceAll("\u00a0", " ");
    const pct = (r: number | null) => (r === null ? "—" : `${formatNumber(r * 100, 1)}%`);
    expect(card("continuance")).toBe(pct(ind.contractContinuance.rate));
    expect(card("areaHa")).toBe(`${formatNumber(ind.areaHa, 2)} ha`);
    expect(card("contractedTonnes")).toBe(`${formatNumber(ind.contractedTonnes, 3)} tấn`);
    expect(card("deliveredTonnes")).toBe(`${formatNumber(ind.deliveredTonnes, 3)} tấn`);
    expect(card("fulfilment")).toBe(pct(ind.fulfilment));
    expect(card("households")).toBe(String(ind.households.total));
    expect(card("paidVnd")).toBe(formatVnd(ind.paidVnd));
    expect(card("onTimePaymentRate")).toBe(pct(ind.onTimePaymentRate));
    expect(card("witnessedPickupRate")).toBe(pct(ind.witnessedPickupRate));
    expect(card("disputedLots")).toBe(String(ind.disputedLots));
    expect(ind.households.total).toBeGreaterThan(0);
  });

  it("gets only the project's groups in the map data and the CSV, never a Bắc Giang group outside it", async () => {
    const c = await as("project@caunoi.vn");
    const data = await mapData(c, "season=orange-2025");
    const own = await groupIds({ projectOwner: { ref: "hlhpn-sinh-ke" } });
    expect(data.g.map((g) => g[2]).sort()).toEqual(own);
    expect(data.g.map((g) => g[2])).not.toContain(ids["tg-quy-son-cam"]);
    expect(data.l.length).toBeGreaterThan(0);
    for (const [gi] of data.l) expect(own).toContain(data.g[gi][2]);

    // The pop-up's detail answers for the project's groups only.
    const own1 = await c.get(`/map/data?season=orange-2025&group=${ids["tg-phuong-son-cam"]}`);
    expect(own1.status).toBe(200);
    expect(((await own1.json()) as { name: string }).name).toBe("Tổ hợp tác cam Thanh Hùng");
    expect((await c.get(`/map/data?season=orange-2025&group=${ids["tg-quy-son-cam"]}`)).status).toBe(404);

    const groups = await csv(c, "table=areas&season=orange-2025&province=Bắc Giang&district=Lục Ngạn");
    const names = groups.slice(1).map((r) => r[1]);
    expect(names).toContain("Tổ hợp tác cam Thanh Hùng");
    expect(names.join("|")).not.toMatch(/Trại Ba/);

    // The province rows are today's provinces (Bắc Giang is part of Bắc Ninh since July 2025),
    // and add up to the project's own indicators.
    const provinces = await csv(c, "table=areas&season=orange-2025");
    const ind = await computeIndicators("orange-2025", { asOf: todayInVietnam(), scope: { projectOwner: "hlhpn-sinh-ke" } });
    expect(provinces.slice(1).map((r) => r[1])).toEqual(["Bắc Ninh"]);
    expect(Number(provinces[1][2])).toBeCloseTo(ind.areaHa, 6);
    expect(Number(provinces[1][6])).toBe(ind.households.total);
    expect(Number(provinces[1][7])).toBe(ind.paidVnd);

    // Bắc Ninh drills down to its current communes (key: the commune's code), which add up to it.
    const communes = await csv(c, "table=areas&season=orange-2025&province=Bắc Ninh");
    const own2025 = await db.farmerGroup.findMany({
      where: { projectOwner: { ref: "hlhpn-sinh-ke" }, contracts: { some: { season: { ref: "orange-2025" }, status: { in: [...IN_FORCE] } } } },
      select: { communeCode: true, commune: true },
    });
    expect(
      communes
        .slice(1)
        .map((r) => [r[0], r[1]])
        .sort(),
    ).toEqual([...new Map(own2025.map((g) => [g.communeCode!, [g.communeCode!, g.commune]])).values()].sort());
    expect(communes.slice(1).reduce((sum, r) => sum + Number(r[2]), 0)).toBeCloseTo(ind.areaHa, 6);
    expect(communes.slice(1).reduce((sum, r) => sum + Number(r[7]), 0)).toBe(ind.paidVnd);
  });
});

describe("the authority", () => {
  it("sees Hướng Hóa and nothing else, whatever the URL asks for", async () => {
    const c = await as("authority@caunoi.vn");
    // Its area: the groups recorded in Hướng Hóa, and those registered since July 2025 in a
    // commune made wholly from it (Tân Lập's group).
    const inArea = await groupIds(areaWhere(HUONG_HOA)!);
    expect(inArea).toContain(ids["tg-huong-tan"]); // not in the project, but in the district
    expect(inArea).toContain(ids["tg-tan-lap-ca-phe"]); // registered since July 2025, in Xã Tân Lập (once all Hướng Hóa)
    expect(inArea).not.toContain(ids["tg-phuong-son-cam"]);
    for (const q of ["season=coffee-2025", "season=orange-2025", "season=bamboo-2026&province=Sơn La&district=Vân Hồ"]) {
      const data = await mapData(c, q);
      expect(data.g.map((g) => g[2]).sort(), q).toEqual(inArea);
      for (const [name] of data.a) expect(name).toBe("Quảng Trị");
    }
    const rows = await csv(c, "table=areas&season=bamboo-2026&province=Sơn La&district=Vân Hồ");
    expect(rows.length).toBe(1); // the header: no bamboo in Hướng Hóa
    const coffee = await csv(c, "table=areas&season=coffee-2025&province=Sơn La");
    expect(
      coffee
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(
      await groupIds({
        AND: [areaWhere(HUONG_HOA)!, { contracts: { some: { season: { ref: { in: ["coffee-2024", "coffee-2025"] } }, status: { in: [...IN_FORCE] } } } }],
      }),
    );
    // The area's figures: the former district's, plus the contracts of the group registered since.
    const district = await computeIndicators("coffee-2025", { asOf: todayInVietnam(), scope: { province: "Quảng Trị", district: "Hướng Hóa" } });
    const since = await db.contract.aggregate({
      where: { season: { ref: "coffee-2025" }, status: { in: [...IN_FORCE] }, group: { ref: "tg-tan-lap-ca-phe" } },
      _sum: { areaHa: true },
    });
    expect(since._sum.areaHa).toBeGreaterThan(0);
    const cards = await csv(c, "table=cards&season=coffee-2025");
    expect(Number(cards.find((r) => r[0] === "areaHa")?.[2])).toBeCloseTo(district.areaHa + since._sum.areaHa!, 6);
  });
});

describe("buyers", () => {
  it("see only their own chains", async () => {
    const c = await as("buyer@caunoi.vn");
    const data = await mapData(c, "season=coffee-2025");
    expect(data.b.map((b) => b[2])).toEqual([ids["htx-khe-sanh"]]);
    expect(data.g.map((g) => g[2]).sort()).toEqual([ids["tg-huong-phung-1"], ids["tg-huong-tan"], ids["tg-tan-hop"], ids["tg-tan-lap-ca-phe"]].sort());
    const veg = await mapData(c, "season=veg-2025b");
    expect(veg.l).toEqual([]);
    const cards = await csv(c, "table=cards&season=veg-2025b");
    expect(cards.find((r) => r[0] === "areaHa")?.[2]).toBe("0");
  });
});

describe("CSV export", () => {
  it("is UTF-8 CSV with a byte-order mark, an attachment, a header row and plain, rounded numbers", async () => {
    const c = await as("project@caunoi.vn");
    const res = await c.get("/dashboard/csv?table=cards&season=coffee-2025");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="cau-noi-cards-coffee-2025\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["Mã", "Chỉ số", "Giá trị", "Vụ trước", "Đơn vị", "So sánh với", "Vụ trước tính đến ngày"]);
    const ind = await computeIndicators("coffee-2025", { asOf: todayInVietnam(), scope: { projectOwner: "hlhpn-sinh-ke" } });
    const value = (key: string) => rows.find((r) => r[0] === key)?.[2];
    expect(value("paidVnd")).toBe(String(ind.paidVnd)); // 360065500, not 360.065.500 ₫
    expect(value("areaHa")).toBe(String(plainNumber(ind.areaHa, 2)));
    expect(value("continuance")).toBe(String(plainNumber(ind.contractContinuance.rate!, 4))); // a ratio, 4 decimals
    expect(value("deliveredTonnes")).toBe(String(plainNumber(ind.deliveredTonnes, 3)));
    for (const table of ["trend", "poverty", "sex", "ethnicity", "areas"]) {
      const r = await csv(c, `table=${table}&season=coffee-2025`);
      expect(r.length, table).toBeGreaterThan(1);
      expect(new Set(r.map((x) => x.length)).size, table).toBe(1);
    }
    const poverty = await csv(c, "table=poverty&season=coffee-2025");
    expect(poverty.slice(1).map((r) => Number(r[2]))).toEqual([
      ind.households.byPoverty.poor,
      ind.households.byPoverty.near_poor,
      ind.households.byPoverty.newly_escaped,
      ind.households.byPoverty.non_poor,
    ]);
    expect((await c.get("/dashboard/csv?table=secrets")).status).toBe(400);
  });
});

describe("several organisations and the site administrator", () => {
  it("lets a reader with two organisations switch between them with ?org, and an administrator pick any", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "project@caunoi.vn" } });
    await write((tx) =>
      tx.membership.create({ data: { userId: user.id, organisationId: ids["ubnd-huong-hoa"], role: "authority_viewer", acceptedAt: new Date() } }),
    );
    const c = await as("project@caunoi.vn");
    const page = await (await c.get("/dashboard")).text();
    expect(page).toContain(`value="${ids["ubnd-huong-hoa"]}"`); // the "view as" choice
    const asAuthority = await mapData(c, `org=${ids["ubnd-huong-hoa"]}&season=coffee-2025`);
    expect(asAuthority.g.map((g) => g[2]).sort()).toEqual(await groupIds(areaWhere(HUONG_HOA)!));
    expect((await c.get(`/map/data?org=${ids["htx-luc-ngan"]}`)).status).toBe(404);

    const admin = await as("admin@caunoi.vn");
    const all = await mapData(admin, "season=orange-2025");
    expect(all.g.length).toBe((await groupIds({})).length);
    const luc = await mapData(admin, `org=${ids["htx-luc-ngan"]}&season=orange-2025`);
    expect(luc.b.map((b) => b[2])).toEqual([ids["htx-luc-ngan"]]);
  });
});

describe("the demo in the units of July 2025", () => {
  /** The season's in-force contracts of the demo groups recorded in a former district, added up without the filters. */
  async function byHand(season: string, refs: string[]) {
    const contracts = await db.contract.findMany({
      where: { season: { ref: season }, status: { in: [...IN_FORCE] }, group: { ref: { in: refs } } },
      select: { id: true, areaHa: true, volumeTonnes: true },
    });
    const totals = await db.contractTotal.aggregate({ where: { contractId: { in: contracts.map((c) => c.id) } }, _sum: { netG: true, paidVnd: true } });
    return {
      areaHa: contracts.reduce((s, c) => s + c.areaHa, 0),
      contractedTonnes: contracts.reduce((s, c) => s + c.volumeTonnes, 0),
      deliveredTonnes: Number(totals._sum.netG ?? 0) / 1e6,
      paidVnd: Number(totals._sum.paidVnd ?? 0),
    };
  }
  const cards = async (c: Client, query: string) => {
    const rows = await csv(c, `table=cards&${query}`);
    const v = (k: string) => Number(rows.find((r) => r[0] === k)?.[2]);
    return { areaHa: v("areaHa"), contractedTonnes: v("contractedTonnes"), deliveredTonnes: v("deliveredTonnes"), paidVnd: v("paidVnd") };
  };

  it("a former district gives, for the seasons before July 2025, the figures of the groups recorded in it", async () => {
    const admin = await as("admin@caunoi.vn");
    // With the season before it, whose pairs the breakdown also counts (continuance).
    const cases = [
      { k: { season: "orange-2024", province: "Bắc Giang", district: "Lục Ngạn" }, prev: "orange-2023" },
      { k: { season: "orange-2023", province: "Bắc Giang", district: "Lục Nam" }, prev: null },
      { k: { season: "coffee-2024", province: "Quảng Trị", district: "Hướng Hóa" }, prev: "coffee-2023" },
      { k: { season: "bamboo-2024", province: "Sơn La", district: "Vân Hồ" }, prev: null },
    ];
    for (const { k, prev } of cases) {
      // The groups whose record names that province and district, as it did before the change.
      const refs = (await db.farmerGroup.findMany({ where: { formerProvince: k.province, formerDistrict: k.district }, select: { ref: true } })).map(
        (g) => g.ref,
      );
      expect(refs.length, JSON.stringify(k)).toBeGreaterThan(0);
      const expected = await byHand(k.season, refs);
      expect(expected.areaHa, JSON.stringify(k)).toBeGreaterThan(0);
      const got = await cards(admin, new URLSearchParams(k).toString());
      expect(got.areaHa, JSON.stringify(k)).toBeCloseTo(expected.areaHa, 6);
      expect(got.contractedTonnes, JSON.stringify(k)).toBeCloseTo(expected.contractedTonnes, 6);
      expect(got.deliveredTonnes, JSON.stringify(k)).toBeCloseTo(expected.deliveredTonnes, 3); // the CSV rounds to the kilogram
      expect(got.paidVnd, JSON.stringify(k)).toBe(expected.paidVnd);
      // The drill-down below the district lists exactly those groups.
      const rows = await csv(admin, `table=areas&${new URLSearchParams(k)}`);
      const withContracts = await db.farmerGroup.findMany({
        where: { ref: { in: refs }, contracts: { some: { season: { ref: { in: [k.season, prev ?? k.season] } }, status: { in: [...IN_FORCE] } } } },
        select: { id: true },
      });
      expect(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
        JSON.stringify(k),
      ).toEqual(withContracts.map((g) => g.id).sort());
    }
  });

  it("drills down from today's provinces to their communes, a group awaiting its commune as one row", async () => {
    const admin = await as("admin@caunoi.vn");
    expect((await csv(admin, "table=areas&season=coffee-2025")).slice(1).map((r) => r[1])).toEqual(["Quảng Trị"]);
    expect((await csv(admin, "table=areas&season=orange-2024")).slice(1).map((r) => r[1])).toEqual(["Bắc Ninh"]);
    // Sơn La's vegetables: Đông Sang's group still waits for a person to pick its commune.
    const split = await db.farmerGroup.findUniqueOrThrow({ where: { ref: "tg-dong-sang-rau" }, select: { id: true, communeCode: true } });
    expect(split.communeCode).toBeNull();
    const contract = await db.contract.findFirstOrThrow({
      where: { groupId: split.id, status: { in: [...IN_FORCE] } },
      select: { season: { select: { ref: true } } },
      orderBy: { season: { start: "desc" } },
    });
    const season = contract.season.ref;
    const rows = await csv(admin, `table=areas&season=${season}&province=Sơn La`);
    const last = rows.at(-1)!;
    expect(last.slice(0, 2)).toEqual(["", "Chưa xác định xã"]);
    expect(Number(last[2])).toBeCloseTo((await byHand(season, ["tg-dong-sang-rau"])).areaHa, 6);
    for (const r of rows.slice(1, -1)) expect(r[0]).toMatch(/^\d{5}$/);
    const total = await cards(admin, `season=${season}&province=Sơn La`);
    expect(rows.slice(1).reduce((s, r) => s + Number(r[2]), 0)).toBeCloseTo(total.areaHa, 6);
  });

  it("the project's report names today's communes and, as the programme began before July 2025, the districts of the time", async () => {
    const c = await as("project@caunoi.vn");
    // A year of every product: the report covers the groups with a contract in its period.
    const res = await c.get("/reports/csv?year=2025");
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    const item = (label: string) => rows.find((r) => r[1] === label)?.[2] ?? "";
    expect(item("Tỉnh, thành phố")).toBe("Bắc Ninh; Quảng Trị; Sơn La");
    expect(item("Địa điểm")).toContain("Xã Hướng Phùng");
    expect(item("Địa điểm")).toContain("(Bắc Ninh)");
    expect(item("Huyện (trước 7/2025)")).toContain("Hướng Hóa (Quảng Trị)");
    expect(item("Huyện (trước 7/2025)")).toContain("Lục Ngạn (Bắc Giang)");
  });
});
