// Survey rounds and household outcomes (issue 14) on a 360 px phone: the demo project's staff
// enter a household's midline answers — a mistake shows its field error — and move on to the next
// household; the outcome page shows the demo's baseline and midline figures.
import { expect, test } from "@playwright/test";
import { login } from "./support";

test.use({ viewport: { width: 360, height: 740 } });

const fitsPhone = async (page: import("@playwright/test").Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

test("the project's staff enter a household's answers on a phone and read the outcomes", async ({ page }, testInfo) => {
  await login(page, "project@caunoi.vn");
  await page.goto("/");
  await page.getByRole("link", { name: "Dự án Sinh kế bền vững – Hội LHPN" }).first().click();
  await page.getByRole("link", { name: "Khảo sát hộ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Khảo sát hộ");
  await page.getByRole("link", { name: "Khảo sát giữa kỳ 2025" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Khảo sát giữa kỳ 2025");
  await page.getByRole("link", { name: "Nhập phiếu hộ" }).click();

  const name = await page.getByRole("heading", { level: 1 }).textContent();
  const position = Number(/hộ (\d+)\//.exec((await page.locator("main").textContent()) ?? "")?.[1]);
  await fitsPhone(page);
  await page.getByLabel("Trồng trọt").fill("30.000.000");
  await page.getByLabel("Chăn nuôi").fill("-1");
  await page.getByLabel("Tình trạng").selectOption("near_poor");
  await page.getByLabel("Ngày xã công nhận").fill("2024-12-15");
  await page.getByLabel("Nữ", { exact: true }).fill("2");
  await page.getByLabel("Nam", { exact: true }).fill("2");
  await page.getByLabel("Dưới 16 tuổi").fill("1");
  await page.getByLabel("Từ 16 đến 60 tuổi").fill("2");
  await page.getByLabel("Trên 60 tuổi").fill("0");
  await page.getByLabel("Nữ tham gia").fill("1");
  await page.getByLabel("Nam tham gia").fill("1");
  await page.getByRole("button", { name: "Lưu và sang hộ sau" }).click();
  await expect(page.getByLabel("Chăn nuôi")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Số nằm ngoài khoảng cho phép.").first()).toBeVisible();
  await expect(page.getByText("Tổng số người theo nhóm tuổi phải bằng số nam cộng số nữ.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("survey-answer-errors.png"), fullPage: true });

  await page.getByLabel("Chăn nuôi").fill("4.000.000");
  await page.getByLabel("Trên 60 tuổi").fill("1");
  await page.getByRole("button", { name: "Lưu và sang hộ sau" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(name ?? "");
  await expect(page.getByText(new RegExp(`hộ ${position + 1}/`))).toBeVisible();
  // The next household's form starts from its own answers, not from what was typed for the last one.
  await expect(page.getByLabel("Chăn nuôi")).not.toHaveValue("4.000.000");

  await page.getByRole("link", { name: "← Hộ trước" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name ?? "");
  await expect(page.getByLabel("Chăn nuôi")).toHaveValue("4.000.000");

  await page.goto(page.url().replace(/\/surveys\/.*$/, "/outcomes"));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kết quả đối với hộ");
  await expect(page.getByText(/So sánh Khảo sát đầu kỳ 2024 \(15\/03\/2024\) với Khảo sát giữa kỳ 2025 \(15\/08\/2025\)/)).toBeVisible();
  await expect(page.locator("#poverty")).toContainText("Trong đó đã thoát nghèo ở đợt sau");
  await expect(page.locator("svg.chart")).toBeVisible();
  await fitsPhone(page);
  await page.screenshot({ path: testInfo.outputPath("outcomes.png"), fullPage: true });
});
