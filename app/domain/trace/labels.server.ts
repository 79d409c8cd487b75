// QR label sheets (issue 16): one label per lot of a pickup (or one for the pickup, or one per lot
// of the contract's pickups that day), each with a QR of its public trace address, the code in
// text under it (people type it when a camera fails), and what a bag's buyer asks first:
// product, grade, net weight, date, commune and group. Printed by the buyer's people and the
// group's leader; anyone else gets 404, as for a pickup that does not exist.
import QRCode from "qrcode";
import type { Access } from "~/domain/access.server";
import { roleOn } from "~/domain/contracts.server";
import { newDocument, toBuffer, type Doc } from "~/domain/pdf.server";
import { productName } from "~/domain/product-name";
import { translator, type Locale } from "~/i18n";
import { db, write } from "~/utils/db.server";
import { formatDate, formatNumber } from "~/utils/format";
import { ensureTraceCodes } from "./codes.server";
import { gtinFor } from "./gtins.server";
import { labelCell, LAYOUTS, perPage, type LabelScope, type LabelSize } from "./label-sizes";
import { traceUrl } from "./links";

const pickupSelect = {
  id: true,
  ref: true,
  date: true,
  contractId: true,
  contract: {
    select: {
      ref: true,
      buyerId: true,
      groupId: true,
      group: { select: { name: true, commune: true, province: true } },
      season: { select: { product: { select: { id: true, name: true, nameEn: true } } } },
      grades: { select: { code: true, label: true } },
    },
  },
} as const;

export type PrintablePickup = NonNullable<Awaited<ReturnType<typeof findPickup>>>;

const findPickup = (pickupId: string) => db.pickup.findUnique({ where: { id: pickupId }, select: pickupSelect });

/** The pickup, if the caller may print its labels (its contract's buyer's people, its group's leader); else null. */
export async function printablePickup(access: Access, pickupId: string): Promise<PrintablePickup | null> {
  const pickup = await findPickup(pickupId);
  if (!pickup) return null;
  const role = roleOn(access, pickup.contract);
  return role === "buyer" || role === "group_leader" ? pickup : null;
}

export type Label = { code: string; url: string; product: string; grade: string; net: string; date: string; place: string; group: string };

/** The pickups a sheet covers: this one, or all of the contract's on its date (in chain order). */
export async function pickupsInScope(pickup: PrintablePickup, scope: LabelScope): Promise<string[]> {
  if (scope !== "day") return [pickup.id];
  const same = await db.pickup.findMany({ where: { contractId: pickup.contractId, date: pickup.date }, select: { id: true }, orderBy: { chainSeq: "asc" } });
  return same.map((p) => p.id);
}

// The lots a label is printed for: those in force (a corrected lot's replacement, not the lot it replaced).
const lotsOf = (pickupIds: string[]) =>
  db.lot.findMany({
    where: { pickupId: { in: pickupIds }, supersededBy: { is: null } },
    select: { id: true, pickupId: true, netG: true, grade: true, traceCode: { select: { code: true } } },
    orderBy: { chainSeq: "asc" },
  });
const pickupCodesOf = (pickupIds: string[]) =>
  db.traceCode.findMany({ where: { pickupId: { in: pickupIds }, lotId: null }, select: { pickupId: true, code: true } });

/**
 * The labels of a sheet. Records made before codes existed get theirs here, once (later prints
 * find them and write nothing, so printing also works on a read-only database).
 */
export async function labelsFor(pickup: PrintablePickup, scope: LabelScope, origin: string, locale: Locale): Promise<Label[]> {
  const pickupIds = await pickupsInScope(pickup, scope);
  let [lots, pickupCodes] = await Promise.all([lotsOf(pickupIds), pickupCodesOf(pickupIds)]);
  const missing = scope === "pickup" ? !pickupCodes.some((c) => c.pickupId === pickup.id) : lots.some((l) => !l.traceCode);
  if (missing) {
    await write((tx) => ensureTraceCodes(tx, pickupIds));
    [lots, pickupCodes] = await Promise.all([lotsOf(pickupIds), pickupCodesOf(pickupIds)]);
  }

  const t = translator(locale);
  const { contract } = pickup;
  const gtin = await gtinFor(contract.buyerId, contract.season.product.id);
  const gradeLabel = new Map(contract.grades.map((g) => [g.code, g.label]));
  const common = {
    product: productName(contract.season.product, locale),
    date: t("label.date", { date: formatDate(pickup.date) }),
    place: [contract.group.commune, contract.group.province].filter(Boolean).join(", "),
    group: contract.group.name,
  };
  const kg = (g: number) => formatNumber(g / 1000, 3, locale);

  if (scope === "pickup") {
    const code = pickupCodes.find((c) => c.pickupId === pickup.id)!.code;
    const grades = [...new Set(lots.map((l) => l.grade))].sort();
    const net = lots.reduce((s, l) => s + l.netG, 0);
    return [
      {
        ...common,
        code,
        url: traceUrl(origin, code, gtin),
        grade: t("label.grades", { codes: grades.join(", ") }),
        net: t("label.netLots", { kg: kg(net), n: lots.length }),
      },
    ];
  }
  return lots.map((l) => {
    const code = l.traceCode!.code;
    const meaning = gradeLabel.get(l.grade);
    return {
      ...common,
      code,
      url: traceUrl(origin, code, gtin),
      grade: t("label.grade", { code: l.grade }) + (meaning ? ` · ${meaning}` : ""),
      net: t("label.net", { kg: kg(l.netG) }),
    };
  });
}

// ───────────────────────── the PDF ─────────────────────────

const MM = 72 / 25.4;
const PAD = 1.5 * MM; // from the label's edge: sheets drift about a millimetre in printers
const CODE_H = 3.4 * MM; // the line with the code under the QR
const QUIET = 4; // modules of white around the symbol, as ISO/IEC 18004 asks

/** The sheet as a PDF: labels row by row, a new page when one is full (each thermal label is a page). */
export async function labelPdf(labels: Label[], size: LabelSize, title: string): Promise<Buffer> {
  const layout = LAYOUTS[size];
  const page: [number, number] = [layout.page.w * MM, layout.page.h * MM];
  const doc = newDocument({ title, author: "Cầu Nối" }, { size: page, margin: 0 });
  const n = perPage(size);
  labels.forEach((label, i) => {
    if (i > 0 && i % n === 0) doc.addPage({ size: page, margin: 0 });
    const c = labelCell(size, i % n);
    drawLabel(doc, label, c.x * MM, c.y * MM, c.w * MM, c.h * MM);
  });
  return toBuffer(doc);
}

function drawLabel(doc: Doc, l: Label, x: number, y: number, w: number, h: number) {
  // The QR as large as the label's height allows (≈ 20–26 mm for the symbol), its quiet zone inside `block`.
  const block = Math.min(h - 2 * PAD - CODE_H, w * 0.5);
  drawQr(doc, l.url, x + PAD, y + PAD, block);
  drawCode(doc, l.code, x + PAD, y + PAD + block, block);

  const left = x + PAD + block;
  const width = x + w - PAD - left;
  // Seven line slots: product, grade, net weight, date, commune and two for the group's name.
  const slot = (h - 2 * PAD) / 7;
  const size = Math.min(9, slot / 1.2);
  const rows: [text: string, font: "body" | "bold", lines: number][] = [
    [l.product, "bold", 1],
    [l.grade, "body", 1],
    [l.net, "bold", 1],
    [l.date, "body", 1],
    [l.place, "body", 1],
    [l.group, "body", 2],
  ];
  let top = y + PAD;
  for (const [text, font, maxLines] of rows) {
    const fitted = fitText(doc, text, font, size, size * 0.72, width, maxLines);
    for (const line of fitted.lines) {
      doc.font(font).fontSize(fitted.size).fillColor("black").text(line, left, top, { lineBreak: false });
      top += slot;
    }
  }
}

function drawQr(doc: Doc, text: string, x: number, y: number, block: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const m = block / (n + 2 * QUIET);
  // One rectangle per run of dark modules in a row; a hair taller than a module so that no
  // light seam shows between rows when a viewer smooths edges.
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n;) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      let e = c;
      while (e < n && modules.get(r, e)) e++;
      doc.rect(x + (QUIET + c) * m, y + (QUIET + r) * m, (e - c) * m, m * 1.03);
      c = e;
    }
  }
  doc.fillColor("black").fill();
}

function drawCode(doc: Doc, code: string, x: number, y: number, width: number) {
  const spacing = 0.6;
  let size = Math.min(8.5, CODE_H / 1.15);
  doc.font("bold");
  while (size > 5 && doc.fontSize(size).widthOfString(code, { characterSpacing: spacing }) > width - MM) size -= 0.25;
  const w = doc.fontSize(size).widthOfString(code, { characterSpacing: spacing });
  doc.fillColor("black").text(code, x + (width - w) / 2, y, { lineBreak: false, characterSpacing: spacing });
}

/**
 * Fits text into `maxLines` lines of `width`: word-wrapped, shrunk step by step down to
 * `minSize`, and only then cut with an ellipsis. A label never prints over its neighbour.
 */
export function fitText(
  doc: Doc,
  text: string,
  font: string,
  size: number,
  minSize: number,
  width: number,
  maxLines: number,
): { size: number; lines: string[] } {
  doc.font(font);
  for (let s = size; s >= minSize; s -= 0.25) {
    doc.fontSize(s);
    const { lines, broken } = wrap(doc, text, width);
    if (!broken && lines.length <= maxLines) return { size: s, lines };
  }
  doc.fontSize(minSize);
  const { lines } = wrap(doc, text, width);
  if (lines.length <= maxLines) return { size: minSize, lines };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsis(doc, `${kept[maxLines - 1]} ${lines[maxLines]}`, width);
  return { size: minSize, lines: kept };
}

/** Greedy word wrap; a word wider than the line is broken (`broken` says so). */
function wrap(doc: Doc, text: string, width: number): { lines: string[]; broken: boolean } {
  const lines: string[] = [];
  let broken = false;
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (doc.widthOfString(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (doc.widthOfString(line) > width) {
      broken = true;
      let cut = line.length - 1;
      while (cut > 1 && doc.widthOfString(line.slice(0, cut)) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return { lines, broken };
}

function ellipsis(doc: Doc, text: string, width: number): string {
  let s = text.trimEnd();
  while (s.length > 0 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1).trimEnd();
  return `${s}…`;
}
