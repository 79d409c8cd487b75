// Issue 15, the phone navigation: it showed 3 of 8 items in a strip that scrolled sideways and
// hid the inbox and its count off the screen; a member saw "Chỉ số" and got 403. Now a menu
// button opens the whole list (with or without JS), the inbox count stays in sight, and each
// reader's menu holds only what they may open (every item opens).
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

const DB_FILE = path.resolve("tests/.tmp/e2e/e2e.db");

test.use({ viewport: { width: 360, height: 740 } });

/** Whether the element lies wholly within the 360 px screen's width. */
async function onScreen(page: Page, name: string, el: ReturnType<Page["locator"]>) {
  const box = await el.boundingBox();
  expect(box, `${name} has a box`).not.toBeNull();
  expect(box!.x, `${name} starts on the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${name} ends on the screen`).toBeLessThanOrEqual(360);
}

const ADMIN_MENU = ["Trang chủ", "Đơn thu mua", "Hợp đồng", "Thanh toán", "Tổ nhóm", "Chỉ số", "Bản đồ", "Báo cáo", "Quản trị"];

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the menu button opens every item on a phone, and each one opens", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
    await login(page, "admin@caunoi.vn");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    const menu = nav.getByText("Danh mục");
    await expect(menu).toBeVisible();
    await onScreen(page, "the menu button", menu);
    // Closed, the items take no room; the inbox is in sight all the same.
    await expect(nav.getByRole("link", { name: "Chỉ số" })).toBeHidden();
    await onScreen(page, "the inbox", nav.getByRole("link", { name: /^Thông báo/ }));
    await menu.click();
    for (const name of ADMIN_MENU) {
      const link = nav.getByRole("link", { name, exact: true });
      await expect(link).toBeVisible();
      await onScreen(page, name, link);
    }
    // The last item, which the strip hid furthest off the screen, opens its page.
    await nav.getByRole("link", { name: "Quản trị", exact: true }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});

test("the inbox count stays in sight on a phone, and a followed menu item closes the menu", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
  // Two unread notices for the buyer's staff, as the app would have written them.
  const db = new Database(DB_FILE);
  try {
    const staff = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get("staff@caunoi.vn") as { id: string };
    const add = db.prepare(`INSERT INTO "Notification" ("id", "userId", "kind", "params", "link") VALUES (?, ?, 'contract_status', ?, NULL)`);
    for (const n of [1, 2])
      add.run(`nav-e2e-${testInfo.project.name}-${n}-${Date.now()}`, staff.id, JSON.stringify({ contract: `c-nav-${n}`, group: "Tổ", status: "active" }));
  } finally {
    db.close();
  }
  await login(page, "staff@caunoi.vn");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  const count = nav.locator(".count");
  await expect(count).toBeVisible();
  expect(Number(await count.textContent())).toBeGreaterThanOrEqual(2);
  await onScreen(page, "the unread count", count);

  await nav.getByText("Danh mục").click();
  await nav.getByRole("link", { name: "Hợp đồng", exact: true }).click();
  await expect(page).toHaveURL(/\/contracts$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hợp đồng");
  await expect(nav.getByRole("link", { name: "Thanh toán", exact: true })).toBeHidden();
  await onScreen(page, "the unread count after navigating", count);
});

test("a member's menu holds what a member may open: the passbook, no indicators", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
  await login(page, "0912000001");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await nav.getByText("Danh mục").click();
  await expect(nav.getByRole("link", { name: "Sổ giao hàng", exact: true })).toBeVisible();
  for (const name of ["Chỉ số", "Bản đồ", "Báo cáo", "Quản trị"]) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
  await nav.getByRole("link", { name: "Sổ giao hàng", exact: true }).click();
  await expect(page).toHaveURL(/\/groups\/[^/]+\/passbook\/[^/]+$/);
});
