// A group's leader records a certificate with its file in a browser with scripts (issue 16): from
// the group's page to the certificate page, the form with a PDF picked from the phone, and the
// new certificate listed as valid, its file downloadable as the same PDF. The demo's own
// certificates are there too: VietGAP valid, organic about to run out.
import { expect, test } from "@playwright/test";
import { login } from "./support";

/** "YYYY-MM-DD" n days from today in Vietnam. */
function day(n: number): string {
  const d = new Date(Date.now() + 7 * 3600_000);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// A small, real PDF: a header, one empty page, a cross-reference table and a trailer.
function tinyPdf(): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

test("the demo leader adds a certificate with its file and sees it listed as valid", async ({ page }, testInfo) => {
  const number = `VG-E2E-${testInfo.project.name}`;
  await login(page, "leader@caunoi.vn");
  await page.getByRole("link", { name: "Tổ hợp tác cà phê Hướng Phùng 1" }).first().click();
  const summary = page.locator("#cert-summary");
  await expect(summary).toContainText("VietGAP-TT-25-08-44-0117");
  await expect(summary).toContainText("Sắp hết hạn"); // the demo's organic certificate, 40 days left
  await summary.getByRole("link", { name: "Xem tất cả chứng nhận" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chứng nhận của Tổ hợp tác cà phê Hướng Phùng 1");

  const form = page.locator("#cert-form");
  await form.getByLabel("Loại chứng nhận").selectOption("vietgap");
  await form.getByLabel("Số chứng nhận").fill(number);
  await form.getByLabel("Tổ chức chứng nhận").fill("Trung tâm Chứng nhận Phù hợp Quảng Trị");
  await form.getByLabel("Hiệu lực từ ngày").fill(day(-10));
  await form.getByLabel("Đến hết ngày").fill(day(700));
  await form.getByLabel("Cà phê quả tươi").check();
  await form.getByLabel("Diện tích được chứng nhận (ha)").fill("6,5");
  await form.getByLabel("Tệp giấy chứng nhận").setInputFiles({ name: "chứng nhận.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await form.getByRole("button", { name: "Lưu chứng nhận" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu chứng nhận.");

  const item = page.locator("#certifications > li").filter({ hasText: number });
  await expect(item).toHaveAttribute("data-state", "valid");
  await expect(item).toContainText("Còn hiệu lực");
  await expect(item).toContainText("Cà phê quả tươi");
  await expect(item).toContainText("6,5 ha");
  // The form is empty again for the next certificate.
  await expect(form.getByLabel("Số chứng nhận")).toHaveValue("");

  // The file comes back as it was sent, with this browser's session.
  const href = await item.getByRole("link", { name: /Tải tệp/ }).getAttribute("href");
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await file.body()).equals(tinyPdf())).toBe(true);

  // Nothing sticks out sideways on a 360 px phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
