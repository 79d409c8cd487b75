// The dashboard's certified area and volume, by scheme (issue 16), over the same population as
// the dashboard's other figures: the groups and contracts of scopedContracts() for the selected
// season and scope (in-force contracts; a buyer sees its own, an authority its area).
//
// Area: the hectares of the certificates valid today (not withdrawn, validFrom ≤ today ≤ validTo)
// that cover the season's product, of the groups with an in-force contract in scope. Counted once
// per group and scheme (the largest area among that group's certificates of that scheme): a renewed
// certificate overlapping the old one, or one per product, covers the same fields, and summing
// them would count those fields twice. "Any certificate" takes each group's largest area over all
// schemes, for the same reason (a VietGAP and an organic certificate are often the same land).
//
// Volume: the net weight of the season's effective lots (not superseded by a correction) on the
// scope's contracts whose pickup recorded a certificate when it was weighed (PickupCertification);
// a lot counts once per scheme even if its pickup recorded two certificates of one scheme, and once
// in "any".
import { Prisma } from "~/generated/prisma/client";
import { hotRead } from "~/utils/db.server";
import { jsonArrayLength, jsonTextValues } from "~/utils/sql-dialect.server";
import { freshCached } from "~/utils/fresh-cache.server";
import { scopedContracts, scopeKey, type Scope } from "../indicators.server";

export type CertifiedRow = { scheme: string; groups: number; areaHa: number; deliveredTonnes: number };
export type Certified = { bySchemes: CertifiedRow[]; any: CertifiedRow };

const tidy = (v: unknown) => Math.round(Number(v ?? 0) * 1e6) / 1e6;

/** Certified area and volume for one season and scope, as of `today` (computed once per change of the data). */
export function certifiedFigures(season: { id: string; productId: string }, scope: Scope, today: string): Promise<Certified> {
  const key = `certified\u0000${season.id}\u0000${today}\u0000${scopeKey(scope)}`;
  return freshCached(key, async () => computeCertified(season, scope, today));
}

async function computeCertified(season: { id: string; productId: string }, scope: Scope, today: string): Promise<Certified> {
  const cur = scopedContracts(season.id, scope);
  // Each group's valid certificates for this product, one row per group and scheme.
  const perGroup = Prisma.sql`
    SELECT c."groupId", c."scheme", MAX(COALESCE(c."areaHa", 0)) AS "area"
    FROM "Certification" c
    WHERE c."groupId" IN (SELECT "groupId" FROM (${cur}) AS cc) AND c."withdrawnAt" IS NULL AND c."validFrom" <= ${today} AND c."validTo" >= ${today}
      AND (${jsonArrayLength(Prisma.sql`COALESCE(NULLIF(c."products", ''), '[]')`)} = 0
        OR EXISTS (SELECT 1 FROM ${jsonTextValues(Prisma.sql`NULLIF(c."products", '')`, "e")} WHERE e."value" = ${season.productId}))
    GROUP BY c."groupId", c."scheme"`;
  const areas = await hotRead<{ scheme: string; groups: number; area: number }>(
    Prisma.sql`SELECT "scheme", COUNT(*) AS "groups", SUM("area") AS "area" FROM (${perGroup}) AS g GROUP BY "scheme" ORDER BY "scheme"`,
  );
  const [anyArea] = await hotRead<{ groups: number; area: number | null }>(
    Prisma.sql`SELECT COUNT(*) AS "groups", SUM("area") AS "area" FROM (SELECT "groupId", MAX("area") AS "area" FROM (${perGroup}) AS g GROUP BY "groupId") AS a`,
  );
  // The season's effective lots whose pickup recorded a certificate, one row per lot and scheme.
  const certifiedLots = Prisma.sql`
    SELECT DISTINCT l."id", l."netG", c."scheme"
    FROM (${cur}) cc
    JOIN "Lot" l ON l."contractId" = cc."id"
    JOIN "PickupCertification" pc ON pc."pickupId" = l."pickupId"
    JOIN "Certification" c ON c."id" = pc."certificationId"
    WHERE NOT EXISTS (SELECT 1 FROM "Lot" s WHERE s."supersedesId" = l."id")`;
  const volumes = await hotRead<{ scheme: string; grams: number }>(
    Prisma.sql`SELECT "scheme", SUM("netG") AS "grams" FROM (${certifiedLots}) AS l GROUP BY "scheme"`,
  );
  const [anyVolume] = await hotRead<{ grams: number | null }>(
    Prisma.sql`SELECT SUM("netG") AS "grams" FROM (SELECT DISTINCT "id", "netG" FROM (${certifiedLots}) AS l) AS d`,
  );
  const rows = new Map<string, CertifiedRow>();
  const row = (scheme: string) => rows.get(scheme) ?? rows.set(scheme, { scheme, groups: 0, areaHa: 0, deliveredTonnes: 0 }).get(scheme)!;
  for (const a of areas) Object.assign(row(a.scheme), { groups: Number(a.groups), areaHa: tidy(a.area) });
  for (const v of volumes) row(v.scheme).deliveredTonnes = Number(v.grams ?? 0) / 1e6;
  return {
    bySchemes: [...rows.values()].sort((a, b) => a.scheme.localeCompare(b.scheme)),
    any: { scheme: "any", groups: Number(anyArea?.groups ?? 0), areaHa: tidy(anyArea?.area), deliveredTonnes: Number(anyVolume?.grams ?? 0) / 1e6 },
  };
}
