// What the invoice tests need on top of makeWorld() and makeContracts(): more contracts
// between the same sides (with a group-fund share), pickups written straight into the ledger
// (for back-dated or bulk data), and readers for money on pages and for PDF text.
// Import it (dynamically) only after tempDatabase(): the domain modules read DATABASE_URL.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GRADES } from "./pickup-fixtures";

/**
 * Another active contract between a buyer and a group in the given season, with the same
 * grades as makeContracts() (A = 14.500 ₫/kg, B = 13.000 ₫/kg) and 7 days to pay.
 */
export async function extraContract(o: {
  ref: string;
  buyerId: string;
  groupId: string;
  seasonId: string;
  groupFundPct: number;
  signedOn: string;
  inputsAdvanced?: string;
}) {
  const { write } = await import("~/utils/db.server");
  return write((tx) =>
    tx.contract.create({
      data: {
        ref: o.ref,
        buyerId: o.buyerId,
        groupId: o.groupId,
        seasonId: o.seasonId,
        status: "active",
        signedOn: o.signedOn,
        areaHa: 10,
        volumeTonnes: 30,
        paymentTermsDays: 7,
        groupFundPct: o.groupFundPct,
        // Advanced inputs are recovered only under a contract that provides for it.
        inputsAdvanced: o.inputsAdvanced ?? null,
        grades: { create: GRADES },
      },
      select: { id: true, ref: true },
    }),
  );
}

export type KgLot = { householdId: string; grossKg: number; tareKg?: number; grade: string };

/** A pickup appended to the contract's ledger through the app's own ledger function. */
export async function ledgerPickup(contractId: string, date: string, lots: KgLot[], o: { recordedById?: string; witnesses?: string[] } = {}) {
  const { write } = await import("~/utils/db.server");
  const { appendPickup } = await import("~/domain/ledger.server");
  const { pickup } = await write((tx) =>
    appendPickup(tx, {
      contractId,
      date,
      collectionPoint: "Điểm thu mua Hướng Phùng",
      recordedById: o.recordedById ?? null,
      witnessHouseholdIds: o.witnesses ?? [],
      lots: lots.map((l) => ({ householdId: l.householdId, grossG: Math.round(l.grossKg * 1000), tareG: Math.round((l.tareKg ?? 0) * 1000), grade: l.grade })),
    }),
  );
  return pickup.id;
}

/** The digest an invoice prints, recomputed here from the lots' ledger hashes (in chain order). */
export function expectedLotsHash(hashes: (string | null)[]): string {
  return crypto
    .createHash("sha256")
    .update(hashes.map((h) => h ?? "").join("\n"))
    .digest("hex");
}

/** "1.234.567 ₫" or "-290.000 ₫" → 1234567 / -290000. */
export function parseVnd(s: string): number {
  const m = /(-?[\d.]+)\s*₫/.exec(s);
  if (!m) throw new Error(`no amount in ${JSON.stringify(s)}`);
  return Number(m[1].replaceAll(".", ""));
}

/** Every "… ₫" amount in a piece of HTML, in order. */
export function amountsIn(html: string): number[] {
  return [...html.matchAll(/(-?\d{1,3}(?:\.\d{3})*) ₫/g)].map((m) => Number(m[1].replaceAll(".", "")));
}

/** The passbook's money block (<dl id="money">): owed, received, still waiting. */
export function passbookMoney(html: string): { owed: number; received: number; waiting: number } {
  const block = /<dl[^>]*id="money"[^>]*>([\s\S]*?)<\/dl>/.exec(html);
  if (!block) throw new Error("no #money block on the passbook page");
  const [owed, received, waiting] = amountsIn(block[1]);
  return { owed, received, waiting };
}

/** The text of a PDF as pdftotext (poppler) reads it; `layout` keeps a table row on one line. */
export function pdfText(pdf: Uint8Array, layout = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-pdf-"));
  const file = path.join(dir, "doc.pdf");
  try {
    fs.writeFileSync(file, pdf);
    return execFileSync("/usr/bin/pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The invoice id from the issue form's redirect (302 → /invoices/:id). */
export function invoiceIdOf(res: Response): string {
  const m = /^\/invoices\/([^/?#]+)$/.exec(res.headers.get("location") ?? "");
  if (res.status !== 302 || !m) throw new Error(`expected a redirect to the new invoice, got ${res.status} ${res.headers.get("location")}`);
  return m[1];
}
