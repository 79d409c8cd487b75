// The money issue's end-to-end path: a statement for two pickups → its PDF → a partial
// payment and then the rest → the member's passbook.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { login } from "./support";

const digits = (s: string) => Number(s.replace(/\D/g, ""));

test("statement for two pickups → PDF → partly paid → paid → passbook", async ({ page }, testInfo) => {
  // It consumes the demo's uninvoiced pickups, so it runs in one project only.
  test.skip(testInfo.project.name !== "desktop", "runs once, on desktop");
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await login(page, "staff@caunoi.vn");
  await page.goto("/contracts?status=active");
  // The demo's own contract (c-2026-NNN), not one another test made for the same group.
  await page
    .locator("#contracts tr", { hasText: "Tổ hợp tác cà phê Hướng Phùng 1" })
    .getByRole("link", { name: /^c-2026-\d{3}$/ })
    .first()
    .click();
  await page.waitForURL(/\/contracts\/[a-z0-9]+$/);
  await page.getByRole("link", { name: "Lập phiếu thanh toán" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lập phiếu thanh toán");
  const boxes = page.locator("input[name=pickupIds]");
  expect(await boxes.count()).toBeGreaterThanOrEqual(2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "Lập phiếu thanh toán" }).click();
  await page.waitForURL(/\/invoices\/[a-z0-9]+$/);
  await expect(page.locator("h1")).toContainText("Bảng kê thanh toán BKTT-");
  await expect(page.locator("h1 .badge")).toHaveText("Chưa trả");

  // Every line's household, net weight and amount, and the hash, as the page shows them.
  const rows = await page.locator("#lines tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
  expect(rows.length).toBeGreaterThan(1);
  const total = (await page.locator(".stat", { hasText: "Phải trả" }).locator("strong").textContent())!.trim();
  const hash = (await page.locator("code").first().textContent())!.trim();

  const pdfRes = await page.request.get(`${page.url()}/pdf`);
  expect(pdfRes.status()).toBe(200);
  const pdfFile = testInfo.outputPath("invoice.pdf");
  fs.writeFileSync(pdfFile, await pdfRes.body());
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"]).toString();
  expect(text).toContain("Tổ hợp tác cà phê Hướng Phùng 1");
  for (const [household, , net, , , amount] of rows) {
    expect(text).toContain(household);
    expect(text).toContain(net);
    expect(text).toContain(amount);
  }
  expect(text).toContain(total);
  expect(text.replace(/\s+/g, "")).toContain(hash);
  expect(text).toContain("PHIẾU CHI TRẢ");
  expect(text).toMatch(/đồng/);

  // A partial payment, then the rest.
  const due = digits(total);
  const half = Math.floor(due / 2);
  await page.getByLabel("Số tiền (₫)").fill(String(half));
  await page.getByLabel("Hình thức").selectOption("cash");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã ghi nhận tiền trả.")).toBeVisible();
  await expect(page.locator("h1 .badge")).toHaveText("Trả một phần");
  // Over-payment is refused with a message.
  await page.getByLabel("Số tiền (₫)").fill(String(due));
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Số tiền lớn hơn số còn phải trả.").first()).toBeVisible();
  await page.getByLabel("Số tiền (₫)").fill(String(due - half));
  await page.getByLabel("Số chứng từ / mã giao dịch").fill("CK-2026-11-0001");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Đã trả đủ");
  await expect(page.locator("#remaining")).toHaveText("0 ₫");

  // The member household's passbook shows what it received.
  await login(page, "0912000001");
  await page.getByRole("link", { name: "Sổ giao hàng của tôi" }).click();
  await expect(page.locator("#money")).toContainText("Đã nhận");
  expect(digits((await page.locator("#money dd").nth(1).textContent())!)).toBeGreaterThan(0);
  expect(pageErrors).toEqual([]);
});
