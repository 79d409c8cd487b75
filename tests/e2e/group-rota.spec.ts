// The rota form in a browser with scripts (issue 15): after saving, the ticks are what is stored
// for the day and the page says it saved; another day starts from that day's own list, so a
// tick left from the last save can never add someone silently.
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

/** "YYYY-MM-DD" n days from now, and the same day as the page writes it. */
function day(n: number): { iso: string; dmy: string } {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  const iso = d.toISOString().slice(0, 10);
  return { iso, dmy: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

/** The names of the ticked boxes of the rota form. */
async function ticked(page: Page): Promise<string[]> {
  const labels = page.locator("#rota-form .check-grid label");
  const out: string[] = [];
  for (const label of await labels.all()) if (await label.locator("input").isChecked()) out.push((await label.innerText()).trim());
  return out;
}

test("the rota form shows what is stored after saving, says so, and starts each day from its own list", async ({ page }, testInfo) => {
  // Each project (phone, desktop) works on days of its own in the one demo database.
  const offset = testInfo.project.name === "phone" ? 40 : 50;
  const first = day(offset);
  const second = day(offset + 1);

  await login(page, "leader@caunoi.vn");
  await page.getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" }).first().click();
  await page.getByRole("link", { name: "Lịch đi cùng xe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lịch đi cùng xe");

  const date = page.locator("#rota-form").getByLabel("Ngày");
  await date.fill(first.iso);
  await expect(page).toHaveURL(new RegExp(`on=${first.iso}`));
  await expect.poll(() => ticked(page)).toEqual([]);

  const boxes = page.locator("#rota-form .check-grid label");
  const [a, b, c] = [(await boxes.nth(0).innerText()).trim(), (await boxes.nth(1).innerText()).trim(), (await boxes.nth(2).innerText()).trim()];
  await page.getByLabel(a, { exact: true }).check();
  await page.getByLabel(b, { exact: true }).check();
  await page.getByRole("button", { name: "Lưu lịch" }).click();
  await expect(page.locator("#rota-saved")).toHaveText(`Đã lưu lịch ngày ${first.dmy}: ${a}, ${b}.`);
  await expect.poll(() => ticked(page)).toEqual([a, b]);

  // Untick one and save: that day keeps only the other.
  await page.getByLabel(b, { exact: true }).uncheck();
  await page.getByRole("button", { name: "Lưu lịch" }).click();
  await expect(page.locator("#rota-saved")).toHaveText(`Đã lưu lịch ngày ${first.dmy}: ${a}.`);
  await expect.poll(() => ticked(page)).toEqual([a]);

  // Another day: nothing is ticked until someone is, and saving it adds only who was ticked.
  await date.fill(second.iso);
  await expect(page).toHaveURL(new RegExp(`on=${second.iso}`));
  await expect(page.locator("#rota-saved")).toHaveCount(0);
  await expect.poll(() => ticked(page)).toEqual([]);
  await page.getByLabel(c, { exact: true }).check();
  await page.getByRole("button", { name: "Lưu lịch" }).click();
  await expect(page.locator("#rota-saved")).toHaveText(`Đã lưu lịch ngày ${second.dmy}: ${c}.`);
  await expect.poll(() => ticked(page)).toEqual([c]);

  // The rota itself: the first day has one person, the second another.
  const rota = page.locator("#rota li");
  await expect(rota.filter({ hasText: first.dmy })).toHaveCount(1);
  await expect(rota.filter({ hasText: first.dmy })).toContainText(a);
  await expect(rota.filter({ hasText: second.dmy })).toHaveCount(1);
  await expect(rota.filter({ hasText: second.dmy })).toContainText(c);
});
