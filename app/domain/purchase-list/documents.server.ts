// The bảng kê 01/TNDN as paper (PDF) and as a spreadsheet (CSV, XLSX). The form is a Vietnamese
// tax document: its wording is the form's, in Vietnamese, whatever the reader's language.
import ExcelJS from "exceljs";
import { facts, MARGIN, newDocument, pageNumbers, table, toBuffer } from "~/domain/pdf.server";
import { vndInWords } from "~/domain/vnd-words";
import { type CsvCell } from "~/utils/csv.server";
import { formatDate, formatNumber, formatVnd, groupDigits } from "~/utils/format";
import type { PurchaseList } from "./purchase-list.server";

const TITLE = "BẢNG KÊ THU MUA HÀNG HÓA, DỊCH VỤ MUA VÀO KHÔNG CÓ HÓA ĐƠN";
const HEADERS = [
  "STT",
  "Ngày tháng năm mua hàng",
  "Tên người bán",
  "Địa chỉ",
  "Số CCCD/CMND",
  "Tên mặt hàng",
  "Số lượng (kg)",
  "Đơn giá (₫/kg)",
  "Tổng giá thanh toán (₫)",
] as const;
const SIGNERS: [string, string][] = [
  ["Người lập bảng kê", "(Ký, ghi rõ họ tên)"],
  ["Kế toán trưởng", "(Ký, ghi rõ họ tên)"],
  ["Giám đốc", "(Ký, ghi rõ họ tên, đóng dấu)"],
];

// "Tổng giá trị hàng hóa mua vào:" on one line, and both blocks of labels aligned.
const FORM_LABELS = { labelWidth: 180 };

const kg = (n: number) => formatNumber(n, 3);
const period = (l: PurchaseList) => `Từ ngày ${formatDate(l.from)} đến ngày ${formatDate(l.to)}`;
const dateLine = (place: string, on: Date) =>
  `${place ? `${place}, ` : ""}ngày ${String(on.getDate()).padStart(2, "0")} tháng ${String(on.getMonth() + 1).padStart(2, "0")} năm ${on.getFullYear()}`;
export const purchaseFileName = (l: PurchaseList) => `bang-ke-01-TNDN-${l.from}-${l.to}`;

export async function purchaseListPdf(l: PurchaseList, on = new Date()): Promise<Buffer> {
  const doc = newDocument({ title: `${TITLE} — ${l.buyer.name}`, author: l.buyer.name });
  const width = doc.page.width - 2 * MARGIN;
  doc.font("bold").fontSize(10).text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { align: "center", width });
  doc.text("Độc lập - Tự do - Hạnh phúc", { align: "center", width }).moveDown(0.5);
  doc.font("body").fontSize(8).text("Mẫu số: 01/TNDN", { align: "right", width });
  doc.text("(Ban hành kèm theo Thông tư số 78/2014/TT-BTC ngày 18/6/2014 của Bộ Tài chính)", { align: "right", width }).moveDown(0.8);
  doc.font("bold").fontSize(12).text(TITLE, { align: "center", width });
  doc
    .font("body")
    .fontSize(10)
    .text(`(${period(l)})`, { align: "center", width })
    .moveDown(0.8);
  facts(
    doc,
    [
      ["Tên doanh nghiệp:", l.buyer.name],
      ["Mã số thuế:", l.buyer.taxCode ?? ""],
      ["Địa chỉ:", l.buyer.address],
      ["Địa chỉ nơi tổ chức thu mua:", l.places.join("; ")],
      ["Người phụ trách thu mua:", ""],
    ],
    FORM_LABELS,
  );
  doc.fontSize(8);
  table(
    doc,
    [
      // Points of the 499 between the margins, measured at 8 pt: a date, a 12-digit CCCD and a total
      // up to 999.999.999 in bold each on one line; the address takes what is left.
      { header: HEADERS[0], width: 25, align: "right" },
      { header: "Ngày mua", width: 57 },
      { header: HEADERS[2], width: 70 },
      { header: HEADERS[3], width: 84 },
      { header: "Số CCCD", width: 70 },
      { header: "Mặt hàng", width: 44 },
      { header: "Số lượng (kg)", width: 42, align: "right" },
      { header: "Đơn giá (₫/kg)", width: 44, align: "right" },
      { header: "Thành tiền (₫)", width: 63, align: "right" },
    ],
    [
      ...l.rows.map((r, i) => [
        String(i + 1),
        formatDate(r.date),
        r.sellerName,
        r.address,
        r.idNumber ?? "",
        r.product,
        kg(r.kg),
        groupDigits(r.unitPriceVnd),
        groupDigits(r.amountVnd),
      ]),
      ["", "", "Tổng cộng", "", "", "", kg(l.totalKg), "", groupDigits(l.totalVnd)],
    ],
    { boldLast: true },
  );
  doc.fontSize(10);
  // The totals in figures and words go with the signatures: a page of signatures alone is one
  // nobody can tie to the purchases it signs for.
  const words = vndInWords(l.totalVnd);
  const closing = 2 * 14 + doc.font("body").heightOfString(words, { width: width - FORM_LABELS.labelWidth - 10 }) + 140;
  if (doc.y + closing > doc.page.height - doc.page.margins.bottom) doc.addPage();
  facts(
    doc,
    [
      ["Tổng giá trị hàng hóa mua vào:", formatVnd(l.totalVnd)],
      ["Số tiền bằng chữ:", words],
    ],
    FORM_LABELS,
  );
  if (doc.y + 130 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc
    .font("body")
    .text(dateLine(l.buyer.address.split(", ").at(-1) ?? "", on), { align: "right", width })
    .moveDown(0.5);
  const top = doc.y;
  const col = width / SIGNERS.length;
  SIGNERS.forEach(([who, how], i) => {
    doc
      .font("bold")
      .fontSize(10)
      .text(who, MARGIN + i * col, top, { width: col, align: "center" });
    doc
      .font("body")
      .fontSize(8)
      .text(how, MARGIN + i * col, doc.y, { width: col, align: "center" });
  });
  doc.x = MARGIN;
  doc.y = top + 90;
  pageNumbers(doc, (n, total) => `Bảng kê 01/TNDN — ${l.buyer.name} — Trang ${n}/${total}`);
  return toBuffer(doc);
}

/** The rows a spreadsheet reads: a header line, one line per purchase, the total; numbers as numbers. */
export function purchaseListTable(l: PurchaseList): CsvCell[][] {
  return [
    [...HEADERS],
    ...l.rows.map((r, i) => [i + 1, r.date, r.sellerName, r.address, r.idNumber ?? "", r.product, round3(r.kg), r.unitPriceVnd, r.amountVnd]),
    ["", "", "Tổng cộng", "", "", "", round3(l.totalKg), "", l.totalVnd],
  ];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function purchaseListXlsx(l: PurchaseList): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = l.buyer.name;
  const sheet = book.addWorksheet("01-TNDN");
  sheet.addRow([TITLE]).font = { bold: true };
  sheet.addRow([period(l)]);
  sheet.addRow([`Tên doanh nghiệp: ${l.buyer.name}`]);
  sheet.addRow([`Mã số thuế: ${l.buyer.taxCode ?? ""}`]);
  sheet.addRow([`Địa chỉ nơi tổ chức thu mua: ${l.places.join("; ")}`]);
  sheet.addRow([]);
  const [header, ...body] = purchaseListTable(l);
  sheet.addRow(header).font = { bold: true };
  for (const r of body) {
    // Text cells stay text (an ID number must not become 7.9e+10, a name never a formula).
    const row = sheet.addRow(r.map((c) => (c === null || c === undefined ? "" : c)));
    row.getCell(5).numFmt = "@";
  }
  sheet.lastRow!.font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([`Số tiền bằng chữ: ${vndInWords(l.totalVnd)}`]);
  sheet.columns.forEach((c, i) => (c.width = [6, 12, 24, 36, 16, 16, 14, 14, 18][i] ?? 12));
  for (const c of [7, 8, 9]) sheet.getColumn(c).numFmt = "#,##0.###";
  return Buffer.from(await book.xlsx.writeBuffer());
}
