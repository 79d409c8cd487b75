// What a public trace page shows (issue 16, docs/decisions/0028-public-trace-page.md): read with
// fixed SQL on the hot connection, and only the columns that may be public. A household is
// reduced here to its head's given name, and only when the household agreed; its ref, id,
// phone and amounts never leave this module.
import { Prisma } from "~/generated/prisma/client";
import { hotRead } from "~/utils/db.server";
import { writtenOrder } from "~/utils/sql-dialect.server";
import { normaliseGtin } from "./links";
import { normaliseTraceCode } from "./codes.server";
import { givenName } from "./names";
import { chainVerdict, type Verdict } from "./verdict.server";

export type TraceLot = {
  code: string | null;
  grade: string;
  gradeLabel: string;
  gradeCriteria: string | null;
  netG: number;
  unitPriceVnd: number | null; // only when the buyer shows its prices
  givenName: string | null; // only with the household's consent
  correctedByCode: string | null;
  corrected: boolean;
  correctsCode: string | null;
  correctionReason: string | null;
};

export type TraceCertificate = { scheme: string; schemeName: string | null; number: string; body: string; validFrom: string; validTo: string };

export type TraceView = {
  code: string;
  kind: "lot" | "pickup";
  date: string;
  product: { name: string; nameEn: string | null; unit: string };
  collectionPoint: string | null;
  place: { commune: string; province: string; provinceCode: string | null; lat: number | null; lng: number | null };
  group: string;
  buyer: string;
  contractRef: string;
  /** The lot itself (a lot's code) or every lot of the pickup, corrections included (a pickup's code). */
  lots: TraceLot[];
  certificates: TraceCertificate[];
  verdict: Verdict;
  /** The chain position and hash the verdict is about: a receipt printed then shows the same. */
  head: { seq: number; hash: string };
};

type CodeRow = { code: string; pickupId: string; lotId: string | null };

type PickupRow = {
  id: string;
  date: string;
  collectionPoint: string | null;
  chainSeq: number | null;
  hash: string | null;
  contractId: string;
  contractRef: string;
  buyerId: string;
  buyerName: string;
  showPrices: number;
  groupName: string;
  commune: string;
  province: string;
  provinceCode: string | null;
  gLat: number | null;
  gLng: number | null;
  cpLat: number | null;
  cpLng: number | null;
  productId: string;
  productName: string;
  productNameEn: string | null;
  unit: string;
};

type LotRow = {
  id: string;
  code: string | null;
  netG: number;
  grade: string;
  unitPriceVnd: number;
  chainSeq: number | null;
  hash: string | null;
  supersedesId: string | null;
  correctionReason: string | null;
  headName: string;
  consented: number;
  gradeLabel: string | null;
  gradeCriteria: string | null;
  correctedById: string | null;
  correctedByCode: string | null;
  correctsCode: string | null;
};

const codeRow = async (code: string) => (await hotRead<CodeRow>(Prisma.sql`SELECT "code", "pickupId", "lotId" FROM "TraceCode" WHERE "code" = ${code}`))[0];

const pickupRow = async (pickupId: string) =>
  (
    await hotRead<PickupRow>(Prisma.sql`
    SELECT p."id", p."date", p."collectionPoint", p."chainSeq", p."hash", p."contractId", c."ref" AS "contractRef",
      c."buyerId", b."name" AS "buyerName", b."traceShowPrices" AS "showPrices",
      g."name" AS "groupName", g."commune", g."province", g."provinceCode", g."lat" AS "gLat", g."lng" AS "gLng",
      cp."lat" AS "cpLat", cp."lng" AS "cpLng",
      pr."id" AS "productId", pr."name" AS "productName", pr."nameEn" AS "productNameEn", pr."unit"
    FROM "Pickup" p
    JOIN "Contract" c ON c."id" = p."contractId"
    JOIN "Organisation" b ON b."id" = c."buyerId"
    JOIN "FarmerGroup" g ON g."id" = c."groupId"
    JOIN "Season" s ON s."id" = c."seasonId"
    JOIN "Product" pr ON pr."id" = s."productId"
    LEFT JOIN "CollectionPoint" cp ON cp."id" = (SELECT x."id" FROM "CollectionPoint" x WHERE x."offerId" = c."offerId" AND x."name" = p."collectionPoint" ORDER BY ${writtenOrder(`x."id"`)} LIMIT 1)
    WHERE p."id" = ${pickupId}`)
  )[0];

// Every lot weighed at the pickup, with what its grade means and the codes of the lots it
// corrects or is corrected by (a correction may sit at a later pickup: found by supersedesId).
const lotRows = async (pickupId: string) =>
  await hotRead<LotRow>(Prisma.sql`
    SELECT l."id", t."code", l."netG", l."grade", l."unitPriceVnd", l."chainSeq", l."hash", l."supersedesId", l."correctionReason",
      h."headName", h."traceNameConsentAt" IS NOT NULL AS "consented",
      gr."label" AS "gradeLabel", gr."criteria" AS "gradeCriteria",
      n."id" AS "correctedById", nt."code" AS "correctedByCode", st."code" AS "correctsCode"
    FROM "Lot" l
    JOIN "Household" h ON h."id" = l."householdId"
    LEFT JOIN "TraceCode" t ON t."lotId" = l."id"
    LEFT JOIN "ContractGrade" gr ON gr."contractId" = l."contractId" AND gr."code" = l."grade"
    LEFT JOIN "Lot" n ON n."supersedesId" = l."id"
    LEFT JOIN "TraceCode" nt ON nt."lotId" = n."id"
    LEFT JOIN "TraceCode" st ON st."lotId" = l."supersedesId"
    WHERE l."pickupId" = ${pickupId}
    ORDER BY l."chainSeq"`);

const lotById = async (lotId: string) => (await hotRead<{ pickupId: string }>(Prisma.sql`SELECT "pickupId" FROM "Lot" WHERE "id" = ${lotId}`))[0];

// The certificates recorded with the pickup that were valid on its date (withdrawn ones are not claimed).
const certificates = async (pickupId: string, date: string) =>
  await hotRead<TraceCertificate>(Prisma.sql`
    SELECT ce."scheme", ce."schemeName", ce."number", ce."body", ce."validFrom", ce."validTo"
    FROM "PickupCertification" pc JOIN "Certification" ce ON ce."id" = pc."certificationId"
    WHERE pc."pickupId" = ${pickupId} AND ce."validFrom" <= ${date} AND ce."validTo" >= ${date} AND ce."withdrawnAt" IS NULL
    ORDER BY ce."scheme", ce."number"`);

const hasGtin = async (gtin: string, buyerId: string, productId: string) =>
  (
    await hotRead<{ one: number }>(
      Prisma.sql`SELECT 1 AS "one" FROM "ProductGtin" WHERE "gtin" = ${gtin} AND "buyerId" = ${buyerId} AND "productId" = ${productId}`,
    )
  ).length > 0;

/**
 * The trace page of a code, or null when there is none: an unknown code, a malformed one and
 * (for the Digital Link shape) a GTIN that is not the buyer's for this product all look the same.
 */
export async function traceView(rawCode: string, rawGtin?: string): Promise<TraceView | null> {
  const code = normaliseTraceCode(rawCode);
  if (!code) return null;
  const found = await codeRow(code);
  if (!found) return null;
  // A correction recorded at a later pickup: its code names the lot, whose pickup is the truth.
  const pickupId = found.lotId ? ((await lotById(found.lotId))?.pickupId ?? found.pickupId) : found.pickupId;
  const p = await pickupRow(pickupId);
  if (!p) return null;
  if (rawGtin !== undefined) {
    const gtin = normaliseGtin(rawGtin);
    if (!gtin || !(await hasGtin(gtin, p.buyerId, p.productId))) return null;
  }
  const rows = await lotRows(pickupId);
  const shown = found.lotId ? rows.filter((l) => l.id === found.lotId) : rows;
  if (found.lotId && !shown.length) return null;
  const lots = shown.map((l): TraceLot => ({
    code: l.code,
    grade: l.grade,
    gradeLabel: l.gradeLabel ?? l.grade,
    gradeCriteria: l.gradeCriteria,
    netG: l.netG,
    unitPriceVnd: p.showPrices ? l.unitPriceVnd : null,
    givenName: l.consented ? givenName(l.headName) : null,
    corrected: !!l.correctedById,
    correctedByCode: l.correctedByCode,
    correctsCode: l.correctsCode,
    correctionReason: l.correctionReason,
  }));
  // The chain up to this lot; for a pickup, up to the head its receipt printed (the pickup and
  // its own lots; later corrections have their own codes).
  const head = found.lotId
    ? { seq: shown[0].chainSeq ?? 0, hash: shown[0].hash ?? "" }
    : [{ chainSeq: p.chainSeq, hash: p.hash }, ...rows.filter((l) => !l.supersedesId)].reduce(
        (a, b) => ((b.chainSeq ?? 0) > a.seq ? { seq: b.chainSeq ?? 0, hash: b.hash ?? "" } : a),
        { seq: 0, hash: "" },
      );
  return {
    code,
    kind: found.lotId ? "lot" : "pickup",
    date: p.date,
    product: { name: p.productName, nameEn: p.productNameEn, unit: p.unit },
    collectionPoint: p.collectionPoint,
    place: {
      commune: p.commune,
      province: p.province,
      provinceCode: p.provinceCode,
      lat: p.cpLat ?? p.gLat,
      lng: p.cpLat != null ? p.cpLng : p.gLng,
    },
    group: p.groupName,
    buyer: p.buyerName,
    contractRef: p.contractRef,
    lots,
    certificates: await certificates(pickupId, p.date),
    verdict: await chainVerdict(p.contractId, head.seq),
    head,
  };
}
