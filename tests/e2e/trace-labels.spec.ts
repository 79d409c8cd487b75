// Issue 16's end-to-end path: the buyer's staff prints a label sheet, a QR is read from the
// rendered PDF, and its address opens in a fresh phone-sized browser without logging in: the
// lot, its group, the group's valid certificate and "record intact". After the lot's row is
// changed behind the app's back, the same page says the record was altered.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { formatNumber } from "../../app/utils/format";
import { readLabelSheet } from "../support/qr-from-pdf";
import { login } from "./support";

const DB_FILE = path.resolve("tests/.tmp/e2e/e2e.db");
const CERT = { id: "e2e-trace-labels-cert", number: "VG-E2E-0426" };

test.use({ viewport: { width: 360, height: 740 } });

test("label sheet → QR → public trace page at 360 px: intact, then altered after tampering", async ({ page, browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone task: runs in the phone project");

  // A pickup of an old, completed contract of the demo buyer that no other test relies on, with
  // a VietGAP certificate of its group valid on its date, recorded with the pickup.
  const raw = new Database(DB_FILE);
  const pickup = raw
    .prepare(
      `SELECT p."id", p."date", c."groupId", g."name" AS "groupName" FROM "Pickup" p JOIN "Contract" c ON c."id" = p."contractId"
       JOIN "FarmerGroup" g ON g."id" = c."groupId" WHERE c."ref" = 'c-2023-002' ORDER BY p."chainSeq" LIMIT 1`,
    )
    .get() as { id: string; date: string; groupId: string; groupName: string };
  const now = new Date().toISOString().replace("Z", "+00:00");
  raw
    .prepare(
      `INSERT OR IGNORE INTO "Certification" ("id", "groupId", "scheme", "number", "body", "validFrom", "validTo", "areaHa", "membersCovered", "createdAt", "updatedAt")
       VALUES (?, ?, 'vietgap', ?, 'Trung tâm Chứng nhận Phù hợp (QUACERT)', '2023-01-01', '2027-12-31', 12.5, 18, ?, ?)`,
    )
    .run(CERT.id, pickup.groupId, CERT.number, now, now);
  raw.prepare(`INSERT OR IGNORE INTO "PickupCertification" ("pickupId", "certificationId") VALUES (?, ?)`).run(pickup.id, CERT.id);

  // The buyer's staff fetches the A4 3×8 sheet of that pickup over HTTP, signed in.
  await login(page, "staff@caunoi.vn");
  const res = await page.request.get(`/pickups/${pickup.id}/labels/pdf?size=a4-3x8&scope=lots`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const read = readLabelSheet(new Uint8Array(await res.body()), "a4-3x8");

  // One QR per lot in force, each the address of that lot's code, on this app's own host.
  const lots = raw
    .prepare(
      `SELECT l."id", l."netG", t."code" FROM "Lot" l JOIN "TraceCode" t ON t."lotId" = l."id"
       WHERE l."pickupId" = ? AND NOT EXISTS (SELECT 1 FROM "Lot" n WHERE n."supersedesId" = l."id") ORDER BY l."chainSeq"`,
    )
    .all(pickup.id) as { id: string; netG: number; code: string }[];
  expect(lots.length).toBeGreaterThan(0);
  expect(read.map((r) => r.cell)).toEqual(lots.map((_, i) => i));
  const shape = new RegExp(`^${baseURL!.replace(/[.]/g, "\\.")}/(t/|01/\\d{14}/10/)([0-9A-HJKMNP-TV-Z]{10})$`);
  for (const [i, r] of read.entries()) {
    const m = shape.exec(r.url);
    expect(m, r.url).not.toBeNull();
    expect(m![2]).toBe(lots[i].code);
    expect(r.symbolMm).toBeGreaterThanOrEqual(18);
  }
  const lot = lots[0];

  // A stranger's phone: a fresh browser, nobody signed in.
  const stranger = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await stranger.newPage();
  const pageErrors: string[] = [];
  phone.on("pageerror", (e) => pageErrors.push(e.message));
  await phone.goto(read[0].url);
  expect(new URL(phone.url()).pathname).toBe(new URL(read[0].url).pathname); // not sent to the login page
  const body = phone.locator("body");
  await expect(body).toContainText(pickup.groupName);
  await expect(body).toContainText(formatNumber(lot.netG / 1000, 3));
  await expect(body).toContainText(CERT.number);
  await expect(body).toContainText("Hồ sơ nguyên vẹn");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: testInfo.outputPath("trace-intact.png"), fullPage: true });

  // The lot's weight changed in SQLite behind the app's back: the page says so.
  const trigger = (raw.prepare(`SELECT "sql" FROM sqlite_master WHERE "type" = 'trigger' AND "name" = 'Lot_no_update'`).get() as { sql: string }).sql;
  const setNet = raw.transaction((netG: number) => {
    raw.exec(`DROP TRIGGER "Lot_no_update"`);
    raw.prepare(`UPDATE "Lot" SET "netG" = ? WHERE "id" = ?`).run(netG, lot.id);
    raw.exec(trigger);
  });
  try {
    setNet(lot.netG + 1000);
    await phone.reload();
    await expect(body).toContainText("Hồ sơ đã bị thay đổi");
    await expect(body).not.toContainText("Hồ sơ nguyên vẹn");
    await phone.screenshot({ path: testInfo.outputPath("trace-altered.png"), fullPage: true });
  } finally {
    // Put the row back: the other specs share this database.
    setNet(lot.netG);
    raw.close();
  }
  await phone.reload();
  await expect(body).toContainText("Hồ sơ nguyên vẹn");
  expect(pageErrors).toEqual([]);
  await stranger.close();
});
