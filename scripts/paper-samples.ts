// The sample papers under docs/ for a reviewer to read: the linkage contract (Vietnamese and
// English, page 1 as PNG), a payment statement with its slips (both pages as PNG) and the bảng kê
// 01/TNDN (page 1 as PNG). `npx tsx scripts/paper-samples.ts` — loads the demo programme into a
// throw-away database, fills in what a buyer and a group would have recorded by then (tax codes,
// the buyer's representative, the place of signing, a reworded article, two households' ID
// numbers with consent and one bank account), renders the papers with the app's own functions
// and rasterises them with pdftoppm.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-samples-"));
process.env.DATABASE_URL = `file:${path.join(dir, "samples.db")}`;
process.env.SESSION_SECRET ??= "samples-secret-samples-secret-samples";

const { db, dbReady, disconnect, write } = await import("~/utils/db.server");
const { loadDemoProgramme } = await import("~/domain/demo.server");
const { contractInclude } = await import("~/domain/contracts.server");
const { contractPdf } = await import("~/domain/contracts/contract-pdf.server");
const { balances, invoiceInclude } = await import("~/domain/invoices.server");
const { invoicePdf } = await import("~/domain/invoice-pdf.server");
const { payoutsFor } = await import("~/domain/payouts/payouts.server");
const { purchaseList } = await import("~/domain/purchase-list/purchase-list.server");
const { purchaseListPdf } = await import("~/domain/purchase-list/documents.server");
const { defaultSigningPlace } = await import("~/domain/contracts");
const { bankHolderName } = await import("~/domain/payouts/bank-account.schema");

const out = path.resolve("docs");
const save = (name: string, pdf: Buffer) => fs.writeFileSync(path.join(out, name), pdf);
/** Pages of a PDF as PNGs at 72 dpi × scale: `prefix-1.png`, … or one name for page 1 only. */
function png(pdf: string, target: string, opts: { dpi: number; first?: number; last?: number; single?: boolean }) {
  const args = ["-png", "-r", String(opts.dpi)];
  if (opts.first) args.push("-f", String(opts.first));
  if (opts.last) args.push("-l", String(opts.last));
  if (opts.single) args.push("-singlefile");
  execFileSync("pdftoppm", [...args, path.join(out, pdf), path.join(out, target)]);
}

try {
  await dbReady();
  await loadDemoProgramme();
  const org = await db.organisation.findFirstOrThrow({ where: { ref: "htx-khe-sanh" } });
  const group = await db.farmerGroup.findFirstOrThrow({ where: { ref: "tg-huong-phung-1" } });
  const contract = await db.contract.findFirstOrThrow({
    where: { buyerId: org.id, groupId: group.id, season: { ref: "coffee-2026" } },
    orderBy: { createdAt: "asc" },
  });
  // The latest statement still to be paid, so its slips carry QR codes; else the latest.
  const invoices = await db.invoice.findMany({ where: { contractId: contract.id, kind: "invoice", status: "issued" }, orderBy: { issuedOn: "desc" } });
  const paidOf = await balances(invoices.map((i) => i.id));
  const invoice = invoices.find((i) => (paidOf.paid.get(i.id) ?? 0) < i.totalVnd) ?? invoices[0];
  const lines = await db.invoiceLine.findMany({ where: { invoiceId: invoice.id }, select: { householdId: true }, orderBy: { householdId: "asc" } });
  const onStatement = [...new Set(lines.map((l) => l.householdId))];
  const first = await db.household.findUniqueOrThrow({ where: { id: onStatement[0] }, select: { headName: true } });
  await write(async (tx) => {
    await tx.organisation.update({
      where: { id: org.id },
      data: { taxCode: "3200123456", representativeName: "Trần Văn Minh", representativeTitle: "Giám đốc" },
    });
    await tx.farmerGroup.update({ where: { id: group.id }, data: { taxCode: "3200987654" } });
    await tx.contract.update({
      where: { id: contract.id },
      data: {
        signedPlace: defaultSigningPlace(group),
        clauses: JSON.stringify({ disputes: "Tranh chấp do Trọng tài Thương mại Việt Nam (VIAC) giải quyết theo quy tắc tố tụng của Trung tâm." }),
      },
    });
    // The first household on the statement is paid by transfer; two have an ID number on file.
    await tx.household.update({
      where: { id: onStatement[0] },
      data: { bankBin: "970436", bankAccount: "0071000123456", bankHolder: bankHolderName(first.headName), idNumber: "045190001234", idConsentAt: new Date() },
    });
    if (onStatement[1]) await tx.household.update({ where: { id: onStatement[1] }, data: { idNumber: "045185009876", idConsentAt: new Date() } });
  });

  const c = await db.contract.findUniqueOrThrow({ where: { id: contract.id }, include: contractInclude });
  save("contract-sample.pdf", await contractPdf(c, "vi"));
  save("contract-sample-en.pdf", await contractPdf(c, "en"));
  png("contract-sample.pdf", "contract-sample-page1", { dpi: 100, first: 1, last: 1, single: true });

  const inv = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: invoiceInclude });
  const names = new Map((await db.household.findMany({ where: { groupId: group.id }, select: { id: true, headName: true } })).map((h) => [h.id, h.headName]));
  const b = await balances([inv.id]);
  const due = inv.totalVnd + (b.notes.get(inv.id) ?? 0);
  const paid = b.paid.get(inv.id) ?? 0;
  const payouts = await payoutsFor(inv, names, "buyer", null);
  save("statement-sample.pdf", await invoicePdf(inv, names, paid, due, "vi", { payouts }));
  png("statement-sample.pdf", "statement-sample", { dpi: 70 });

  const month = inv.issuedOn.slice(0, 7);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const list = await purchaseList(org.id, `${month}-01`, last);
  if (!list) throw new Error("no purchase list");
  save("purchase-list-sample.pdf", await purchaseListPdf(list, new Date(`${last}T10:00:00+07:00`)));
  png("purchase-list-sample.pdf", "purchase-list-sample", { dpi: 80, first: 1, last: 1, single: true });
  console.log(`contract ${c.ref}, statement of ${inv.issuedOn} (${onStatement.length} households), bảng kê ${month}: ${list.rows.length} rows`);
} finally {
  await disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}
