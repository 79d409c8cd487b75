// The programme report on a 360 px phone: the project owner picks a period, writes a section and
// the signature in one column of big fields, saves, and reads them under their headings.
import { expect, test } from "@playwright/test";
import { login } from "./support";

test("the project owner writes the report's words on a phone and reads them in the report", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the form is a phone's first: one run, at 360 px");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await login(page, "project@caunoi.vn");
  await page.goto("/reports");
  await page.getByLabel("Kỳ báo cáo").selectOption({ label: "Năm 2025 — mọi sản phẩm" });
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.locator("#report")).toContainText("Năm 2025 — mọi sản phẩm");
  // Every heading of the report is on the page, in the order of the template.
  const headings = await page.locator("#report .report-section").locator("h3, h4").allTextContents();
  expect(headings[0]).toBe("THÔNG TIN CHUNG");
  expect(headings.indexOf("1.8. Tác động kinh tế, xã hội, môi trường của dự án")).toBeLessThan(
    headings.indexOf("1.9. Nhóm hưởng lợi trực tiếp và tiêu thức lựa chọn"),
  );

  const activities = page.getByLabel("1.6. Các hoạt động chính");
  await activities.fill("Tập huấn thu hái cà phê chín và sơ chế rau an toàn cho các tổ.");
  await page.getByLabel("Người đại diện", { exact: true }).fill("Nguyễn Thị Mai");
  await page.getByLabel("Chức vụ", { exact: true }).fill("Giám đốc dự án");
  await page.getByLabel("Ngày báo cáo").fill("2026-11-30");
  // One column: the text box spans the card, and nothing is wider than the phone.
  const box = await activities.boundingBox();
  expect(box!.width).toBeGreaterThan(280);
  await page.getByRole("button", { name: "Lưu phần lời" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu.");
  await expect(page.locator("#section-1\\.6")).toContainText("Tập huấn thu hái cà phê chín và sơ chế rau an toàn cho các tổ.");
  await expect(page.locator("#section-org\\.representative")).toContainText("Nguyễn Thị Mai");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  expect(errors).toEqual([]);
});
