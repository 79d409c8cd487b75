// The pickup ledger: pickups and lots form one hash chain per contract. Each entry's hash
// covers its canonical content and the previous entry's hash, so changing any stored row
// (even directly in SQLite, where triggers already refuse UPDATE/DELETE) breaks the chain
// from that entry on. See docs/decisions/0005-append-only-pickups.md.
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { dbNow, txAll, txRun, type Tx } from "~/utils/db.server";
import { jsonArray, jsonElements, jsonFields, jsonGroupArray, jsonText, jsonTextValues } from "~/utils/sql-dialect.server";
import { recordCheckpoint } from "./chain-anchors.server";
import { ensureTraceCodes, insertTraceCodes } from "./trace/codes.server";
import { checkMeasurements, productMeasures, type MeasureDef } from "./measures";
import { lotAmountVnd } from "./money";
import { newId } from "./refs";

export const GENESIS = "0".repeat(64);

export class LedgerError extends Error {
  constructor(
    public code: "contract_not_active" | "unknown_grade" | "tare_above_gross" | "unknown_household" | "unknown_lot" | "bad_measurement",
    message: string,
    /** Field errors (path → catalogue keys) when the problem is in named fields, e.g. lots.0.measurements.foo. */
    public fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/**
 * The lots' measurements as they are stored, checked against the product's definitions
 * (app/domain/measures.ts); throws one LedgerError naming every bad key. `keepUndeclared`: see
 * PickupInput.keepUndeclaredMeasures.
 */
function checkedMeasurements(
  defs: MeasureDef[],
  lots: { measurements?: Record<string, number | string> }[],
  keepUndeclared: boolean,
  path: (i: number) => string,
) {
  if (keepUndeclared && defs.length === 0) return lots.map((l) => l.measurements ?? {});
  const fields: Record<string, string[]> = {};
  const reasons: string[] = [];
  const out = lots.map((l, i) => {
    const { values, problems } = checkMeasurements(defs, l.measurements);
    for (const p of problems) {
      (fields[`${path(i)}measurements.${p.key}`] ??= []).push(p.error);
      reasons.push(p.reason);
    }
    return values;
  });
  if (reasons.length) throw new LedgerError("bad_measurement", reasons.join("; "), fields);
  return out;
}

/** JSON with sorted keys and no whitespace: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function entryHash(content: unknown, prevHash: string): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

export type PickupContent = {
  kind: "pickup";
  ref: string;
  contract: string;
  date: string;
  collectionPoint: string | null;
  vehicle: string | null;
  staffName: string | null;
  witnesses: string[]; // household refs, sorted
};

export type LotContent = {
  kind: "lot";
  ref: string;
  pickup: string;
  household: string;
  grossG: number;
  tareG: number;
  netG: number;
  grade: string;
  measurements: unknown;
  unitPriceVnd: number;
  amountVnd: number;
  supersedes: string | null;
  correctionReason: string | null;
};

/**
 * The chain's last entry, kept on write in ContractTotal (docs/decisions/0016): one indexed row
 * instead of the newest pickup and the newest lot. Read inside the write, so nothing can append
 * in between; a head that disagrees with the rows would break the chain at the next entry, where
 * `verify` finds it.
 */
async function chainHead(tx: Tx, contractId: string): Promise<{ seq: number; hash: string }> {
  const [t] = await txAll<{ seq: number; hash: string | null }>(
    tx,
    Prisma.sql`SELECT "headSeq" AS seq, "headHash" AS hash FROM "ContractTotal" WHERE "contractId" = ${contractId}`,
  );
  return t && t.hash ? { seq: Number(t.seq), hash: t.hash } : { seq: 0, hash: GENESIS };
}

/** What appending a pickup needs of its contract, in one statement: terms, product, chain head, last checkpoint. */
async function pickupContext(tx: Tx, contractId: string) {
  const [row] = await txAll<{
    id: string;
    ref: string;
    status: string;
    groupId: string;
    measures: string;
    grades: string;
    headSeq: number | null;
    headHash: string | null;
    last: string | null;
  }>(
    tx,
    Prisma.sql`
    SELECT c."id", c."ref", c."status", c."groupId", p."measures",
      (SELECT ${jsonGroupArray(jsonArray(Prisma.sql`g."code"`, Prisma.sql`g."priceVndPerKg"`))} FROM "ContractGrade" g WHERE g."contractId" = c."id") AS grades,
      t."headSeq", t."headHash",
      (SELECT ${jsonText(jsonArray(Prisma.sql`k."n"`, Prisma.sql`k."hash"`))} FROM "ChainCheckpoint" k WHERE k."contractId" = c."id" ORDER BY k."n" DESC LIMIT 1) AS last
    FROM "Contract" c JOIN "Season" s ON s."id" = c."seasonId" JOIN "Product" p ON p."id" = s."productId"
    LEFT JOIN "ContractTotal" t ON t."contractId" = c."id"
    WHERE c."id" = ${contractId}`,
  );
  if (!row) throw new LedgerError("unknown_lot", "Contract not found");
  const last = row.last ? (JSON.parse(row.last) as [number, string]) : null;
  return {
    ...row,
    grades: new Map((JSON.parse(row.grades) as [string, number][]).map(([code, price]) => [code, Number(price)])),
    head: row.headHash ? { seq: Number(row.headSeq), hash: row.headHash } : { seq: 0, hash: GENESIS },
    lastCheckpoint: last ? { n: Number(last[0]), hash: last[1] } : null,
  };
}

export type LotInput = {
  ref?: string;
  householdId: string;
  grossG: number;
  tareG: number;
  grade: string;
  measurements?: Record<string, number | string>;
};

export type PickupInput = {
  ref?: string;
  contractId: string;
  date: string;
  collectionPoint?: string | null;
  vehicle?: string | null;
  staffName?: string | null;
  recordedById?: string | null;
  clientKey?: string | null;
  witnessHouseholdIds: string[];
  lots: LotInput[];
  /** Imports and demo data may record pickups on contracts that are no longer active. */
  allowAnyStatus?: boolean;
  /**
   * The operator's bundle import only: the bundle format cannot declare a product's measures,
   * so for a product that declares none, history recorded elsewhere keeps its measurements as
   * written. A product that declares measures is always checked.
   */
  keepUndeclaredMeasures?: boolean;
};

const newRef = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 13)}`;

/**
 * Appends a pickup with its witnesses and lots to the contract's chain. Call inside write().
 * A handful of statements whatever the number of lots (one context read, the pickup, its
 * witnesses, all lots in one insert with their hashes computed first, the checkpoint): the
 * writer is exclusive, so every statement here is time no other pickup can use.
 */
export async function appendPickup(tx: Tx, input: PickupInput) {
  if (input.clientKey) {
    const [existing] = await txAll<StoredPickup>(tx, Prisma.sql`SELECT ${PICKUP_COLUMNS} FROM "Pickup" WHERE "clientKey" = ${input.clientKey}`);
    if (existing) return { pickup: existing, duplicate: true as const };
  }
  const contract = await pickupContext(tx, input.contractId);
  if (!input.allowAnyStatus && contract.status !== "active") {
    throw new LedgerError("contract_not_active", "Pickups are recorded against active contracts only");
  }
  const measurements = checkedMeasurements(productMeasures(contract), input.lots, !!input.keepUndeclaredMeasures, (i) => `lots.${i}.`);
  const householdIds = [...new Set([...input.witnessHouseholdIds, ...input.lots.map((l) => l.householdId)])];
  const households = await txAll<{ id: string; ref: string }>(
    tx,
    Prisma.sql`SELECT "id", "ref" FROM "Household" WHERE "groupId" = ${contract.groupId} AND "id" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(householdIds))})`,
  );
  const hhRef = new Map(households.map((h) => [h.id, h.ref]));
  if (hhRef.size !== householdIds.length) throw new LedgerError("unknown_household", "Household not in this group");

  let { seq, hash: prev } = contract.head;
  const pickupRef = input.ref ?? newRef("p");
  const content: PickupContent = {
    kind: "pickup",
    ref: pickupRef,
    contract: contract.ref,
    date: input.date,
    collectionPoint: input.collectionPoint ?? null,
    vehicle: input.vehicle ?? null,
    staffName: input.staffName ?? null,
    witnesses: input.witnessHouseholdIds.map((id) => hhRef.get(id)!).sort(),
  };
  const pickupHash = entryHash(content, prev);
  // Every lot's row and hash before anything is written: a bad grade or tare writes nothing.
  const now = dbNow();
  const pickup: StoredPickup = {
    id: newId(),
    ref: pickupRef,
    contractId: contract.id,
    date: input.date,
    collectionPoint: content.collectionPoint,
    vehicle: content.vehicle,
    staffName: content.staffName,
    recordedById: input.recordedById ?? null,
    clientKey: input.clientKey ?? null,
    chainSeq: seq + 1,
    prevHash: prev,
    hash: pickupHash,
    createdAt: now,
  };
  prev = pickupHash;
  const lots = input.lots.map((lot, i) => {
    const row = lotRow({
      contractId: contract.id,
      pickup: { id: pickup.id, ref: pickupRef },
      householdRef: hhRef.get(lot.householdId)!,
      lot: { ...lot, measurements: measurements[i] },
      price: contract.grades,
      seq: seq + 2 + i,
      prev,
      supersedes: null,
    });
    prev = row.hash;
    return row;
  });
  // Fixed SQL on the writer's connection, prepared once (docs/decisions/0017): three inserts
  // whatever the number of lots and witnesses, the triggers keeping the totals (0016).
  await txRun(
    tx,
    Prisma.sql`INSERT INTO "Pickup" ("id", "ref", "contractId", "date", "collectionPoint", "vehicle", "staffName", "recordedById", "clientKey", "chainSeq", "prevHash", "hash", "createdAt")
      VALUES (${pickup.id}, ${pickup.ref}, ${pickup.contractId}, ${pickup.date}, ${pickup.collectionPoint}, ${pickup.vehicle}, ${pickup.staffName}, ${pickup.recordedById},
              ${pickup.clientKey}, ${pickup.chainSeq}, ${pickup.prevHash}, ${pickup.hash}, ${now})`,
  );
  if (input.witnessHouseholdIds.length) {
    await txRun(
      tx,
      Prisma.sql`INSERT INTO "PickupWitness" ("pickupId", "householdId") SELECT ${pickup.id}, "value" FROM ${jsonTextValues(JSON.stringify(input.witnessHouseholdIds))}`,
    );
  }
  if (lots.length) {
    await txRun(
      tx,
      Prisma.sql`INSERT INTO "Lot" ("id", "ref", "pickupId", "contractId", "householdId", "grossG", "tareG", "netG", "grade", "measurements", "unitPriceVnd", "amountVnd",
                                   "supersedesId", "correctionReason", "chainSeq", "prevHash", "hash", "createdAt")
        SELECT ${LOT_FIELDS}, ${now}
        FROM ${jsonElements(JSON.stringify(lots))}`,
    );
  }
  seq += 1 + lots.length;
  // The new head, signed and logged outside the table (docs 0013): truncation becomes visible.
  await recordCheckpoint(tx, contract.id, { seq, hash: prev }, { ref: contract.ref, last: contract.lastCheckpoint });
  // Public trace codes for the pickup and each lot, in the same transaction: a label can be printed at once (issue 16).
  await insertTraceCodes(tx, [{ pickupId: pickup.id, lotId: null }, ...lots.map((l) => ({ pickupId: pickup.id, lotId: l.id }))]);
  return { pickup, duplicate: false as const };
}

const LOT_FIELDS = jsonFields("j", [
  "id",
  "ref",
  "pickupId",
  "contractId",
  "householdId",
  ["grossG", "bigint"],
  ["tareG", "bigint"],
  ["netG", "bigint"],
  "grade",
  "measurements",
  ["unitPriceVnd", "bigint"],
  ["amountVnd", "bigint"],
  "supersedesId",
  "correctionReason",
  ["chainSeq", "bigint"],
  "prevHash",
  "hash",
]);

const PICKUP_COLUMNS = Prisma.raw(
  `"id", "ref", "contractId", "date", "collectionPoint", "vehicle", "staffName", "recordedById", "clientKey", "chainSeq", "prevHash", "hash", "createdAt"`,
);

export type StoredPickup = {
  id: string;
  ref: string;
  contractId: string;
  date: string;
  collectionPoint: string | null;
  vehicle: string | null;
  staffName: string | null;
  recordedById: string | null;
  clientKey: string | null;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  createdAt: string | Date; // as the engine stores it (dbNow)
};

/** A lot's row with its chain hash, checked against the contract's grades. Writes nothing. */
function lotRow(a: {
  contractId: string;
  pickup: { id: string; ref: string };
  householdRef: string;
  lot: LotInput;
  price: Map<string, number>;
  seq: number;
  prev: string;
  supersedes: { id: string; ref: string; reason: string } | null;
}) {
  const { lot } = a;
  const unitPrice = a.price.get(lot.grade);
  if (unitPrice === undefined) throw new LedgerError("unknown_grade", `Grade ${lot.grade} is not in the contract`);
  if (lot.tareG > lot.grossG || lot.tareG < 0) throw new LedgerError("tare_above_gross", "Tare above gross weight");
  const netG = lot.grossG - lot.tareG;
  const ref = lot.ref ?? newRef("l");
  const content: LotContent = {
    kind: "lot",
    ref,
    pickup: a.pickup.ref,
    household: a.householdRef,
    grossG: lot.grossG,
    tareG: lot.tareG,
    netG,
    grade: lot.grade,
    measurements: lot.measurements ?? {},
    unitPriceVnd: unitPrice,
    amountVnd: lotAmountVnd(netG, unitPrice),
    supersedes: a.supersedes?.ref ?? null,
    correctionReason: a.supersedes?.reason ?? null,
  };
  return {
    id: newId(),
    ref,
    pickupId: a.pickup.id,
    contractId: a.contractId,
    householdId: lot.householdId,
    grossG: lot.grossG,
    tareG: lot.tareG,
    netG,
    grade: lot.grade,
    measurements: canonicalJson(content.measurements),
    unitPriceVnd: unitPrice,
    amountVnd: content.amountVnd,
    supersedesId: a.supersedes?.id ?? null,
    correctionReason: a.supersedes?.reason ?? null,
    chainSeq: a.seq,
    prevHash: a.prev,
    hash: entryHash(content, a.prev),
  };
}

/**
 * Appends a correcting lot that supersedes `lotId`. By default it stays in the old lot's pickup
 * and household; an import may record it at a later pickup (of the same contract) or book the
 * weighing to the household it really belonged to.
 */
export async function appendCorrection(
  tx: Tx,
  input: {
    lotId: string;
    reason: string;
    grossG: number;
    tareG: number;
    grade: string;
    measurements?: Record<string, number | string>;
    ref?: string;
    pickupId?: string;
    householdId?: string;
    /** See PickupInput.keepUndeclaredMeasures. */
    keepUndeclaredMeasures?: boolean;
  },
) {
  const old = await tx.lot.findUnique({
    where: { id: input.lotId },
    include: {
      pickup: true,
      household: { select: { ref: true } },
      supersededBy: { select: { id: true } },
      contract: { select: { season: { select: { product: { select: { measures: true } } } } } },
    },
  });
  if (!old) throw new LedgerError("unknown_lot", "Lot not found");
  if (old.supersededBy) throw new LedgerError("unknown_lot", "Lot already corrected; correct the newest entry");
  const pickup = input.pickupId ? await tx.pickup.findUnique({ where: { id: input.pickupId }, select: { id: true, ref: true, contractId: true } }) : old.pickup;
  if (!pickup || pickup.contractId !== old.contractId) throw new LedgerError("unknown_lot", "A correction stays in the contract of the lot it corrects");
  const household = input.householdId
    ? await tx.household.findFirst({
        where: { id: input.householdId, group: { contracts: { some: { id: old.contractId } } } },
        select: { id: true, ref: true },
      })
    : { id: old.householdId, ref: old.household.ref };
  if (!household) throw new LedgerError("unknown_household", "Household not in this group");
  const [measurements] = checkedMeasurements(productMeasures(old.contract.season.product), [input], !!input.keepUndeclaredMeasures, () => "");
  const grades = await tx.contractGrade.findMany({ where: { contractId: old.contractId } });
  const { seq, hash } = await chainHead(tx, old.contractId);
  const lot = await tx.lot.create({
    data: lotRow({
      contractId: old.contractId,
      pickup: { id: pickup.id, ref: pickup.ref },
      householdRef: household.ref,
      lot: { ref: input.ref, householdId: household.id, grossG: input.grossG, tareG: input.tareG, grade: input.grade, measurements },
      price: new Map(grades.map((g) => [g.code, g.priceVndPerKg])),
      seq: seq + 1,
      prev: hash,
      supersedes: { id: old.id, ref: old.ref, reason: input.reason },
    }),
  });
  await recordCheckpoint(tx, old.contractId, { seq: lot.chainSeq!, hash: lot.hash! });
  // The correcting lot's own trace code, so the corrected lot's page can link to it (issue 16).
  await ensureTraceCodes(tx, [pickup.id]);
  return lot;
}

export type ChainReport =
  | { intact: true; entries: number; head: string }
  | { intact: false; entries: number; brokenAt: { seq: number; kind: "pickup" | "lot"; ref: string; reason: "hash" | "link" | "sequence" } };

type Reader = Pick<Tx, "pickup" | "lot">;

/** Recomputes a contract's chain from the stored rows. */
export async function verifyContractChain(client: Reader, contractId: string): Promise<ChainReport> {
  const [pickups, lots] = await Promise.all([
    client.pickup.findMany({
      where: { contractId },
      include: { contract: { select: { ref: true } }, witnesses: { include: { household: { select: { ref: true } } } } },
    }),
    client.lot.findMany({
      where: { contractId },
      include: { pickup: { select: { ref: true } }, household: { select: { ref: true } }, supersedes: { select: { ref: true } } },
    }),
  ]);
  const entries = [
    ...pickups.map((p) => ({
      seq: p.chainSeq ?? 0,
      kind: "pickup" as const,
      ref: p.ref,
      prevHash: p.prevHash,
      hash: p.hash,
      content: {
        kind: "pickup",
        ref: p.ref,
        contract: p.contract.ref,
        date: p.date,
        collectionPoint: p.collectionPoint,
        vehicle: p.vehicle,
        staffName: p.staffName,
        witnesses: p.witnesses.map((w) => w.household.ref).sort(),
      } satisfies PickupContent,
    })),
    ...lots.map((l) => ({
      seq: l.chainSeq ?? 0,
      kind: "lot" as const,
      ref: l.ref,
      prevHash: l.prevHash,
      hash: l.hash,
      content: {
        kind: "lot",
        ref: l.ref,
        pickup: l.pickup.ref,
        household: l.household.ref,
        grossG: l.grossG,
        tareG: l.tareG,
        netG: l.netG,
        grade: l.grade,
        measurements: safeJson(l.measurements),
        unitPriceVnd: l.unitPriceVnd,
        amountVnd: l.amountVnd,
        supersedes: l.supersedes?.ref ?? null,
        correctionReason: l.correctionReason,
      } satisfies LotContent,
    })),
  ].sort((a, b) => a.seq - b.seq);

  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const at = { seq: e.seq, kind: e.kind, ref: e.ref };
    if (e.seq !== i + 1) return { intact: false, entries: entries.length, brokenAt: { ...at, reason: "sequence" } };
    if (e.prevHash !== prev) return { intact: false, entries: entries.length, brokenAt: { ...at, reason: "link" } };
    const h = entryHash(e.content, prev);
    if (h !== e.hash) return { intact: false, entries: entries.length, brokenAt: { ...at, reason: "hash" } };
    prev = h;
  }
  return { intact: true, entries: entries.length, head: prev };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
