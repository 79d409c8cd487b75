// What a project owner may import: its own project's groups and what hangs off them. Records
// with the same ref that belong to someone else are never overwritten through its bundle.
import { db } from "~/utils/db.server";
import type { Bundle, BundleProblem } from "./bundle.schema";

export async function projectOwnerProblems(b: Bundle, org: { id: string; ref: string }): Promise<BundleProblem[]> {
  const problems: BundleProblem[] = [];
  const bundleGroups = new Set(b.farmerGroups.map((g) => g.ref));
  b.farmerGroups.forEach((g, i) => {
    if (g.projectOwnerRef !== org.ref) problems.push({ path: `$.farmerGroups[${i}].projectOwnerRef`, reason: `must be "${org.ref}" (your organisation)` });
  });
  const groupRefs = [...new Set([...b.farmerGroups.map((g) => g.ref), ...b.households.map((h) => h.groupRef), ...b.contracts.map((c) => c.groupRef)])];
  const existingGroups = new Map((await db.farmerGroup.findMany({ where: { ref: { in: groupRefs } }, select: { ref: true, projectOwnerId: true } })).map((g) => [g.ref, g]));
  const foreignGroup = (ref: string) => {
    const g = existingGroups.get(ref);
    return g ? g.projectOwnerId !== org.id : !bundleGroups.has(ref);
  };
  b.farmerGroups.forEach((g, i) => {
    if (existingGroups.has(g.ref) && foreignGroup(g.ref)) problems.push({ path: `$.farmerGroups[${i}].ref`, reason: `group "${g.ref}" belongs to another organisation` });
  });
  b.households.forEach((h, i) => {
    if (foreignGroup(h.groupRef)) problems.push({ path: `$.households[${i}].groupRef`, reason: `group "${h.groupRef}" is not in your project` });
  });
  b.contracts.forEach((c, i) => {
    if (foreignGroup(c.groupRef)) problems.push({ path: `$.contracts[${i}].groupRef`, reason: `group "${c.groupRef}" is not in your project` });
  });
  // Existing records keep their owner: a household or contract of another project is not touched.
  const [households, contracts] = await Promise.all([
    db.household.findMany({ where: { ref: { in: b.households.map((h) => h.ref) } }, select: { ref: true, group: { select: { projectOwnerId: true } } } }),
    db.contract.findMany({ where: { ref: { in: [...b.contracts.map((c) => c.ref), ...b.pickups.map((p) => p.contractRef), ...b.invoices.map((i) => i.contractRef)] } }, select: { ref: true, group: { select: { projectOwnerId: true } } } }),
  ]);
  const foreignHh = new Set(households.filter((h) => h.group.projectOwnerId !== org.id).map((h) => h.ref));
  const foreignContract = new Set(contracts.filter((c) => c.group.projectOwnerId !== org.id).map((c) => c.ref));
  b.households.forEach((h, i) => foreignHh.has(h.ref) && problems.push({ path: `$.households[${i}].ref`, reason: `household "${h.ref}" belongs to another organisation` }));
  b.contracts.forEach((c, i) => foreignContract.has(c.ref) && problems.push({ path: `$.contracts[${i}].ref`, reason: `contract "${c.ref}" belongs to another organisation` }));
  b.pickups.forEach((p, i) => foreignContract.has(p.contractRef) && problems.push({ path: `$.pickups[${i}].contractRef`, reason: `contract "${p.contractRef}" belongs to another organisation` }));
  b.invoices.forEach((v, i) => foreignContract.has(v.contractRef) && problems.push({ path: `$.invoices[${i}].contractRef`, reason: `contract "${v.contractRef}" belongs to another organisation` }));
  // Buyers and other organisations may be added, not renamed or re-kinded by a project's file.
  const orgs = await db.organisation.findMany({ where: { ref: { in: b.organisations.map((o) => o.ref) } }, select: { ref: true, id: true, name: true, kind: true } });
  const byRef = new Map(orgs.map((o) => [o.ref, o]));
  b.organisations.forEach((o, i) => {
    const row = byRef.get(o.ref);
    if (row && row.id !== org.id && (row.name !== o.name || row.kind !== o.kind)) problems.push({ path: `$.organisations[${i}]`, reason: `organisation "${o.ref}" exists and belongs to someone else: it cannot be changed here` });
  });
  return problems;
}
