// The pickup form for forty households, on a 360 × 740 phone: compact two-line rows with
// thumb-sized targets, lots added and removed with the totals following, a negative net
// marked on its field and in the summary (and kept out of the totals), and an unlikely net
// sent only once the person confirms it.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

const DB_FILE = path.resolve("tests/.tmp/e2e/e2e.db");

test.use({ viewport: { width: 360, height: 740 } });

const NEGATIVE = "Bì phải nhẹ hơn cân cả bì: khối lượng tịnh phải lớn hơn 0.";

async function fillLot(page: Page, i: number, household: string, gross: string, tare: string, grade: string) {
  const row = page.locator("tbody.lot-row").nth(i);
  await row.getByLabel("Hộ", { exact: true }).selectOption({ label: household });
  await row.getByLabel("Cân cả bì (kg)").fill(gross);
  await row.getByLabel("Bì (kg)", { exact: true }).fill(tare);
  await row.getByLabel("Quả chín (%)").fill("96");
  await row.getByLabel("Loại", { exact: true }).selectOption(grade);
}

/** What a lot is paid, as the server computes it: net grams × price per kg, rounded half up. */
const amount = (netKg: number, price: number) => Math.floor((Math.round(netKg * 1000) * price + 500) / 1000);
const vnd = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} ₫`;

test("forty-lot pickup form at 360 px: rows, add and remove, totals, errors on their fields, unlikely nets confirmed", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone task: runs in the phone project");
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await login(page, "staff@caunoi.vn");
  await page.goto("/contracts?status=active");
  await page
    .locator("#contracts tr", { hasText: "Tổ hợp tác cà phê Hướng Phùng 1" })
    .getByRole("link", { name: /^c-2026-\d{3}$/ })
    .first()
    .click();
  await page.waitForURL(/\/contracts\/[a-z0-9]+$/);
  const contractId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "Ghi lần cân hàng" }).click();
  await page.waitForURL(/\/pickups\/new$/);

  const raw = new Database(DB_FILE, { readonly: true });
  const price = Object.fromEntries(
    (raw.prepare(`SELECT code, "priceVndPerKg" AS p FROM "ContractGrade" WHERE "contractId" = ?`).all(contractId) as { code: string; p: number }[]).map((g) => [
      g.code,
      g.p,
    ]),
  );
  const pickupsOnContract = () => (raw.prepare(`SELECT COUNT(*) AS n FROM "Pickup" WHERE "contractId" = ?`).get(contractId) as { n: number }).n;
  const before = pickupsOnContract();

  const rows = page.locator("tbody.lot-row");
  const total = page.locator(".totals .total-row");
  const byHousehold = (name: string) => page.locator(".totals tr", { hasText: name });
  await expect(rows).toHaveCount(3);

  // Three lots in the rows the form opens with.
  await fillLot(page, 0, "Côn Thị Hiền", "120", "2", "A");
  await fillLot(page, 1, "Côn Văn Ba", "80", "1", "B");
  await fillLot(page, 2, "Côn Thị Hiền", "60", "1,5", "A");
  await expect(rows.nth(2).locator(".lot-net")).toHaveText("58,5 kg");
  await expect(byHousehold("Côn Thị Hiền")).toContainText("176,5 kg");
  await expect(byHousehold("Côn Văn Ba")).toContainText("79 kg");
  await expect(total).toContainText("Cả lần cân (3 lô)");
  await expect(total).toContainText("255,5 kg");
  await expect(total).toContainText(vnd(amount(118, price.A) + amount(79, price.B) + amount(58.5, price.A)));

  // Compact and thumb-sized on the phone: two lines per lot, 44 px targets, nothing wider than the screen.
  const line = await rows.nth(0).locator("tr.lot-line").boundingBox();
  expect(line!.height).toBeLessThan(2 * 44 + 40);
  for (const target of [
    rows.nth(0).getByLabel("Hộ", { exact: true }),
    rows.nth(0).getByLabel("Cân cả bì (kg)"),
    rows.nth(0).getByLabel("Loại", { exact: true }),
    rows.nth(0).getByRole("button", { name: "Xoá lô 1" }),
  ]) {
    const box = await target.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  expect((await rows.nth(0).getByRole("button", { name: "Xoá lô 1" }).boundingBox())!.width).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // A fourth lot: the new row opens on its household.
  await page.getByRole("button", { name: "Thêm lô" }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3).getByLabel("Hộ", { exact: true })).toBeFocused();
  await fillLot(page, 3, "Hồ Văn Ba", "90", "2", "B");
  await expect(total).toContainText("343,5 kg");
  await expect(total).toContainText("Cả lần cân (4 lô)");
  await page.screenshot({ path: testInfo.outputPath("pickup-form-phone.png"), fullPage: true });

  // Removing lot 2 takes Côn Văn Ba out of the totals.
  await page.getByRole("button", { name: "Xoá lô 2" }).click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("status").filter({ hasText: "Đã xoá lô 2." })).toBeVisible();
  await expect(byHousehold("Côn Văn Ba")).toHaveCount(0);
  await expect(total).toContainText("264,5 kg");
  await expect(total).toContainText("Cả lần cân (3 lô)");
  await expect(total).toContainText(vnd(amount(118, price.A) + amount(58.5, price.A) + amount(88, price.B)));
  await expect(rows.nth(2).getByLabel("Hộ", { exact: true })).toHaveValue(/.+/);
  await expect(rows.nth(2).locator(".lot-net")).toHaveText("88 kg");

  // A tare above the gross (−21 kg): marked on its field at once, never in the totals.
  const tare = rows.nth(2).getByLabel("Bì (kg)", { exact: true });
  await tare.fill("111");
  await expect(rows.nth(2).locator(".lot-net")).toHaveText("-21 kg");
  await expect(tare).toHaveAttribute("aria-invalid", "true");
  await expect(rows.nth(2).locator(".field-error")).toHaveText(`Bì (kg): ${NEGATIVE}`);
  await expect(total).toContainText("176,5 kg");
  await expect(total).toContainText("Cả lần cân (2 lô)");
  await expect(byHousehold("Hồ Văn Ba")).toHaveCount(0);

  // Sending is refused on the phone: the summary lists it and leads to the field.
  await page.getByRole("button", { name: "Gửi phiếu cân" }).click();
  const summary = page.locator("#pk-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("còn 1 lỗi");
  const link = summary.getByRole("link", { name: `Lô 3 · Bì (kg): ${NEGATIVE}` });
  await expect(link).toBeVisible();
  await link.click();
  await expect(tare).toBeFocused();
  await expect(page).toHaveURL(/\/pickups\/new/);
  expect(pickupsOnContract()).toBe(before);

  // Corrected: the error and the summary go, the lot is back in the totals.
  await tare.fill("2");
  await expect(tare).not.toHaveAttribute("aria-invalid", "true");
  await expect(summary).toHaveCount(0);
  await expect(total).toContainText("264,5 kg");

  // 1.200 kg typed for 120: more than Côn Thị Hiền's whole-season allocation. Asked first.
  await rows.nth(0).getByLabel("Cân cả bì (kg)").fill("1200");
  await page.getByRole("button", { name: "Gửi phiếu cân" }).click();
  const warning = page.locator("#pk-warnings");
  await expect(warning).toContainText("Kiểm tra lại trước khi gửi");
  await expect(warning).toContainText("Lô 1 (Côn Thị Hiền): tịnh 1.198 kg, nhiều hơn cả phần hộ nhận giao trong vụ");
  await expect(rows.nth(0).locator(".warn-text")).toBeVisible();
  await expect(page).toHaveURL(/\/pickups\/new/);
  expect(pickupsOnContract()).toBe(before);

  // The person confirms: it is recorded once, with its measures by their labels.
  await warning.getByRole("button", { name: "Vẫn lưu" }).click();
  await page.waitForURL(/\/pickups\/[a-z0-9]+$/);
  await expect(page.locator("article.lot")).toHaveCount(3);
  await expect(page.locator("article.lot", { hasText: "Côn Thị Hiền" }).first()).toContainText("Quả chín: 96%");
  await expect(page.locator("article.lot").first()).not.toContainText("ripePct");
  expect(pickupsOnContract()).toBe(before + 1);
  const nets = raw
    .prepare(`SELECT l."netG" AS n FROM "Lot" l JOIN "Pickup" p ON p.id = l."pickupId" WHERE p.id = ? ORDER BY l."chainSeq"`)
    .all(new URL(page.url()).pathname.split("/").pop()) as { n: number }[];
  expect(nets.map((r) => r.n)).toEqual([1_198_000, 58_500, 88_000]);
  raw.close();
  expect(pageErrors).toEqual([]);
});
