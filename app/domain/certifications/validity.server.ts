// Which of a group's certificates count on a given day, for a given product (issue 16).
//
// A certificate counts on day D for product P when it is not withdrawn, D lies in
// [validFrom, validTo] (both inclusive, yyyy-mm-dd strings compare as dates), and its products
// list is empty (it covers everything the group grows) or names P. A withdrawn certificate
// never counts, whatever day is asked about: withdrawal means the body revoked it or it was
// recorded in error, and a buyer relying on it later should not see it.
//
// The read goes through Certification_groupId_validTo_idx (groupId =, validTo >=): a group
// holds a handful of certificates, so the products test runs here on what the index leaves.
import { Prisma } from "~/generated/prisma/client";
import { txRun, type Tx } from "~/utils/db.server";
import { jsonArrayLength, jsonTextValues } from "~/utils/sql-dialect.server";
import type { CertScheme } from "./schemes";

type Reader = Pick<Tx, "certification">;

export type ValidCertificate = {
  id: string;
  scheme: string;
  schemeName: string | null;
  number: string;
  body: string;
  validFrom: string;
  validTo: string;
  areaHa: number | null;
};

/** Whether a certificate's products list (JSON of product ids; empty = all) covers the product. */
export function coversProduct(products: string, productId: string): boolean {
  let list: unknown;
  try {
    list = JSON.parse(products || "[]");
  } catch {
    return false;
  }
  return Array.isArray(list) && (list.length === 0 || list.includes(productId));
}

/**
 * The group's certificates valid on `on` for `productId`. With `through`, each must also still be
 * valid on that later day (a take-up before the offer's window opens needs a certificate that
 * reaches the window). Ordered by scheme, then by the latest end.
 */
export async function validCertificationsFor(
  client: Reader,
  q: { groupId: string; productId: string; on: string; through?: string; scheme?: string },
): Promise<ValidCertificate[]> {
  const until = q.through && q.through > q.on ? q.through : q.on;
  const rows = await client.certification.findMany({
    where: { groupId: q.groupId, validTo: { gte: until }, validFrom: { lte: q.on }, withdrawnAt: null, ...(q.scheme ? { scheme: q.scheme } : {}) },
    select: { id: true, scheme: true, schemeName: true, number: true, body: true, validFrom: true, validTo: true, areaHa: true, products: true },
    orderBy: [{ scheme: "asc" }, { validTo: "desc" }],
  });
  return rows.filter((r) => coversProduct(r.products, q.productId)).map(({ products: _products, ...r }) => r);
}

/** Whether the group holds a certificate of `scheme` valid on `on` (and through `through`) for the product. */
export async function hasValidScheme(
  client: Reader,
  q: { groupId: string; productId: string; on: string; through?: string },
  scheme: CertScheme | string,
): Promise<boolean> {
  return (await validCertificationsFor(client, { ...q, scheme })).length > 0;
}

/**
 * Inside the write that records a pickup: links it to every certificate of its group valid on its
 * date for its season's product (the same rule as above, in SQL). One fixed statement whatever the
 * number of certificates, prepared once on the writer (this path runs at harvest pace).
 */
export async function recordPickupCertifications(tx: Tx, pickupId: string): Promise<void> {
  await txRun(
    tx,
    Prisma.sql`INSERT INTO "PickupCertification" ("pickupId", "certificationId")
      SELECT p."id", c."id"
      FROM "Pickup" p
      JOIN "Contract" k ON k."id" = p."contractId"
      JOIN "Season" s ON s."id" = k."seasonId"
      JOIN "Certification" c ON c."groupId" = k."groupId" AND c."validTo" >= p."date" AND c."validFrom" <= p."date" AND c."withdrawnAt" IS NULL
      WHERE p."id" = ${pickupId}
        AND (${jsonArrayLength(Prisma.sql`COALESCE(NULLIF(c."products", ''), '[]')`)} = 0
             OR EXISTS (SELECT 1 FROM ${jsonTextValues(Prisma.sql`NULLIF(c."products", '')`, "e")} WHERE e."value" = s."productId"))
      ON CONFLICT DO NOTHING`,
  );
}

/** Of these groups, those holding no certificate of `scheme` valid on `on` (and through `through`) for the product. */
export async function groupsWithoutScheme(
  client: Reader,
  groupIds: string[],
  q: { productId: string; on: string; through?: string; scheme: string },
): Promise<string[]> {
  const missing: string[] = [];
  for (const groupId of groupIds) if (!(await hasValidScheme(client, { ...q, groupId }, q.scheme))) missing.push(groupId);
  return missing;
}
