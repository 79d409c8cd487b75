// The programme M&E report the seeds' template asks for (seeds/001: name, location, duration,
// scale, objectives, results, beneficiaries and how they were selected, resources each party
// contributed, sustainability), filled from the records of one project owner for one season.
import type { CsvCell } from "~/utils/csv.server";
import { db } from "~/utils/db.server";
import { computeIndicators, previousSeason, type Indicators } from "./indicators.server";

export type ProgrammeReport = {
  project: { name: string; ref: string; objectives: string | null; beneficiarySelection: string | null; startedOn: string | null; endsOn: string | null };
  season: { ref: string; name: string; product: string; start: string; end: string };
  location: { provinces: string[]; districts: string[]; communes: number; hamlets: number };
  scale: { groups: number; householdsRegistered: number; householdsLinked: number; areaHa: number };
  beneficiaries: { byPoverty: Record<string, number>; femaleHeaded: number; ethnicMinority: number; ethnicities: Record<string, number> };
  results: { current: Indicators; previous: Indicators | null };
  resources: { projectSupportVnd: number; buyerAdvancesVnd: number; counterpartVnd: number; paidToFarmersVnd: number; counterpartShare: number | null };
  sustainability: { continuanceRate: number | null; renewalsForNextSeason: number; groupFundBalanceVnd: number };
};

export async function programmeReport(projectOwnerId: string, seasonRef: string, asOf: string): Promise<ProgrammeReport | null> {
  const [org, season] = await Promise.all([
    db.organisation.findFirst({ where: { id: projectOwnerId, kind: "project_owner" } }),
    db.season.findUnique({ where: { ref: seasonRef }, include: { product: true } }),
  ]);
  if (!org || !season) return null;
  const groups = await db.farmerGroup.findMany({
    where: { projectOwnerId },
    select: { id: true, province: true, commune: true, communeCode: true, formerDistrict: true, formerProvince: true, hamlet: true },
  });
  const groupIds = groups.map((g) => g.id);
  const scope = { projectOwner: org.ref };
  const prev = await previousSeason(season);
  const [current, previous, households, ethnicities, support, buyerAdvances, counterpart, fund, renewals] = await Promise.all([
    computeIndicators(season.ref, { asOf, scope }),
    prev ? computeIndicators(prev.ref, { asOf, scope }) : Promise.resolve(null),
    db.household.groupBy({ by: ["povertyStatus", "headSex", "ethnicMinority"], where: { groupId: { in: groupIds } }, _count: { _all: true } }),
    db.household.groupBy({ by: ["ethnicity"], where: { groupId: { in: groupIds }, ethnicMinority: true }, _count: { _all: true } }),
    db.inputAdvance.aggregate({ where: { providerId: projectOwnerId }, _sum: { valueVnd: true } }),
    db.inputAdvance.aggregate({ where: { groupId: { in: groupIds }, providerId: { not: projectOwnerId } }, _sum: { valueVnd: true } }),
    db.groupFundEntry.aggregate({ where: { groupId: { in: groupIds }, kind: "counterpart" }, _sum: { amountVnd: true } }),
    db.groupFundEntry.aggregate({ where: { groupId: { in: groupIds } }, _sum: { amountVnd: true } }),
    db.contract.count({ where: { groupId: { in: groupIds }, renews: { seasonId: season.id }, status: { not: "cancelled" } } }),
  ]);
  const byPoverty: Record<string, number> = { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 };
  let registered = 0;
  let femaleHeaded = 0;
  let minority = 0;
  for (const h of households) {
    const n = h._count._all;
    registered += n;
    byPoverty[h.povertyStatus] = (byPoverty[h.povertyStatus] ?? 0) + n;
    if (h.headSex === "female") femaleHeaded += n;
    if (h.ethnicMinority) minority += n;
  }
  const supportVnd = support._sum.valueVnd ?? 0;
  const counterpartVnd = counterpart._sum.amountVnd ?? 0;
  return {
    project: {
      name: org.name,
      ref: org.ref,
      objectives: org.objectives,
      beneficiarySelection: org.beneficiarySelection,
      startedOn: org.startedOn,
      endsOn: org.endsOn,
    },
    season: { ref: season.ref, name: season.name, product: season.product.name, start: season.start, end: season.end },
    location: {
      provinces: [...new Set(groups.map((g) => g.province))].sort(),
      // Districts are those of before July 2025, for a programme that began then.
      districts: [...new Set(groups.filter((g) => g.formerDistrict).map((g) => `${g.formerDistrict} (${g.formerProvince ?? g.province})`))].sort(),
      communes: new Set(groups.map((g) => g.communeCode ?? `${g.province}/${g.commune}`)).size,
      hamlets: new Set(groups.filter((g) => g.hamlet).map((g) => `${g.communeCode ?? `${g.province}/${g.commune}`}/${g.hamlet}`)).size,
    },
    scale: { groups: groups.length, householdsRegistered: registered, householdsLinked: current.households.total, areaHa: current.areaHa },
    beneficiaries: {
      byPoverty,
      femaleHeaded,
      ethnicMinority: minority,
      ethnicities: Object.fromEntries(ethnicities.map((e) => [e.ethnicity ?? "?", e._count._all])),
    },
    results: { current, previous },
    resources: {
      projectSupportVnd: supportVnd,
      buyerAdvancesVnd: buyerAdvances._sum.valueVnd ?? 0,
      counterpartVnd,
      paidToFarmersVnd: current.paidVnd,
      counterpartShare: supportVnd + counterpartVnd > 0 ? counterpartVnd / (supportVnd + counterpartVnd) : null,
    },
    sustainability: { continuanceRate: current.contractContinuance.rate, renewalsForNextSeason: renewals, groupFundBalanceVnd: fund._sum.amountVnd ?? 0 },
  };
}

/** The report as rows a spreadsheet opens as is: section, item, value. */
export function reportRows(r: ProgrammeReport, label: (key: string) => string): CsvCell[][] {
  const i = r.results.current;
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return [
    ["section", "item", "value"],
    ["1.1", label("report.name"), r.project.name],
    ["1.2", label("report.location"), r.location.districts.join("; ")],
    ["1.3", label("report.duration"), [r.project.startedOn, r.project.endsOn].filter(Boolean).join(" – ")],
    ["1.4", label("report.communes"), r.location.communes],
    ["1.4", label("report.hamlets"), r.location.hamlets],
    ["1.4", label("report.groups"), r.scale.groups],
    ["1.4", label("report.householdsRegistered"), r.scale.householdsRegistered],
    ["1.4", label("report.householdsLinked"), r.scale.householdsLinked],
    ["1.4", label("report.areaHa"), r.scale.areaHa],
    ["1.5", label("report.objectives"), r.project.objectives ?? ""],
    ["1.7", label("report.season"), `${r.season.product} — ${r.season.name}`],
    ["1.7", label("report.continuance"), pct(i.contractContinuance.rate)],
    ["1.7", label("report.contractedTonnes"), i.contractedTonnes],
    ["1.7", label("report.deliveredTonnes"), i.deliveredTonnes],
    ["1.7", label("report.fulfilment"), pct(i.fulfilment)],
    ["1.7", label("report.paidVnd"), i.paidVnd],
    ["1.7", label("report.onTime"), pct(i.onTimePaymentRate)],
    ["1.7", label("report.witnessed"), pct(i.witnessedPickupRate)],
    ["1.7", label("report.disputed"), i.disputedLots],
    ...Object.entries(r.beneficiaries.byPoverty).map(([k, v]) => ["1.9", label(`poverty.${k}`), v]),
    ["1.9", label("report.femaleHeaded"), r.beneficiaries.femaleHeaded],
    ["1.9", label("report.ethnicMinority"), r.beneficiaries.ethnicMinority],
    ["1.9", label("report.selection"), r.project.beneficiarySelection ?? ""],
    ["1.10", label("report.projectSupport"), r.resources.projectSupportVnd],
    ["1.10", label("report.buyerAdvances"), r.resources.buyerAdvancesVnd],
    ["1.10", label("report.counterpart"), r.resources.counterpartVnd],
    ["1.10", label("report.counterpartShare"), pct(r.resources.counterpartShare)],
    ["1.11", label("report.renewals"), r.sustainability.renewalsForNextSeason],
    ["1.11", label("report.fundBalance"), r.sustainability.groupFundBalanceVnd],
  ];
}
