// Pickup receipts by SMS for households (issue 17, item 4) and checking their codes
// (docs/decisions/0032-receipts-and-consent.md). The code is receiptCode(head, household), the
// head being the contract's chain head right after the pickup: the hash of the pickup's last
// lot, as appendPickup chains them (app/domain/ledger.server.ts).
import { Prisma } from "~/generated/prisma/client";
import { db, txAll, type Tx } from "~/utils/db.server";
import { jsonTextValues } from "~/utils/sql-dialect.server";
import { renderMessage } from "./messages.server";
import { normaliseVnMobile } from "./phone";
import { wantsKind } from "./preferences";
import { normaliseReceiptCode, receiptCode } from "./receipt-code";

type LotRow = { householdId: string; netG: number; grade: string; amountVnd: number; chainSeq: number; hash: string };

type HouseholdLots = { kg: number; grades: string; amount: number };

/** Sum of net weight and amount per household, the grades listed once each ("A+B"). */
function perHousehold(lots: Pick<LotRow, "householdId" | "netG" | "grade" | "amountVnd">[]): Map<string, HouseholdLots> {
  const acc = new Map<string, { g: number; grades: Set<string>; amount: number }>();
  for (const l of lots) {
    const a = acc.get(l.householdId) ?? { g: 0, grades: new Set<string>(), amount: 0 };
    a.g += Number(l.netG);
    a.grades.add(l.grade);
    a.amount += Number(l.amountVnd);
    acc.set(l.householdId, a);
  }
  return new Map([...acc].map(([id, a]) => [id, { kg: a.g / 1000, grades: [...a.grades].sort().join("+"), amount: a.amount }]));
}

export type HouseholdReceipt = {
  householdId: string;
  address: string; // 84xxxxxxxxx
  plain: boolean;
  eventKey: string; // one receipt per pickup and household, however often this runs
  kind: "pickup_receipt";
  code: string;
  params: { kg: number; grades: string; amount: number; code: string; contract: string; date: string };
  body: string; // the SMS, one segment
};

/**
 * A pickup's lots with its date and contract (exported so a test can read its query plan).
 * Corrections are left out by the caller, not here: with `"supersedesId" IS NULL` in the WHERE,
 * SQLite (no statistics) read the lots through the unique index on supersedesId, every original
 * lot of the ledger, and each pickup took ~0.5 s on two million lots (benchmark, December 2026).
 */
export function pickupLotsSql(pickupId: string): Prisma.Sql {
  return Prisma.sql`SELECT l."householdId", l."netG", l."grade", l."amountVnd", l."chainSeq", l."hash", l."supersedesId", p."date", c."ref" AS "contract"
    FROM "Lot" l JOIN "Pickup" p ON p."id" = l."pickupId" JOIN "Contract" c ON c."id" = p."contractId"
    WHERE l."pickupId" = ${pickupId} ORDER BY l."chainSeq"`;
}

/**
 * The receipts a just-recorded pickup sends: one per household of the pickup with a phone it
 * consented to and has not stopped. Two fixed queries inside the pickup's write (its lots, the
 * households' preferences), nothing per household. The outbox enqueues what this returns.
 */
export async function householdReceipts(tx: Tx, pickupId: string): Promise<HouseholdReceipt[]> {
  const lots = (await txAll<LotRow & { date: string; contract: string; supersedesId: string | null }>(tx, pickupLotsSql(pickupId))).filter(
    (l) => l.supersedesId === null,
  );
  if (!lots.length) return [];
  const head = lots[lots.length - 1].hash;
  const sums = perHousehold(lots);
  const prefs = await txAll<{ householdId: string; smsPhone: string; smsPlain: number; events: string | null }>(
    tx,
    Prisma.sql`SELECT "householdId", "smsPhone", "smsPlain", "events" FROM "ContactPreference"
      WHERE "householdId" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify([...sums.keys()]))})
        AND "smsPhone" IS NOT NULL AND "consentAt" IS NOT NULL AND "stoppedAt" IS NULL
      ORDER BY "householdId"`,
  );
  return prefs.flatMap((p) => {
    const address = normaliseVnMobile(p.smsPhone);
    if (!address || !wantsKind(p.events, "pickup_receipt")) return [];
    const s = sums.get(p.householdId)!;
    const code = receiptCode(head, p.householdId);
    const plain = !!Number(p.smsPlain);
    const params = { kg: s.kg, grades: s.grades, amount: s.amount, code, contract: lots[0].contract, date: lots[0].date };
    return [
      {
        householdId: p.householdId,
        address,
        plain,
        eventKey: `pickup_receipt:${pickupId}:${p.householdId}`,
        kind: "pickup_receipt" as const,
        code,
        params,
        // Households without an account read Vietnamese.
        body: renderMessage("pickup_receipt", params, { channel: "sms", locale: "vi", plain }).body,
      },
    ];
  });
}

export type CodeCheck =
  { match: true; date: string; household: string; kg: number; grades: string; amount: number; now: { kg: number; amount: number } | null } | { match: false };

/**
 * Does `code` match a pickup of this contract for one of its households? Recomputes every
 * pickup's head from the stored chain and the code for each household weighed in it, so a
 * tampered lot (its hash changed, or the chain re-hashed) no longer matches. What matched is
 * shown as recorded then, with the weight now if a correction followed.
 */
export async function checkReceiptCode(contractId: string, input: string): Promise<CodeCheck | "invalid"> {
  const code = normaliseReceiptCode(input);
  if (!code) return "invalid";
  const lots = await db.lot.findMany({
    where: { contractId },
    select: {
      id: true,
      pickupId: true,
      householdId: true,
      netG: true,
      grade: true,
      amountVnd: true,
      chainSeq: true,
      hash: true,
      supersedesId: true,
      pickup: { select: { date: true } },
      household: { select: { headName: true } },
    },
    orderBy: { chainSeq: "asc" },
  });
  const originals = new Map<string, typeof lots>();
  const correctionOf = new Map<string, (typeof lots)[number]>();
  for (const l of lots) {
    if (l.supersedesId) correctionOf.set(l.supersedesId, l);
    else originals.set(l.pickupId, [...(originals.get(l.pickupId) ?? []), l]);
  }
  for (const pickupLots of originals.values()) {
    const head = pickupLots[pickupLots.length - 1].hash;
    if (!head) continue;
    for (const householdId of new Set(pickupLots.map((l) => l.householdId))) {
      if (receiptCode(head, householdId) !== code) continue;
      const mine = pickupLots.filter((l) => l.householdId === householdId);
      const then = perHousehold(mine).get(householdId)!;
      const effective = mine.map((l) => {
        let cur = l;
        for (let next = correctionOf.get(cur.id); next; next = correctionOf.get(cur.id)) cur = next;
        return cur;
      });
      const now = perHousehold(effective).get(householdId)!;
      const changed = now.kg !== then.kg || now.amount !== then.amount;
      return {
        match: true,
        date: mine[0].pickup.date,
        household: mine[0].household.headName,
        ...then,
        now: changed ? { kg: now.kg, amount: now.amount } : null,
      };
    }
  }
  return { match: false };
}
