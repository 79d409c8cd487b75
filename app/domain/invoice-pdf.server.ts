// The payment statement a farmer can read: every household's lots, what was kept back and
// why, the total in figures and in words, the ledger digest, and a payout slip per household.
import { translator, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { todayInVietnam } from "~/utils/dates";
import { invoiceCode, statusOf, type InvoiceFull, type InvoiceStatus } from "./invoices.server";
import { vietQrPng } from "./payouts/vietqr.server";
import type { Payout } from "./payouts/payouts.server";
import { shortHead } from "./receipts.schema";
import { facts, heading, MARGIN, newDocument, pageNumbers, table, toBuffer, type Doc } from "./pdf.server";
import { vndInWords } from "./vnd-words";
import { placeLine } from "./places/place";
import { productName } from "./product-name";
import { bankByBin } from "./payouts/banks";

type Household = { id: string; name: string; kg: number; gross: number; deducted: number };

function households(inv: InvoiceFull, names: Map<string, string>): Household[] {
  const map = new Map<string, Household>();
  for (const l of inv.lines) {
    const h = map.get(l.householdId) ?? { id: l.householdId, name: names.get(l.householdId) ?? "?", kg: 0, gross: 0, deducted: 0 };
    h.kg += l.netG / 1000;
    h.gross += l.amountVnd;
    map.set(l.householdId, h);
  }
  for (const d of inv.deductions) {
    const h = map.get(d.householdId);
    if (h) h.deducted += d.amountVnd;
  }
  return [...map.values()].sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

async function slip(doc: Doc, t: ReturnType<typeof translator>, inv: InvoiceFull, code: string, h: Household, payout: Payout | undefined) {
  const width = doc.page.width - 2 * MARGIN;
  const height = 200;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  const qrSize = 96;
  const textWidth = width - 20 - (payout?.payload ? qrSize + 10 : 0);
  doc
    .rect(MARGIN, top, width, height - 10)
    .lineWidth(1)
    .strokeColor("#000000")
    .stroke();
  if (payout?.payload) doc.image(await vietQrPng(payout.payload), MARGIN + width - qrSize - 8, top + 8, { width: qrSize });
  doc
    .font("bold")
    .fontSize(11)
    .text(t("invoice.slip.title"), MARGIN + 10, top + 8, { width: textWidth });
  doc
    .font("body")
    .fontSize(9)
    .text(`${inv.contract.group.name} · ${code} · ${formatDate(inv.issuedOn)}`, { width: textWidth });
  doc.moveDown(0.3).fontSize(11).font("bold").text(h.name, { width: textWidth });
  doc.font("body").fontSize(10);
  doc.text(
    `${t("invoice.slip.delivered")}: ${formatNumber(h.kg, 1)} kg · ${t("invoice.slip.gross")}: ${formatVnd(h.gross)} · ${t("invoice.slip.deducted")}: ${formatVnd(h.deducted)}`,
    { width: textWidth },
  );
  doc.font("bold").text(`${t("invoice.slip.receive")}: ${formatVnd(h.gross - h.deducted)}`, { width: textWidth });
  doc
    .font("body")
    .fontSize(9)
    .text(vndInWords(h.gross - h.deducted), { width: textWidth });
  // How the money reaches the household: its account (with the code beside), or cash.
  const how = payout?.payee
    ? t("statement.slip.bank", { bank: payout.payee.bankName, account: payout.payee.bankAccount, holder: payout.payee.bankHolder })
    : payout?.hidden
      ? t("payout.hidden")
      : t("statement.slip.cash");
  doc.moveDown(0.2).text(how, { width: textWidth });
  if (payout?.payload) doc.fontSize(8).text(t("statement.slip.scan"), { width: textWidth });
  const signY = top + height - 48;
  const third = (width - 20) / 3;
  doc.fontSize(8);
  doc.text(t("statement.slip.payer", { buyer: inv.buyer.name }), MARGIN + 10, signY, { width: third - 6, align: "center" });
  doc.text(t("invoice.slip.receiver"), MARGIN + 10 + third, signY, { width: third - 6, align: "center" });
  doc.text(t("invoice.slip.leader"), MARGIN + 10 + 2 * third, signY, { width: third - 6, align: "center" });
  doc.fontSize(10);
  doc.x = MARGIN;
  doc.y = top + height;
  // A dashed cut line between slips.
  doc
    .moveTo(MARGIN, doc.y - 4)
    .lineTo(MARGIN + width, doc.y - 4)
    .dash(4, { space: 3 })
    .strokeColor("#666666")
    .stroke()
    .undash();
}

/** The statement's own signatures: the buyer who pays, the group that delivered, who drew it up. */
function signatures(doc: Doc, t: ReturnType<typeof translator>, inv: InvoiceFull) {
  const width = doc.page.width - 2 * MARGIN;
  if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1);
  const y = doc.y;
  const col = width / 3;
  const cells: [string, string][] = [
    [t("statement.sign.preparer"), t("statement.sign.name")],
    [t("statement.sign.group"), t("statement.sign.name")],
    [t("statement.sign.buyer"), t("statement.sign.seal")],
  ];
  cells.forEach(([title, how], i) => {
    doc
      .font("bold")
      .fontSize(10)
      .text(title, MARGIN + i * col, y, { width: col - 8, align: "center" });
    doc
      .font("body")
      .fontSize(8)
      .text(how, MARGIN + i * col, doc.y, { width: col - 8, align: "center" });
  });
  doc
    .font("body")
    .fontSize(9)
    // The person who signs for the buyer when the organisation has named one, else the buyer.
    .text(inv.buyer.representativeName ?? inv.buyer.name, MARGIN + 2 * col, y + 80, { width: col - 8, align: "center" });
  doc.x = MARGIN;
  doc.y = y + 100;
  doc.fontSize(10);
}

export async function invoicePdf(
  inv: InvoiceFull,
  names: Map<string, string>,
  paidVnd: number,
  dueVnd: number,
  locale: Locale,
  extra: { state?: InvoiceStatus; payouts?: Payout[] } = {},
): Promise<Buffer> {
  const state = extra.state ?? statusOf(inv, dueVnd, paidVnd, todayInVietnam());
  const payouts = extra.payouts ?? [];
  const t = translator(locale);
  const code = invoiceCode(inv.kind, inv.year, inv.number, inv.series);
  const doc = newDocument({ title: `${t.dynamic(`invoiceKind.${inv.kind}`)} ${code}`, author: inv.buyer.name });
  const g = inv.contract.group;
  const buyerBankName = bankByBin(inv.buyer.bankBin)?.shortName;
  const buyerBank =
    buyerBankName && inv.buyer.bankAccount ? `${buyerBankName} · ${inv.buyer.bankAccount}${inv.buyer.bankHolder ? ` · ${inv.buyer.bankHolder}` : ""}` : null;

  doc
    .font("bold")
    .fontSize(16)
    .text(t.dynamic(`invoiceKind.${inv.kind}`).toUpperCase(), { align: "center" });
  doc
    .font("body")
    .fontSize(10)
    .text(`${t("invoice.code")}: ${code}`, { align: "center" });
  if (inv.status === "cancelled") doc.font("bold").fillColor("black").text(t("invoice.cancelledStamp"), { align: "center" }).font("body");
  doc.moveDown(0.8);

  facts(doc, [
    [t("contract.buyer"), `${inv.buyer.name} — ${[inv.buyer.commune, inv.buyer.province].filter(Boolean).join(", ")}`],
    ...(inv.buyer.taxCode ? ([[t("statement.taxCode"), inv.buyer.taxCode]] as [string, string][]) : []),
    ...(buyerBank ? ([[t("statement.bank"), buyerBank]] as [string, string][]) : []),
    [t("statement.seller"), `${g.name} — ${placeLine(g)}`],
    ...(g.taxCode ? ([[t("statement.taxCode"), g.taxCode]] as [string, string][]) : []),
    [t("contract.ref"), `${inv.contract.ref} · ${productName(inv.contract.season.product, locale)} · ${inv.contract.season.name}`],
    [t("invoice.issuedOn"), formatDate(inv.issuedOn)],
    [t("invoice.dueOn"), formatDate(inv.dueOn)],
    [t("statement.status"), t.dynamic(`invoiceStatus.${state}`)],
    ...(inv.references
      ? ([[t("invoice.references"), invoiceCode(inv.references.kind, inv.references.year, inv.references.number, inv.references.series)]] as [string, string][])
      : []),
    ...(inv.pickups.length
      ? ([
          [
            t("invoice.pickups"),
            inv.pickups.map((p) => `${formatDate(p.pickup.date)}${p.pickup.collectionPoint ? ` (${p.pickup.collectionPoint})` : ""}`).join("; "),
          ],
        ] as [string, string][])
      : []),
  ]);

  heading(doc, t("invoice.lines"), 12);
  // Eight columns: one point smaller so a date and a weight stay on one line.
  doc.fontSize(9);
  const rows: string[][] = [];
  const subtotalRows = new Set<number>();
  for (const h of households(inv, names)) {
    const own = inv.lines.filter((x) => x.householdId === h.id);
    for (const l of own)
      rows.push([
        h.name,
        formatDate(l.lot.pickup.date),
        // A note's negated line is the old side of a swap: its weights are shown as they were.
        formatNumber((Math.sign(l.netG) * l.lot.grossG) / 1000, 1),
        formatNumber((Math.sign(l.netG) * l.lot.tareG) / 1000, 1),
        formatNumber(l.netG / 1000, 1),
        l.grade,
        formatVnd(l.unitPriceVnd),
        formatVnd(l.amountVnd),
      ]);
    // A household with several lots gets its subtotal; one lot is its own subtotal.
    if (own.length > 1) {
      subtotalRows.add(rows.length);
      rows.push(["", t("invoice.householdSubtotal"), "", "", formatNumber(h.kg, 1), "", "", formatVnd(h.gross)]);
    }
  }
  const totalKg = inv.lines.reduce((sum, l) => sum + l.netG, 0) / 1000;
  subtotalRows.add(rows.length);
  rows.push([t("statement.totalKg"), "", "", "", formatNumber(totalKg, 1), "", "", formatVnd(inv.subtotalVnd)]);
  table(
    doc,
    [
      // "Cân cả bì" on one line above its "(kg)", and "Tổng khối lượng tịnh" on one line.
      { header: t("household.one"), width: 21 },
      { header: t("pickup.date"), width: 13 },
      { header: t("statement.grossKg"), width: 13, align: "right" },
      { header: t("statement.tareKg"), width: 7, align: "right" },
      { header: t("statement.netKg"), width: 10, align: "right" },
      { header: t("grade.code"), width: 6 },
      // The unit on a line of its own: "(₫/kg)" never breaks after the slash.
      { header: t("statement.unitPriceHead"), width: 13, align: "right" },
      { header: t("pickup.amount"), width: 17, align: "right" },
    ],
    rows,
    { boldRows: subtotalRows },
  );

  if (inv.deductions.length) {
    heading(doc, t("invoice.deductions"), 12);
    table(
      doc,
      [
        { header: t("household.one"), width: 40 },
        { header: t("invoice.deductionKind"), width: 40 },
        { header: t("pickup.amount"), width: 20, align: "right" },
      ],
      inv.deductions.map((d) => [
        names.get(d.householdId) ?? "?",
        t.dynamic(`deduction.${d.kind}`) + (d.advance ? ` — ${d.advance.item}` : ""),
        formatVnd(d.amountVnd),
      ]),
    );
  }

  heading(doc, t("invoice.totals"), 12);
  facts(doc, [
    [t("invoice.subtotal"), formatVnd(inv.subtotalVnd)],
    [t("invoice.deducted"), formatVnd(inv.deductionsVnd)],
    [t("invoice.total"), formatVnd(inv.totalVnd)],
    [t("invoice.inWords"), vndInWords(inv.totalVnd)],
    ...(inv.kind === "invoice"
      ? ([
          [t("invoice.notesTotal"), formatVnd(dueVnd - inv.totalVnd)],
          [t("invoice.paid"), formatVnd(paidVnd)],
          [t("invoice.remaining"), formatVnd(dueVnd - paidVnd)],
        ] as [string, string][])
      : []),
  ]);
  doc.font("bold").fontSize(9).text(t("invoice.hash"));
  doc
    .font("body")
    .fontSize(8)
    .text(inv.lotsHash ?? "", { characterSpacing: 0.3 })
    .moveDown(0.3);
  doc.fontSize(8).fillColor("#333333").text(t("invoice.hashExplain")).fillColor("black").fontSize(10);
  // The chain head covering every lot on the statement (docs 0013): a household keeping this
  // paper can later show that one of these lots was deleted or changed.
  const head = inv.lines
    .map((l) => l.lot)
    .reduce<{ chainSeq: number | null; hash: string | null } | null>((a, b) => (!a || (b.chainSeq ?? 0) > (a.chainSeq ?? 0) ? b : a), null);
  if (head?.chainSeq) {
    // The heading goes with its three lines, never alone at the foot of a page.
    if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(0.3).font("bold").fontSize(9).text(t("invoice.chainHead"));
    doc
      .font("body")
      .fontSize(9)
      .text(t("invoice.chainHeadValue", { ref: inv.contract.ref, seq: head.chainSeq, hash: shortHead(head.hash) }));
    doc.fontSize(8).fillColor("#333333").text(t("invoice.chainHeadExplain")).fillColor("black").fontSize(10);
  }

  doc.moveDown(0.5).fontSize(8).fillColor("#333333").text(t("statement.notInvoice")).fillColor("black").fontSize(10);
  signatures(doc, t, inv);

  if (inv.kind === "invoice") {
    doc.addPage();
    heading(doc, t("invoice.slips"), 13);
    for (const h of households(inv, names))
      await slip(
        doc,
        t,
        inv,
        code,
        h,
        payouts.find((p) => p.householdId === h.id),
      );
  }
  pageNumbers(doc, (n, total) => `${code} — ${t("pdf.page", { n, total })}`);
  return toBuffer(doc);
}
