// Invoice PDFs per second on one core (issue target: ≥ 50 one-page statements/s).
// `npm run bench:pdf` — builds a small statement in a throw-away database, renders it
// repeatedly in this one process, and prints the rate.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-bench-pdf-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench";

const { write, db, disconnect } = await import("~/utils/db.server");
const { appendPickup } = await import("~/domain/ledger.server");
const { issueInvoice, findInvoiceForViewer } = await import("~/domain/invoices.server");
const { invoicePdf } = await import("~/domain/invoice-pdf.server");
const { placeOf } = await import("../tests/support/places");

const invoiceId = await write(async (tx) => {
  const buyer = await tx.organisation.create({
    data: { ref: "b", kind: "cooperative", name: "HTX Cà phê Khe Sanh", province: "Quảng Trị", commune: "Xã Khe Sanh" },
  });
  const group = await tx.farmerGroup.create({
    data: { ref: "g", name: "Tổ hợp tác cà phê Hướng Phùng 1", ...placeOf("Quảng Trị", "Hướng Hóa", "Hướng Phùng") },
  });
  const product = await tx.product.create({ data: { ref: "p", name: "Cà phê quả tươi" } });
  const season = await tx.season.create({ data: { ref: "s", productId: product.id, name: "Vụ 2026–2027", start: "2026-09-01", end: "2027-01-31" } });
  const contract = await tx.contract.create({
    data: {
      ref: "c",
      buyerId: buyer.id,
      groupId: group.id,
      seasonId: season.id,
      status: "active",
      areaHa: 10,
      volumeTonnes: 50,
      paymentTermsDays: 7,
      grades: {
        create: [
          { code: "A", label: "Chín ≥ 95%", priceVndPerKg: 18_100 },
          { code: "B", label: "Chín 85–95%", priceVndPerKg: 16_300 },
        ],
      },
    },
  });
  const names = ["Hồ Thị Lan", "Côn Văn Ba", "Hồ Văn Thanh", "Pả Văn Tâm", "Ăm Văn Thanh", "Đặng Văn Long"];
  const hh = [];
  for (const [i, headName] of names.entries()) {
    hh.push(
      await tx.household.create({
        data: { ref: `h${i}`, groupId: group.id, headName, headSex: "female", ethnicMinority: true, ethnicity: "Vân Kiều", povertyStatus: "poor", members: 5 },
      }),
    );
  }
  const { pickup } = await appendPickup(tx, {
    contractId: contract.id,
    date: "2026-11-17",
    witnessHouseholdIds: [hh[0].id],
    lots: hh.map((h, i) => ({ householdId: h.id, grossG: 200_000 + i * 37_500, tareG: 4_000, grade: i % 2 ? "B" : "A" })),
  });
  return (await issueInvoice(tx, { contractId: contract.id, pickupIds: [pickup.id], issuedOn: "2026-11-18" })).id;
});

const access = { user: { id: "bench", name: "bench", email: null, phone: null, locale: "vi", isSiteAdmin: true }, orgs: [], groups: [] };
const found = (await findInvoiceForViewer(access, invoiceId))!;

async function render() {
  return invoicePdf(found.invoice, found.names, 0, found.invoice.totalVnd, "vi");
}

const first = await render();
for (let i = 0; i < 10; i++) await render(); // warm-up
const N = Number(process.env.BENCH_N ?? 200);
const started = process.hrtime.bigint();
for (let i = 0; i < N; i++) await render();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const perSecond = N / seconds;
const result = {
  benchmark: "invoice-pdf",
  documents: N,
  seconds: Number(seconds.toFixed(3)),
  perSecond: Number(perSecond.toFixed(1)),
  bytes: first.length,
  target: 50,
  node: process.version,
  cpus: os.cpus()[0]?.model,
};
console.log(`Invoice PDFs: ${result.perSecond}/s on one core (${N} documents in ${result.seconds} s, ${first.length} bytes each; target ≥ 50/s)`);
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/invoice-pdf.json", JSON.stringify(result, null, 2) + "\n");
await db.$disconnect();
await disconnect();
fs.rmSync(dir, { recursive: true, force: true });
