// Issue 12: a group registered in the units of July 2025 by typing its commune without
// diacritics and picking it from the list that narrows, on a 360 px phone (by touch) and on a
// desktop (by keyboard).
import { expect, test } from "@playwright/test";
import { login } from "./support";

test("a group is registered by choosing Quảng Trị, typing “huong phung” and picking Xã Hướng Phùng", async ({ page }, testInfo) => {
  const phone = testInfo.project.name === "phone";
  const pageErrors: Error[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  // Not leader@caunoi.vn: other specs count that leader's groups.
  await login(page, "leader2@caunoi.vn");
  await page.goto("/groups/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đăng ký tổ nhóm sản xuất");

  const name = `Tổ cà phê kiểm thử địa bàn ${testInfo.project.name}`;
  await page.getByLabel("Tên tổ nhóm").fill(name);
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Quảng Trị" });

  const commune = page.getByRole("combobox", { name: "Xã, phường, đặc khu" });
  if (phone) await commune.tap();
  else await commune.click();
  await commune.pressSequentially("huong phung");
  const list = page.getByRole("listbox", { name: "Xã, phường, đặc khu" });
  await expect(list).toBeVisible();
  await expect(commune).toHaveAttribute("aria-expanded", "true");
  const option = list.getByRole("option", { name: "Xã Hướng Phùng" });
  await expect(option).toBeVisible();
  await expect(list.getByRole("option")).toHaveCount(1);
  if (phone) {
    // Nothing wider than the phone: the list opens inside the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: testInfo.outputPath("commune-list.png") });
    await option.tap();
  } else {
    await commune.press("ArrowDown");
    await expect(commune).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
    await commune.press("Enter");
  }
  await expect(commune).toHaveValue("Xã Hướng Phùng");
  await expect(list).toBeHidden();
  await page.getByLabel("Thôn/bản").fill("Thôn Cheng");

  await page.getByRole("button", { name: "Đăng ký tổ nhóm" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("status").filter({ hasText: "Đã tạo tổ nhóm" })).toHaveText(`Đã tạo tổ nhóm ${name}. Bước tiếp theo: thêm các hộ thành viên.`);
  await expect(page.locator("#group-place")).toContainText("Thôn Cheng, Xã Hướng Phùng, Quảng Trị");
  await expect(page.getByText("Trước 7/2025")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("group-registered.png"), fullPage: true });
  expect(pageErrors).toEqual([]);
});
