// Writes the installation's records (or one project owner's share of them) as a programme
// bundle. Export → import into an empty installation → export gives the same document, up to
// ordering: optional fields that are empty are left out on both sides.
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { gramsToKg } from "../money";
import type { StoredPlace } from "../places/resolve.server";
import type { Bundle } from "./bundle.schema";

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A place as shared/interchange.md "Places" writes it: the current codes and names, and the
 * names written before July 2025 (the district always, the province and commune where they
 * differ from the current ones), so a re-import lands on the same units and keeps the history.
 */
function placeOut(p: StoredPlace) {
  const name = (s: string | null) => (s ? s : undefined);
  return {
    provinceCode: name(p.provinceCode),
    communeCode: name(p.communeCode),
    province: name(p.province),
    district: name(p.formerDistrict),
    commune: name(p.commune),
    formerProvince: p.formerProvince && p.formerProvince !== p.province ? p.formerProvince : undefined,
    formerCommune: p.formerCommune && p.formerCommune !== p.commune ? p.formerCommune : undefined,
  };
}

/** `projectOwnerId`: only that project's groups and what hangs off them. */
export async function exportBundle(scope: { projectOwnerId?: string } = {}): Promise<Bundle> {
  const groupWhere: Prisma.FarmerGroupWhereInput = scope.projectOwnerId ? { projectOwnerId: scope.projectOwnerId } : {};
  const groups = await db.farmerGroup.findMany({ where: groupWhere, include: { projectOwner: { select: { ref: true } } }, orderBy: { ref: "asc" } });
  const groupIds = groups.map((g) => g.id);
  const inGroups = scope.projectOwnerId ? { groupId: { in: groupIds } } : {};
  const [households, contracts] = await Promise.all([
    db.household.findMany({ where: inGroups, include: { group: { select: { ref: true } } }, orderBy: { ref: "asc" } }),
    db.contract.findMany({
      where: inGroups,
      include: {
        buyer: { select: { ref: true } },
        group: { select: { ref: true } },
        season: { select: { ref: true } },
        renews: { select: { ref: true } },
        grades: { orderBy: { code: "asc" } },
      },
      orderBy: { ref: "asc" },
    }),
  ]);
  const contractIds = contracts.map((c) => c.id);
  const inContracts = scope.projectOwnerId ? { contractId: { in: contractIds } } : {};
  const [pickups, invoices, payments] = await Promise.all([
    db.pickup.findMany({
      where: inContracts,
      include: {
        contract: { select: { ref: true } },
        witnesses: { include: { household: { select: { ref: true } } } },
        lots: {
          include: { household: { select: { ref: true } }, supersedes: { select: { ref: true } }, _count: { select: { disputes: true } } },
          orderBy: { chainSeq: "asc" },
        },
      },
      orderBy: { ref: "asc" },
    }),
    db.invoice.findMany({
      where: { ...inContracts, kind: "invoice", status: { not: "cancelled" } },
      include: { contract: { select: { ref: true } }, pickups: { include: { pickup: { select: { ref: true } } } } },
      orderBy: { ref: "asc" },
    }),
    db.payment.findMany({
      where: { invoice: { ...inContracts, kind: "invoice", status: { not: "cancelled" } } },
      include: { invoice: { select: { ref: true } } },
      orderBy: { ref: "asc" },
    }),
  ]);
  const seasonIds = [...new Set(contracts.map((c) => c.seasonId))];
  const orgIds = new Set([...contracts.map((c) => c.buyerId), ...groups.flatMap((g) => (g.projectOwnerId ? [g.projectOwnerId] : []))]);
  const [organisations, seasons] = await Promise.all([
    db.organisation.findMany({ where: scope.projectOwnerId ? { id: { in: [...orgIds] } } : {}, orderBy: { ref: "asc" } }),
    db.season.findMany({
      where: scope.projectOwnerId ? { id: { in: seasonIds } } : {},
      include: { product: { select: { ref: true } } },
      orderBy: { ref: "asc" },
    }),
  ]);
  const products = await db.product.findMany({
    where: scope.projectOwnerId ? { id: { in: [...new Set(seasons.map((s) => s.productId))] } } : {},
    orderBy: { ref: "asc" },
  });

  return {
    format: "linkage-bundle/1",
    organisations: organisations.map((o) =>
      clean({
        ref: o.ref,
        kind: o.kind as Bundle["organisations"][number]["kind"],
        name: o.name,
        ...placeOut(o),
        lat: opt(o.lat),
        lng: opt(o.lng),
      }),
    ),
    farmerGroups: groups.map((g) =>
      clean({
        ref: g.ref,
        name: g.name,
        ...placeOut(g),
        // A split old commune: the current communes it may now be, until a person picks one.
        communeCandidates: g.placeCandidates ? (JSON.parse(g.placeCandidates) as string[]) : undefined,
        hamlet: opt(g.hamlet),
        lat: opt(g.lat),
        lng: opt(g.lng),
        projectOwnerRef: opt(g.projectOwner?.ref),
      }),
    ),
    households: households.map((h) =>
      clean({
        ref: h.ref,
        groupRef: h.group.ref,
        headName: h.headName,
        headSex: h.headSex as "female" | "male",
        ethnicMinority: h.ethnicMinority,
        ethnicity: opt(h.ethnicity),
        povertyStatus: h.povertyStatus as Bundle["households"][number]["povertyStatus"],
        members: h.members,
        baselineIncomeVnd: opt(h.baselineIncomeVnd),
      }),
    ),
    products: products.map((p) => ({ ref: p.ref, name: p.name, unit: p.unit })),
    seasons: seasons.map((s) => ({ ref: s.ref, productRef: s.product.ref, name: s.name, start: s.start, end: s.end })),
    contracts: contracts.map((c) =>
      clean({
        ref: c.ref,
        buyerRef: c.buyer.ref,
        groupRef: c.group.ref,
        seasonRef: c.season.ref,
        status: c.status as Bundle["contracts"][number]["status"],
        signedOn: opt(c.signedOn),
        areaHa: c.areaHa,
        volumeTonnes: c.volumeTonnes,
        paymentTermsDays: c.paymentTermsDays,
        renewsRef: opt(c.renews?.ref),
        grades: c.grades.map((g) => ({ code: g.code, label: g.label, priceVndPerKg: g.priceVndPerKg })),
      }),
    ),
    pickups: pickups.map((p) =>
      clean({
        ref: p.ref,
        contractRef: p.contract.ref,
        date: p.date,
        collectionPoint: opt(p.collectionPoint),
        vehicle: opt(p.vehicle),
        witnessRefs: p.witnesses.map((w) => w.household.ref).sort(),
        lots: p.lots.map((l) => {
          const measurements = JSON.parse(l.measurements) as Record<string, number | string>;
          return clean({
            ref: l.ref,
            householdRef: l.household.ref,
            grossKg: gramsToKg(l.grossG),
            tareKg: gramsToKg(l.tareG),
            grade: l.grade,
            measurements: Object.keys(measurements).length ? measurements : undefined,
            supersedesRef: opt(l.supersedes?.ref),
            disputed: l._count.disputes > 0 ? true : undefined,
          });
        }),
      }),
    ),
    invoices: invoices.map((i) => ({ ref: i.ref, contractRef: i.contract.ref, pickupRefs: i.pickups.map((p) => p.pickup.ref).sort(), issuedOn: i.issuedOn })),
    payments: payments.map((p) => ({
      ref: p.ref,
      invoiceRef: p.invoice.ref,
      paidOn: p.paidOn,
      amountVnd: p.amountVnd,
      method: p.method as "bank_transfer" | "cash",
    })),
  };
}
