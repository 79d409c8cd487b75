// The marketplace issue's end-to-end path: offer → take-up → confirmation → contract and its
// PDF → refused to an outsider → renewal into the next season.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { login } from "./support";

test("offer → take-up → contract → PDF → renewal", async ({ page }, testInfo) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  const title = `Thu mua cà phê chín đỏ ${testInfo.project.name} ${Date.now()}`;

  // 1. Buyer staff publishes an offer with two grades.
  await login(page, "staff@caunoi.vn");
  await page.goto("/offers/new");
  await page.getByLabel("Tên đơn thu mua").fill(title);
  await page.getByLabel("Mùa vụ").selectOption({ label: "Cà phê quả tươi — Vụ cà phê 2026–2027" });
  await page.getByLabel("Số lượng tối thiểu (tấn)").fill("5");
  await page.getByLabel("Số lượng tối đa (tấn)").fill("40");
  await page.getByLabel("Nhận hàng từ ngày").fill("2026-11-25");
  await page.getByLabel("Đến ngày").fill("2027-01-20");
  const codes = page.getByLabel("Loại", { exact: true });
  await codes.nth(0).fill("A");
  await page.getByLabel("Tên loại").nth(0).fill("Chín ≥ 95%");
  await page.getByLabel("Tiêu chí").nth(0).fill("Tỷ lệ quả chín ≥ 95%");
  await page.getByLabel("Giá (₫/kg)").nth(0).fill("18.500");
  await codes.nth(1).fill("B");
  await page.getByLabel("Tên loại").nth(1).fill("Chín 85–95%");
  await page.getByLabel("Giá (₫/kg)").nth(1).fill("16.200");
  await page.getByLabel("Tên điểm").nth(0).fill("Điểm thu mua Hướng Phùng");
  await page.getByLabel("Vĩ độ").nth(0).fill("16,71");
  await page.getByLabel("Kinh độ").nth(0).fill("106,61");
  await page.getByRole("checkbox", { name: "Quảng Trị", exact: true }).check();
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await page.getByText("Đăng…", { exact: true }).click();
  await page.getByRole("checkbox", { name: /Tôi xác nhận đăng đơn/ }).check();
  await page.getByRole("button", { name: "Đăng", exact: true }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Đang mở");
  const offerUrl = page.url();

  // 2. The group leader finds it in the list and on the map, and takes it up with allocations.
  await login(page, "leader@caunoi.vn");
  await page.goto("/offers");
  await expect(page.locator(".leaflet-container")).toBeVisible();
  await expect(page.locator(".leaflet-overlay-pane path.leaflet-interactive").first()).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText("Chín ≥ 95%").first()).toBeVisible();
  await expect(page.getByText("18.500 ₫").first()).toBeVisible();
  await page.getByLabel("Diện tích (ha)").fill("6,5");
  await page.getByLabel("Sản lượng (tấn)").fill("6");
  const allocs = page.locator(".alloc-grid input");
  await allocs.nth(0).fill("2");
  await allocs.nth(1).fill("2,5");
  await allocs.nth(2).fill("1");
  await page.getByRole("button", { name: "Gửi đề nghị nhận đơn" }).click();
  // Shares that do not add up are refused with a message, nothing sent.
  await expect(page.getByText("Tổng sản lượng các hộ phải bằng sản lượng đề xuất.").first()).toBeVisible();
  await page.locator(".alloc-grid input").nth(2).fill("1,5");
  await page.getByLabel("Tổ đồng ý với giá và điều khoản của đơn này").check();
  await page.getByRole("button", { name: "Gửi đề nghị nhận đơn" }).click();
  await expect(page.getByText("Đã gửi. Bên mua sẽ xem xét và trả lời.")).toBeVisible();

  // 3. The buyer sees it in the inbox and confirms: a contract is made.
  await login(page, "staff@caunoi.vn");
  await expect(page.locator(".site-nav .count")).toBeVisible();
  await page.goto("/inbox");
  await page
    .getByRole("link", { name: /Tổ hợp tác cà phê Hướng Phùng 1 nhận đơn/ })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`${new URL(offerUrl).pathname}`));
  const takeUp = page.locator(".acceptance").filter({ hasText: "Tổ hợp tác cà phê Hướng Phùng 1" });
  await takeUp.getByText("Xác nhận, lập hợp đồng…", { exact: true }).click();
  await takeUp.getByRole("checkbox", { name: /được lập và ký nhân danh tổ chức/ }).check();
  await takeUp.getByRole("button", { name: "Xác nhận, lập hợp đồng" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hợp đồng");
  await expect(page.locator("h1 .badge")).toHaveText("Đã ký");
  const contractUrl = page.url();

  // 4. Both sides see the contract and its PDF, whose text names the group and the prices.
  const pdfRes = await page.request.get(`${contractUrl}/pdf`);
  expect(pdfRes.status()).toBe(200);
  expect(pdfRes.headers()["content-type"]).toBe("application/pdf");
  const pdfFile = testInfo.outputPath("contract.pdf");
  fs.writeFileSync(pdfFile, await pdfRes.body());
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"]).toString();
  expect(text).toContain("Tổ hợp tác cà phê Hướng Phùng 1");
  expect(text).toContain("18.500 ₫");
  expect(text).toContain("16.200 ₫");
  expect(text).toContain("HTX Cà phê Khe Sanh");

  await login(page, "leader@caunoi.vn");
  await page.goto(contractUrl);
  await expect(page.getByText("Đã giao 0 / 6 tấn")).toBeVisible();
  expect((await page.request.get(`${contractUrl}/pdf`)).status()).toBe(200);

  // 5. Another group's leader cannot open it, nor its PDF.
  await login(page, "leader2@caunoi.vn");
  const res = await page.goto(contractUrl);
  expect(res?.status()).toBe(404);
  expect((await page.request.get(`${contractUrl}/pdf`)).status()).toBe(404);

  // 6. Deliveries start, then renewal prefills a linked contract for the next season.
  await login(page, "staff@caunoi.vn");
  await page.goto(contractUrl);
  // Every step of a contract is one way: the box says so and must be ticked.
  await page.getByLabel("Tôi xác nhận bước này: hợp đồng không quay lại trạng thái trước được.").check();
  await page.getByRole("button", { name: "Bắt đầu giao hàng" }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Đang thực hiện");
  await page.getByRole("button", { name: "Gia hạn sang vụ sau" }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Nháp");
  await expect(page.getByText("Vụ cà phê 2027–2028").first()).toBeVisible();
  const renews = page.locator("dt", { hasText: "Tiếp nối hợp đồng" }).locator("xpath=following-sibling::dd[1]").getByRole("link");
  await expect(renews).toHaveAttribute("href", new URL(contractUrl).pathname);
  expect(pageErrors).toEqual([]);
});
