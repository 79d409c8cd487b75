// The report as one ordered list of sections, each with its blocks (label–value facts, tables,
// the project owner's words). The PDF, the page and the CSV/XLSX all read this one list, so they
// cannot disagree on what a section holds or in which order; only the formatting differs.
import type { Translator } from "~/i18n";
import { formatDate } from "~/utils/format";
import { COUNTERPART_RULE, type IncomeRow } from "../evaluation/summary";
import type { ReportFigures } from "./figures.server";
import { fig, type Cell } from "./format";
import { describePeriod } from "./period";
import { SECTIONS, sectionHeading, type Section } from "./sections";

export type Fact = { item: string; value: Cell };
export type Block =
  | { kind: "facts"; rows: Fact[] }
  | { kind: "table"; title: string; columns: string[]; rows: { item: string; cells: Cell[]; flag?: boolean }[] }
  | { kind: "text"; text: string | null }
  | { kind: "note"; text: string };
export type DocSection = { section: Section; heading: string; blocks: Block[] };

export type ReportDocument = {
  locale: "vi" | "en";
  title: string;
  basis: string;
  organisation: string;
  period: string;
  /** Set when the figures cover only an authority's area. */
  areaNote: string | null;
  asOf: string;
  sections: DocSection[];
  signature: { place: string | null; date: string | null; signer: string | null; title: string | null };
};

export type ReportTexts = Partial<Record<string, string>>;

const POVERTY = ["poor", "near_poor", "newly_escaped", "non_poor"] as const;

export function reportDocument(f: ReportFigures, texts: ReportTexts, t: Translator, opts: { areaName?: string | null } = {}): ReportDocument {
  const locale = t.locale;
  const en = locale === "en";
  const text = (key: string) => texts[key]?.trim() || null;
  const total = f.results.total;
  const prev = f.results.previous;
  const seasons = f.results.seasons;
  const ev = f.evaluation;

  const location = [
    ...f.location.communesByProvince.map((p) => (p.communes.length ? `${p.communes.join(", ")} (${p.province})` : p.province)),
    ...(f.location.unplaced ? [t("report.unplaced", { n: f.location.unplaced })] : []),
  ].join("; ");
  const duration = [formatDate(f.org.startedOn), formatDate(f.org.endsOn)].filter(Boolean).join(" – ");

  // The results of the period, beside the season before when the period is one season.
  const resultColumns = prev
    ? [t("report.indicator"), t("report.previousSeasonNamed", { season: prev.season.name }), t("report.thisPeriod")]
    : [t("report.indicator"), t("report.thisPeriod")];
  const p = prev?.indicators;
  const row = (item: string, previous: Cell, current: Cell) => ({ item, cells: prev ? [previous, current] : [current] });
  const resultsTable: Block = {
    kind: "table",
    title: t("report.resultsTable"),
    columns: resultColumns,
    rows: [
      row(t("report.areaHa"), fig(p?.areaHa, "ha"), fig(total.areaHa, "ha")),
      row(t("report.contractedTonnes"), fig(p?.contractedTonnes, "t"), fig(total.contractedTonnes, "t")),
      row(t("report.deliveredTonnes"), fig(p?.deliveredTonnes, "t"), fig(total.deliveredTonnes, "t")),
      row(t("report.fulfilment"), fig(p?.fulfilment, "ratio"), fig(total.fulfilment, "ratio")),
      row(t("report.householdsLinked"), fig(p?.households.total, "count"), fig(total.households.total, "count")),
      row(t("report.paidVnd"), fig(p?.paidVnd, "vnd"), fig(total.paidVnd, "vnd")),
      row(t("report.onTime"), fig(p?.onTimePaymentRate, "ratio"), fig(total.onTime.rate, "ratio")),
      row(t("report.witnessed"), fig(p?.witnessedPickupRate, "ratio"), fig(total.witnessed.rate, "ratio")),
      row(t("report.disputed"), fig(p?.disputedLots, "count"), fig(total.disputedLots, "count")),
      row(t("report.continuance"), fig(p?.contractContinuance.rate, "ratio"), fig(total.continuance.rate, "ratio")),
    ],
  };
  const perSeason: Block | null =
    seasons.length > 1
      ? {
          kind: "table",
          title: t("report.bySeason"),
          columns: [
            t("report.season"),
            t("report.areaHa"),
            t("report.contractedTonnes"),
            t("report.deliveredTonnes"),
            t("report.householdsLinked"),
            t("report.paidVnd"),
          ],
          rows: seasons.map((s) => ({
            item: `${s.season.name}`,
            cells: [
              fig(s.indicators.areaHa, "ha"),
              fig(s.indicators.contractedTonnes, "t"),
              fig(s.indicators.deliveredTonnes, "t"),
              fig(s.indicators.households.total, "count"),
              fig(s.indicators.paidVnd, "vnd"),
            ],
          })),
        }
      : null;
  const productivity: Block = ev.productivity
    ? {
        kind: "table",
        title: t("report.ev.productivity"),
        columns: [t("report.ev.group"), t("report.ev.contractedArea"), t("report.ev.deliveredKg"), t("report.ev.deliveredPerHa"), t("report.ev.harvestPerHa")],
        rows: [...ev.productivity.groups, ev.productivity.total].map((g) => ({
          item: g === ev.productivity!.total ? t("report.ev.total") : g.name,
          cells: [fig(g.contractedAreaHa, "ha"), fig(g.deliveredKg, "kg"), fig(g.deliveredKgPerHa, "kgPerHa"), fig(g.harvestKgPerHa, "kgPerHa")],
        })),
      }
    : absent(t("report.ev.productivity"));

  const incomeRow = (label: string, r: IncomeRow) => ({
    item: label,
    cells: [fig(r.households, "count"), fig(r.firstMeanVnd, "vnd"), fig(r.lastMeanVnd, "vnd"), fig(r.change, "ratio")] as Cell[],
  });
  const outcomes: Block[] = ev.outcomes
    ? [
        {
          kind: "table",
          title: ev.outcomes.compared
            ? t("report.ev.incomeBetween", { first: ev.outcomes.compared.first.name, last: ev.outcomes.compared.last.name })
            : t("report.ev.income"),
          columns: [t("report.ev.householdSet"), t("report.ev.households"), t("report.ev.firstMean"), t("report.ev.lastMean"), t("report.ev.change")],
          rows: [incomeRow(t("report.ev.allHouseholds"), ev.outcomes.income.all), ...ev.outcomes.income.by.map((r) => incomeRow(incomeKey(r.key, t), r))],
        },
        {
          kind: "facts",
          rows: [
            { item: t("report.ev.inPovertyAtFirst"), value: fig(ev.outcomes.poverty.inPovertyAtFirst, "count") },
            { item: t("report.ev.exited"), value: fig(ev.outcomes.poverty.exited, "count") },
            { item: t("report.ev.exitRate"), value: fig(ev.outcomes.poverty.exitRate, "ratio") },
            { item: t("report.ev.fellIn"), value: fig(ev.outcomes.poverty.fellIn, "count") },
            { item: t("report.ev.linkageHouseholds"), value: fig(ev.outcomes.linkageIncome.households, "count") },
            { item: t("report.ev.linkagePaid"), value: fig(ev.outcomes.linkageIncome.paidVnd, "vnd") },
            { item: t("report.ev.linkageMean"), value: fig(ev.outcomes.linkageIncome.meanPerHouseholdVnd, "vnd") },
          ],
        },
      ]
    : [absent(t("report.ev.outcomes"))];
  const participation: Block[] = ev.participation
    ? [
        {
          kind: "facts",
          rows: [
            { item: t("report.ev.membersFemale"), value: fig(ev.participation.members.female, "count") },
            { item: t("report.ev.membersMale"), value: fig(ev.participation.members.male, "count") },
            { item: t("report.ev.womenShare"), value: fig(ev.participation.members.womenShare, "ratio") },
            { item: t("report.ev.paidFemaleHeaded"), value: fig(ev.participation.paid.toFemaleHeadedVnd, "vnd") },
            { item: t("report.ev.paidFemaleHeadedShare"), value: fig(ev.participation.paid.femaleHeadedShare, "ratio") },
          ],
        },
        {
          kind: "table",
          title: t("report.ev.nonPoorByGroup"),
          columns: [t("report.ev.group"), t("report.ev.households"), t("report.ev.nonPoor"), t("report.ev.nonPoorShare")],
          rows: ev.participation.groups.map((g) => ({
            item: g.overLimit ? `${g.name} (${t("report.ev.overLimit")})` : g.name,
            cells: [fig(g.households, "count"), fig(g.nonPoor, "count"), fig(g.nonPoorShare, "ratio")],
            flag: g.overLimit,
          })),
        },
      ]
    : [absent(t("report.ev.participation"))];
  const resources: Block = ev.resources
    ? {
        kind: "facts",
        rows: [
          { item: t("report.ev.projectSupport"), value: fig(ev.resources.projectSupportVnd, "vnd") },
          { item: t("report.ev.counterpart"), value: fig(ev.resources.counterpartVnd, "vnd") },
          ...Object.entries(ev.resources.byParty).map(([k, v]) => ({
            item: `${t("report.ev.byParty")}: ${t.dynamic(`report.party.${k}`)}`,
            value: fig(v, "vnd"),
          })),
          ...Object.entries(ev.resources.byKind).map(([k, v]) => ({
            item: `${t("report.ev.byKind")}: ${t.dynamic(`report.kind.${k}`)}`,
            value: fig(v, "vnd"),
          })),
          { item: t("report.ev.counterpartShare"), value: fig(ev.resources.counterpartShare, "ratio") },
          {
            item: t("report.ev.rule", { min: COUNTERPART_RULE.min * 100, max: COUNTERPART_RULE.max * 100 }),
            value: ev.resources.withinRule === null ? null : ev.resources.withinRule ? t("report.ev.within") : t("report.ev.outside"),
          },
        ],
      }
    : absent(t("report.ev.resources"));

  const body: Record<string, Block[]> = {
    "org.name": [{ kind: "facts", rows: [{ item: t("report.orgName"), value: f.org.name }] }],
    "org.address": [...(f.org.phone ? [facts([[t("report.phone"), f.org.phone]])] : []), { kind: "text", text: text("org.address") }],
    "org.area": [facts([[t("report.provinces"), f.location.provinces.join("; ")]]), { kind: "text", text: text("org.area") }],
    "org.representative": [
      facts([
        [t("report.signer"), text("signer")],
        [t("report.signerTitle"), text("signerTitle")],
      ]),
    ],
    "1.1": [facts([[t("report.name"), f.org.name]])],
    "1.2": [
      facts([
        [t("report.location"), location],
        [t("report.provinces"), f.location.provinces.join("; ")],
        ...(f.location.formerDistricts ? [[t("report.formerDistricts"), f.location.formerDistricts.join("; ")] as [string, string]] : []),
      ]),
    ],
    "1.3": [
      facts([
        [t("report.duration"), duration || null],
        [t("report.periodOfReport"), describePeriod(f.period, t.dynamic, en)],
      ]),
    ],
    "1.4": [
      {
        kind: "facts",
        rows: [
          { item: t("report.provinceCount"), value: fig(f.location.provinces.length, "count") },
          { item: t("report.communes"), value: fig(f.location.communes, "count") },
          { item: t("report.hamlets"), value: fig(f.location.hamlets, "count") },
          { item: t("report.groups"), value: fig(f.scale.groups, "count") },
          { item: t("report.householdsRegistered"), value: fig(f.scale.householdsRegistered, "count") },
          { item: t("report.householdsLinked"), value: fig(f.scale.householdsLinked, "count") },
          { item: t("report.areaHa"), value: fig(f.scale.areaHa, "ha") },
        ],
      },
    ],
    "1.5": [facts([[t("report.objectives"), f.org.objectives]])],
    "1.6": [{ kind: "text", text: text("1.6") }],
    "1.7": [resultsTable, ...(perSeason ? [perSeason] : []), productivity],
    "1.8": [{ kind: "text", text: text("1.8") }, ...outcomes],
    "1.9": [
      {
        kind: "facts",
        rows: [
          ...POVERTY.map((k) => ({ item: `${t.dynamic(`poverty.${k}`)} (${t("report.linked")})`, value: fig(total.households.byPoverty[k], "count") as Cell })),
          { item: t("report.femaleHeaded"), value: fig(total.households.femaleHeaded, "count") },
          { item: t("report.ethnicMinority"), value: fig(total.households.ethnicMinority, "count") },
          {
            item: t("report.ethnicities"),
            value:
              Object.entries(total.households.ethnicities)
                .sort(([a], [b]) => a.localeCompare(b, "vi"))
                .map(([k, v]) => `${k} ${v}`)
                .join(", ") || null,
          },
          { item: t("report.householdsRegistered"), value: fig(f.beneficiaries.registered.total, "count") },
          { item: t("report.selection"), value: f.org.beneficiarySelection },
        ],
      },
      ...participation,
      { kind: "note", text: t("report.numberingNote") },
    ],
    "2.7": [
      {
        kind: "facts",
        rows: [
          { item: t("report.projectSupport"), value: fig(f.resources.projectSupportVnd, "vnd") },
          { item: t("report.buyerAdvances"), value: fig(f.resources.buyerAdvancesVnd, "vnd") },
          { item: t("report.counterpart"), value: fig(f.resources.counterpartVnd, "vnd") },
          { item: t("report.counterpartShare"), value: fig(f.resources.counterpartShare, "ratio") },
          { item: t("report.paidToFarmers"), value: fig(f.resources.paidToFarmersVnd, "vnd") },
        ],
      },
      resources,
      { kind: "text", text: text("2.7") },
    ],
    "2.8": [
      {
        kind: "facts",
        rows: [
          { item: t("report.continuance"), value: fig(f.sustainability.continuanceRate, "ratio") },
          { item: t("report.renewals"), value: fig(f.sustainability.renewals, "count") },
          { item: t("report.fundBalance"), value: fig(f.sustainability.groupFundBalanceVnd, "vnd") },
        ],
      },
      { kind: "text", text: text("2.8") },
    ],
  };

  const sections = SECTIONS.map((s) => ({
    section: s,
    heading: sectionHeading(s, locale),
    blocks: body[s.key] ?? (s.kind === "text" ? [{ kind: "text" as const, text: text(s.key) }] : []),
  }));
  return {
    locale,
    title: t("report.docTitle"),
    basis: t("report.basis"),
    organisation: f.org.name,
    period: describePeriod(f.period, t.dynamic, en),
    areaNote: opts.areaName ? t("report.areaNote", { area: opts.areaName }) : null,
    asOf: f.asOf,
    sections,
    signature: { place: null, date: text("reportDate"), signer: text("signer"), title: text("signerTitle") },
  };
}

function facts(rows: [string, string | null][]): Block {
  return { kind: "facts", rows: rows.map(([item, value]) => ({ item, value })) };
}

/** A part of the evaluation not (yet) computed: its name and "—". */
function absent(name: string): Block {
  return { kind: "facts", rows: [{ item: name, value: null }] };
}

/** "headSex:female" → "Chủ hộ nữ"; "poverty:poor" → "Hộ nghèo (vòng đầu)"; unknown keys as they are. */
function incomeKey(key: string, t: Translator): string {
  const [dim, value] = key.split(":");
  if (dim === "poverty") return `${t.dynamic(`poverty.${value}`)} (${t("report.ev.atFirst")})`;
  return t.dynamic(`report.ev.${dim}.${value}`);
}
