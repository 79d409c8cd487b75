// Checks a bundle before anything is written: its shape, every reference (inside the bundle
// or to a record already here with that ref) and the weighing rules. Every problem is listed
// with its JSON path, so a project officer can fix the file in one go.
import * as z from "zod";
import { db } from "~/utils/db.server";
import {
  bundleContract,
  bundleFarmerGroup,
  bundleHousehold,
  bundleInvoice,
  bundleLot,
  bundleOrganisation,
  bundlePayment,
  bundlePickup,
  bundleProduct,
  bundleSeason,
  type Bundle,
  type BundleProblem,
} from "./bundle.schema";
import type { Params } from "~/i18n";
import { placeReader, type BundlePlaces } from "./places.server";
import { problem, type ProblemCode } from "./problems";

const BUYER_KINDS = new Set(["cooperative", "enterprise"]);

function jsonPath(path: PropertyKey[]): string {
  return "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

/** Rows whose ref is among `refs`, keyed by ref (looked up 500 at a time). */
export async function existing<T extends { ref: string }>(refs: string[], find: (refs: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += 500) for (const row of await find(unique.slice(i, i + 500))) out.set(row.ref, row);
  return out;
}

const MAX_PROBLEMS = 1000;

/** A file with a million problems gets the first thousand and a count, not a 100 MB answer. */
export function capProblems(problems: BundleProblem[]): BundleProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), problem("$", "bundle.problem.moreProblems", { n: problems.length - MAX_PROBLEMS })];
}

// The shapes' own messages (bundle.schema.ts), each with its catalogue key.
const SCHEMA_MESSAGES: Record<string, ProblemCode> = {
  "tare above gross": "bundle.problem.tareAboveGross",
  "negative weight": "bundle.problem.negativeWeight",
  "not a YYYY-MM-DD date": "bundle.problem.dateFormat",
  "not a real calendar date": "bundle.problem.notADate",
};

// The kinds of value the shapes expect, said in words: a type name such as "number" means
// nothing to the project officer who typed the file.
const VALUE_KINDS = new Set(["number", "int", "string", "boolean", "array", "object"]);

/** The field a path ends at ("areaHa" in $.contracts[1].areaHa; "contracts" in $.contracts[1]). */
function fieldOf(path: string): string {
  const names = path.match(/\.[^.[\]]+/g);
  return names ? names[names.length - 1].slice(1) : path;
}

/** Lengths and counts for text and lists, sizes for numbers. */
function boundProblem(side: "min" | "max", origin: string, bound: number, inclusive: boolean | undefined): [ProblemCode, Params] {
  if (origin === "string") {
    if (side === "min") return bound <= 1 ? ["bundle.problem.emptyText", {}] : ["bundle.problem.textTooShort", { n: bound }];
    return ["bundle.problem.textTooLong", { n: bound }];
  }
  if (origin === "array" || origin === "set") {
    if (side === "min") return bound <= 1 ? ["bundle.problem.emptyList", {}] : ["bundle.problem.listTooShort", { n: bound }];
    return ["bundle.problem.listTooLong", { n: bound }];
  }
  const strict = inclusive === false;
  if (side === "min") return strict ? ["bundle.problem.notAbove", { n: bound }] : ["bundle.problem.tooSmall", { minimum: bound }];
  return strict ? ["bundle.problem.notBelow", { n: bound }] : ["bundle.problem.tooBig", { maximum: bound }];
}

/**
 * A shape problem in both languages, naming the field and saying in words what it needs; the
 * English text is also the `reason` the API and the command line give, as for every problem.
 */
function schemaProblem(path: string, issue: z.core.$ZodIssue): BundleProblem {
  const known = SCHEMA_MESSAGES[issue.message];
  if (known) return problem(path, known, {});
  const field = fieldOf(path);
  const list = (v: unknown[]) => v.map((x) => JSON.stringify(x)).join(", ");
  const [code, params]: [ProblemCode, Params] =
    issue.code === "invalid_type"
      ? /received undefined/.test(issue.message)
        ? ["bundle.problem.required", {}]
        : VALUE_KINDS.has(issue.expected)
          ? ["bundle.problem.wrongType", { kindKey: `bundle.kind.${issue.expected}` }]
          : ["bundle.problem.wrongKind", {}]
      : issue.code === "too_small"
        ? boundProblem("min", issue.origin, Number(issue.minimum), issue.inclusive)
        : issue.code === "too_big"
          ? boundProblem("max", issue.origin, Number(issue.maximum), issue.inclusive)
          : issue.code === "invalid_value"
            ? ["bundle.problem.notOneOf", { values: list(issue.values) }]
            : issue.code === "invalid_format"
              ? ["bundle.problem.badFormat", {}]
              : issue.code === "unrecognized_keys"
                ? ["bundle.problem.unknownKeys", { keys: issue.keys.join(", ") }]
                : ["bundle.problem.invalid", {}];
  return problem(path, code, { field, ...params });
}

export type Validated = { ok: true; bundle: Bundle; places: BundlePlaces } | { ok: false; problems: BundleProblem[] };

const envelope = z.object({
  format: z.literal("linkage-bundle/1"),
  ...Object.fromEntries(
    ["organisations", "farmerGroups", "households", "products", "seasons", "contracts", "pickups", "invoices", "payments"].map((k) => [
      k,
      z.array(z.unknown()).default([]),
    ]),
  ),
});

const ITEM = {
  organisations: bundleOrganisation,
  farmerGroups: bundleFarmerGroup,
  households: bundleHousehold,
  products: bundleProduct,
  seasons: bundleSeason,
  contracts: bundleContract,
  invoices: bundleInvoice,
  payments: bundlePayment,
} as const;
const pickupShell = bundlePickup.extend({ lots: z.array(z.unknown()) });

/**
 * Each record is checked on its own, so one malformed record does not hide the problems of
 * the others; a malformed record's ref still counts as present, so it causes no knock-on
 * "no such ref" problems elsewhere.
 */
function parseRecords(input: unknown, problems: BundleProblem[]): { bundle: Bundle; broken: Set<string>; index: (record: object) => number } | null {
  const top = envelope.safeParse(input);
  if (!top.success) {
    for (const i of top.error.issues) problems.push(schemaProblem(jsonPath(i.path), i));
    return null;
  }
  const broken = new Set<string>();
  // Where each kept record stood in the file, so problems found later point at the right one.
  const position = new WeakMap<object, number>();
  const refOf = (v: unknown) => (v && typeof v === "object" && typeof (v as { ref?: unknown }).ref === "string" ? (v as { ref: string }).ref : null);
  const check = <T>(path: string, item: unknown, schema: z.ZodType<T>, at: number): T | null => {
    const r = schema.safeParse(item);
    if (r.success) {
      position.set(r.data as object, at);
      return r.data;
    }
    for (const issue of r.error.issues) problems.push(schemaProblem(path + jsonPath(issue.path).slice(1), issue));
    const ref = refOf(item);
    if (ref) broken.add(ref);
    return null;
  };
  const take = <T>(path: string, items: unknown[], schema: z.ZodType<T>): T[] => items.flatMap((item, i) => check(`${path}[${i}]`, item, schema, i) ?? []);
  const t = top.data as unknown as Record<string, unknown[]>;
  const b = { format: "linkage-bundle/1" } as Bundle;
  for (const [key, schema] of Object.entries(ITEM)) (b as Record<string, unknown>)[key] = take(`$.${key}`, t[key], schema as z.ZodType);
  b.pickups = t.pickups.flatMap((item, i) => {
    const shell = check(`$.pickups[${i}]`, item, pickupShell, i);
    // Lots are checked even when their pickup is malformed: a bad date must not hide a negative weight.
    const rawLots = shell
      ? shell.lots
      : item && typeof item === "object" && Array.isArray((item as { lots?: unknown }).lots)
        ? (item as { lots: unknown[] }).lots
        : [];
    const lots = take(`$.pickups[${i}].lots`, rawLots, bundleLot);
    if (!shell) return [];
    const kept = { ...shell, lots };
    position.set(kept, i);
    return [kept];
  });
  return { bundle: b, broken, index: (record: object) => position.get(record) ?? -1 };
}

export async function validateBundle(input: unknown): Promise<Validated> {
  const problems: BundleProblem[] = [];
  const add = (path: string, code: ProblemCode, params: Params = {}) => problems.push(problem(path, code, params));
  const parsed = parseRecords(input, problems);
  if (!parsed) return { ok: false, problems: capProblems(problems) };
  const { bundle: b, broken, index } = parsed;

  // Refs are keys: one record per ref within each collection.
  for (const key of ["organisations", "farmerGroups", "households", "products", "seasons", "contracts", "pickups", "invoices", "payments"] as const) {
    const seen = new Map<string, number>();
    (b[key] as { ref: string }[]).forEach((r) => {
      const i = index(r);
      if (seen.has(r.ref)) add(`$.${key}[${i}].ref`, "bundle.problem.duplicateRef", { ref: r.ref, other: `$.${key}[${seen.get(r.ref)}]` });
      else seen.set(r.ref, i);
    });
  }
  const lotsInBundle = b.pickups.flatMap((p) => p.lots);
  const lotSeen = new Set<string>();
  b.pickups.forEach((p) =>
    p.lots.forEach((l) => {
      const [i, j] = [index(p), index(l)];
      if (lotSeen.has(l.ref)) add(`$.pickups[${i}].lots[${j}].ref`, "bundle.problem.duplicateLotRef", { ref: l.ref });
      lotSeen.add(l.ref);
    }),
  );

  // What already exists here, for references that leave the bundle.
  const [orgs, groups, households, products, seasons, contracts, lots, invoices, pickups] = await Promise.all([
    existing([...b.contracts.map((c) => c.buyerRef), ...b.farmerGroups.flatMap((g) => (g.projectOwnerRef ? [g.projectOwnerRef] : []))], (refs) =>
      db.organisation.findMany({ where: { ref: { in: refs } }, select: { ref: true, kind: true } }),
    ),
    existing([...b.households.map((h) => h.groupRef), ...b.contracts.map((c) => c.groupRef)], (refs) =>
      db.farmerGroup.findMany({ where: { ref: { in: refs } }, select: { ref: true } }),
    ),
    existing([...lotsInBundle.map((l) => l.householdRef), ...b.pickups.flatMap((p) => p.witnessRefs ?? [])], (refs) =>
      db.household.findMany({ where: { ref: { in: refs } }, select: { ref: true, group: { select: { ref: true } } } }),
    ),
    existing(
      b.seasons.map((s) => s.productRef),
      (refs) => db.product.findMany({ where: { ref: { in: refs } }, select: { ref: true } }),
    ),
    existing(
      b.contracts.map((c) => c.seasonRef),
      (refs) => db.season.findMany({ where: { ref: { in: refs } }, select: { ref: true } }),
    ),
    existing(
      [...b.pickups.map((p) => p.contractRef), ...b.invoices.map((i) => i.contractRef), ...b.contracts.flatMap((c) => (c.renewsRef ? [c.renewsRef] : []))],
      (refs) =>
        db.contract.findMany({ where: { ref: { in: refs } }, select: { ref: true, group: { select: { ref: true } }, grades: { select: { code: true } } } }),
    ),
    existing(
      lotsInBundle.flatMap((l) => (l.supersedesRef ? [l.supersedesRef] : [])),
      (refs) => db.lot.findMany({ where: { ref: { in: refs } }, select: { ref: true, contract: { select: { ref: true } } } }),
    ),
    existing(
      b.payments.map((p) => p.invoiceRef),
      (refs) => db.invoice.findMany({ where: { ref: { in: refs } }, select: { ref: true } }),
    ),
    existing(
      b.invoices.flatMap((i) => i.pickupRefs),
      (refs) => db.pickup.findMany({ where: { ref: { in: refs } }, select: { ref: true, contract: { select: { ref: true } } } }),
    ),
  ]);

  const bOrgs = new Map(b.organisations.map((o) => [o.ref, o]));
  const bGroups = new Set(b.farmerGroups.map((g) => g.ref));
  const bHouseholds = new Map(b.households.map((h) => [h.ref, h]));
  const bProducts = new Set(b.products.map((p) => p.ref));
  const bSeasons = new Set(b.seasons.map((s) => s.ref));
  const bContracts = new Map(b.contracts.map((c) => [c.ref, c]));
  const bPickups = new Map(b.pickups.map((p) => [p.ref, p]));
  const bInvoices = new Set(b.invoices.map((i) => i.ref));
  const lotContract = new Map(b.pickups.flatMap((p) => p.lots.map((l) => [l.ref, p.contractRef] as const)));
  const orgKind = (ref: string) => bOrgs.get(ref)?.kind ?? orgs.get(ref)?.kind ?? (broken.has(ref) ? "project_owner" : undefined);
  const groupOfHousehold = (ref: string) => bHouseholds.get(ref)?.groupRef ?? households.get(ref)?.group.ref;
  const contractGroup = (ref: string) => bContracts.get(ref)?.groupRef ?? contracts.get(ref)?.group.ref;
  const contractGrades = (ref: string) => new Set(bContracts.get(ref)?.grades.map((g) => g.code) ?? contracts.get(ref)?.grades.map((g) => g.code) ?? []);

  // Every place read into the current units; a name that matches no unit is a problem with
  // the closest candidates (a split old commune is not: it waits for a person to pick).
  const places: BundlePlaces = { orgs: new Map(), groups: new Map() };
  const readPlace = placeReader();
  b.organisations.forEach((o) => {
    const r = readPlace(o, `$.organisations[${index(o)}]`, "none");
    if (r.ok) places.orgs.set(o.ref, r.place);
    else problems.push(...r.problems);
  });
  b.farmerGroups.forEach((g) => {
    const r = readPlace(g, `$.farmerGroups[${index(g)}]`, "commune");
    if (r.ok) places.groups.set(g.ref, r.place);
    else problems.push(...r.problems);
  });

  b.farmerGroups.forEach((g) => {
    const i = index(g);
    if (g.projectOwnerRef && orgKind(g.projectOwnerRef) !== "project_owner")
      add(`$.farmerGroups[${i}].projectOwnerRef`, "bundle.problem.noProjectOwner", { ref: g.projectOwnerRef });
  });
  b.households.forEach((h) => {
    const i = index(h);
    if (!bGroups.has(h.groupRef) && !groups.has(h.groupRef) && !broken.has(h.groupRef))
      add(`$.households[${i}].groupRef`, "bundle.problem.noGroup", { ref: h.groupRef });
  });
  b.seasons.forEach((s) => {
    const i = index(s);
    if (!bProducts.has(s.productRef) && !products.has(s.productRef) && !broken.has(s.productRef))
      add(`$.seasons[${i}].productRef`, "bundle.problem.noProduct", { ref: s.productRef });
    if (s.end < s.start) add(`$.seasons[${i}].end`, "bundle.problem.seasonEndsBeforeStart");
  });
  b.contracts.forEach((c) => {
    const i = index(c);
    const kind = orgKind(c.buyerRef);
    if (!kind) add(`$.contracts[${i}].buyerRef`, "bundle.problem.noOrganisation", { ref: c.buyerRef });
    else if (!BUYER_KINDS.has(kind)) add(`$.contracts[${i}].buyerRef`, "bundle.problem.notABuyer", { ref: c.buyerRef, kindKey: `kind.${kind}` });
    if (!bGroups.has(c.groupRef) && !groups.has(c.groupRef) && !broken.has(c.groupRef))
      add(`$.contracts[${i}].groupRef`, "bundle.problem.noGroup", { ref: c.groupRef });
    if (!bSeasons.has(c.seasonRef) && !seasons.has(c.seasonRef) && !broken.has(c.seasonRef))
      add(`$.contracts[${i}].seasonRef`, "bundle.problem.noSeason", { ref: c.seasonRef });
    if (c.renewsRef && !bContracts.has(c.renewsRef) && !contracts.has(c.renewsRef) && !broken.has(c.renewsRef))
      add(`$.contracts[${i}].renewsRef`, "bundle.problem.noContract", { ref: c.renewsRef });
    const codes = new Set<string>();
    c.grades.forEach((g, j) => {
      if (codes.has(g.code)) add(`$.contracts[${i}].grades[${j}].code`, "bundle.problem.duplicateGrade", { code: g.code });
      codes.add(g.code);
    });
  });
  b.pickups.forEach((p) => {
    const i = index(p);
    const known = bContracts.has(p.contractRef) || contracts.has(p.contractRef);
    if (!known && !broken.has(p.contractRef)) add(`$.pickups[${i}].contractRef`, "bundle.problem.noContract", { ref: p.contractRef });
    const group = known ? contractGroup(p.contractRef) : undefined;
    const grades = contractGrades(p.contractRef);
    (p.witnessRefs ?? []).forEach((w, j) => {
      const g = groupOfHousehold(w);
      if (!g && !broken.has(w)) add(`$.pickups[${i}].witnessRefs[${j}]`, "bundle.problem.noHousehold", { ref: w });
      else if (group && g !== group) add(`$.pickups[${i}].witnessRefs[${j}]`, "bundle.problem.householdOutsideGroup", { ref: w });
    });
    p.lots.forEach((l) => {
      const j = index(l);
      const at = `$.pickups[${i}].lots[${j}]`;
      const g = groupOfHousehold(l.householdRef);
      if (!g && !broken.has(l.householdRef)) add(`${at}.householdRef`, "bundle.problem.noHousehold", { ref: l.householdRef });
      else if (group && g !== group) add(`${at}.householdRef`, "bundle.problem.householdOutsideGroup", { ref: l.householdRef });
      if (known && !grades.has(l.grade)) add(`${at}.grade`, "bundle.problem.gradeNotInContract", { grade: l.grade, contract: p.contractRef });
      if (l.supersedesRef && !lotSeen.has(l.supersedesRef) && !lots.has(l.supersedesRef) && !broken.has(l.supersedesRef))
        add(`${at}.supersedesRef`, "bundle.problem.noLot", { ref: l.supersedesRef });
      if (l.supersedesRef === l.ref) add(`${at}.supersedesRef`, "bundle.problem.supersedesItself");
      if (l.supersedesRef && known) {
        const correctedIn = lotContract.get(l.supersedesRef) ?? lots.get(l.supersedesRef)?.contract.ref;
        if (correctedIn && correctedIn !== p.contractRef)
          add(`${at}.supersedesRef`, "bundle.problem.correctionOtherContract", { ref: l.supersedesRef, contract: correctedIn });
      }
    });
  });
  b.invoices.forEach((inv) => {
    const i = index(inv);
    if (!bContracts.has(inv.contractRef) && !contracts.has(inv.contractRef) && !broken.has(inv.contractRef))
      add(`$.invoices[${i}].contractRef`, "bundle.problem.noContract", { ref: inv.contractRef });
    inv.pickupRefs.forEach((r, j) => {
      const found = pickups.get(r);
      const p = bPickups.get(r) ?? (found ? { contractRef: found.contract.ref } : undefined);
      if (!p && !broken.has(r)) add(`$.invoices[${i}].pickupRefs[${j}]`, "bundle.problem.noPickup", { ref: r });
      else if (p && p.contractRef !== inv.contractRef)
        add(`$.invoices[${i}].pickupRefs[${j}]`, "bundle.problem.pickupOtherContract", { ref: r, contract: p.contractRef });
    });
  });
  b.payments.forEach((p) => {
    const i = index(p);
    if (!bInvoices.has(p.invoiceRef) && !invoices.has(p.invoiceRef) && !broken.has(p.invoiceRef))
      add(`$.payments[${i}].invoiceRef`, "bundle.problem.noInvoice", { ref: p.invoiceRef });
  });

  return problems.length ? { ok: false, problems: capProblems(problems) } : { ok: true, bundle: b, places };
}
