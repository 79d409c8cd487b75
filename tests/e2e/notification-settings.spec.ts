// Notification settings on a phone (issue 17): from the inbox to the settings, a wrong number
// named in Vietnamese on its field, then an SMS phone without diacritics saved, "Đã lưu", and
// the page shows the number as stored, with nothing wider than the screen.
import { expect, test } from "@playwright/test";
import { login } from "./support";

test("a user sets an SMS phone and sees Đã lưu", async ({ page }, testInfo) => {
  // Each project (phone, desktop) keeps its own number in the one demo database.
  const [typed, shown] = testInfo.project.name === "phone" ? ["+84 912.345.678", "0912 345 678"] : ["0987654321", "0987 654 321"];
  await login(page, "leader@caunoi.vn");
  await page.goto("/inbox");
  await page.getByRole("link", { name: "Cài đặt thông báo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhận thông báo qua SMS, Zalo, email");

  const phone = page.getByLabel("Số điện thoại nhận SMS");
  await phone.fill("024 3312 3456");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.locator(".field-error").first()).toHaveText("Số điện thoại di động Việt Nam không hợp lệ");
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Đã lưu", { exact: true })).toHaveCount(0);

  await phone.fill(typed);
  await page.getByLabel("Gửi tin không dấu").check();
  await page.getByLabel("Các lần cân hàng và phiếu cân").check();
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.locator("#settings-saved")).toHaveText("Đã lưu");
  await expect(page.getByLabel("Số điện thoại nhận SMS")).toHaveValue(shown);
  await expect(page.getByLabel("Gửi tin không dấu")).toBeChecked();
  await expect(page.getByText("160 ký tự")).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
