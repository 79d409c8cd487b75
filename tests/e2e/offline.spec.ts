// Offline field pages (issue 15, docs/decisions/0026-offline-field-pages.md): buyer staff open
// a contract's pickup form once online; the next day, with no signal and the browser started
// cold, the form opens from the phone, pickups recorded wait on the phone through a restart, and
// are recorded once each when the network returns; a pickup the server refuses shows why.
// Persistent contexts over a profile folder stand in for the phone: the service worker,
// its caches, IndexedDB and the 30-day login cookie survive closing and relaunching them.
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, expect, test, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { login } from "./support";

const DB_FILE = path.resolve("tests/.tmp/e2e/e2e.db");
const QUEUED = "Chưa có mạng: phiếu cân đã lưu trên máy";

/** Starts "the phone's browser" on the profile in `dir` (a cold start when the profile has run before). */
function launch(dir: string, testInfo: TestInfo): Promise<BrowserContext> {
  const use = testInfo.project.use;
  return chromium.launchPersistentContext(dir, {
    ...use.launchOptions,
    baseURL: use.baseURL,
    viewport: { width: 360, height: 740 },
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    userAgent: use.userAgent,
  });
}

const firstPage = (ctx: BrowserContext) => ctx.pages()[0] ?? ctx.newPage();

/** Signs in, opens the pickup form of the Hướng Phùng 1 contract, and waits until the phone keeps it. */
async function openPickupFormOnline(page: Page): Promise<{ url: string; contractId: string }> {
  await login(page, "staff@caunoi.vn");
  await page.goto("/contracts?status=active");
  await page
    .locator("#contracts tr", { hasText: "Tổ hợp tác cà phê Hướng Phùng 1" })
    .getByRole("link", { name: /^c-2026-\d{3}$/ })
    .first()
    .click();
  await page.waitForURL(/\/contracts\/[a-z0-9]+$/);
  const contractId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "Ghi lần cân hàng" }).click();
  await page.waitForURL(/\/pickups\/new$/);
  await expect(page.getByRole("button", { name: "Gửi phiếu cân" })).toBeVisible();
  const url = page.url();
  // The worker is installed (the app shell precached) and the form is in its cache.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await expect.poll(() => page.evaluate(async (u) => Boolean(await caches.match(u)), url)).toBe(true);
  return { url, contractId };
}

async function recordLot(page: Page, household: string, gross: string, grade: string, date?: string) {
  if (date) await page.getByLabel("Ngày cân").fill(date);
  const row = page.locator("tbody.lot-row").first();
  await row.getByLabel("Hộ", { exact: true }).selectOption({ label: household });
  await row.getByLabel("Cân cả bì (kg)").fill(gross);
  await row.getByLabel("Bì (kg)", { exact: true }).fill("1");
  await row.getByLabel("Quả chín (%)").fill("95");
  await row.getByLabel("Loại", { exact: true }).selectOption(grade);
  await page.getByRole("button", { name: "Gửi phiếu cân" }).click();
}

const queue = (page: Page) => page.locator(".offline-queue li");

function pickups(contractId: string) {
  const raw = new Database(DB_FILE, { readonly: true });
  try {
    return raw.prepare(`SELECT "clientKey", "date" FROM "Pickup" WHERE "contractId" = ? ORDER BY "createdAt"`).all(contractId) as {
      clientKey: string;
      date: string;
    }[];
  } finally {
    raw.close();
  }
}

test("pickups recorded offline from a cold start wait through a restart and are recorded once when online", async ({ browserName }, testInfo) => {
  test.skip(testInfo.project.name !== "phone" || browserName !== "chromium", "a phone task: runs in the phone project");
  // The phone's browser profile, in the test's output folder (Playwright empties it before each run).
  const dir = testInfo.outputPath("phone-profile");
  // Day one, online: sign in and open the pickup form once.
  let ctx = await launch(dir, testInfo);
  const { url, contractId } = await openPickupFormOnline(await firstPage(ctx));
  await ctx.close();
  const before = pickups(contractId).length;

  // Day two, no signal, the browser started cold: the contract list and the form open from the phone.
  ctx = await launch(dir, testInfo);
  await ctx.setOffline(true);
  let page = await firstPage(ctx);
  await page.goto("/contracts?status=active");
  await expect(page.locator("#contracts tr", { hasText: "Tổ hợp tác cà phê Hướng Phùng 1" }).first()).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await recordLot(page, "Côn Thị Hiền", "51", "A");
  await expect(page.getByRole("status").filter({ hasText: QUEUED })).toBeVisible();
  await recordLot(page, "Côn Văn Ba", "41", "B");
  await expect(queue(page)).toHaveCount(2);
  await expect(queue(page).nth(0)).toContainText("1 lô: đang chờ gửi");
  await expect(queue(page).nth(1)).toContainText("1 lô: đang chờ gửi");
  // The next form is a new pickup, not the one just kept.
  await expect(page.locator("tbody.lot-row").first().getByLabel("Cân cả bì (kg)")).toHaveValue("");
  expect(pickups(contractId).length).toBe(before);

  // The phone is switched off and on again, still with no signal: both still wait.
  await ctx.close();
  ctx = await launch(dir, testInfo);
  await ctx.setOffline(true);
  page = await firstPage(ctx);
  await page.goto(url);
  await expect(queue(page)).toHaveCount(2);
  await expect(queue(page).filter({ hasText: "đang chờ gửi" })).toHaveCount(2);

  // The network returns: both are sent, in order, and recorded once each.
  await ctx.setOffline(false);
  await expect(queue(page).filter({ hasText: "đã gửi." })).toHaveCount(2);
  const after = pickups(contractId);
  expect(after.length).toBe(before + 2);
  const keys = after.slice(before).map((p) => p.clientKey);
  expect(new Set(keys).size).toBe(2);

  // Opening the page again online sends nothing twice.
  await page.reload();
  await expect(queue(page).filter({ hasText: "đã gửi." })).toHaveCount(2);
  expect(pickups(contractId).length).toBe(before + 2);
  // The recorded pickup is the one typed offline.
  await queue(page).nth(1).getByRole("link", { name: "Xem lần cân" }).click();
  await expect(page.locator("main")).toContainText("Côn Văn Ba");
  await ctx.close();
});

test("a queued pickup the server refuses shows the server's reason; the others are recorded; logout clears the phone", async ({ browserName }, testInfo) => {
  test.skip(testInfo.project.name !== "phone" || browserName !== "chromium", "a phone task: runs in the phone project");
  // The phone's browser profile, in the test's output folder (Playwright empties it before each run).
  const dir = testInfo.outputPath("phone-profile");
  const ctx = await launch(dir, testInfo);
  const page = await firstPage(ctx);
  const { contractId } = await openPickupFormOnline(page);
  const before = pickups(contractId).length;

  await ctx.setOffline(true);
  // Dated tomorrow (Vietnam time): the phone accepts it, the server will not.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86400_000).toISOString().slice(0, 10);
  await recordLot(page, "Côn Thị Hiền", "61", "A", tomorrow);
  await expect(queue(page)).toHaveCount(1);
  // The next form keeps the date typed last: set back to today.
  await recordLot(page, "Côn Văn Ba", "31", "B", today);
  await expect(queue(page)).toHaveCount(2);

  await ctx.setOffline(false);
  await expect(queue(page).nth(0)).toContainText("bị từ chối: Ngày chưa tới.");
  await expect(queue(page).nth(1)).toContainText("đã gửi.");
  expect(pickups(contractId).length).toBe(before + 1);

  // Dropped by the person: gone from the list.
  await queue(page).nth(0).getByRole("button", { name: "Bỏ phiếu này" }).click();
  await expect(queue(page).filter({ hasText: "bị từ chối" })).toHaveCount(0);

  // Logout: the pages kept for offline use and the queue leave the phone.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/login/);
  const left = await page.evaluate(async () => ({
    pages: (await (await caches.open("caunoi-field-pages")).keys()).map((r) => r.url),
    dbs: (await indexedDB.databases()).map((d) => d.name),
  }));
  expect(left.pages).toEqual([]);
  expect(left.dbs).not.toContain("caunoi-offline");
  await ctx.close();
});

test("logging out with a pickup not yet recorded asks first, saying how many; no keeps the session and the pickup, yes clears them", async ({
  browserName,
}, testInfo) => {
  test.skip(testInfo.project.name !== "phone" || browserName !== "chromium", "a phone task: runs in the phone project");
  const ctx = await launch(testInfo.outputPath("phone-profile"), testInfo);
  const page = await firstPage(ctx);
  const { url, contractId } = await openPickupFormOnline(page);
  const before = pickups(contractId).length;
  // The signal comes back but the server is never reached: the pickup stays waiting on the phone.
  await ctx.route("**/api/pickups", (route) => route.abort("internetdisconnected"));
  await ctx.setOffline(true);
  await recordLot(page, "Côn Thị Hiền", "64", "A");
  await expect(queue(page).filter({ hasText: "đang chờ gửi" })).toHaveCount(1);
  await ctx.setOffline(false);

  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect.poll(() => asked).toHaveLength(1);
  expect(asked[0]).toContain("Còn 1 phiếu cân lưu trên máy chưa được ghi");
  // Said no: still signed in (the form opens, not the login page) and the pickup still waits.
  await page.goto(url);
  await expect(page.getByRole("button", { name: "Gửi phiếu cân" })).toBeVisible();
  await expect(queue(page).filter({ hasText: "đang chờ gửi" })).toHaveCount(1);

  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL(/\/login/);
  expect(asked).toHaveLength(2);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain("caunoi-offline");
  expect(pickups(contractId)).toHaveLength(before);
  await ctx.close();
});

test("a pickup recorded from a kept copy of the form gets its own key, not the key a sent pickup had", async ({ browserName }, testInfo) => {
  test.skip(testInfo.project.name !== "phone" || browserName !== "chromium", "a phone task: runs in the phone project");
  const dir = testInfo.outputPath("phone-profile");
  let ctx = await launch(dir, testInfo);
  let page = await firstPage(ctx);
  const { url, contractId } = await openPickupFormOnline(page);
  const before = pickups(contractId).length;
  // A pickup sent online: no half-typed form stays on the phone.
  await recordLot(page, "Côn Thị Hiền", "70", "A");
  await page.waitForURL(/\/pickups\/[a-z0-9]+$/);
  await ctx.close();

  // No signal, cold start: one pickup from the kept copy of the form, sent when the network returns.
  ctx = await launch(dir, testInfo);
  await ctx.setOffline(true);
  page = await firstPage(ctx);
  await page.goto(url);
  await recordLot(page, "Côn Thị Hiền", "71", "A");
  await expect(queue(page)).toHaveCount(1);
  await ctx.setOffline(false);
  await expect(queue(page).filter({ hasText: "đã gửi." })).toHaveCount(1);
  // The next one goes online at once: the half-typed form is gone from the phone.
  await recordLot(page, "Côn Văn Ba", "72", "B");
  await page.waitForURL(/\/pickups\/[a-z0-9]+$/);
  await ctx.close();

  // Another day with no signal: the same kept copy of the form opens, and its pickup is a new one.
  ctx = await launch(dir, testInfo);
  await ctx.setOffline(true);
  page = await firstPage(ctx);
  await page.goto(url);
  await recordLot(page, "Côn Văn Bình", "73", "A");
  await expect(queue(page).filter({ hasText: "đang chờ gửi" })).toHaveCount(1);
  await ctx.setOffline(false);
  await expect(queue(page).filter({ hasText: "đang chờ gửi" })).toHaveCount(0);
  const added = pickups(contractId).slice(before);
  expect(added).toHaveLength(4);
  expect(new Set(added.map((p) => p.clientKey)).size).toBe(4);
  await ctx.close();
});

test("a member's passbook opens from a cold start with no network, by its short address too", async ({ browserName }, testInfo) => {
  test.skip(testInfo.project.name !== "phone" || browserName !== "chromium", "a phone task: runs in the phone project");
  const dir = testInfo.outputPath("phone-profile");
  let ctx = await launch(dir, testInfo);
  let page = await firstPage(ctx);
  await login(page, "0912000001");
  await page.goto("/passbook");
  await page.waitForURL(/\/groups\/[a-z0-9]+\/passbook\/[a-z0-9]+$/);
  const url = page.url();
  await expect(page.locator("#passbook li").first()).toBeVisible();
  const lines = await page.locator("#passbook li").count();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await expect.poll(() => page.evaluate(async (u) => Boolean(await caches.match(u)), url)).toBe(true);
  await ctx.close();

  ctx = await launch(dir, testInfo);
  await ctx.setOffline(true);
  page = await firstPage(ctx);
  await page.goto("/passbook");
  await page.waitForURL(url);
  await expect(page.locator("#passbook li")).toHaveCount(lines);
  await ctx.close();
});
