// The import page in Chromium: a project's administrator uploads a bundle that tries to cancel a
// buyer's contract and is told why, in Vietnamese, with nothing written; the same contract as
// stored imports as "unchanged".
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support";

type Contract = { ref: string; groupRef: string; status: string };

/** An active contract of the demo project's groups, as the command line exports it. */
function projectContract(): Contract {
  const out = execFileSync("npx", ["tsx", "scripts/cli.ts", "export", "-"], {
    env: { ...process.env, DATABASE_URL: "file:./tests/.tmp/e2e/e2e.db" },
    encoding: "utf8",
  });
  const all = JSON.parse(out) as { farmerGroups: { ref: string; projectOwnerRef?: string }[]; contracts: Contract[] };
  const groups = new Set(all.farmerGroups.filter((g) => g.projectOwnerRef === "hlhpn-sinh-ke").map((g) => g.ref));
  return all.contracts.find((c) => c.status === "active" && groups.has(c.groupRef))!;
}

async function upload(page: Page, bundle: unknown) {
  await page.locator("#import-file").setInputFiles({ name: "chuong-trinh.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bundle)) });
}

test("a project cannot cancel a buyer's contract by import, and is told why", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "one run is enough: the page is the same on a phone");
  const contract = projectContract();
  expect(contract).toBeDefined();
  await login(page, "project@caunoi.vn");
  await page.goto("/import");
  await expect(page.getByText("đúng quyền của bạn")).toBeVisible();

  await upload(page, { format: "linkage-bundle/1", contracts: [{ ...contract, status: "cancelled" }] });
  const refused = page.locator("#import-result");
  await expect(refused).toContainText("Tệp bị từ chối: 1 lỗi");
  await expect(refused).toContainText("$.contracts[0].status");
  await expect(refused).toContainText(`Hợp đồng “${contract.ref}” không chuyển được từ “Đang thực hiện” sang “Đã huỷ”`);

  await page.goto(`/contracts?status=active`);
  await expect(page.getByText(contract.ref).first()).toBeVisible(); // still active

  await page.goto("/import");
  await upload(page, { format: "linkage-bundle/1", contracts: [contract] });
  await expect(page.locator("#import-result")).toContainText("Đã nhập xong");
  await expect(page.locator("#import-result")).toContainText("0 mới, 0 cập nhật, 1 không đổi");
});
