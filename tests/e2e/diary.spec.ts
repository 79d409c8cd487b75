// A household diary week on a 360 px phone (issue 14): the demo member opens their household's
// diary from the group page, writes a harvest, a cost and a sale to a trader this week, sees a
// refused line's Vietnamese error, and finds the lines on the monthly page's totals.
//
// The month may already hold lines (the demo's diary, another spec's weighings today), so the
// monthly figures are read before and compared after: + 150.000 ₫ of costs, + 25 kg × 12.000 ₫.
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

test.use({ viewport: { width: 360, height: 740 } });

const vnd = (s: string | null) => Number((s ?? "").replace(/[^\d-]/g, ""));

async function monthFigures(page: Page) {
  return {
    costs: (await page.locator("#month-costs-total").count()) ? vnd(await page.locator("#month-costs-total").textContent()) : 0,
    sales: vnd(await page.locator("#month-sales-total").textContent()),
    margin: vnd(await page.locator("#month-margin").textContent()),
  };
}

test("a member writes a diary week on a phone and sees the month's totals", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone task: runs in the phone project");
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await login(page, "0912000001");
  await page.getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" }).first().click();
  await page.getByRole("link", { name: "Sổ ghi chép" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sổ ghi chép nông hộ: Côn Thị Hiền");
  const diaryUrl = page.url();

  // The month as it stands.
  await page.locator("#diary-month-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sổ ghi chép tháng");
  const before = await monthFigures(page);
  await page.goto(diaryUrl);

  // A harvest first, so the sale below stays within it.
  await page.locator("#diary-add-harvest > summary").click();
  const harvest = page.locator("#diary-add-harvest");
  await harvest.getByLabel("Sản phẩm").selectOption({ label: "Cà phê quả tươi" });
  await harvest.getByLabel("Số kg").fill("300");
  await harvest.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã ghi vào sổ.")).toBeVisible();

  // A cost of 0 is refused in Vietnamese, and nothing is written.
  const cost = page.locator("#diary-add-cost");
  await cost.getByLabel("Khoản chi").selectOption({ label: "Phân bón" });
  await cost.getByLabel("Số tiền (₫)").fill("0");
  await cost.getByRole("button", { name: "Lưu" }).click();
  await expect(cost.getByText("Phải lớn hơn 0.")).toBeVisible();
  await expect(page.locator("#diary-lines li", { hasText: "Phân bón · 0 ₫" })).toHaveCount(0);
  await cost.getByLabel("Số tiền (₫)").fill("150.000");
  await cost.getByRole("button", { name: "Lưu" }).click();
  await expect(page.locator("#diary-lines")).toContainText("Phân bón · 150.000 ₫");

  // A sale to a trader: 25 kg × 12.000 ₫ = 300.000 ₫, worked out by the app.
  await page.locator("#diary-add-sale > summary").click();
  const sale = page.locator("#diary-add-sale");
  await sale.getByLabel("Sản phẩm").selectOption({ label: "Cà phê quả tươi" });
  await sale.getByLabel("Số kg").fill("25");
  await sale.getByLabel("Giá (₫/kg)").fill("12000");
  await sale.getByLabel("Người mua").fill("Thương lái");
  await sale.getByRole("button", { name: "Lưu" }).click();
  await expect(page.locator("#diary-lines")).toContainText("25 kg × 12.000 ₫ = 300.000 ₫");

  // The form fits the phone: nothing wider than the screen.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);

  await page.locator("#diary-month-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sổ ghi chép tháng");
  const after = await monthFigures(page);
  expect(after.costs - before.costs).toBe(150_000);
  expect(after.sales - before.sales).toBe(300_000);
  expect(after.margin - before.margin).toBe(150_000);
  expect(pageErrors).toEqual([]);
});
