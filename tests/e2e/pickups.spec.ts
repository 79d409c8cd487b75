// The pickups issue's end-to-end path, at phone size: record a pickup of five lots with a
// witness (surviving a reload and a dropped connection), dispute, correct, passbook, verify,
// and a direct SQL tamper that verify catches.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

const DB_FILE = path.resolve("tests/.tmp/e2e/e2e.db");

test.use({ viewport: { width: 360, height: 740 } });

async function fillLot(page: Page, i: number, household: string, gross: string, tare: string, grade: string) {
  const card = page.locator("tbody.lot-row").nth(i);
  await card.getByLabel("Hộ", { exact: true }).selectOption({ label: household });
  await card.getByLabel("Cân cả bì (kg)").fill(gross);
  await card.getByLabel("Bì (kg)", { exact: true }).fill(tare);
  await card.getByLabel("Quả chín (%)").fill(grade === "A" ? "96" : "90");
  await card.getByLabel("Loại", { exact: true }).selectOption(grade);
}

test("pickup → dispute → correction → passbook → verify, and tampering is caught", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone task: runs in the phone project");
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  // The active coffee contract of Hướng Phùng 1.
  await login(page, "staff@caunoi.vn");
  await page.goto("/contracts?status=active");
  // The demo's own contract (c-2026-NNN), not one another test made for the same group.
  await page
    .locator("#contracts tr", { hasText: "Tổ hợp tác cà phê Hướng Phùng 1" })
    .getByRole("link", { name: /^c-2026-\d{3}$/ })
    .first()
    .click();
  await page.waitForURL(/\/contracts\/[a-z0-9]+$/);
  const contractUrl = page.url();
  await page.getByRole("link", { name: "Ghi lần cân hàng" }).click();

  // Three lots, then the phone reloads: the half-filled pickup comes back.
  await page.getByLabel("Biển số xe").fill("74C-123.45");
  await page.getByRole("checkbox", { name: "Hồ Thị Lan" }).check();
  await fillLot(page, 0, "Côn Thị Hiền", "100", "2", "A");
  await fillLot(page, 1, "Côn Văn Ba", "212,5", "4,5", "B");
  await fillLot(page, 2, "Côn Văn Bình", "150", "3", "A");
  await page.reload();
  await expect(page.getByText("Đã mở lại phiếu cân chưa gửi trên máy này.")).toBeVisible();
  await expect(page.locator("tbody.lot-row").nth(1).getByLabel("Cân cả bì (kg)")).toHaveValue("212,5");
  await page.getByRole("button", { name: "Thêm lô" }).click();
  await page.getByRole("button", { name: "Thêm lô" }).click();
  await fillLot(page, 3, "Hồ Thị Hiền", "80", "1", "A");
  await fillLot(page, 4, "Hồ Văn Ba", "300", "6", "B");
  await expect(page.locator(".totals .total-row")).toContainText("826 kg");

  // The connection drops as it is sent: nothing is lost, the pickup waits on the phone and is
  // sent by itself when the network returns (docs/decisions/0026-offline-field-pages.md).
  await context.setOffline(true);
  await page.getByRole("button", { name: "Gửi phiếu cân" }).click();
  await expect(page.getByText(/Chưa có mạng: phiếu cân đã lưu trên máy/)).toBeVisible();
  await context.setOffline(false);
  const kept = page.locator(".offline-queue li");
  await expect(kept).toContainText("đã gửi.");
  await kept.getByRole("link", { name: "Xem lần cân" }).click();
  await page.waitForURL(/\/pickups\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lần cân ngày");
  const pickupUrl = page.url();
  await expect(page.locator("article.lot")).toHaveCount(5);
  await expect(page.getByText("Hồ Thị Lan")).toBeVisible(); // the witness

  // The group leader sees it and disputes Côn Thị Hiền's lot.
  await login(page, "leader@caunoi.vn");
  await page.goto(contractUrl);
  await expect(page.locator("#pickups")).toContainText("5 lô");
  await page.goto(pickupUrl);
  const lot = page.locator("article.lot", { hasText: "Côn Thị Hiền" });
  await lot.getByText("Khiếu nại lô này").click();
  await lot.getByLabel("Lý do khiếu nại").fill("Cân lại: bao ướt đã trừ hai lần");
  await lot.getByRole("button", { name: "Gửi khiếu nại" }).click();
  await expect(page.getByText("Đã gửi khiếu nại cho bên mua.")).toBeVisible();

  // The buyer answers with a correction: a new line; the old one stays, marked.
  await login(page, "staff@caunoi.vn");
  await page.goto(contractUrl);
  await expect(page.getByText(/\d+ khiếu nại chưa trả lời/)).toBeVisible();
  await page.goto(pickupUrl);
  const disputed = page.locator("article.lot", { hasText: "Cân lại: bao ướt" });
  await disputed.getByLabel("Cân cả bì (kg)").fill("110");
  await disputed.getByLabel("Giải thích").first().fill("Cân lại trước mặt tổ: 110 kg cả bì");
  await disputed.getByRole("button", { name: "Lưu dòng điều chỉnh" }).click();
  await expect(page.getByText("Đã lưu dòng điều chỉnh.")).toBeVisible();
  const fixed = page.locator("article.lot", { has: page.locator(".badge", { hasText: "Dòng điều chỉnh" }) });
  await expect(fixed).toContainText("108 kg");
  const fixedAmount = (await fixed.locator("p").nth(1).locator("strong").nth(1).textContent())!.trim();

  // The member's passbook shows the corrected amount and the history.
  await login(page, "0912000001");
  await page.getByRole("link", { name: "Sổ giao hàng của tôi" }).click();
  const lines = page.locator("#passbook li");
  await expect(lines.filter({ hasText: "Dòng điều chỉnh" }).first()).toContainText(fixedAmount);
  await expect(lines.filter({ hasText: "Đã được điều chỉnh" }).first()).toContainText("98 kg");
  await expect(page.getByText("Cân lại trước mặt tổ: 110 kg cả bì").first()).toBeVisible();

  // Verify: intact. Then a row changed behind the app's back is found, and where.
  await page.goto(`${contractUrl}/verify`);
  await expect(page.locator("#verify-result")).toContainText("Sổ cân nguyên vẹn");
  const raw = new Database(DB_FILE);
  const contractId = new URL(contractUrl).pathname.split("/").pop()!;
  const target = raw.prepare(`SELECT id, ref, "grossG", "chainSeq" FROM "Lot" WHERE "contractId" = ? ORDER BY "chainSeq" DESC LIMIT 1`).get(contractId) as {
    id: string;
    ref: string;
    grossG: number;
    chainSeq: number;
  };
  try {
    expect(() => raw.prepare(`UPDATE "Lot" SET "grossG" = "grossG" + 5000 WHERE id = ?`).run(target.id)).toThrow(/append-only/);
    raw.exec(`DROP TRIGGER "Lot_no_update"`);
    raw.prepare(`UPDATE "Lot" SET "grossG" = "grossG" + 5000 WHERE id = ?`).run(target.id);
    await page.reload();
    await expect(page.locator("#verify-result")).toContainText(`Sổ cân bị sửa từ dòng ${target.chainSeq} (lô ${target.ref})`);
    await page.screenshot({ path: testInfo.outputPath("verify-broken.png") });
  } finally {
    // Put the row back so the next project's run starts from an intact chain.
    raw.prepare(`UPDATE "Lot" SET "grossG" = ? WHERE id = ?`).run(target.grossG, target.id);
    raw.exec(`CREATE TRIGGER IF NOT EXISTS "Lot_no_update" BEFORE UPDATE ON "Lot" BEGIN SELECT RAISE(ABORT, 'append-only: Lot rows cannot be updated'); END;`);
    raw.close();
  }
  await page.reload();
  await expect(page.locator("#verify-result")).toContainText("Sổ cân nguyên vẹn");
  expect(pageErrors).toEqual([]);
});
