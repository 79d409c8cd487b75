// Collection points placed on a map (issue 15): a click or tap puts the pin and fills the
// latitude/longitude fields, dragging the pin moves it, and the saved offer keeps exactly
// those coordinates. The map needs no tile server; with even the province outlines
// unreachable it still places points on the blank map.
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

const num = (s: string) => Number(s.replace(",", "."));

async function fillOffer(page: Page, title: string) {
  await page.getByLabel("Tên đơn thu mua").fill(title);
  await page.getByLabel("Mùa vụ").selectOption({ label: "Cà phê quả tươi — Vụ cà phê 2026–2027" });
  await page.getByLabel("Số lượng tối thiểu (tấn)").fill("5");
  await page.getByLabel("Số lượng tối đa (tấn)").fill("40");
  await page.getByLabel("Nhận hàng từ ngày").fill("2026-11-25");
  await page.getByLabel("Đến ngày").fill("2027-01-20");
  await page.getByLabel("Loại", { exact: true }).nth(0).fill("A");
  await page.getByLabel("Tên loại").nth(0).fill("Chín ≥ 95%");
  await page.getByLabel("Giá (₫/kg)").nth(0).fill("18.500");
  await page.getByLabel("Tên điểm").nth(0).fill("Điểm cân bản đồ");
}

for (const outlines of [true, false]) {
  test(`a collection point placed by a click and a drag is saved where the pin is (${outlines ? "province outlines" : "blank map"})`, async ({
    page,
  }, testInfo) => {
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // No tile server is configured in tests; here the outlines are unreachable too.
    if (!outlines) await page.route("**/geo/**", (route) => route.abort());
    await login(page, "staff@caunoi.vn");
    await page.goto("/offers/new");
    const title = `Đơn có điểm trên bản đồ ${testInfo.project.name} ${outlines ? "viền" : "trắng"} ${Date.now()}`;
    await fillOffer(page, title);

    const lat = page.getByLabel("Vĩ độ").nth(0);
    const lng = page.getByLabel("Kinh độ").nth(0);
    await expect(lat).toHaveValue("");
    const map = page.locator(".point-picker").first();
    await expect(map).toBeVisible();
    await expect(page.getByText("Bấm hoặc chạm vào bản đồ để đặt điểm thu mua").first()).toBeVisible();
    // A click in the middle of the map of Vietnam places the pin there.
    await map.click();
    await expect(lat).not.toHaveValue("");
    const placed = { lat: num(await lat.inputValue()), lng: num(await lng.inputValue()) };
    expect(placed.lat).toBeGreaterThan(8);
    expect(placed.lat).toBeLessThan(24);
    expect(placed.lng).toBeGreaterThan(102);
    expect(placed.lng).toBeLessThan(118);

    // Dragging the pin to the east moves the point east.
    const pin = page.locator(".map-pin").first();
    await expect(pin).toBeVisible();
    const box = (await pin.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => num(await lng.inputValue())).toBeGreaterThan(placed.lng);
    const dragged = { lat: await lat.inputValue(), lng: await lng.inputValue() };

    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
    await expect(page.getByText("Điểm cân bản đồ")).toBeVisible();
    // The draft's editor shows the point where the pin was left.
    await page.getByRole("link", { name: "Sửa" }).click();
    await expect(page.getByLabel("Vĩ độ").nth(0)).toHaveValue(new RegExp(`^${num(dragged.lat)}$|^${dragged.lat}$`));
    expect(num(await page.getByLabel("Kinh độ").nth(0).inputValue())).toBe(num(dragged.lng));
    expect(pageErrors).toEqual([]);
  });
}
