// The public trace page on a cheap phone (issue 16): Chromium at 360 px, not signed in, opens a
// demo lot's code and sees the verdict, with nothing wider than the screen, no script loaded,
// and the language switch working.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

const DB_FILE = path.resolve("tests/.tmp/e2e/e2e.db");

function demoLot(): { code: string; grade: string } {
  const db = new Database(DB_FILE, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT t."code", g."label" AS "grade" FROM "TraceCode" t JOIN "Lot" l ON l."id" = t."lotId"
         JOIN "ContractGrade" g ON g."contractId" = l."contractId" AND g."code" = l."grade"
         WHERE NOT EXISTS (SELECT 1 FROM "Lot" n WHERE n."supersedesId" = l."id") ORDER BY l."createdAt" LIMIT 1`,
      )
      .get() as { code: string; grade: string };
  } finally {
    db.close();
  }
}

test.use({ viewport: { width: 360, height: 740 } });

test("a lot's trace page at 360 px, anonymous: verdict, no overflow, no script, Vietnamese and English", async ({ page }) => {
  const lot = demoLot();
  const scripts: string[] = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.context().clearCookies();
  const res = await page.goto(`/t/${lot.code}`);
  expect(res?.status()).toBe(200);
  await expect(page.locator("#trace-verdict")).toContainText("Hồ sơ nguyên vẹn");
  await expect(page.locator("#trace-facts")).toContainText(lot.grade);
  await expect(page.locator("#trace-head")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.locator(".trace-map svg")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  expect(scripts).toEqual([]);

  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("#trace-verdict")).toContainText("Record intact");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
});

test("an unknown code: the plain not-found page", async ({ page }) => {
  const res = await page.goto("/t/0000000000");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy mã này");
});
