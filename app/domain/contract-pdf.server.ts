// The printable contract: what both sides agreed, in plain Vietnamese (or English).
import { translator, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import type { ContractFull } from "./contracts.server";
import { facts, heading, newDocument, pageNumbers, table, toBuffer } from "./pdf.server";

export async function contractPdf(c: ContractFull, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const doc = newDocument({ title: `${t("contract.pdf.title")} ${c.ref}`, author: c.buyer.name });
  const place = (p: { commune?: string | null; district?: string | null; province?: string | null; hamlet?: string | null }) =>
    [p.hamlet, p.commune, p.district, p.province].filter(Boolean).join(", ");

  doc.font("bold").fontSize(9).text(t("contract.pdf.nation"), { align: "center" });
  doc.font("body").fontSize(9).text(t("contract.pdf.motto"), { align: "center" }).moveDown(1);
  doc.font("bold").fontSize(16).text(t("contract.pdf.title").toUpperCase(), { align: "center" });
  doc
    .font("body")
    .fontSize(10)
    .text(`${t("contract.ref")}: ${c.ref}`, { align: "center" })
    .moveDown(1);

  heading(doc, t("contract.pdf.parties"), 12);
  facts(doc, [
    [t("contract.pdf.partyA"), `${c.buyer.name} — ${place(c.buyer)}`],
    [t("contract.pdf.partyB"), `${c.group.name} — ${place(c.group)}`],
  ]);

  heading(doc, t("contract.pdf.terms"), 12);
  facts(doc, [
    [t("contract.product"), locale === "en" ? (c.season.product.nameEn ?? c.season.product.name) : c.season.product.name],
    [t("contract.season"), `${c.season.name} (${formatDate(c.season.start)} – ${formatDate(c.season.end)})`],
    [t("contract.area"), `${formatNumber(c.areaHa)} ha`],
    [t("contract.volume"), `${formatNumber(c.volumeTonnes, 3)} ${t("unit.tonnes")}`],
    [t("contract.priceMechanism"), t.dynamic(`priceMechanism.${c.priceMechanism}`) + (c.marketReference ? ` — ${c.marketReference}` : "")],
    [t("contract.paymentTerms"), t("contract.paymentTermsValue", { days: c.paymentTermsDays })],
    [t("contract.groupFund"), `${formatNumber(c.groupFundPct)} %`],
    [t("contract.inputs"), [c.inputsAdvanced, c.inputRecovery].filter(Boolean).join(" — ")],
    [t("contract.status"), t.dynamic(`contractStatus.${c.status}`)],
    [t("contract.signedOn"), formatDate(c.signedOn)],
  ]);

  heading(doc, t("contract.grades"), 12);
  table(
    doc,
    [
      { header: t("grade.code"), width: 12 },
      { header: t("grade.label"), width: 30 },
      { header: t("grade.criteria"), width: 38 },
      { header: t("grade.price"), width: 20, align: "right" },
    ],
    c.grades.map((g) => [g.code, g.label, g.criteria ?? "", formatVnd(g.priceVndPerKg)]),
  );

  if (c.allocations.length) {
    heading(doc, t("contract.allocations"), 12);
    const total = c.allocations.reduce((s, a) => s + a.tonnes, 0);
    table(
      doc,
      [
        { header: "#", width: 6 },
        { header: t("household.headName"), width: 64 },
        { header: t("contract.allocatedTonnes"), width: 30, align: "right" },
      ],
      [...c.allocations.map((a, i) => [String(i + 1), a.household.headName, formatNumber(a.tonnes, 3)]), ["", t("common.total"), formatNumber(total, 3)]],
      { boldLast: true },
    );
  }

  doc.moveDown(1);
  const y = doc.y;
  const half = (doc.page.width - 2 * doc.page.margins.left) / 2;
  doc.font("bold").text(t("contract.pdf.signA"), doc.page.margins.left, y, { width: half, align: "center" });
  doc.text(t("contract.pdf.signB"), doc.page.margins.left + half, y, { width: half, align: "center" });
  pageNumbers(doc, (n, total) => `${c.ref} — ${t("pdf.page", { n, total })}`);
  return toBuffer(doc);
}
