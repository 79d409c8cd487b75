// The printable linkage contract (hợp đồng liên kết, Decree 98/2018/NĐ-CP) as a Vietnamese
// legal document: national motto, title and number, legal bases, date and place, the parties
// with their representatives, the numbered articles as agreed (clauses.ts), the signatures,
// and the household annex with a signature line per household. The contract's current status
// is not part of what was signed, so it is not printed.
import { translator, type Locale } from "~/i18n";
import { db } from "~/utils/db.server";
import { formatNumber, formatDate, formatVnd } from "~/utils/format";
import { placeLine } from "../places/place";
import type { ContractFull } from "../contracts.server";
import { newDocument, pageNumbers, table, toBuffer, type Doc } from "../pdf.server";
import { CLAUSE_KEYS, CLAUSES, clauseText, fillClause, readClauses } from "./clauses";
import { productName } from "~/domain/product-name";

/** Who signs for each side, and the offer's delivery window and points: not on ContractFull. */
async function documentExtras(c: ContractFull) {
  const [buyer, leader, offer] = await Promise.all([
    db.organisation.findUnique({
      where: { id: c.buyerId },
      select: { representativeName: true, representativeTitle: true, taxCode: true, phone: true, province: true, commune: true },
    }),
    db.membership.findFirst({
      where: { groupId: c.groupId, role: "group_leader", acceptedAt: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { user: { select: { name: true, phone: true } } },
    }),
    c.offerId
      ? db.purchaseOffer.findUnique({
          where: { id: c.offerId },
          select: { title: true, windowStart: true, windowEnd: true, collectionPoints: { select: { name: true }, orderBy: { name: "asc" } } },
        })
      : null,
  ]);
  return { buyer, leader: leader?.user ?? null, offer };
}

const DOTS = "....................................";

export async function contractPdf(c: ContractFull, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const lang = locale === "en" ? "en" : "vi";
  const { buyer, leader, offer } = await documentExtras(c);
  const doc = newDocument({ title: `${t("contract.doc.title")} ${c.ref}`, author: c.buyer.name });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const para = (text: string, opts: { bold?: boolean; italic?: boolean; indent?: number; gap?: number } = {}) => {
    doc
      .font(opts.bold ? "bold" : opts.italic ? "italic" : "body")
      .fontSize(10.5)
      .text(text, left + (opts.indent ?? 0), doc.y, { width: width - (opts.indent ?? 0), align: "justify" });
    doc.moveDown(opts.gap ?? 0.25);
  };

  // Header: the national motto centred, then the title and number.
  doc.font("bold").fontSize(11).text(t("contract.doc.nation"), { align: "center" });
  doc.font("bold").fontSize(11).text(t("contract.doc.motto"), { align: "center" });
  const mid = doc.page.width / 2;
  doc
    .moveTo(mid - 70, doc.y + 2)
    .lineTo(mid + 70, doc.y + 2)
    .lineWidth(0.6)
    .stroke();
  doc.moveDown(0.8);
  const signingPlace = c.signedPlace ?? c.group.commune ?? c.group.province;
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(c.signedOn ?? "");
  const dateLine = date
    ? t("contract.doc.signedAt", { place: signingPlace, day: date[3], month: date[2], year: date[1] })
    : t("contract.doc.signedAtBlank", { place: signingPlace });
  const todayLine = date
    ? t("contract.doc.todayOn", { place: signingPlace, day: date[3], month: date[2], year: date[1] })
    : t("contract.doc.today", { place: signingPlace });
  doc.font("body").fontSize(10.5).text(dateLine, { align: "right" });
  doc.moveDown(0.8);
  doc.font("bold").fontSize(14).text(t("contract.doc.title"), { align: "center" });
  doc
    .font("body")
    .fontSize(10.5)
    .text(t("contract.doc.number", { ref: c.ref }), { align: "center" });
  doc.moveDown(0.8);

  // Legal bases.
  para(t("contract.doc.bases"), { bold: true });
  const bases = [t("contract.doc.basisCivilCode"), t("contract.doc.basisDecree")];
  if (offer) bases.push(t("contract.doc.basisOffer", { offer: offer.title }));
  bases.push(t("contract.doc.basisAgreement"));
  for (const b of bases) para(`- ${b}`, { indent: 14 });
  doc.moveDown(0.4);
  para(todayLine);

  // The parties.
  const party = (heading: string, rows: [string, string | null | undefined][]) => {
    para(heading, { bold: true, gap: 0.15 });
    for (const [label, value] of rows) para(`${label}: ${value || DOTS}`, { indent: 14, gap: 0.1 });
    doc.moveDown(0.4);
  };
  party(t("contract.doc.partyA", { name: c.buyer.name }), [
    [t("contract.doc.address"), placeLine({ province: buyer?.province ?? c.buyer.province, commune: buyer?.commune ?? c.buyer.commune })],
    [t("contract.doc.taxCode"), buyer?.taxCode],
    [t("contract.doc.phone"), buyer?.phone ?? c.buyer.phone],
    [t("contract.doc.representative"), buyer?.representativeName],
    [t("contract.doc.position"), buyer?.representativeTitle],
  ]);
  party(t("contract.doc.partyB", { name: c.group.name }), [
    [t("contract.doc.address"), placeLine(c.group)],
    // A tổ hợp tác need not be registered for tax: the line is left out rather than dotted.
    ...(c.group.taxCode ? ([[t("contract.doc.taxCode"), c.group.taxCode]] as [string, string][]) : []),
    [t("contract.doc.phone"), leader?.phone],
    [t("contract.doc.representative"), leader?.name],
    [t("contract.doc.position"), t("contract.doc.groupLeader")],
  ]);
  para(t("contract.doc.agree"));
  doc.moveDown(0.3);

  // The articles, as agreed: the contract's own snapshot, else the defaults.
  const agreed = readClauses(c.clauses);
  const product = productName(c.season.product, lang);
  const values: Record<string, string> = {
    product,
    season: c.season.name,
    areaHa: formatNumber(c.areaHa),
    volumeTonnes: formatNumber(c.volumeTonnes, 3),
    priceMechanism: c.priceMechanism === "fixed" ? t("contract.doc.fixedPrice") : t("contract.doc.floorPlusMarket"),
    marketReference: c.marketReference ? t("contract.doc.marketReference", { ref: c.marketReference }) : "",
    windowStart: formatDate(offer?.windowStart ?? c.season.start),
    windowEnd: formatDate(offer?.windowEnd ?? c.season.end),
    points: offer?.collectionPoints.length ? offer.collectionPoints.map((p) => p.name).join("; ") : placeLine(c.group),
    paymentDays: String(c.paymentTermsDays),
    groupFundPct: `${formatNumber(c.groupFundPct)}%`,
    // "keeps back 0%" is not a term anyone signs: with no share, the article says there is none.
    groupFund: c.groupFundPct > 0 ? t("contract.doc.groupFund", { pct: `${formatNumber(c.groupFundPct)}%` }) : t("contract.doc.noGroupFund"),
    inputsAdvanced: c.inputsAdvanced ?? t("contract.doc.noInputs"),
    inputRecovery: c.inputRecovery ?? t("contract.doc.noInputs"),
  };
  CLAUSE_KEYS.forEach((key, i) => {
    ensureSpace(doc, 60);
    // The last article stays on the page of the signatures: a signature page with no text of
    // the contract on it is one a reader cannot tie to the articles above.
    if (i === CLAUSE_KEYS.length - 1) {
      doc.font("body").fontSize(10.5);
      const body = fillClause(clauseText(agreed, key, lang), values);
      ensureSpace(doc, doc.heightOfString(body, { width, align: "justify" }) + 40 + SIGNATURES_HEIGHT);
    }
    para(t("contract.doc.article", { n: i + 1, title: CLAUSES[key].title[lang] }), { bold: true, gap: 0.15 });
    let text = clauseText(agreed, key, lang);
    // An input-advance article with nothing advanced, or left out by the buyer, reads as such.
    let reworded = agreed[key] !== undefined;
    if (key === "inputs" && (!text.trim() || (agreed.inputs === undefined && !c.inputsAdvanced))) {
      text = t("contract.doc.notApplicable");
      reworded = false;
    }
    for (const line of fillClause(text, values).split("\n")) para(line, { indent: 0, gap: 0.15 });
    // A buyer's own wording is what both parties signed: the English copy prints it as written
    // and says so, rather than offer a translation nobody agreed to.
    if (reworded && lang === "en") para(t("contract.doc.asAgreed"), { italic: true, gap: 0.15 });
    if (key === "quality") {
      doc.moveDown(0.2);
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
    }
    doc.moveDown(0.3);
  });

  signatures(doc, t("contract.doc.signA"), t("contract.doc.signB"), t("contract.doc.signHint"), [buyer?.representativeName ?? "", leader?.name ?? ""]);

  // The annex: one row per household, with room for its signature.
  if (c.allocations.length) {
    doc.addPage();
    doc.font("bold").fontSize(12).text(t("contract.doc.annex"), { align: "center" });
    doc
      .font("body")
      .fontSize(10.5)
      .text(t("contract.doc.annexOf", { ref: c.ref }), { align: "center" });
    doc.moveDown(0.6);
    para(t("contract.doc.annexIntro"));
    doc.moveDown(0.3);
    const total = c.allocations.reduce((s, a) => s + a.tonnes, 0);
    table(
      doc,
      [
        { header: "#", width: 6 },
        { header: t("contract.doc.household"), width: 40 },
        { header: t("contract.doc.tonnes"), width: 20, align: "right" },
        { header: t("contract.doc.signature"), width: 34 },
      ],
      [
        ...c.allocations.map((a, i) => [String(i + 1), a.household.headName, formatNumber(a.tonnes, 3), "\n\n"]),
        ["", t("common.total"), formatNumber(total, 3), ""],
      ],
      { boldLast: true },
    );
    signatures(doc, t("contract.doc.signA"), t("contract.doc.signB"), t("contract.doc.signHint"), [buyer?.representativeName ?? "", leader?.name ?? ""]);
  }

  pageNumbers(doc, (n, total) => t("contract.doc.page", { ref: c.ref, n, total }));
  return toBuffer(doc);
}

/** What signatures() draws below the text, with its gap above. */
const SIGNATURES_HEIGHT = 130;

function ensureSpace(doc: Doc, h: number) {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Two columns: who signs, how, room for the signature and seal, and the signer's name. */
function signatures(doc: Doc, a: string, b: string, hint: string, names: [string, string]) {
  doc.moveDown(1);
  ensureSpace(doc, SIGNATURES_HEIGHT - 10);
  const left = doc.page.margins.left;
  const half = (doc.page.width - left - doc.page.margins.right) / 2;
  const y = doc.y;
  doc.font("bold").fontSize(10.5).text(a, left, y, { width: half, align: "center" });
  doc.text(b, left + half, y, { width: half, align: "center" });
  const y2 = doc.y;
  doc.font("body").fontSize(9.5).text(hint, left, y2, { width: half, align: "center" });
  doc.text(hint, left + half, y2, { width: half, align: "center" });
  const y3 = doc.y + 60;
  doc.font("bold").fontSize(10.5).text(names[0], left, y3, { width: half, align: "center" });
  doc.text(names[1], left + half, y3, { width: half, align: "center" });
  doc.x = left;
  doc.moveDown(1);
}
