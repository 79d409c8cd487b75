// What leaves the server, over real HTTP against the built app on the demo programme:
// CSV downloads never carry a live spreadsheet formula.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("trust-data");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { db, disconnect, write } = await import("~/utils/db.server");

let server: AppServer;
const as = sessionPool(() => server, DEMO_PASSWORD);

const GROUP_REF = "tg-huong-phung-1"; // the demo member's group (leader@caunoi.vn, 0912000001)
const ids = { group: "", own: "", project: "", buyer: "", otherGroup: "" };

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
      await tx.farmerGroup.update({ where: { ref: "tg-tan-xuan-rau" }, data: { district: DISTRICT } });
      await tx.organisation.update({ where: { id: ids.project }, data: { objectives: OBJECTIVES, beneficiarySelection: SELECTION } });
    });
  });

  it("the programme report CSV writes the texts behind an apostrophe, numbers as numbers", async () => {
    const c = await as("project@caunoi.vn");
    const res = await c.get(`/reports/csv?org=${ids.project}&season=coffee-2025`);
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
    const res = await c.get(`/dashboard/csv?table=areas&season=coffee-2025&province=${encodeURIComponent("Quảng Trị")}&district=${encodeURIComponent("Hướng Hóa")}`);
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    expect(liveFormulas(rows)).toEqual([]);
    expect(rows.map((r) => r[1])).toContain(`'${NAME}`);
  });
});
