// Household diaries (sổ ghi chép nông hộ, seeds/002; docs/decisions/0022): the lines a household
// writes — costs, labour days, harvests, sales to others — and, beside them, its sales to the
// contract buyer read from the ledger (effective lots), never typed twice.
//
// Who: the household's own member account, the group's leader and the site administrator write;
// the project the group counts for reads. Anyone else (another household's member, a buyer, an
// authority, another project) is answered 404: a household's money is its own business.
import { db, write, type Tx } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import type { Access } from "../access.server";
import { COST_CATEGORIES, LABOUR_CATEGORIES, type DiaryEntryInput } from "./diary.schema";

export type DiaryView = {
  group: { id: string; name: string; projectOwnerId: string | null };
  household: { id: string; headName: string };
  canWrite: boolean;
};

export async function requireDiary(access: Access, groupId: string, householdId: string, opts: { write?: boolean } = {}): Promise<DiaryView> {
  const household = await db.household.findFirst({
    where: { id: householdId, groupId },
    select: { id: true, headName: true, group: { select: { id: true, name: true, projectOwnerId: true } } },
  });
  if (!household) notFound();
  const own = access.groups.find((g) => g.id === groupId);
  const canWrite = access.user.isSiteAdmin || own?.role === "group_leader" || (own?.role === "group_member" && own.householdId === householdId);
  const projectReads =
    household.group.projectOwnerId !== null && access.orgs.some((o) => o.kind === "project_owner" && o.id === household.group.projectOwnerId);
  if (!canWrite && !projectReads) notFound();
  if (opts.write && !canWrite) forbidden();
  return { group: household.group, household: { id: household.id, headName: household.headName }, canWrite };
}

export type LedgerSale = {
  lotId: string;
  on: string;
  product: string;
  productId: string;
  buyer: string;
  contractRef: string;
  kg: number;
  priceVnd: number;
  amountVnd: number;
};

/** The household's effective lots (a corrected lot counts once, as corrected) weighed between from and to. */
export async function ledgerSales(householdId: string, from: string, to: string, client: Pick<typeof db, "lot"> = db): Promise<LedgerSale[]> {
  const lots = await client.lot.findMany({
    where: { householdId, supersededBy: { is: null }, pickup: { date: { gte: from, lte: to } } },
    select: {
      id: true,
      netG: true,
      unitPriceVnd: true,
      amountVnd: true,
      pickup: { select: { date: true } },
      contract: { select: { ref: true, buyer: { select: { name: true } }, season: { select: { product: { select: { id: true, name: true } } } } } },
    },
    orderBy: [{ pickup: { date: "asc" } }, { chainSeq: "asc" }],
  });
  return lots.map((l) => ({
    lotId: l.id,
    on: l.pickup.date,
    product: l.contract.season.product.name,
    productId: l.contract.season.product.id,
    buyer: l.contract.buyer.name,
    contractRef: l.contract.ref,
    kg: l.netG / 1000,
    priceVnd: l.unitPriceVnd,
    amountVnd: l.amountVnd,
  }));
}

export function diaryProducts() {
  return db.product.findMany({ select: { id: true, name: true, nameEn: true }, orderBy: { name: "asc" } });
}

export async function diaryEntries(householdId: string, from: string, to: string) {
  return db.diaryEntry.findMany({
    where: { householdId, on: { gte: from, lte: to } },
    orderBy: [{ on: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      on: true,
      kind: true,
      category: true,
      productId: true,
      quantityKg: true,
      days: true,
      amountVnd: true,
      priceVnd: true,
      buyer: true,
      note: true,
    },
  });
}

export type AddResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

/**
 * The harvest rule ("Bán nhiều hơn thu hoạch"): for a household that records its harvest of a
 * product, what it sold of that product in a calendar year — diary sales to others plus its
 * deliveries to contract buyers (effective lots weighed that year) — may not pass the harvest it
 * recorded that year. A household that records no harvest of the product is not checked: many
 * keep only their costs and sales, and a sale is not wrong for lack of a harvest line. Checked
 * inside the write, so two phones saving at once cannot both slip under the line.
 */
async function saleOverHarvest(tx: Tx, householdId: string, productId: string, year: string, kg: number): Promise<boolean> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [harvest, sold, delivered] = await Promise.all([
    tx.diaryEntry.aggregate({ where: { householdId, productId, kind: "harvest", on: { gte: from, lte: to } }, _sum: { quantityKg: true }, _count: true }),
    tx.diaryEntry.aggregate({ where: { householdId, productId, kind: "sale", on: { gte: from, lte: to } }, _sum: { quantityKg: true } }),
    tx.lot.aggregate({
      where: { householdId, supersededBy: { is: null }, pickup: { date: { gte: from, lte: to } }, contract: { season: { productId } } },
      _sum: { netG: true },
    }),
  ]);
  if (harvest._count === 0) return false;
  const total = (sold._sum.quantityKg ?? 0) + (delivered._sum.netG ?? 0) / 1000 + kg;
  // Kilograms typed with one or two decimals: compare in grams so 0.1 + 0.2 is not above 0.3.
  return Math.round(total * 1000) > Math.round((harvest._sum.quantityKg ?? 0) * 1000);
}

export async function addDiaryEntry(householdId: string, userId: string | null, input: DiaryEntryInput): Promise<AddResult> {
  if (input.productId && !(await db.product.findUnique({ where: { id: input.productId }, select: { id: true } })))
    return { ok: false, errors: { productId: ["error.invalid"] } };
  return write(async (tx) => {
    if (input.kind === "sale" && (await saleOverHarvest(tx, householdId, input.productId!, input.on.slice(0, 4), input.quantityKg!)))
      return { ok: false as const, errors: { quantityKg: ["error.saleOverHarvest"] } };
    const row = await tx.diaryEntry.create({ data: { householdId, recordedById: userId, ...input }, select: { id: true } });
    return { ok: true as const, id: row.id };
  });
}

/** A line written by mistake is taken out (the diary is the household's own notebook, not a ledger). */
export async function deleteDiaryEntry(householdId: string, entryId: string): Promise<boolean> {
  return write(async (tx) => (await tx.diaryEntry.deleteMany({ where: { id: entryId, householdId } })).count === 1);
}

export type MonthSummary = {
  from: string;
  to: string;
  costs: { category: string; amountVnd: number }[];
  costsVnd: number;
  labour: { category: string; days: number }[];
  /** product: the Vietnamese name; productEn: the English one where the product has it. */
  harvest: { productId: string; product: string; productEn: string | null; kg: number }[];
  salesOutside: { productId: string; product: string; productEn: string | null; kg: number; amountVnd: number }[];
  salesInside: { productId: string; product: string; productEn: string | null; kg: number; amountVnd: number }[];
  salesOutsideVnd: number;
  salesInsideVnd: number;
  /** Sales inside and outside the linkage − costs. Labour days are not priced: hired labour paid in money is a cost line. */
  marginVnd: number;
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A household's month, as the group reads it aloud: every figure a sum of the month's lines and lots. */
export async function diaryMonth(householdId: string, from: string, to: string): Promise<MonthSummary> {
  const [entries, lots, products] = await Promise.all([diaryEntries(householdId, from, to), ledgerSales(householdId, from, to), diaryProducts()]);
  const name = new Map(products.map((p) => [p.id, p.name]));
  const nameEn = new Map(products.map((p) => [p.id, p.nameEn]));
  const sumBy = <K extends string>(rows: { key: K; v: number }[]) => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.v);
    return m;
  };
  const costMap = sumBy(entries.filter((e) => e.kind === "cost").map((e) => ({ key: e.category ?? "other", v: e.amountVnd ?? 0 })));
  const labourMap = sumBy(entries.filter((e) => e.kind === "labour").map((e) => ({ key: e.category ?? "family", v: e.days ?? 0 })));
  const harvestMap = sumBy(entries.filter((e) => e.kind === "harvest").map((e) => ({ key: e.productId ?? "", v: e.quantityKg ?? 0 })));
  const byProduct = (rows: { productId: string; kg: number; amountVnd: number }[]) => {
    const m = new Map<string, { kg: number; amountVnd: number }>();
    for (const r of rows) {
      const x = m.get(r.productId) ?? { kg: 0, amountVnd: 0 };
      x.kg += r.kg;
      x.amountVnd += r.amountVnd;
      m.set(r.productId, x);
    }
    return [...m].map(([productId, x]) => ({
      productId,
      product: name.get(productId) ?? "?",
      productEn: nameEn.get(productId) ?? null,
      kg: round3(x.kg),
      amountVnd: x.amountVnd,
    }));
  };
  const salesOutside = byProduct(
    entries.filter((e) => e.kind === "sale").map((e) => ({ productId: e.productId ?? "", kg: e.quantityKg ?? 0, amountVnd: e.amountVnd ?? 0 })),
  );
  const salesInside = byProduct(lots);
  const costs = [...COST_CATEGORIES].filter((c) => costMap.has(c)).map((category) => ({ category, amountVnd: costMap.get(category)! }));
  const costsVnd = costs.reduce((s, c) => s + c.amountVnd, 0);
  const salesOutsideVnd = salesOutside.reduce((s, r) => s + r.amountVnd, 0);
  const salesInsideVnd = salesInside.reduce((s, r) => s + r.amountVnd, 0);
  return {
    from,
    to,
    costs,
    costsVnd,
    labour: [...LABOUR_CATEGORIES].filter((c) => labourMap.has(c)).map((category) => ({ category, days: round3(labourMap.get(category)!) })),
    harvest: [...harvestMap].map(([productId, kg]) => ({
      productId,
      product: name.get(productId) ?? "?",
      productEn: nameEn.get(productId) ?? null,
      kg: round3(kg),
    })),
    salesOutside,
    salesInside,
    salesOutsideVnd,
    salesInsideVnd,
    marginVnd: salesInsideVnd + salesOutsideVnd - costsVnd,
  };
}
