// The foundation issue's end-to-end path, in Chromium, on the demo programme.
import { expect, test } from "@playwright/test";
import { login } from "./support";

test("a group leader switches language, adds a household, sees it, and cannot open another group", async ({ page }, testInfo) => {
  await login(page, "leader@caunoi.vn");
  await page.getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổ hợp tác cà phê Hướng Phùng 1");
  const groupUrl = page.url();

  // Switch to English and back: the choice is remembered across pages.
  await page.getByRole("button", { name: "Chuyển ngôn ngữ" }).click();
  await expect(page.getByRole("link", { name: "Add household" })).toBeVisible();
  await page.goto("/groups");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Farmer groups");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổ nhóm sản xuất");

  // Add a household; a first attempt with missing fields shows errors tied to the fields.
  await page.goto(groupUrl);
  await page.getByRole("link", { name: "Thêm hộ" }).click();
  await page.getByRole("button", { name: "Thêm hộ" }).click();
  const name = page.getByLabel("Tên chủ hộ");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Vui lòng nhập thông tin này.").first()).toBeVisible();

  const headName = `Hồ Thị Kiểm Thử ${testInfo.project.name}`;
  await name.fill(headName);
  await page.getByLabel("Giới tính chủ hộ").selectOption("female");
  await page.getByLabel("Tình trạng").selectOption("near_poor");
  await page.getByLabel("Ngày xã công nhận").fill("2024-12-20");
  await page.getByLabel("Hộ dân tộc thiểu số").check();
  await page.getByLabel("Dân tộc", { exact: true }).fill("Vân Kiều");
  await page.getByLabel("Số nhân khẩu", { exact: true }).fill("5");
  await page.getByLabel("Số nhân khẩu nữ").fill("3");
  await page.getByLabel("Số lao động").fill("3");
  await page.getByLabel("Thu nhập năm ban đầu (₫)").fill("28.000.000");
  await page.getByRole("button", { name: "Thêm hộ" }).click();

  const row = page.locator("#households tr", { hasText: headName });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Hộ cận nghèo");
  await expect(row).toContainText("28.000.000 ₫");
  await page.screenshot({ path: testInfo.outputPath("group-page.png"), fullPage: true });

  // Another organisation's group, reached by URL, is not found.
  await page.goto("/groups");
  const otherIds = await page.locator("table a[href^='/groups/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(otherIds).toHaveLength(1); // the leader sees only their own group
});

test("another organisation's group cannot be opened by URL", async ({ page }) => {
  // leader2 belongs to a Sơn La group; find the Hướng Phùng group's id as the project owner sees it.
  await login(page, "project@caunoi.vn");
  await page.goto("/groups");
  const href = await page.getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" }).getAttribute("href");
  expect(href).toMatch(/^\/groups\//);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  // The logout's answer sets cookies: let it land before signing in again, or it can replace the
  // new login form's CSRF cookie mid-way (the form then answers 403).
  await expect(page).toHaveURL(/\/login/);

  await login(page, "leader2@caunoi.vn");
  const res = await page.goto(href!);
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Không tìm thấy trang hoặc bạn không có quyền xem.")).toBeVisible();
  await expect(page.getByText("Côn Thị")).toHaveCount(0);
});

test("a Vietnamese page never downloads the English strings; an English page has them from its first paint", async ({ page }) => {
  const english: string[] = [];
  page.on("request", (r) => {
    if (/\/build\/_shared\/en-[A-Z0-9]+\.js$/.test(r.url())) english.push(r.url());
  });
  await login(page, "project@caunoi.vn");
  await page.goto("/groups");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổ nhóm sản xuất");
  expect(english).toEqual([]);

  // Switched without a page load: the English script arrives, then the page speaks English.
  await page.getByRole("button", { name: "Chuyển ngôn ngữ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Farmer groups");
  expect(english).toHaveLength(1);

  // Loaded as English: hydrated with English (a mismatch would re-render in Vietnamese), and it works.
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Farmer groups");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổ nhóm sản xuất");
  expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
});
