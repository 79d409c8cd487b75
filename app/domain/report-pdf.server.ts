// The programme report as a Vietnamese PDF, in the order of the seeds' template.
import { translator, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatPercent, formatVnd } from "~/utils/format";
import { facts, heading, newDocument, pageNumbers, table, toBuffer } from "./pdf.server";
import { locationLine, type ProgrammeReport } from "./report.server";

const pct = (v: number | null) => (v === null ? "—" : formatPercent(v * 100));

export async function reportPdf(r: ProgrammeReport, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const doc = newDocument({ title: `${t("report.title")} — ${r.project.name}`, author: r.project.name });
  const i = r.results.current;
  const p = r.results.previous;
  doc.font("bold").fontSize(15).text(t("report.title").toUpperCase(), { align: "center" });
  doc.font("body").fontSize(10).text(`${r.season.product} — ${r.season.name}`, { align: "center" }).moveDown(1);

  heading(doc, t("report.section1"), 12);
  facts(doc, [
    [t("report.name"), r.project.name],
    [t("report.location"), locationLine(r.location, t.dynamic)],
    ...(r.location.formerDistricts?.length ? [[t("report.formerDistricts"), r.location.formerDistricts.join("; ")] as [string, string]] : []),
    [t("report.duration"), [formatDate(r.project.startedOn), formatDate(r.project.endsOn)].filter(Boolean).join(" – ")],
    [
      t("report.scale"),
      t("report.scaleValue", {
        communes: r.location.communes,
        hamlets: r.location.hamlets,
        groups: r.scale.groups,
        households: r.scale.householdsRegistered,
        area: formatNumber(r.scale.areaHa),
      }),
    ],
    [t("report.objectives"), r.project.objectives ?? ""],
  ]);

  heading(doc, t("report.results"), 12);
  table(
    doc,
    [
      { header: t("report.indicator"), width: 50 },
      { header: p ? t("report.previousSeason") : "", width: 25, align: "right" },
      { header: t("report.thisSeason"), width: 25, align: "right" },
    ],
    [
      [t("report.continuance"), p ? pct(p.contractContinuance.rate) : "", pct(i.contractContinuance.rate)],
      [t("report.areaHa"), p ? formatNumber(p.areaHa) : "", formatNumber(i.areaHa)],
      [t("report.contractedTonnes"), p ? formatNumber(p.contractedTonnes, 3) : "", formatNumber(i.contractedTonnes, 3)],
      [t("report.deliveredTonnes"), p ? formatNumber(p.deliveredTonnes, 3) : "", formatNumber(i.deliveredTonnes, 3)],
      [t("report.fulfilment"), p ? pct(p.fulfilment) : "", pct(i.fulfilment)],
      [t("report.householdsLinked"), p ? String(p.households.total) : "", String(i.households.total)],
      [t("report.paidVnd"), p ? formatVnd(p.paidVnd) : "", formatVnd(i.paidVnd)],
      [t("report.onTime"), p ? pct(p.onTimePaymentRate) : "", pct(i.onTimePaymentRate)],
      [t("report.witnessed"), p ? pct(p.witnessedPickupRate) : "", pct(i.witnessedPickupRate)],
      [t("report.disputed"), p ? String(p.disputedLots) : "", String(i.disputedLots)],
    ],
  );

  heading(doc, t("report.beneficiaries"), 12);
  facts(doc, [
    ...Object.entries(r.beneficiaries.byPoverty).map(([k, v]) => [t.dynamic(`poverty.${k}`), String(v)] as [string, string]),
    [t("report.femaleHeaded"), String(r.beneficiaries.femaleHeaded)],
    [
      t("report.ethnicMinority"),
      `${r.beneficiaries.ethnicMinority} (${Object.entries(r.beneficiaries.ethnicities)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`,
    ],
    [t("report.selection"), r.project.beneficiarySelection ?? ""],
  ]);

  heading(doc, t("report.resources"), 12);
  facts(doc, [
    [t("report.projectSupport"), formatVnd(r.resources.projectSupportVnd)],
    [t("report.buyerAdvances"), formatVnd(r.resources.buyerAdvancesVnd)],
    [t("report.counterpart"), `${formatVnd(r.resources.counterpartVnd)} (${pct(r.resources.counterpartShare)}; ${t("report.counterpartTarget")})`],
    [t("report.paidToFarmers"), formatVnd(r.resources.paidToFarmersVnd)],
  ]);

  heading(doc, t("report.sustainability"), 12);
  facts(doc, [
    [t("report.continuance"), pct(r.sustainability.continuanceRate)],
    [t("report.renewals"), String(r.sustainability.renewalsForNextSeason)],
    [t("report.fundBalance"), formatVnd(r.sustainability.groupFundBalanceVnd)],
  ]);
  pageNumbers(doc, (n, total) => `${r.project.name} — ${t("pdf.page", { n, total })}`);
  return toBuffer(doc);
}
