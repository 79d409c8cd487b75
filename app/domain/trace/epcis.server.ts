// A buyer's pickups as an EPCIS 2.0 JSON-LD document (issue 16, item 4; docs/decisions/
// 0029-epcis-export.md): the GS1 event format buyers' traceability systems read. One
// ObjectEvent per pickup: what (each lot by its public code, net kg), when, where (the
// collection point, with coordinates), why (business step and disposition), the
// certificates recorded with the pickup, the group and the buyer as owning parties, and the
// contract chain's hash. Lots are named by code only: never a household's name, phone,
// ID number or bank data, nor even a household ref.
import crypto from "node:crypto";
import { db, write } from "~/utils/db.server";
import { ensureTraceCodes } from "./codes.server";
import type { EpcisQuery } from "./epcis.schema";
import { traceUrl } from "./links";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
/** Our extension fields' namespace, on the installation's own domain, declared in @context. */
export const caunoiNamespace = (origin: string) => `${origin.replace(/\/$/, "")}/ns/epcis#`;

// Pickups happen in Vietnam: UTC+7 all year, no daylight saving.
const OFFSET = "+07:00";
const OFFSET_MS = 7 * 3600_000;

// CBV 2.0 defines `commissioning` as associating a class-level identifier not previously used
// with objects, and `active` as the disposition of objects just commissioned. That is what a
// pickup is in EPCIS terms: the lot code is assigned when the lot is weighed and graded, and no
// earlier event exists for it (the group captures none). `receiving` presumes objects already
// identified upstream, arriving and being added to the receiver's inventory (with
// `in_progress`); the change of hands is said here by sourceList/destinationList instead.
const BIZ_STEP = "commissioning";
const DISPOSITION = "active";

export type EpcisScope = { buyerId: string; origin: string } & EpcisQuery;

export class EpcisError extends Error {
  constructor(
    public code: "unknown_season",
    message: string,
  ) {
    super(message);
  }
}

type Quantity = { epcClass: string; quantity: number; uom: "KGM" };
type Certificate = { id: string; scheme: string; schemeName: string | null; number: string; body: string; validFrom: string; validTo: string };

export type EpcisEvent = {
  type: "ObjectEvent";
  eventTime: string;
  eventTimeZoneOffset: string;
  eventID: string;
  certificationInfo?: string[];
  errorDeclaration?: { declarationTime: string; reason: "incorrect_data"; correctiveEventIDs: string[] };
  epcList?: string[];
  quantityList?: Quantity[];
  action: "ADD";
  bizStep: string;
  disposition: string;
  readPoint: { id: string };
  bizLocation: { id: string };
  bizTransactionList: { bizTransaction: string }[];
  sourceList: { type: "owning_party"; source: string }[];
  destinationList: { type: "owning_party"; destination: string }[];
  [extension: `caunoi:${string}`]: unknown;
};

export type EpcisDocument = {
  "@context": (string | Record<string, string>)[];
  type: "EPCISDocument";
  schemaVersion: "2.0";
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
};

/** A Date as local Vietnamese time with its offset, as EPCIS wants eventTime written. */
export function vietnamTime(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().replace("Z", OFFSET);
}

/**
 * When the pickup happened. The record keeps the day; the hour is the recording time when the
 * pickup was recorded that same day (on the spot), else unknown, and then noon: midday keeps
 * the same calendar day when a reader converts to UTC.
 */
function eventTime(date: string, createdAt: Date): string {
  const recorded = vietnamTime(createdAt);
  return recorded.startsWith(date) ? recorded : `${date}T12:00:00.000${OFFSET}`;
}

// Name-based UUID (RFC 9562 version 5) under our own namespace: the same pickup and revision
// give the same eventID in every export, and nothing about the row can be read back from it.
const EVENT_NAMESPACE = Buffer.from("6f1c6a8e3b2d4f5aa1c07e9d2b4c8f10", "hex");
function eventId(pickupCode: string, revision: number): string {
  const h = crypto.createHash("sha1").update(EVENT_NAMESPACE).update(`caunoi:pickup:${pickupCode}:${revision}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const kg = (grams: number) => Math.round(grams) / 1000;

/** The pickups in scope, oldest first; the season's ref must exist. */
async function pickupIdsInScope(scope: EpcisScope): Promise<{ ids: string[]; label: string }> {
  if ("season" in scope) {
    const season = await db.season.findUnique({ where: { ref: scope.season }, select: { id: true, ref: true } });
    if (!season) throw new EpcisError("unknown_season", `No season with ref "${scope.season.slice(0, 80)}"`);
    const rows = await db.pickup.findMany({
      where: { contract: { buyerId: scope.buyerId, seasonId: season.id } },
      select: { id: true },
      orderBy: [{ date: "asc" }, { ref: "asc" }],
    });
    return { ids: rows.map((r) => r.id), label: season.ref };
  }
  const rows = await db.pickup.findMany({
    where: { contract: { buyerId: scope.buyerId }, date: { gte: scope.from, lte: scope.to } },
    select: { id: true },
    orderBy: [{ date: "asc" }, { ref: "asc" }],
  });
  return { ids: rows.map((r) => r.id), label: `${scope.from}_${scope.to}` };
}

/** What a file of this export is called: caunoi-epcis-<buyer>-<season or from_to>.jsonld. */
export function epcisFileName(buyerRef: string, label: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "-");
  return `caunoi-epcis-${safe(buyerRef)}-${safe(label)}.jsonld`;
}

export async function buildEpcisDocument(scope: EpcisScope, now = new Date()): Promise<{ document: EpcisDocument; label: string; pickups: number }> {
  const { ids, label } = await pickupIdsInScope(scope);
  const origin = scope.origin.replace(/\/$/, "");

  // A correction may live in another pickup of the contract than the lot it corrects; its
  // lot is part of this pickup's story, so its code must exist too.
  const lots = ids.length
    ? await db.lot.findMany({
        where: { OR: [{ pickupId: { in: ids } }, { supersedes: { pickupId: { in: ids } } }] },
        select: {
          id: true,
          pickupId: true,
          netG: true,
          supersedesId: true,
          chainSeq: true,
          hash: true,
          createdAt: true,
          supersedes: { select: { pickupId: true } },
        },
        orderBy: { chainSeq: "asc" },
      })
    : [];
  // Records made before codes existed get theirs now, once (a write only when some lack one).
  await write((tx) => ensureTraceCodes(tx, [...new Set([...ids, ...lots.map((l) => l.pickupId)])]));

  const [pickups, codes] = await Promise.all([
    db.pickup.findMany({
      where: { id: { in: ids } },
      orderBy: [{ date: "asc" }, { ref: "asc" }],
      select: {
        id: true,
        date: true,
        createdAt: true,
        hash: true,
        collectionPoint: true,
        contract: {
          select: {
            ref: true,
            buyer: { select: { ref: true } },
            group: { select: { ref: true, lat: true, lng: true } },
            season: { select: { productId: true } },
            offer: { select: { collectionPoints: { select: { name: true, lat: true, lng: true } } } },
          },
        },
        certifications: {
          select: { certification: { select: { id: true, scheme: true, schemeName: true, number: true, body: true, validFrom: true, validTo: true } } },
        },
      },
    }),
    db.traceCode.findMany({
      where: { OR: [{ pickupId: { in: ids }, lotId: null }, { lotId: { in: lots.map((l) => l.id) } }] },
      select: { code: true, lotId: true, pickupId: true },
    }),
  ]);
  const gtins = await db.productGtin.findMany({ where: { buyerId: scope.buyerId }, select: { productId: true, gtin: true } });
  const gtinOf = new Map(gtins.map((g) => [g.productId, g.gtin]));
  const pickupCode = new Map(codes.filter((c) => !c.lotId).map((c) => [c.pickupId, c.code]));
  const lotCode = new Map(codes.filter((c) => c.lotId).map((c) => [c.lotId!, c.code]));

  const eventList: EpcisEvent[] = [];
  for (const p of pickups) {
    const c = p.contract;
    const gtin = gtinOf.get(c.season.productId) ?? null;
    // With the buyer's GTIN, the lot is a GS1 LGTIN in canonical Digital Link form; without, the
    // lot's own trace address on this site (its public page), which is just as stable.
    const epcClass = (code: string) => (gtin ? `https://id.gs1.org/01/${gtin}/10/${code}` : traceUrl(origin, code));
    const point = c.offer?.collectionPoints.find((cp) => cp.name === p.collectionPoint);
    const lat = point?.lat ?? c.group.lat;
    const lng = point?.lng ?? c.group.lng;
    const location = p.collectionPoint
      ? `${origin}/id/group/${encodeURIComponent(c.group.ref)}/collection-point/${encodeURIComponent(p.collectionPoint)}`
      : `${origin}/id/group/${encodeURIComponent(c.group.ref)}`;
    const certificates = p.certifications.map((x) => x.certification).sort((a, b) => a.id.localeCompare(b.id));
    const base = {
      ...(certificates.length ? { certificationInfo: certificates.map((x) => certificateUri(origin, x)) } : {}),
      action: "ADD" as const,
      bizStep: BIZ_STEP,
      disposition: DISPOSITION,
      // CBV 2.0 lets a read point be a geo: URI (RFC 5870); the business location is the point's name.
      readPoint: { id: lat != null && lng != null ? `geo:${lat},${lng}` : location },
      bizLocation: { id: location },
      bizTransactionList: [{ bizTransaction: `${origin}/id/contract/${encodeURIComponent(c.ref)}` }],
      sourceList: [{ type: "owning_party" as const, source: `${origin}/id/group/${encodeURIComponent(c.group.ref)}` }],
      destinationList: [{ type: "owning_party" as const, destination: `${origin}/id/org/${encodeURIComponent(c.buyer.ref)}` }],
      ...(certificates.length ? { "caunoi:certifications": certificates.map(certificateDetail) } : {}),
    };

    // Revision 0 is the pickup as weighed; each correction touching it (in chain order) makes
    // the next. Every revision but the last goes out as an error declaration naming the next
    // as its corrective event, so a reader of any earlier export can follow the change.
    const mine = lots.filter((l) => l.pickupId === p.id || l.supersedes?.pickupId === p.id);
    const corrections = mine.filter((l) => l.supersedesId);
    let current = mine.filter((l) => !l.supersedesId && l.pickupId === p.id);
    const revisions = [{ lots: current, chain: current.at(-1)?.hash ?? p.hash, declaredAt: null as Date | null }];
    for (const fix of corrections) {
      current = current.filter((l) => l.id !== fix.supersedesId);
      if (fix.pickupId === p.id) current = [...current, fix];
      revisions.at(-1)!.declaredAt = fix.createdAt;
      revisions.push({ lots: current, chain: fix.hash, declaredAt: null });
    }
    const code = pickupCode.get(p.id)!;
    revisions.forEach((rev, k) => {
      const quantities = rev.lots.map((l) => ({ epcClass: epcClass(lotCode.get(l.id)!), quantity: kg(l.netG), uom: "KGM" as const }));
      eventList.push({
        type: "ObjectEvent",
        eventTime: eventTime(p.date, p.createdAt),
        eventTimeZoneOffset: OFFSET,
        eventID: eventId(code, k),
        ...(rev.declaredAt
          ? {
              errorDeclaration: { declarationTime: vietnamTime(rev.declaredAt), reason: "incorrect_data" as const, correctiveEventIDs: [eventId(code, k + 1)] },
            }
          : {}),
        ...base,
        // A revision left with no lots (all moved to another pickup) still needs a what.
        ...(quantities.length ? { quantityList: quantities } : { epcList: [] }),
        "caunoi:pickup": traceUrl(origin, code),
        "caunoi:chainHash": rev.chain,
      });
    });
  }

  const document: EpcisDocument = {
    "@context": [EPCIS_CONTEXT, { caunoi: caunoiNamespace(origin) }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: now.toISOString(),
    epcisBody: { eventList },
  };
  return { document, label, pickups: pickups.length };
}

// certificationInfo takes URIs: a certificate is named by its scheme and number under our own
// domain; the details a buyer checks ride along in our extension field.
function certificateUri(origin: string, c: Certificate): string {
  return `${origin}/id/certificate/${encodeURIComponent(c.scheme)}/${encodeURIComponent(c.number)}`;
}

function certificateDetail(c: Certificate) {
  return {
    "caunoi:scheme": c.scheme === "other" && c.schemeName ? c.schemeName : c.scheme,
    "caunoi:number": c.number,
    "caunoi:certifyingBody": c.body,
    "caunoi:validFrom": c.validFrom,
    "caunoi:validTo": c.validTo,
  };
}

/** The seasons a buyer has pickups in, newest first: the download form's choices. */
export async function epcisSeasons(buyerId: string): Promise<{ ref: string; name: string }[]> {
  return db.season.findMany({
    where: { contracts: { some: { buyerId, pickups: { some: {} } } } },
    select: { ref: true, name: true },
    orderBy: { start: "desc" },
  });
}
