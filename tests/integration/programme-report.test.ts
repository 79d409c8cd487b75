// The MARD programme report (issue 14) over real HTTP on the demo programme, loaded by
// `npm run setup:db` (SEED_DEMO=1) into this file's own database: every heading of the template's
// NGO outline (read from the seed file itself, tests/fixtures/seeds/) in order in the PDF; the
// figures equal computeIndicators' for the same scope and season, and across a year they are
// added as a person would (distinct households counted from the lots themselves); the CSV/XLSX
// carry every section as plain numbers; the texts are kept per period and refused whole when bad;
// authorities read their area's figures and write nothing; another project's people learn nothing.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TSX } from "../support/bundle-fixtures";
import { pdfText } from "../support/invoice-fixtures";
import { runCommand } from "../support/run";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";
import type { EvaluationSummaries } from "~/domain/evaluation/summary";

tempDatabase("programme-report");
// The demo seed, exactly as `npm run setup:db` loads it, before this process opens the database.
const seeded = await runCommand(TSX, ["scripts/setup-db.ts"], { env: { ...process.env, SEED_DEMO: "1" } });
if (seeded.status !== 0) throw new Error(`setup:db failed:\n${seeded.stdout}\n${seeded.stderr}`);

const { DEMO_PASSWORD } = await import("~/domain/demo.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { IN_FORCE } = await import("~/domain/contracts");
const { SECTIONS } = await import("~/domain/report/sections");
const { reportFigures } = await import("~/domain/report/figures.server");
const { reportDocument } = await import("~/domain/report/document");
const { reportPdf } = await import("~/domain/report/pdf.server");
const { reportTable } = await import("~/domain/report/rows");
const { resolvePeriod } = await import("~/domain/report/period");
const { seasonsOf } = await import("~/domain/report/figures.server");
const { translator } = await import("~/i18n");
const { signup } = await import("~/domain/accounts.server");
const { db, disconnect, write } = await import("~/utils/db.server");
const { todayInVietnam } = await import("~/utils/dates");
const { formatNumber, formatVnd } = await import("~/utils/format");

const PROJECT = "hlhpn-sinh-ke";
const HUONG_HOA = { provinceCode: "44", communeCode: null, formerDistrict: "Hướng Hóa" };
const OTHER_PASSWORD = "another-project-pass-2026";

let server: AppServer;
let projectId: string;
let otherProjectId: string;
const clients = new Map<string, Client>();
async function as(login: string, password = DEMO_PASSWORD): Promise<Client> {
  let c = clients.get(login);
  if (!c) {
    c = new Client(server.url);
    await c.login(login, password);
    clients.set(login, c);
  }
  return c;
}

// ───────────────────────── reading what the app answers ─────────────────────────

/** Whitespace and case do not count (pdftotext breaks long headings across lines). */
const fold = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, "");

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

async function csv(c: Client, query: string): Promise<string[][]> {
  const res = await c.get(`/reports/csv?${query}`);
  expect(res.status, query).toBe(200);
  return parseCsv((await res.text()).replace(/^\uFEFF/, ""));
}

async function pdf(c: Client, query: string): Promise<string> {
  const res = await c.get(`/reports/pdf?${query}`);
  expect(res.status, query).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return pdfText(new Uint8Array(await res.arrayBuffer())).normalize("NFC");
}

/** The value of the CSV row of a section whose item ends with `item`. */
function cell(rows: string[][], section: string, item: string): string | undefined {
  return rows.find((r) => r[0] === section && r[1].endsWith(item))?.[2];
}

// ───────────────────────── the template, read from the seed ─────────────────────────

type Heading = { number: string | null; title: string };

/**
 * The headings of the second outline of seeds/001 (for NGOs and development organisations), as
 * the template writes them: numbered lines and the parts in capitals, each cut before its
 * guidance "(…)" or its colon. Two slips of the template are read as meant: "THÔNG TING" is
 * "THÔNG TIN", and a number repeated within a part (its second "1.7") is the next free one (1.9).
 */
function templateHeadings(): Heading[] {
  const lines = fs.readFileSync("tests/fixtures/seeds/001-mard-2013-outlines.txt", "utf8").normalize("NFC").split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith("ĐỀ CƯƠNG") && l.includes("PHI CHÍNH PHỦ"));
  expect(start).toBeGreaterThan(0);
  const out: Heading[] = [];
  let seen = new Set<string>();
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (line.startsWith("Ghi chú")) break;
    if (!line || line.startsWith("(") || line.startsWith("-")) continue;
    const cut = (s: string) =>
      s
        .split(/[(:;]/)[0]
        .replace(/\.\s*$/, "")
        .replace(/\s+/g, " ")
        .trim();
    const numbered = /^(\d+(?:\.\d+)*)\.\s*(\S.*)$/.exec(line);
    if (numbered) {
      let number = numbered[1];
      if (seen.has(number) && number.includes(".")) {
        const prefix = number.slice(0, number.lastIndexOf("."));
        const siblings = [...seen].filter((n) => n.startsWith(`${prefix}.`)).map((n) => Number(n.slice(prefix.length + 1)));
        number = `${prefix}.${Math.max(...siblings) + 1}`;
      }
      seen.add(number);
      out.push({ number, title: cut(numbered[2]) });
    } else if (line === line.toUpperCase() && /\p{Lu}/u.test(line)) {
      seen = new Set();
      out.push({ number: null, title: cut(line).replace(/\bTING\b/, "TIN") });
    }
  }
  return out;
}

const asPrinted = (h: Heading) => fold(h.number ? `${h.number}. ${h.title}` : h.title);

/** Each of `expected` found in `text` after the one before it; the first missing one is named. */
function inOrder(text: string, expected: string[]): { missing: string | null; found: number } {
  const hay = fold(text);
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const j = hay.indexOf(expected[i], at);
    if (j < 0) return { missing: expected[i], found: i };
    at = j + expected[i].length;
  }
  return { missing: null, found: expected.length };
}

// ───────────────────────── setup ─────────────────────────

beforeAll(async () => {
  projectId = (await db.organisation.findUniqueOrThrow({ where: { ref: PROJECT } })).id;
  // Another project with its own administrator, who will guess the demo project's id.
  const other = await write((tx) => tx.organisation.create({ data: { ref: "du-an-khac", kind: "project_owner", name: "Dự án khác" } }));
  otherProjectId = other.id;
  const r = await signup({ name: "Quản lý dự án khác", email: "other@duan.vn", password: OTHER_PASSWORD, locale: "vi" });
  if (!r.ok) throw new Error("signup");
  await write((tx) => tx.membership.create({ data: { userId: r.userId, organisationId: other.id, role: "project_admin", acceptedAt: new Date() } }));
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

// ───────────────────────── tests ─────────────────────────

describe("the template", () => {
  it("the report's section list is the seed's NGO outline, heading for heading", () => {
    const template = templateHeadings();
    // THÔNG TIN CHUNG and its 4 items, the part heading, 1 and 1.1–1.9, 2 and 2.1–2.8, 3, 4, 5.
    expect(template.length).toBe(5 + 1 + 10 + 9 + 3);
    expect(SECTIONS.map((s) => ({ number: s.number, title: fold(s.vi) }))).toEqual(template.map((h) => ({ number: h.number, title: fold(h.title) })));
  });

  it("the Vietnamese PDF prints every heading of the template in its order, then the date and the representative", async () => {
    const c = await as("project@caunoi.vn");
    const text = await pdf(c, `org=${projectId}&season=coffee-2025`);
    const expected = templateHeadings().map(asPrinted);
    expect(inOrder(text, expected)).toEqual({ missing: null, found: expected.length });
    // The header names the organisation and the period on the first page.
    const first = text.split("\f")[0];
    expect(first).toContain("BÁO CÁO THÔNG TIN VÀ KINH NGHIỆM");
    expect(first).toContain("DỰ ÁN SINH KẾ BỀN VỮNG – HỘI LHPN");
    expect(fold(first)).toContain(fold("Kỳ báo cáo: Vụ cà phê 2025–2026 (Cà phê quả tươi, 01/09/2025 – 31/01/2026)"));
    expect(text).toContain("(Ký, ghi rõ họ tên)");
  });

  it("?lang=en prints the English headings in the same order", async () => {
    const c = await as("project@caunoi.vn");
    const text = await pdf(c, `org=${projectId}&season=coffee-2025&lang=en`);
    const expected = SECTIONS.map((s) => fold(s.number ? `${s.number}. ${s.en}` : s.en));
    expect(inOrder(text, expected)).toEqual({ missing: null, found: expected.length });
    expect(text).toContain("Reporting period: ");
  });
});

describe("the figures", () => {
  it("for a season equal computeIndicators for the project's scope, in the CSV as plain numbers and in the PDF as Vietnamese writes them", async () => {
    const c = await as("project@caunoi.vn");
    const i = await computeIndicators("coffee-2025", { asOf: todayInVietnam(), scope: { projectOwner: PROJECT } });
    expect(i.households.total).toBeGreaterThan(0);
    const rows = await csv(c, `org=${projectId}&season=coffee-2025`);
    const now = (label: string) => cell(rows, "1.7", `${label} — Kỳ này`);
    const r4 = (v: number | null) => (v === null ? "" : String(Math.round(v * 1e4) / 1e4));
    expect(now("Diện tích liên kết")).toBe(String(Math.round(i.areaHa * 100) / 100));
    expect(now("Sản lượng ký hợp đồng")).toBe(String(Math.round(i.contractedTonnes * 1000) / 1000));
    expect(now("Sản lượng đã giao")).toBe(String(Math.round(i.deliveredTonnes * 1000) / 1000));
    expect(now("Tỷ lệ thực hiện hợp đồng")).toBe(r4(i.fulfilment));
    expect(now("Số hộ có hàng bán qua liên kết")).toBe(String(i.households.total));
    expect(now("Tiền đã trả cho nông dân")).toBe(String(i.paidVnd));
    expect(now("Tỷ lệ phiếu thanh toán trả đúng hạn")).toBe(r4(i.onTimePaymentRate));
    expect(now("Tỷ lệ lần cân có người chứng kiến")).toBe(r4(i.witnessedPickupRate));
    expect(now("Số lô bị khiếu nại")).toBe(String(i.disputedLots));
    expect(now("Tỷ lệ duy trì hợp đồng")).toBe(r4(i.contractContinuance.rate));
    // The previous season beside it, also computeIndicators'.
    const p = await computeIndicators("coffee-2024", { asOf: todayInVietnam(), scope: { projectOwner: PROJECT } });
    expect(cell(rows, "1.7", "Sản lượng đã giao — Vụ trước (Vụ cà phê 2024–2025)")).toBe(String(Math.round(p.deliveredTonnes * 1000) / 1000));
    // The scale line is the same season's: its households, its hectares, its groups.
    expect(cell(rows, "1.4", "Số hộ có hàng bán qua liên kết")).toBe(String(i.households.total));
    expect(cell(rows, "1.4", "Diện tích liên kết")).toBe(String(Math.round(i.areaHa * 100) / 100));
    const groups = await db.contract.findMany({
      where: { season: { ref: "coffee-2025" }, status: { in: IN_FORCE }, group: { projectOwner: { ref: PROJECT } } },
      distinct: ["groupId"],
      select: { groupId: true },
    });
    expect(cell(rows, "1.4", "Số tổ nhóm có hợp đồng trong kỳ")).toBe(String(groups.length));
    const members = await db.household.count({ where: { groupId: { in: groups.map((g) => g.groupId) } } });
    expect(cell(rows, "1.4", "Số hộ thành viên các tổ nhóm đó")).toBe(String(members));
    // 1.9 counts the same households by their status on the season's first day.
    expect(cell(rows, "1.9", "Hộ nghèo (có bán qua liên kết)")).toBe(String(i.households.byPoverty.poor));
    expect(cell(rows, "1.9", "Hộ có chủ hộ là nữ")).toBe(String(i.households.femaleHeaded));

    // The PDF writes them as a Vietnamese reader reads them.
    const text = (await pdf(c, `org=${projectId}&season=coffee-2025`)).replace(/\s+/g, " ");
    expect(text).toContain(`${formatNumber(i.deliveredTonnes, 3)} tấn`);
    expect(text).toContain(`${formatNumber(i.areaHa, 2)} ha`);
    expect(text).toContain(formatVnd(i.paidVnd));
    if (i.fulfilment !== null) expect(text).toContain(`${formatNumber(i.fulfilment * 100, 1)}%`);
    // And the English one in English numbers.
    const en = (await pdf(c, `org=${projectId}&season=coffee-2025&lang=en`)).replace(/\s+/g, " ");
    expect(en).toContain(`${formatVnd(i.paidVnd).replaceAll(".", ",")}`);
    expect(en).toContain(`${i.deliveredTonnes.toFixed(3).replace(/\.?0+$/, "")} t`);
  });

  it("for a year adds the seasons as a person would: tonnes and money summed, each household once, each product's fields once", async () => {
    const c = await as("project@caunoi.vn");
    const asOf = todayInVietnam();
    const seasons = await db.season.findMany({
      where: { start: { startsWith: "2025" }, contracts: { some: { status: { in: IN_FORCE }, group: { projectOwner: { ref: PROJECT } } } } },
      select: { ref: true, productId: true },
    });
    expect(seasons.length).toBeGreaterThan(1);
    const each = await Promise.all(seasons.map((s) => computeIndicators(s.ref, { asOf, scope: { projectOwner: PROJECT } })));
    // Households by hand, from the lots: every effective lot (none corrects it) under an in-force contract of the year.
    const lots = await db.lot.findMany({
      where: {
        supersededBy: null,
        contract: { status: { in: IN_FORCE }, season: { start: { startsWith: "2025" } }, group: { projectOwner: { ref: PROJECT } } },
      },
      select: { householdId: true },
      distinct: ["householdId"],
    });
    const sumHouseholds = each.reduce((a, i) => a + i.households.total, 0);
    // Some households sold in two seasons of the year: the sum of seasons would count them twice.
    expect(lots.length).toBeLessThan(sumHouseholds);
    const areaByProduct = new Map<string, number>();
    seasons.forEach((s, k) => areaByProduct.set(s.productId, Math.max(areaByProduct.get(s.productId) ?? 0, each[k].areaHa)));
    const area = [...areaByProduct.values()].reduce((a, b) => a + b, 0);

    const rows = await csv(c, `org=${projectId}&year=2025`);
    expect(cell(rows, "", "Kỳ báo cáo")).toBe("Năm 2025 — mọi sản phẩm");
    expect(cell(rows, "1.4", "Số hộ có hàng bán qua liên kết")).toBe(String(lots.length));
    expect(Number(cell(rows, "1.4", "Diện tích liên kết"))).toBeCloseTo(area, 2);
    const now = (label: string) => Number(cell(rows, "1.7", `${label} — Kỳ này`));
    expect(now("Sản lượng đã giao")).toBeCloseTo(
      each.reduce((a, i) => a + i.deliveredTonnes, 0),
      3,
    );
    expect(now("Tiền đã trả cho nông dân")).toBe(each.reduce((a, i) => a + i.paidVnd, 0));
    expect(now("Số lô bị khiếu nại")).toBe(each.reduce((a, i) => a + i.disputedLots, 0));
    // A row per season of the year.
    for (const s of seasons) {
      const name = (await db.season.findUniqueOrThrow({ where: { ref: s.ref } })).name;
      expect(
        rows.some((r) => r[0] === "1.7" && r[1].includes(`— ${name} —`)),
        name,
      ).toBe(true);
    }
    // One product of the year: its seasons only.
    const orange = await computeIndicators("orange-2025", { asOf, scope: { projectOwner: PROJECT } });
    const one = await csv(c, `org=${projectId}&period=2025:orange`);
    expect(cell(one, "", "Kỳ báo cáo")).toBe("Năm 2025 — Cam Lục Ngạn");
    expect(cell(one, "1.4", "Số hộ có hàng bán qua liên kết")).toBe(String(orange.households.total));
  });

  it("the CSV has a row for every section of the template, and the XLSX the same rows with numbers as numbers", async () => {
    const c = await as("project@caunoi.vn");
    const rows = await csv(c, `org=${projectId}&season=coffee-2025`);
    expect(rows[0]).toEqual(["Mục", "Nội dung", "Giá trị (số không định dạng; tỷ lệ ghi dạng 0–1)", "Đơn vị"]);
    const sections = [
      ...new Set(
        rows
          .slice(1)
          .map((r) => r[0])
          .filter(Boolean),
      ),
    ];
    expect(sections).toEqual(SECTIONS.map((s) => s.key));
    // Existing place rows keep their labels.
    expect(cell(rows, "1.2", "Tỉnh, thành phố")).toBe("Quảng Trị");
    const res = await c.get(`/reports/xlsx?org=${projectId}&season=coffee-2025`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values.length).toBe(rows.length);
    const paid = values.find((v) => v[0] === "1.7" && String(v[1]).endsWith("Tiền đã trả cho nông dân — Kỳ này"));
    expect(typeof paid?.[2]).toBe("number");
    expect(String(paid?.[2])).toBe(cell(rows, "1.7", "Tiền đã trả cho nông dân — Kỳ này"));
  });
});

describe("the texts the project writes", () => {
  const texts = {
    "1.6": "Tập huấn kỹ thuật thu hái cà phê chín cho 12 tổ hợp tác.\nHỗ trợ sân phơi.",
    "3": "Bài học: tổ nhóm tự giám sát cân hàng.",
    signer: "Nguyễn Thị Mai",
    signerTitle: "Giám đốc dự án",
    reportDate: "2026-11-15",
  };
  const stored = () => db.reportText.findMany({ where: { projectOwnerId: projectId }, orderBy: [{ period: "asc" }, { section: "asc" }] });

  it("are saved for the period and printed under their sections, with the date and the representative at the end", async () => {
    const c = await as("project@caunoi.vn");
    const res = await c.post(`/reports?org=${projectId}&period=coffee-2025`, texts);
    expect(res.status).toBe(200);
    const rows = await stored();
    expect(rows.map((r) => [r.period, r.section, r.text])).toEqual(
      Object.entries(texts)
        .map(([k, v]) => ["coffee-2025", k, v])
        .sort((a, b) => (a[1] < b[1] ? -1 : 1)),
    );
    const text = await pdf(c, `org=${projectId}&season=coffee-2025`);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Tập huấn kỹ thuật thu hái cà phê chín cho 12 tổ hợp tác.");
    expect(inOrder(text, [fold("1.6. Các hoạt động chính"), fold("Tập huấn kỹ thuật"), fold("1.7. Các kết quả chính")]).missing).toBeNull();
    expect(inOrder(text, [fold("5. Gợi ý"), fold("Ngày 15 tháng 11 năm 2026"), fold("Giám đốc dự án"), fold("Nguyễn Thị Mai")]).missing).toBeNull();
    // The representative is also section 4 of the general information.
    expect(inOrder(text, [fold("4. Người đại diện cung cấp thông tin"), fold("Nguyễn Thị Mai"), fold("MÔ HÌNH/DỰ ÁN")]).missing).toBeNull();
    // Another period has its own words: none yet.
    const year = await pdf(c, `org=${projectId}&year=2025`);
    expect(year).not.toContain("Tập huấn kỹ thuật thu hái");
    // Emptied, a text is removed.
    expect((await c.post(`/reports?org=${projectId}&period=coffee-2025`, { ...texts, "3": "" })).status).toBe(200);
    expect((await stored()).map((r) => r.section)).not.toContain("3");
    // A POST of one field changes that field only: what it did not send stays.
    expect((await c.post(`/reports?org=${projectId}&period=coffee-2025`, { "1.6": texts["1.6"] })).status).toBe(200);
    expect((await stored()).map((r) => r.section)).toEqual(["1.6", "reportDate", "signer", "signerTitle"]);
  });

  it("refuses bad input with the Vietnamese field error, writing nothing", async () => {
    const c = await as("project@caunoi.vn");
    const before = await stored();
    const cases: [Record<string, string>, string][] = [
      [{ ...texts, "2.1": "x".repeat(5001) }, "Quá dài."],
      [{ ...texts, reportDate: "2026-02-30" }, "Ngày không hợp lệ."],
      [{ ...texts, signer: "" }, "Ghi tên người đại diện khi đã có ngày báo cáo."],
    ];
    for (const [form, message] of cases) {
      const res = await c.post(`/reports?org=${projectId}&period=coffee-2025`, { ...form, "1.6": "Không được lưu" });
      expect(res.status, message).toBe(400);
      expect(await res.text(), message).toContain(message);
    }
    expect(await stored()).toEqual(before);
    // 5,000 characters is allowed.
    expect((await c.post(`/reports?org=${projectId}&period=coffee-2025`, { ...texts, "2.1": "y".repeat(5000) })).status).toBe(200);
    expect((await db.reportText.findFirstOrThrow({ where: { projectOwnerId: projectId, section: "2.1" } })).text.length).toBe(5000);
  });
});

describe("who reads which report", () => {
  it("an authority reads the project's report with the figures of its area only, and cannot write its texts", async () => {
    const c = await as("authority@caunoi.vn");
    const page = await c.get("/reports");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Dự án Sinh kế bền vững – Hội LHPN");
    expect(html).not.toContain('id="report-texts"');
    const asOf = todayInVietnam();
    const area = await computeIndicators("coffee-2025", { asOf, scope: { projectOwner: PROJECT, area: HUONG_HOA } });
    const rows = await csv(c, `org=${projectId}&season=coffee-2025`);
    expect(cell(rows, "1.7", "Sản lượng đã giao — Kỳ này")).toBe(String(Math.round(area.deliveredTonnes * 1000) / 1000));
    expect(cell(rows, "1.7", "Số hộ có hàng bán qua liên kết — Kỳ này")).toBe(String(area.households.total));
    expect(cell(rows, "", "Phạm vi số liệu")).toBe("Số liệu chỉ gồm các tổ nhóm trên địa bàn Hướng Hóa (Quảng Trị).");
    // Over a year with groups elsewhere, only its area's: fewer households than the whole project's, one province.
    const year = await csv(c, `org=${projectId}&year=2025`);
    const whole = await csv(await as("project@caunoi.vn"), `org=${projectId}&year=2025`);
    expect(cell(year, "1.2", "Tỉnh, thành phố")).toBe("Quảng Trị");
    expect(cell(whole, "1.2", "Tỉnh, thành phố")).not.toBe("Quảng Trị");
    expect(Number(cell(year, "1.4", "Số hộ có hàng bán qua liên kết"))).toBeLessThan(Number(cell(whole, "1.4", "Số hộ có hàng bán qua liên kết")));
    // A season with no contract in its area is not found.
    const veg = await c.get(`/reports/csv?org=${projectId}&season=veg-2025a`);
    expect(veg.status).toBe(404);
    // Its PDF prints.
    expect(await pdf(c, `org=${projectId}&season=coffee-2025`)).toContain("Hướng Hóa (Quảng Trị)");
    // It writes nothing.
    const before = await db.reportText.count();
    const post = await c.post(`/reports?org=${projectId}&period=coffee-2025`, { "1.6": "Không phải của tôi" });
    expect(post.status).toBe(403);
    expect(await db.reportText.count()).toBe(before);
  });

  it("another project's administrator guessing the project's id gets 404 everywhere, and writes nothing", async () => {
    const c = await as("other@duan.vn", OTHER_PASSWORD);
    expect((await c.get(`/reports?org=${otherProjectId}`)).status).toBe(200);
    for (const p of [
      `/reports?org=${projectId}`,
      `/reports/pdf?org=${projectId}`,
      `/reports/csv?org=${projectId}`,
      `/reports/xlsx?org=${projectId}&year=2025`,
    ]) {
      expect((await c.get(p)).status, p).toBe(404);
    }
    const before = await db.reportText.count();
    expect((await c.post(`/reports?org=${projectId}&period=coffee-2025`, { "1.6": "Đoán mò" })).status).toBe(404);
    expect(await db.reportText.count()).toBe(before);
  });

  it("group leaders and buyers have no report (403); a period the project has no season of is not found", async () => {
    for (const login of ["leader@caunoi.vn", "buyer@caunoi.vn"]) expect((await (await as(login)).get("/reports")).status, login).toBe(403);
    const c = await as("project@caunoi.vn");
    for (const q of ["season=no-such-season", "year=1999", "period=2025:no-such-product"]) {
      expect((await c.get(`/reports/csv?org=${projectId}&${q}`)).status, q).toBe(404);
    }
  });
});

describe("the evaluation figures", () => {
  it("are rendered when a module gives them (hand-made summaries here), formatted in the PDF, plain in the CSV; absent ones print —", async () => {
    const org = await db.organisation.findUniqueOrThrow({
      where: { ref: PROJECT },
      select: { id: true, ref: true, name: true, phone: true, objectives: true, beneficiarySelection: true, startedOn: true, endsOn: true },
    });
    const scope = { projectOwner: PROJECT };
    const period = resolvePeriod(org.id, "coffee-2025", await seasonsOf(scope))!;
    const t = translator("vi");
    const asOf = todayInVietnam();
    const none = reportDocument(await reportFigures(org, period, scope, asOf, { evaluation: {} }), {}, t);
    const noneText = pdfText(new Uint8Array(await reportPdf(none))).replace(/\s+/g, " ");
    for (const label of [
      "Thu nhập và thoát nghèo (điều tra hộ)",
      "Năng suất",
      "Sự tham gia của phụ nữ và hộ nghèo",
      "Đóng góp nguồn lực (ghi nhận của dự án)",
    ]) {
      expect(noneText).toContain(`${label} —`);
    }
    const evaluation: Partial<EvaluationSummaries> = {
      outcomes: {
        rounds: [],
        compared: { first: { id: "r1", name: "Điều tra đầu kỳ", heldOn: "2024-03-01" }, last: { id: "r2", name: "Điều tra cuối kỳ", heldOn: "2026-03-01" } },
        households: { both: 40, onlyFirst: 2, onlyLast: 1 },
        income: {
          all: { key: "all", households: 40, firstMeanVnd: 28_000_000, lastMeanVnd: 31_500_000, change: 0.125 },
          by: [{ key: "headSex:female", households: 18, firstMeanVnd: 24_000_000, lastMeanVnd: 27_600_000, change: 0.15 }],
        },
        poverty: { inPovertyAtFirst: 25, exited: 7, exitRate: 0.28, fellIn: 1 },
        linkageIncome: { households: 38, paidVnd: 1_250_000_000, meanPerHouseholdVnd: 32_894_737 },
      },
      participation: {
        members: { female: 70, male: 110, womenShare: 70 / 180, householdsCounted: 40 },
        paid: { totalVnd: 100, toFemaleHeadedVnd: 45, femaleHeadedShare: 0.45 },
        groups: [
          { groupId: "g1", name: "Tổ A", households: 20, nonPoor: 4, nonPoorShare: 0.2, overLimit: false },
          { groupId: "g2", name: "Tổ B", households: 10, nonPoor: 4, nonPoorShare: 0.4, overLimit: true },
        ],
      },
      productivity: {
        groups: [
          { groupId: "g1", name: "Tổ A", contractedAreaHa: 12.5, deliveredKg: 15_431.25, deliveredKgPerHa: 1234.5, harvestKg: null, harvestKgPerHa: null },
        ],
        total: { groupId: "", name: "", contractedAreaHa: 12.5, deliveredKg: 15_431.25, deliveredKgPerHa: 1234.5, harvestKg: null, harvestKgPerHa: null },
      },
      resources: {
        projectSupportVnd: 400_000_000,
        counterpartVnd: 80_000_000,
        byParty: { household: 60_000_000, commune: 20_000_000 },
        byKind: { labour: 50_000_000, cash: 30_000_000 },
        counterpartShare: 80 / 480,
        withinRule: true,
      },
    };
    const doc = reportDocument(await reportFigures(org, period, scope, asOf, { evaluation }), {}, t);
    const text = pdfText(new Uint8Array(await reportPdf(doc))).replace(/\s+/g, " ");
    // Income: 28.000.000 ₫ → 31.500.000 ₫, +12,5 %; exits 7 of 25 (28%); linkage 1.250.000.000 ₫.
    for (const s of ["từ Điều tra đầu kỳ đến Điều tra cuối kỳ", "28.000.000 ₫", "31.500.000 ₫", "12,5%", "28%", "1.250.000.000 ₫", "32.894.737 ₫"])
      expect(text).toContain(s);
    // Women 70 of 180 = 38,9%; Tổ B 4 of 10 non-poor = 40%, over the 30% rule; 15.431,25 kg over 12,5 ha = 1.234,5 kg/ha.
    for (const s of ["38,9%", "Tổ B (vượt 30%)", "40%", "1.234,5 kg/ha", "12,5 ha"]) expect(text).toContain(s);
    // Counterpart 80 of 480 million = 16,7%, within 15–20%.
    for (const s of ["16,7%", "Quy định đối ứng 15–20%", "Đạt"]) expect(text).toContain(s);
    const rows = reportTable(doc, t).map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))));
    expect(cell(rows, "1.9", "Tỷ lệ thành viên nữ")).toBe("0.3889");
    expect(cell(rows, "1.8", "Tỷ lệ thoát nghèo")).toBe("0.28");
    expect(cell(rows, "2.7", "Tỷ lệ đối ứng")).toBe("0.1667");
    expect(cell(rows, "1.7", "Tổ A — Giao trên 1 ha")).toBe("1234.5");
  });
});
