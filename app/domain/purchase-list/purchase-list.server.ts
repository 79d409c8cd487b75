// The buyer's bảng kê 01/TNDN (Circular 78/2014/TT-BTC as amended): its purchases from farm
// households that issue no invoice, one row per household, pickup and price, with the seller's
// name, address and ID number, for the buyer's accountant to book the cost. The ID number is
// personal data (Decree 13/2023): it is read here, for the buyer's own members and the site
// administrator only, and every export of it is logged (audit "export").
import { orgMembership, type Access } from "~/domain/access.server";
import { audit } from "~/domain/audit.server";
import { placeLine } from "~/domain/places/place";
import { db } from "~/utils/db.server";

export type PurchaseRow = {
  date: string;
  sellerName: string;
  address: string;
  idNumber: string | null;
  /** The goods as the form names them (Vietnamese); productEn for a page read in English. */
  product: string;
  productEn: string | null;
  kg: number;
  unitPriceVnd: number;
  amountVnd: number;
  contractRef: string;
  pickupRef: string;
};

export type PurchaseList = {
  buyer: { id: string; name: string; taxCode: string | null; address: string };
  from: string;
  to: string;
  places: string[];
  rows: PurchaseRow[];
  totalKg: number;
  totalVnd: number;
};

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The purchases of `buyerId` with a pickup date in [from, to]. A purchase is the effective lots
 * (not corrected by a later lot) of one household in one pickup at one unit price: a household
 * selling two grades on one day has two rows, so that quantity × price = amount on every row.
 */
export async function purchaseList(buyerId: string, from: string, to: string): Promise<PurchaseList | null> {
  const org = await db.organisation.findUnique({ where: { id: buyerId } });
  if (!org || (org.kind !== "cooperative" && org.kind !== "enterprise")) return null;
  const lots = await db.lot.findMany({
    where: { contract: { buyerId }, supersededBy: { is: null }, pickup: { date: { gte: from, lte: to } } },
    select: {
      netG: true,
      unitPriceVnd: true,
      amountVnd: true,
      pickup: { select: { ref: true, date: true } },
      contract: { select: { ref: true, season: { select: { product: { select: { name: true, nameEn: true } } } } } },
      household: {
        select: {
          id: true,
          headName: true,
          // The one read that asks for the number (selected, it is no longer omitted): the
          // purchase list is where it belongs.
          idNumber: true,
          group: { select: { hamlet: true, commune: true, province: true } },
        },
      },
    },
  });
  const rows = new Map<string, PurchaseRow>();
  const places = new Set<string>();
  for (const l of lots) {
    const h = l.household;
    const address = placeLine(h.group);
    places.add(address);
    const key = `${l.pickup.ref}|${h.id}|${l.unitPriceVnd}`;
    const row = rows.get(key) ?? {
      date: l.pickup.date,
      sellerName: h.headName,
      address,
      idNumber: h.idNumber ?? null,
      product: l.contract.season.product.name,
      productEn: l.contract.season.product.nameEn,
      kg: 0,
      unitPriceVnd: l.unitPriceVnd,
      amountVnd: 0,
      contractRef: l.contract.ref,
      pickupRef: l.pickup.ref,
    };
    row.kg += l.netG / 1000;
    row.amountVnd += l.amountVnd;
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.sellerName.localeCompare(b.sellerName, "vi") || a.unitPriceVnd - b.unitPriceVnd,
  );
  // Organisation.taxCode may not exist (yet): read it if the column is there.
  const taxCode = (org as unknown as { taxCode?: string | null }).taxCode ?? null;
  return {
    buyer: { id: org.id, name: org.name, taxCode, address: placeLine({ commune: org.commune, province: org.province }) },
    from,
    to,
    places: [...places].sort((a, b) => a.localeCompare(b, "vi")),
    rows: sorted,
    totalKg: sorted.reduce((s, r) => s + r.kg, 0),
    totalVnd: sorted.reduce((s, r) => s + r.amountVnd, 0),
  };
}

/** Who took the list, in which form, with ID numbers in it (Decree 13/2023: log who exported it). */
export function auditPurchaseExport(userId: string, list: PurchaseList, format: "pdf" | "csv" | "xlsx") {
  return audit({
    action: "export",
    userId,
    organisationId: list.buyer.id,
    detail: {
      what: "purchase-list-01-tndn",
      format,
      from: list.from,
      to: list.to,
      rows: list.rows.length,
      withIdNumbers: list.rows.filter((r) => r.idNumber).length,
    },
  });
}

/**
 * The buyer whose list the caller may take: its own members (buyer_admin, buyer_staff) and the
 * site administrator. Anyone else, and any organisation that is not a buyer, gets 404.
 */
export function purchaseListAccess(access: Access, orgId: string): boolean {
  const m = orgMembership(access, orgId);
  if (m) return m.role === "buyer_admin" || m.role === "buyer_staff";
  return access.user.isSiteAdmin;
}

/** The period asked for (?from=&to=, ISO days), this month by default; null when malformed. */
export function periodOf(url: URL, today = new Date()): { from: string; to: string } | null {
  const month = today.toISOString().slice(0, 7);
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  const from = url.searchParams.get("from") || `${month}-01`;
  const to = url.searchParams.get("to") || last;
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || from > to) return null;
  return { from, to };
}
