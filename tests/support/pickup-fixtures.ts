// What the pickup tests need on top of makeWorld(): a product with one grading measure, a
// season around today, and three contracts:
//  - `active`: orgA (buyerA admin, staffA staff) buys from g1 (leader1; member1 ↔ hh1b),
//    grades A = 14.500 ₫/kg and B = 13.000 ₫/kg;
//  - `other`:  orgB buys from g2 (leader2), active, for crossing organisations;
//  - `signed`: orgA ↔ g1 but only signed, so pickups must be refused on it.
// Plus the pickup form as the phone (or a no-JS browser) posts it.
// Import it (dynamically) only after tempDatabase(): the domain modules read DATABASE_URL.
import crypto from "node:crypto";
import type { makeWorld } from "./fixtures";

type World = Awaited<ReturnType<typeof makeWorld>>;

/** "YYYY-MM-DD" + n days. */
export function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const GRADES = [
  { code: "A", label: "Chín ≥ 95%", criteria: "Tỷ lệ quả chín ≥ 95%", priceVndPerKg: 14_500 },
  { code: "B", label: "Chín 85–95%", criteria: null, priceVndPerKg: 13_000 },
];

export async function makeContracts(world: World) {
  const { write } = await import("~/utils/db.server");
  const { todayInVietnam } = await import("~/utils/dates");
  const today = todayInVietnam();
  return write(async (tx) => {
    const product = await tx.product.create({
      data: { ref: "ca-phe-pickup", name: "Cà phê quả tươi", nameEn: "Fresh coffee cherry", measures: '[{"key":"ripePct","label":"Quả chín (%)"}]' },
    });
    const season = await tx.season.create({
      data: { ref: "vu-pickup", productId: product.id, name: "Vụ cà phê thử nghiệm", start: plusDays(today, -60), end: plusDays(today, 120) },
    });
    const contract = (ref: string, buyerId: string, groupId: string, status: string) =>
      tx.contract.create({
        data: {
          ref,
          buyerId,
          groupId,
          seasonId: season.id,
          status,
          signedOn: plusDays(today, -30),
          areaHa: 12,
          volumeTonnes: 40,
          paymentTermsDays: 7,
          grades: { create: GRADES },
        },
        select: { id: true, ref: true },
      });
    const active = await contract("HD-PK-A1", world.orgs.orgA.id, world.groups.g1, "active");
    const other = await contract("HD-PK-B1", world.orgs.orgB.id, world.groups.g2, "active");
    const signed = await contract("HD-PK-A2", world.orgs.orgA.id, world.groups.g1, "signed");
    return { today, product: { id: product.id }, season: { id: season.id }, contracts: { active, other, signed } };
  });
}

/** A fresh idempotency key, as the form makes one when it is opened. */
export function newClientKey(): string {
  return `k-${crypto.randomUUID()}`;
}

export type LotRow = { householdId: string; grossKg: string; tareKg: string; grade: string; ripePct?: string };
export type PickupFields = Record<string, string | string[]>;

/** The pickup form's fields: parallel `lot.*` arrays, repeated `witnesses`. Override any field. */
export function pickupFields(
  contractId: string,
  o: { clientKey?: string; date: string; witnesses?: string[]; lots: LotRow[]; collectionPoint?: string; vehicle?: string; staffName?: string },
  overrides: PickupFields = {},
): PickupFields {
  return {
    contractId,
    clientKey: o.clientKey ?? newClientKey(),
    date: o.date,
    collectionPoint: o.collectionPoint ?? "Điểm thu mua Hướng Phùng",
    vehicle: o.vehicle ?? "74C-123.45",
    staffName: o.staffName ?? "Lê Thị Thu",
    witnesses: o.witnesses ?? [],
    "lot.householdId": o.lots.map((l) => l.householdId),
    "lot.grossKg": o.lots.map((l) => l.grossKg),
    "lot.tareKg": o.lots.map((l) => l.tareKg),
    "lot.grade": o.lots.map((l) => l.grade),
    "lot.m.ripePct": o.lots.map((l) => l.ripePct ?? ""),
    ...overrides,
  };
}
