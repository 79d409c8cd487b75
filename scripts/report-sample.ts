// The sample programme report under docs/ (report-sample.pdf, page 2 as report-sample.png): the
// demo project for the year 2025, with a few of the texts a project would write.
// `npx tsx scripts/report-sample.ts` — loads the demo programme (surveys, diaries and
// contributions included) into a throw-away database and renders the report with the app's own
// functions, as /reports.pdf would for the project's own people.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-report-"));
process.env.DATABASE_URL = `file:${path.join(dir, "report.db")}`;
process.env.SESSION_SECRET ??= "samples-secret-samples-secret-samples";

const { db, dbReady, disconnect, write } = await import("~/utils/db.server");
const { loadDemoProgramme } = await import("~/domain/demo.server");
const { reportFigures, seasonsOf } = await import("~/domain/report/figures.server");
const { resolvePeriod } = await import("~/domain/report/period");
const { reportDocument } = await import("~/domain/report/document");
const { readTexts } = await import("~/domain/report/texts.server");
const { reportPdf } = await import("~/domain/report/pdf.server");
const { translator } = await import("~/i18n");
const { todayInVietnam } = await import("~/utils/dates");

const TEXTS: Record<string, string> = {
  "1.6":
    "Thành lập và củng cố tổ hợp tác; tập huấn thu hái cà phê chín, rau an toàn và cam theo tiêu chuẩn của bên mua; hỗ trợ vật tư đầu vào; kết nối tổ nhóm với hợp tác xã và doanh nghiệp thu mua; tổ chức cân hàng có thành viên tổ chứng kiến.",
  "1.8":
    "Các hộ bán được hàng ổn định, giá theo loại được công bố trước mùa vụ; tiền bán hàng trả đúng hạn cho phần lớn phiếu thanh toán. Phụ nữ là chủ hộ nhận tiền trực tiếp.",
  "3": "Cân hàng có thành viên chứng kiến và phiếu cân in ngay tại điểm thu mua giúp các hộ tin tưởng bên mua.",
  signer: "Nguyễn Thị Mai",
  signerTitle: "Giám đốc dự án",
  reportDate: "2026-01-15",
};

try {
  await dbReady();
  await loadDemoProgramme();
  const org = await db.organisation.findFirstOrThrow({
    where: { ref: "hlhpn-sinh-ke" },
    select: { id: true, ref: true, name: true, phone: true, objectives: true, beneficiarySelection: true, startedOn: true, endsOn: true },
  });
  const scope = { projectOwner: org.ref };
  const period = resolvePeriod(org.id, "2025", await seasonsOf(scope));
  if (!period) throw new Error("the demo project has no season in 2025");
  await write((tx) =>
    tx.reportText.createMany({ data: Object.entries(TEXTS).map(([section, text]) => ({ projectOwnerId: org.id, period: period.key, section, text })) }),
  );
  const [figures, texts] = await Promise.all([reportFigures(org, period, scope, todayInVietnam()), readTexts(org.id, period.key)]);
  const pdf = await reportPdf(reportDocument(figures, texts, translator("vi"), { areaName: null }));
  const out = path.resolve("docs/report-sample.pdf");
  fs.writeFileSync(out, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "100", "-f", "2", "-l", "2", "-singlefile", out, path.resolve("docs/report-sample")]);
  console.log(`wrote docs/report-sample.pdf (${pdf.length} bytes) and docs/report-sample.png`);
} finally {
  await disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}
