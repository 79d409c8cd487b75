// What every end-to-end test does first: sign in to the demo programme as one of its people.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "caunoi-demo-2026";

/** Signs in as `login` (leaving any earlier session), through the login form, in Vietnamese. */
export async function login(page: Page, login: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email hoặc số điện thoại").fill(login);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào");
}
