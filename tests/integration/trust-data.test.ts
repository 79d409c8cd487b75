// What leaves the server, over real HTTP against the built app on the demo programme:
// CSV downloads never carry a live spreadsheet formula; a member household receives (in the
// page and in its single-fetch `.data` answer) only its own household's names and money;
// viewers receive no personal data their page does not show; and a pickup's measurements
// are only those its product defines, with values of the right kind, at every door.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("trust-data");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { db, disconnect, write } = await import("~/utils/db.server");
const { todayInVietnam } = await import("~/utils/dates");
const { appendPickup, appendCorrection, LedgerError } = await import("~/domain/ledger.server");

let server: AppServer;
const as = sessionPool(() => server, DEMO_PASSWORD);

const GROUP_REF = "tg-huong-phung-1"; // the demo member's group (leader@caunoi.vn, 0912000001)
const ids = { group: "", own: "", project: "", buyer: "", otherGroup: "" };
let others: string[] = []; // head names of the group's other households

/** A name as it may appear in a body: raw (JSON, turbo-stream) or HTML-escaped. */
const forms = (name: string) => [name, name.replaceAll("&", "&amp;").replaceAll("'", "&#x27;").replaceAll('"', "&quot;")];
const mentions = (body: string, name: string) => forms(name).some((f) => body.includes(f));

/** The page's HTML and its single-fetch answer (what useLoaderData receives), as text. */
async function pageAndData(c: Client, path: string): Promise<{ html: string; data: string }> {
  const page = await c.get(path);
  expect(page.status, path).toBe(200);
  const data = await c.get(`${path}.data`);
  expect(data.status, `${path}.data`).toBe(200);
  return { html: await page.text(), data: await data.text() };
}

/** A small RFC 4180 reader (quotes, doubled quotes, CRLF); drops the byte-order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted && ch === '"' && s[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\r" && s[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

/** Every cell a spreadsheet would run as a formula (a number such as -5 is a number, not a formula). */
const liveFormulas = (rows: string[][]) => rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));

beforeAll(async () => {
  await loadDemoProgramme();
  const group = await db.farmerGroup.findUniqueOrThrow({ where: { ref: GROUP_REF }, select: { id: true } });
  ids.group = group.id;
  const member = await db.membership.findFirstOrThrow({ where: { groupId: group.id, role: "group_member", user: { phone: "0912000001" } } });
  ids.own = member.householdId!;
  ids.project = (await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" } })).id;
  ids.buyer = (await db.organisation.findUniqueOrThrow({ where: { ref: "htx-khe-sanh" } })).id;
  ids.otherGroup = (await db.farmerGroup.findUniqueOrThrow({ where: { ref: "tg-tan-hop" } })).id;
  const households = await db.household.findMany({ where: { groupId: group.id }, select: { id: true, headName: true } });
  const ownName = households.find((h) => h.id === ids.own)!.headName;
  // A name inside the member's own name would be "seen" in it: leave such names out.
  others = households.filter((h) => h.id !== ids.own && !ownName.includes(h.headName)).map((h) => h.headName);
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

// ───────────────────────── CSV ─────────────────────────

describe("CSV downloads never carry a live formula", () => {
  const NAME = '=HYPERLINK("http://evil.example","Bấm vào đây")';
  const DISTRICT = "=1+2";
  const OBJECTIVES = "+cmd|' /C calc'!A0";
  const SELECTION = "@SUM(1+1)";

  beforeAll(async () => {
    // User text as the forms accept it: a group's name and district, a project's own texts.
    await write(async (tx) => {
      await tx.farmerGroup.update({ where: { id: ids.otherGroup }, data: { name: NAME } });
      await tx.farmerGroup.update({ where: { ref: "tg-tan-xuan-rau" }, data: { formerDistrict: DISTRICT } });
      await tx.organisation.update({ where: { id: ids.project }, data: { objectives: OBJECTIVES, beneficiarySelection: SELECTION } });
    });
  });

  it("the programme report CSV writes the texts behind an apostrophe, numbers as numbers", async () => {
    const c = await as("project@caunoi.vn");
    // A year of every product, so the Sơn La group's district is in the report.
    const res = await c.get(`/reports/csv?org=${ids.project}&year=2025`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM
    const text = await res.text();
    expect(text).toContain("\r\n");
    const rows = parseCsv(text);
    expect(liveFormulas(rows)).toEqual([]);
    const cells = rows.flat();
    expect(cells).toContain(`'${OBJECTIVES}`);
    expect(cells).toContain(`'${SELECTION}`);
    expect(cells.some((v) => v.startsWith(`'${DISTRICT} (Sơn La)`))).toBe(true);
    // Figures stay plain numbers a spreadsheet can add up.
    const groups = rows.find((r) => r[1] === "Số tổ/nhóm" || r[0] === "1.4");
    expect(groups?.[2]).toMatch(/^\d+$/);
  });

  it("the dashboard CSV writes a group's formula name behind an apostrophe", async () => {
    const c = await as("project@caunoi.vn");
    const res = await c.get(
      `/dashboard/csv?table=areas&season=coffee-2025&province=${encodeURIComponent("Quảng Trị")}&district=${encodeURIComponent("Hướng Hóa")}`,
    );
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    expect(liveFormulas(rows)).toEqual([]);
    expect(rows.map((r) => r[1])).toContain(`'${NAME}`);
  });
});

// ───────────────────────── a member's own household only ─────────────────────────

describe("a member household receives only its own household's names and money", () => {
  beforeAll(async () => {
    // Something of the member's own and of other households on each page, through the app's forms.
    const leader = await as("leader@caunoi.vn");
    const buyer = await as("buyer@caunoi.vn");
    const [other1, other2] = await db.household.findMany({ where: { groupId: ids.group, id: { not: ids.own } }, select: { id: true }, take: 2 });
    for (const householdId of [ids.own, other1.id]) {
      const r = await leader.post(`/groups/${ids.group}/fund`, { kind: "contribution", householdId, amountVnd: "150000", on: todayInVietnam() });
      expect(r.status).toBe(200);
      const a = await buyer.post(`/groups/${ids.group}/advances`, {
        providerId: ids.buyer,
        householdId,
        item: "Phân bón hữu cơ",
        valueVnd: "500000",
        advancedOn: todayInVietnam(),
        recoveryPlan: "per_invoice_pct",
        recoveryPct: "10",
      });
      expect(a.status).toBe(200);
    }
    const on = new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const r = await leader.post(`/groups/${ids.group}/rota`, { on, householdIds: [ids.own, other1.id, other2.id] });
    expect(r.status).toBe(302); // saved, back to that day's list
  });

  for (const page of ["fund", "advances", "rota"]) {
    it(`on the ${page} page and in its .data: their own household, nobody else's`, async () => {
      const own = await db.household.findUniqueOrThrow({ where: { id: ids.own } });
      const { html, data } = await pageAndData(await as("0912000001"), `/groups/${ids.group}/${page}`);
      expect(mentions(html, own.headName), "own name on the page").toBe(true);
      expect(others.length).toBeGreaterThan(5);
      for (const body of [html, data]) expect(others.filter((n) => mentions(body, n))).toEqual([]);
    });

    it(`on the ${page} page: the leader, the buyer and the project still see every household they saw`, async () => {
      // The fund is the group's own: a buyer buying from the group gets 404 there (trust-audit).
      const viewers = page === "fund" ? ["leader@caunoi.vn", "project@caunoi.vn"] : ["leader@caunoi.vn", "buyer@caunoi.vn", "project@caunoi.vn"];
      for (const login of viewers) {
        const { html } = await pageAndData(await as(login), `/groups/${ids.group}/${page}`);
        expect(others.filter((n) => mentions(html, n)).length, login).toBeGreaterThan(0);
      }
    });
  }

  it("a member account without a household (never made by the app's forms) sees no household at all", async () => {
    const { hashPassword } = await import("~/utils/password.server");
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await write((tx) =>
      tx.user.create({
        data: {
          phone: "0912999999",
          name: "Tài khoản lạ",
          passwordHash,
          memberships: { create: { role: "group_member", groupId: ids.group, acceptedAt: new Date() } },
        },
      }),
    );
    const invoice = await db.invoice.findFirstOrThrow({ where: { contract: { groupId: ids.group }, kind: "invoice", lines: { some: {} } } });
    const c = await as("0912999999");
    for (const path of [
      `/invoices/${invoice.id}`,
      `/groups/${ids.group}`,
      `/groups/${ids.group}/fund`,
      `/groups/${ids.group}/advances`,
      `/groups/${ids.group}/rota`,
    ]) {
      const { html, data } = await pageAndData(c, path);
      for (const body of [html, data])
        expect(
          others.filter((n) => mentions(body, n)),
          path,
        ).toEqual([]);
    }
  });

  it("the fund page still shows the member the fund's balance and their own line", async () => {
    const { html } = await pageAndData(await as("0912000001"), `/groups/${ids.group}/fund`);
    expect(html).toMatch(/id="fund-balance">[^<]*\d/);
    expect(html).toContain("150.000");
  });
});

// ───────────────────────── measurements ─────────────────────────

describe("a pickup carries only the measurements its product defines", () => {
  let contractId = "";
  let household = "";
  const counts = async () => ({ pickups: await db.pickup.count(), lots: await db.lot.count() });
  const fields = (measures: Record<string, string>) => ({
    contractId,
    clientKey: `trust-${Math.random().toString(36).slice(2, 12)}`,
    date: todayInVietnam(),
    witnesses: [household],
    "lot.householdId": household,
    "lot.grossKg": "120",
    "lot.tareKg": "2",
    "lot.grade": "A",
    ...Object.fromEntries(Object.entries(measures).map(([k, v]) => [`lot.m.${k}`, v])),
  });
  async function postApi(measures: Record<string, string>) {
    const res = await (await as("buyer@caunoi.vn")).post("/api/pickups", fields(measures));
    return { status: res.status, body: (await res.json()) as { ok: boolean; pickupId?: string; errors?: Record<string, string[]> } };
  }

  beforeAll(async () => {
    // The demo's active coffee contract; coffee cherry defines ripePct and foreignPct (0–100 %).
    const c = await db.contract.findFirstOrThrow({
      where: { groupId: ids.group, status: "active", buyerId: ids.buyer, season: { product: { ref: "coffee-cherry" } } },
    });
    contractId = c.id;
    household = ids.own;
  });

  it("the offline API answers 400 naming an unknown key, and writes nothing", async () => {
    const before = await counts();
    const { status, body } = await postApi({ ripePct: "96", evil: "<script>" });
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual({ "lots.0.measurements.evil": ["error.unknownMeasure"] });
    expect(await counts()).toEqual(before);
  });

  it("the offline API refuses a value of the wrong kind or out of range, naming the key", async () => {
    const before = await counts();
    expect((await postApi({ ripePct: "150" })).body.errors).toEqual({ "lots.0.measurements.ripePct": ["error.range"] });
    expect((await postApi({ ripePct: "chín" })).body.errors).toEqual({ "lots.0.measurements.ripePct": ["error.number"] });
    expect(await counts()).toEqual(before);
  });

  it("the no-JS form answers 400 with the field error shown, and writes nothing", async () => {
    const before = await counts();
    const res = await (await as("buyer@caunoi.vn")).post(`/contracts/${contractId}/pickups/new`, fields({ isSiteAdmin: "1" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Chỉ tiêu đo này không có trong sản phẩm của hợp đồng.");
    expect(await counts()).toEqual(before);
  });

  it("defined measurements are recorded, number measures as numbers", async () => {
    const { status, body } = await postApi({ ripePct: "96,5", foreignPct: "0,8" });
    expect(status, JSON.stringify(body)).toBe(201);
    const [lot] = await db.lot.findMany({ where: { pickupId: body.pickupId } });
    expect(JSON.parse(lot.measurements)).toEqual({ foreignPct: 0.8, ripePct: 96.5 });
  });

  it("the ledger itself refuses them, for a pickup and for a correction, even when asked to keep undeclared ones", async () => {
    const before = await counts();
    const lot = { householdId: household, grossG: 100_000, tareG: 0, grade: "A" };
    const pickup = (measurements: Record<string, number | string>, keepUndeclaredMeasures = false) =>
      write((tx) =>
        appendPickup(tx, { contractId, date: todayInVietnam(), witnessHouseholdIds: [], lots: [{ ...lot, measurements }], keepUndeclaredMeasures }),
      );
    await expect(pickup({ evil: 1 })).rejects.toMatchObject({ code: "bad_measurement", message: expect.stringContaining('"evil"') });
    await expect(pickup({ evil: 1 }, true)).rejects.toBeInstanceOf(LedgerError);
    await expect(pickup({ ripePct: 101 })).rejects.toMatchObject({ code: "bad_measurement", fields: { "lots.0.measurements.ripePct": ["error.range"] } });
    const old = await db.lot.findFirstOrThrow({ where: { contractId, supersededBy: { is: null } } });
    await expect(
      write((tx) => appendCorrection(tx, { lotId: old.id, reason: "thử", grossG: 1000, tareG: 0, grade: "A", measurements: { evil: 1 } })),
    ).rejects.toMatchObject({
      code: "bad_measurement",
      fields: { "measurements.evil": ["error.unknownMeasure"] },
    });
    expect(await counts()).toEqual(before);
  });
});

// ───────────────────────── viewers: what their pages show, no more ─────────────────────────

describe("viewers receive no personal data their page does not show", () => {
  const digits = (body: string, n: number | string) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(body);

  it("a buyer's staff reading a group it trades with gets no phone numbers and no baseline incomes", async () => {
    const households = await db.household.findMany({ where: { groupId: ids.group } });
    const phones = households.map((h) => h.phone).filter((p): p is string => !!p);
    const incomes = households.map((h) => h.baselineIncomeVnd).filter((v): v is number => !!v);
    expect(phones.length).toBeGreaterThan(0);
    expect(incomes.length).toBeGreaterThan(0);
    const { html, data } = await pageAndData(await as("staff@caunoi.vn"), `/groups/${ids.group}`);
    expect(
      others.some((n) => mentions(html, n)),
      "still lists the households",
    ).toBe(true);
    for (const body of [html, data]) {
      expect(phones.filter((p) => body.includes(p))).toEqual([]);
      expect(incomes.filter((v) => digits(body, v))).toEqual([]);
    }
  });

  it("the project owner and the authority, who monitor the group, still read baseline incomes, and no phone numbers", async () => {
    const households = await db.household.findMany({ where: { groupId: ids.group } });
    const phones = households.map((h) => h.phone).filter((p): p is string => !!p);
    const incomes = households.map((h) => h.baselineIncomeVnd).filter((v): v is number => !!v);
    for (const login of ["project@caunoi.vn", "authority@caunoi.vn"]) {
      const { html, data } = await pageAndData(await as(login), `/groups/${ids.group}`);
      expect(incomes.filter((v) => digits(data, v)).length, login).toBe(incomes.length);
      for (const body of [html, data])
        expect(
          phones.filter((p) => body.includes(p)),
          login,
        ).toEqual([]);
    }
  });

  it("a household's passbook opens for the household and its leader, not for viewers of the group", async () => {
    const path = `/groups/${ids.group}/passbook/${ids.own}`;
    expect((await (await as("0912000001")).get(path)).status).toBe(200);
    expect((await (await as("leader@caunoi.vn")).get(path)).status).toBe(200);
    for (const login of ["buyer@caunoi.vn", "staff@caunoi.vn", "project@caunoi.vn", "authority@caunoi.vn"]) {
      const c = await as(login);
      expect((await c.get(path)).status, login).toBe(404);
      expect((await c.get(`${path}.data`)).status, `${login} .data`).toBe(404);
    }
  });

  it("colleagues and group leaders read one contact per account, not a phone kept beside the email", async () => {
    await write(async (tx) => {
      await tx.user.update({ where: { email: "buyer@caunoi.vn" }, data: { phone: "0987650001" } });
      await tx.user.update({ where: { phone: "0912000001" }, data: { email: "hien.con@example.vn" } });
    });
    const org = await pageAndData(await as("staff@caunoi.vn"), `/orgs/${ids.buyer}`);
    expect(mentions(org.html, "buyer@caunoi.vn")).toBe(true);
    for (const body of [org.html, org.data]) expect(body).not.toContain("0987650001");
    const group = await pageAndData(await as("leader@caunoi.vn"), `/groups/${ids.group}/members`);
    expect(mentions(group.html, "hien.con@example.vn")).toBe(true);
    for (const body of [group.html, group.data]) expect(body).not.toContain("0912000001");
  });
});
