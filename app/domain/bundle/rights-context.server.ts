// What an import's rights checks need to know: the stored records the bundle names, and for
// whom the importer acts. Read through the import's own transaction, so nothing can change
// between the check and the write.
import type { Tx } from "~/utils/db.server";
import { acceptedMembership } from "../access.server";
import { allowedMoves, type ContractRole, type ContractStatus } from "../contracts";
import type { Bundle } from "./bundle.schema";
import { hasFullRights, type Importer } from "./importer";
import { existing } from "./validate.server";

const party = { select: { id: true, ref: true, importedById: true, _count: { select: { memberships: { where: acceptedMembership } } } } } as const;
const groupParty = { select: { id: true, ref: true, projectOwnerId: true, _count: { select: { memberships: { where: acceptedMembership } } } } } as const;

async function load(tx: Tx, b: Bundle) {
  const lots = b.pickups.flatMap((p) => p.lots);
  const contractRefs = [
    ...b.contracts.map((c) => c.ref),
    ...b.contracts.flatMap((c) => (c.renewsRef ? [c.renewsRef] : [])),
    ...b.pickups.map((p) => p.contractRef),
    ...b.invoices.map((i) => i.contractRef),
  ];
  const [orgs, groups, households, products, seasons, contracts, pickups, lotRows, invoices, payments] = await Promise.all([
    existing([...b.organisations.map((o) => o.ref), ...b.contracts.map((c) => c.buyerRef)], (refs) =>
      tx.organisation.findMany({ where: { ref: { in: refs } }, include: { _count: { select: { memberships: { where: acceptedMembership } } } } }),
    ),
    existing([...b.farmerGroups.map((g) => g.ref), ...b.households.map((h) => h.groupRef), ...b.contracts.map((c) => c.groupRef)], (refs) =>
      tx.farmerGroup.findMany({
        where: { ref: { in: refs } },
        include: { projectOwner: { select: { ref: true } }, _count: { select: { memberships: { where: acceptedMembership } } } },
      }),
    ),
    existing(
      b.households.map((h) => h.ref),
      (refs) => tx.household.findMany({ where: { ref: { in: refs } }, include: { group: groupParty } }),
    ),
    existing(
      b.products.map((p) => p.ref),
      (refs) => tx.product.findMany({ where: { ref: { in: refs } } }),
    ),
    existing(
      b.seasons.map((s) => s.ref),
      (refs) => tx.season.findMany({ where: { ref: { in: refs } }, include: { product: { select: { ref: true } } } }),
    ),
    existing(contractRefs, (refs) =>
      tx.contract.findMany({
        where: { ref: { in: refs } },
        include: { buyer: party, group: groupParty, season: { select: { ref: true } }, renews: { select: { ref: true } }, grades: true },
      }),
    ),
    existing([...b.pickups.map((p) => p.ref), ...b.invoices.flatMap((i) => i.pickupRefs)], (refs) =>
      tx.pickup
        .findMany({
          where: { ref: { in: refs } },
          include: {
            contract: { select: { ref: true, buyer: party, group: groupParty } },
            witnesses: { select: { household: { select: { ref: true } } } },
            // Corrections are dropped below, not in the query: "supersedesId" IS NULL there makes
            // SQLite (no statistics) walk every original lot through that column's unique index.
            lots: { include: { household: { select: { ref: true } } } },
            invoices: { where: { invoice: { status: { not: "cancelled" } } }, select: { invoice: { select: { ref: true } } } },
          },
        })
        .then((rows) => rows.map((p) => ({ ...p, lots: p.lots.filter((l) => l.supersedesId === null) }))),
    ),
    existing([...lots.map((l) => l.ref), ...lots.flatMap((l) => (l.supersedesRef ? [l.supersedesRef] : []))], (refs) =>
      tx.lot.findMany({
        where: { ref: { in: refs } },
        include: {
          household: { select: { ref: true } },
          supersedes: { select: { ref: true } },
          supersededBy: { select: { ref: true } },
          contract: { select: { ref: true, group: groupParty } },
          _count: { select: { disputes: true } },
        },
      }),
    ),
    existing([...b.invoices.map((i) => i.ref), ...b.payments.map((p) => p.invoiceRef)], (refs) =>
      tx.invoice.findMany({
        where: { ref: { in: refs } },
        include: {
          buyer: party,
          contract: { select: { ref: true, group: groupParty } },
          pickups: { select: { pickup: { select: { ref: true } } } },
          notes: { where: { status: "issued" }, select: { totalVnd: true } },
          payments: { select: { amountVnd: true } },
        },
      }),
    ),
    existing(
      b.payments.map((p) => p.ref),
      (refs) =>
        tx.payment.findMany({ where: { ref: { in: refs } }, include: { invoice: { select: { ref: true, contract: { select: { group: groupParty } } } } } }),
    ),
  ]);
  return { orgs, groups, households, products, seasons, contracts, pickups, lots: lotRows, invoices, payments };
}

type OrgParty = { id: string; importedById: string | null; _count: { memberships: number } };
type GroupParty = { projectOwnerId: string | null; _count: { memberships: number } };

export type RightsContext = Awaited<ReturnType<typeof rightsContext>>;

export async function rightsContext(tx: Tx, b: Bundle, importer: Importer) {
  const stored = await load(tx, b);
  const full = hasFullRights(importer);
  const project = importer.kind === "project" ? importer : null;
  const inBundle = {
    orgs: new Map(b.organisations.map((o) => [o.ref, o])),
    groups: new Map(b.farmerGroups.map((g) => [g.ref, g])),
    contracts: new Map(b.contracts.map((c) => [c.ref, c])),
  };

  /**
   * A project acts for itself, and for an organisation its own import brought in until that
   * organisation has people of its own: then only they act for it.
   */
  const actsForOrg = (row: OrgParty) =>
    full || (!!project && (row.id === project.orgId || (row.importedById === project.orgId && row._count.memberships === 0)));
  /** A project acts for a group of its project that nobody has joined in the app. */
  const actsForGroup = (row: GroupParty) => full || (!!project && row.projectOwnerId === project.orgId && row._count.memberships === 0);
  /** What the importer can see: its project's groups and what hangs off them. */
  const sees = (group: { projectOwnerId: string | null }) => full || (!!project && group.projectOwnerId === project.orgId);

  /** By ref, for records that may be new in this bundle (then this import creates, and keeps, them). */
  const actsForOrgRef = (ref: string) => {
    const row = stored.orgs.get(ref);
    return row ? actsForOrg(row) : inBundle.orgs.has(ref);
  };
  const actsForGroupRef = (ref: string) => {
    const row = stored.groups.get(ref);
    return row ? actsForGroup(row) : inBundle.groups.has(ref);
  };

  /** The strongest role the importer holds on a contract's two sides. */
  const roleOn = (buyer: { acts: boolean }, group: { acts: boolean }): ContractRole =>
    full ? "admin" : buyer.acts ? "buyer" : group.acts ? "group_leader" : "observer";

  return { ...stored, full, project, inBundle, actsForOrg, actsForGroup, sees, actsForOrgRef, actsForGroupRef, roleOn };
}

/** The steps from one status to another that `role` may take, or null when there is no way. */
export function statusPath(from: ContractStatus, to: ContractStatus, role: ContractRole): ContractStatus[] | null {
  const seen = new Map<ContractStatus, ContractStatus[]>([[from, []]]);
  const queue: ContractStatus[] = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) return seen.get(at)!;
    for (const next of allowedMoves(at, role)) {
      if (!seen.has(next)) {
        seen.set(next, [...seen.get(at)!, next]);
        queue.push(next);
      }
    }
  }
  return null;
}
