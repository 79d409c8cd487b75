// The project owner's dashboard shows what the command line computes, and the linkage map
// draws provinces, groups and buyer–group lines with no tile server, in Chromium.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { formatNumber, formatVnd } from "../../app/utils/format";
import { login } from "./support";

type Indicators = {
  contractContinuance: { rate: number | null; continuedPairs: number; previousPairs: number };
  areaHa: number;
  contractedTonnes: number;
  deliveredTonnes: number;
  fulfilment: number | null;
  households: { total: number };
  paidVnd: number;
  onTimePaymentRate: number | null;
  witnessedPickupRate: number | null;
  disputedLots: number;
};

/** What `npm run cli -- indicators` prints for the e2e server's database, as of today in Vietnam. */
function cliIndicators(season: string, projectOwner: string): Indicators {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const out = execFileSync("npx", ["tsx", "scripts/cli.ts", "indicators", "--season", season, "--project-owner", projectOwner, "--as-of", today], {
    env: { ...process.env, DATABASE_URL: "file:./tests/.tmp/e2e/e2e.db" },
    encoding: "utf8",
  });
  return JSON.parse(out) as Indicators;
}

const pct = (r: number | null) => (r === null ? "—" : `${formatNumber(r * 100, 1)}%`);

test("the project owner's dashboard shows the command line's indicators, and the map draws the linkages", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the phone layout is covered by the screenshots");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  await login(page, "project@caunoi.vn");
  await page.getByRole("link", { name: "Chỉ số", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chỉ số chuỗi liên kết");
  await page.getByLabel("Vụ", { exact: true }).selectOption("coffee-2025");
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/season=coffee-2025/);

  const ind = cliIndicators("coffee-2025", "hlhpn-sinh-ke");
  const card = (key: string) => page.locator(`#card-${key} .dash-card-value`);
  await expect(card("continuance")).toHaveText(pct(ind.contractContinuance.rate));
  await expect(card("areaHa")).toHaveText(`${formatNumber(ind.areaHa, 2)} ha`);
  await expect(card("contractedTonnes")).toHaveText(`${formatNumber(ind.contractedTonnes, 3)} tấn`);
  await expect(card("deliveredTonnes")).toHaveText(`${formatNumber(ind.deliveredTonnes, 3)} tấn`);
  await expect(card("fulfilment")).toHaveText(pct(ind.fulfilment));
  await expect(card("households")).toHaveText(String(ind.households.total));
  await expect(card("paidVnd")).toHaveText(formatVnd(ind.paidVnd));
  await expect(card("onTimePaymentRate")).toHaveText(pct(ind.onTimePaymentRate));
  await expect(card("witnessedPickupRate")).toHaveText(pct(ind.witnessedPickupRate));
  await expect(card("disputedLots")).toHaveText(String(ind.disputedLots));
  // coffee-2025 has ended: every card compares with the whole previous season, and says so.
  await expect(page.locator("#card-deliveredTonnes .dash-card-basis")).toHaveText(/^so với cả Vụ cà phê 2024.2025$/);

  // The trend chart is described for screen readers, and its numbers are in a table too.
  await expect(page.getByRole("img", { name: /Diện tích, sản lượng đã giao/ })).toBeVisible();
  await expect(page.locator("#table-trend tbody tr")).not.toHaveCount(0);

  // Drill down in the units of July 2025: province → commune → the commune's groups, each linking to its page.
  await page.locator("#table-areas").getByRole("link", { name: "Quảng Trị" }).click();
  await expect(page.locator("#areas-h")).toHaveText("Theo xã, phường");
  await page.locator("#table-areas").getByRole("link", { name: "Xã Hướng Phùng" }).click();
  const group = page.locator("#table-areas").getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" });
  await expect(group).toHaveAttribute("href", /^\/groups\//);
  await expect(page.locator(".trail")).toContainText("Xã Hướng Phùng");
  await page.screenshot({ path: testInfo.outputPath("dashboard.png"), fullPage: true });

  // A season of before July 2025 may be read by its former district too, picked in the filter.
  await page.locator(".trail").getByRole("link", { name: "Quảng Trị" }).click();
  await page.getByLabel("Vụ", { exact: true }).selectOption("coffee-2024");
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await page.getByLabel("Huyện (trước 7/2025)").selectOption("Hướng Hóa");
  await expect(page).toHaveURL(/district=H%C6%B0%E1%BB%9Bng\+H%C3%B3a/);
  await expect(page.locator(".trail")).toContainText("Huyện Hướng Hóa (trước 7/2025)");
  await expect(page.locator("#table-areas").getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" })).toBeVisible();
  await expect(page.locator("#table-areas")).not.toContainText("Hướng Tân"); // in the district, not in the project

  // The map: province outlines, group points or clusters, buyer–group lines, and the legend.
  await page.getByRole("link", { name: "Bản đồ", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bản đồ liên kết");
  await expect(page.locator(".leaflet-container")).toBeVisible();
  await expect.poll(() => page.locator(".leaflet-container path.lm-province").count()).toBe(34); // the provinces of July 2025
  await expect.poll(() => page.locator(".leaflet-container path.lm-group, .leaflet-container path.lm-cluster").count()).toBeGreaterThan(0);
  await expect.poll(() => page.locator(".leaflet-container path.lm-line").count()).toBeGreaterThan(0);
  await expect(page.locator(".leaflet-container path.lm-buyer")).not.toHaveCount(0);
  await expect(page.locator("#map-legend")).toContainText("Tiếp tục");
  await expect(page.locator("#map-legend")).toContainText("Ngừng");
  await expect(page.getByRole("status")).toContainText("tổ nhóm");

  // Shading by volume instead of area redraws the provinces.
  await page.getByLabel("Sản lượng đã giao").check();
  await expect(page.locator(".shade-scale")).toContainText("tấn");
  await page.screenshot({ path: testInfo.outputPath("map.png"), fullPage: true });

  expect(errors).toEqual([]);
});
