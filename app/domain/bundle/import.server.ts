// Imports a validated bundle in ONE write: either every record lands or none does. It acts
// with the importer's rights (rights.server.ts, checked inside the same write), refs are keys,
// and a record whose fields already match is left alone, so importing the same bundle twice
// changes nothing. Changes go through the app's own domain operations: the ledger for pickups
// and corrections, the lifecycle for contract status, invoicing and payments with their rules.
import { todayInVietnam } from "~/utils/dates";
import { write, type Tx } from "~/utils/db.server";
import { moveContract } from "../contracts.server";
import type { Bundle, BundleProblem } from "./bundle.schema";
import { hasFullRights, importerUserId, type Importer } from "./importer";
import { importLedger } from "./import-ledger.server";
import { ImportRefused, problem } from "./problems";
import { checkImportRights, type PlannedMoves } from "./rights.server";
import { capProblems, validateBundle } from "./validate.server";
import { groupPlaceColumns, placeColumns } from "../places/resolve.server";
import { placeOver, type BundlePlaces } from "./places.server";

export type Count = { created: number; updated: number; unchanged: number };
export type ImportCounts = Record<
  "organisations" | "farmerGroups" | "households" | "products" | "seasons" | "contracts" | "pickups" | "lots" | "invoices" | "payments",
  { created: number; updated: number; unchanged: number }
>;
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; problems: BundleProblem[] };

const emptyCounts = (): ImportCounts =>
  Object.fromEntries(
    ["organisations", "farmerGroups", "households", "products", "seasons", "contracts", "pickups", "lots", "invoices", "payments"].map((k) => [
      k,
      { created: 0, updated: 0, unchanged: 0 },
    ]),
  ) as ImportCounts;

/** Only the fields the bundle sets; undefined optional fields become null so a re-export matches. */
function same(row: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([k, v]) => (row[k] ?? null) === (v ?? null));
}

type Delegate = {
  findUnique: (args: { where: { ref: string } }) => Promise<Record<string, unknown> | null>;
  create: (args: { data: Record<string, unknown> }) => Promise<{ id: string }>;
  update: (args: { where: { ref: string }; data: Record<string, unknown> }) => Promise<{ id: string }>;
};

async function upsert(
  d: Delegate,
  ref: string,
  data: Record<string, unknown>,
  count: { created: number; updated: number; unchanged: number },
): Promise<string> {
  const row = await d.findUnique({ where: { ref } });
  if (!row) {
    count.created++;
    return (await d.create({ data: { ref, ...data } })).id;
  }
  if (same(row, data)) count.unchanged++;
  else {
    count.updated++;
    await d.update({ where: { ref }, data });
  }
  return row.id as string;
}

const n = <T>(v: T | undefined) => (v === undefined ? null : v);

async function importInto(tx: Tx, b: Bundle, places: BundlePlaces, counts: ImportCounts, importer: Importer, moves: PlannedMoves) {
  const full = hasFullRights(importer);
  const userId = importerUserId(importer);
  const today = todayInVietnam();
  const id = {
    org: new Map<string, string>(),
    group: new Map<string, string>(),
    hh: new Map<string, string>(),
    product: new Map<string, string>(),
    season: new Map<string, string>(),
    contract: new Map<string, string>(),
  };
  const resolve = async (map: Map<string, string>, ref: string, find: () => Promise<{ id: string } | null>) => {
    if (!map.has(ref)) {
      const row = await find();
      if (row) map.set(ref, row.id);
    }
    return map.get(ref)!;
  };
  const orgId = (ref: string) => resolve(id.org, ref, () => tx.organisation.findUnique({ where: { ref }, select: { id: true } }));
  const groupId = (ref: string) => resolve(id.group, ref, () => tx.farmerGroup.findUnique({ where: { ref }, select: { id: true } }));
  const hhId = (ref: string) => resolve(id.hh, ref, () => tx.household.findUnique({ where: { ref }, select: { id: true } }));
  const productId = (ref: string) => resolve(id.product, ref, () => tx.product.findUnique({ where: { ref }, select: { id: true } }));
  const seasonId = (ref: string) => resolve(id.season, ref, () => tx.season.findUnique({ where: { ref }, select: { id: true } }));
  const contractId = (ref: string) => resolve(id.contract, ref, () => tx.contract.findUnique({ where: { ref }, select: { id: true } }));

  for (const o of b.organisations) {
    // Only the site administrator changes kind and place (rights.server.ts); a project's bundle
    // keeps the organisations it brings in, until they have people of their own.
    const existingOrg = await tx.organisation.findUnique({ where: { ref: o.ref } });
    const place = { kind: o.kind, ...placeColumns(placeOver(places.orgs.get(o.ref)!, existingOrg)), lat: n(o.lat), lng: n(o.lng) };
    const data = existingOrg
      ? full
        ? { name: o.name, ...place }
        : { name: o.name }
      : { name: o.name, ...place, importedById: importer.kind === "project" ? importer.orgId : null };
    id.org.set(o.ref, await upsert(tx.organisation as unknown as Delegate, o.ref, data, counts.organisations));
  }
  for (const p of b.products)
    id.product.set(p.ref, await upsert(tx.product as unknown as Delegate, p.ref, { name: p.name, unit: p.unit ?? "kg" }, counts.products));
  for (const s of b.seasons) {
    id.season.set(
      s.ref,
      await upsert(
        tx.season as unknown as Delegate,
        s.ref,
        { productId: await productId(s.productRef), name: s.name, start: s.start, end: s.end },
        counts.seasons,
      ),
    );
  }
  for (const g of b.farmerGroups) {
    const stored = await tx.farmerGroup.findUnique({ where: { ref: g.ref } });
    const data = {
      name: g.name,
      ...groupPlaceColumns(placeOver(places.groups.get(g.ref)!, stored)),
      hamlet: n(g.hamlet),
      lat: n(g.lat),
      lng: n(g.lng),
      projectOwnerId: g.projectOwnerRef ? await orgId(g.projectOwnerRef) : null,
    };
    id.group.set(g.ref, await upsert(tx.farmerGroup as unknown as Delegate, g.ref, data, counts.farmerGroups));
  }
  for (const h of b.households) {
    const data = {
      groupId: await groupId(h.groupRef),
      headName: h.headName,
      headSex: h.headSex,
      ethnicMinority: h.ethnicMinority,
      ethnicity: n(h.ethnicity),
      povertyStatus: h.povertyStatus,
      members: h.members,
      baselineIncomeVnd: n(h.baselineIncomeVnd),
    };
    id.hh.set(h.ref, await upsert(tx.household as unknown as Delegate, h.ref, data, counts.households));
  }

  // Contracts: new ones whole; stored ones only move along their lifecycle (terms never
  // change), then renewal links, which may point forward in the list.
  for (const c of b.contracts) {
    const before = await tx.contract.findUnique({ where: { ref: c.ref }, select: { id: true, status: true, signedOn: true } });
    if (!before) {
      const data = {
        ref: c.ref,
        buyerId: await orgId(c.buyerRef),
        groupId: await groupId(c.groupRef),
        seasonId: await seasonId(c.seasonRef),
        status: c.status,
        signedOn: n(c.signedOn),
        areaHa: c.areaHa,
        volumeTonnes: c.volumeTonnes,
        paymentTermsDays: c.paymentTermsDays,
      };
      const created = await tx.contract.create({
        data: { ...data, grades: { create: c.grades }, events: { create: { fromStatus: null, toStatus: c.status, reason: "import", byUserId: userId } } },
      });
      id.contract.set(c.ref, created.id);
      counts.contracts.created++;
      continue;
    }
    id.contract.set(c.ref, before.id);
    const changesSignedOn = !!c.signedOn && !before.signedOn;
    const move = moves.get(c.ref);
    if (!move && !changesSignedOn) {
      counts.contracts.unchanged++;
      continue;
    }
    // Step by step, as a party would in the app, with the role the rights check found.
    for (const step of move?.steps ?? []) {
      const r = await moveContract(tx, before.id, step, { userId, role: move!.role }, "import", today);
      if (!r.ok)
        throw new ImportRefused([
          problem(`$.contracts[${b.contracts.indexOf(c)}].status`, "bundle.problem.contractMove", {
            ref: c.ref,
            fromKey: `contractStatus.${before.status}`,
            toKey: `contractStatus.${c.status}`,
          }),
        ]);
    }
    if (changesSignedOn) await tx.contract.update({ where: { id: before.id }, data: { signedOn: c.signedOn } });
    counts.contracts.updated++;
  }
  for (const c of b.contracts) {
    if (c.renewsRef === undefined) continue;
    const renewsId = c.renewsRef ? await contractId(c.renewsRef) : null;
    const row = await tx.contract.findUniqueOrThrow({ where: { ref: c.ref }, select: { renewsId: true } });
    if (row.renewsId !== renewsId) await tx.contract.update({ where: { ref: c.ref }, data: { renewsId } });
  }

  await importLedger(tx, b, counts, { userId, today, contractId, hhId, keepUndeclaredMeasures: full });
}

/**
 * Validates, then checks rights and conflicts and writes everything in one transaction; on any
 * problem nothing is written. The importer's rights bound what it may do (importer.ts).
 */
export async function importBundle(input: unknown, importer: Importer): Promise<ImportResult> {
  const v = await validateBundle(input);
  if (!v.ok) return v;
  const counts = emptyCounts();
  try {
    await write(
      async (tx) => {
        const { problems, moves } = await checkImportRights(tx, v.bundle, importer, v.places);
        if (problems.length) throw new ImportRefused(problems);
        await importInto(tx, v.bundle, v.places, counts, importer, moves);
      },
      { timeoutMs: 15 * 60_000 },
    );
    return { ok: true, counts };
  } catch (e) {
    if (e instanceof ImportRefused) return { ok: false, problems: capProblems(e.problems) };
    // Two records of one bundle that still collide on a key (the checks should have said so).
    if (e instanceof Error && /Unique constraint|UNIQUE constraint/i.test(e.message))
      return { ok: false, problems: [problem("$", "bundle.problem.refUsed", {})] };
    throw e;
  }
}
