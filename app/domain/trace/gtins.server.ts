// The GTINs a buyer gives the products it buys (issue 16): with one, its labels carry a GS1
// Digital Link (/01/{gtin}/10/{code}) that GS1 resolvers understand; without, a plain /t/{code}.
// A GTIN names one company's trade item, so it belongs to one buyer and one product only.
import { db, write } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";

export type BuyerProduct = { id: string; name: string; nameEn: string | null; gtin: string | null };

/** The products a buyer buys (those of its offers and of its contracts' seasons), with its GTIN for each. */
export async function buyerProducts(buyerId: string): Promise<BuyerProduct[]> {
  const products = await db.product.findMany({
    where: { OR: [{ offers: { some: { buyerId } } }, { seasons: { some: { contracts: { some: { buyerId } } } } }] },
    select: { id: true, name: true, nameEn: true, gtins: { where: { buyerId }, select: { gtin: true } } },
    orderBy: { name: "asc" },
  });
  return products.map((p) => ({ id: p.id, name: p.name, nameEn: p.nameEn, gtin: p.gtins[0]?.gtin ?? null }));
}

/**
 * Sets (or with null, clears) the buyer's GTIN for a product it buys. Null when the product is
 * not one it buys (404: ids of other buyers' products tell nothing); field errors when another
 * buyer holds the GTIN already. Checked inside the write, which runs alone: no race.
 */
export async function setGtin(buyerId: string, productId: string, gtin: string | null): Promise<{ ok: true } | { ok: false; errors: FieldErrors } | null> {
  if (!(await buyerProducts(buyerId)).some((p) => p.id === productId)) return null;
  return write(async (tx) => {
    if (gtin === null) {
      await tx.productGtin.deleteMany({ where: { buyerId, productId } });
      return { ok: true as const };
    }
    const holder = await tx.productGtin.findUnique({ where: { gtin }, select: { buyerId: true, productId: true } });
    if (holder && (holder.buyerId !== buyerId || holder.productId !== productId)) {
      return { ok: false as const, errors: { gtin: [holder.buyerId === buyerId ? "error.gtinOwnOther" : "error.gtinTaken"] } };
    }
    await tx.productGtin.upsert({ where: { buyerId_productId: { buyerId, productId } }, create: { buyerId, productId, gtin }, update: { gtin } });
    return { ok: true as const };
  });
}

/** The buyer's GTIN for a product, if it set one. */
export async function gtinFor(buyerId: string, productId: string): Promise<string | null> {
  return (await db.productGtin.findUnique({ where: { buyerId_productId: { buyerId, productId } }, select: { gtin: true } }))?.gtin ?? null;
}
