import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, Field, fieldValue, SelectField, SubmitButton, TextArea } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { reportReader } from "~/domain/report/access.server";
import type { DocSection } from "~/domain/report/document";
import { formatCell } from "~/domain/report/format";
import { periodChoices, periodLabel } from "~/domain/report/period";
import { reportFor } from "~/domain/report/report.server";
import { SECTIONS, sectionHeading, TEXT_SECTIONS } from "~/domain/report/sections";
import { readTexts, reportTextsSchema, saveTexts, TEXT_MAX } from "~/domain/report/texts.server";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm, type FieldErrors } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";
import reportCss from "~/styles/report.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const reader = await reportReader(request);
  const t = translator(await getLocale(request, reader.access.user.locale));
  const en = t.locale === "en";
  const [doc, texts] = await Promise.all([
    reportFor(reader, t),
    reader.period && reader.canEdit ? readTexts(reader.org.id, reader.period.key) : Promise.resolve({} as Record<string, string>),
  ]);
  return {
    projects: reader.projects,
    org: { id: reader.org.id, name: reader.org.name },
    periods: periodChoices(reader.seasons).map((c) => ({ value: c.key, label: periodLabel(c, t.dynamic, en) })),
    period: reader.period?.key ?? "",
    doc,
    canEdit: reader.canEdit,
    texts,
  };
}

type ActionData = { errors: FieldErrors; values?: Record<string, unknown>; saved?: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const reader = await reportReader(request);
  if (!reader.period) notFound();
  // Authorities and the site administrator read the report; only the project's own people write it.
  if (!reader.canEdit) forbidden();
  const form = await readForm(request);
  const parsed = parseForm(reportTextsSchema, form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  // Only the fields the form sent: a stray POST without them empties nothing.
  const sent = new Set(Object.keys(formToObject(form)));
  await saveTexts(reader.org.id, reader.period.key, parsed.data as Record<string, string | null>, reader.access.user.id, sent);
  return data<ActionData>({ errors: {}, saved: true });
}

export default function ReportsPage() {
  const { projects, org, periods, period, doc, canEdit, texts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const qs = `org=${encodeURIComponent(org.id)}&period=${encodeURIComponent(period)}`;
  const errors = actionData?.errors;
  const value = (key: string) => fieldValue(actionData?.values, key, texts[key] ?? "");
  return (
    <>
      <h1>{t("report.title")}</h1>
      <Form method="get" className="card">
        <SelectField label={t("report.project")} name="org" defaultValue={org.id} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
        <SelectField label={t("report.period")} name="period" defaultValue={period} options={periods} />
        <button type="submit" className="btn">
          {t("common.filter")}
        </button>
      </Form>
      {doc ? (
        <>
          <section className="card">
            <p>
              <strong>{doc.period}</strong>
            </p>
            {doc.areaNote ? <p className="muted">{doc.areaNote}</p> : null}
            <p className="actions">
              <a className="btn btn-primary" href={`/reports/pdf?${qs}`} download>
                {t("report.pdf")}
              </a>
              <a className="btn" href={`/reports/pdf?${qs}&lang=en`} download>
                {t("report.pdfEn")}
              </a>
              <a className="btn" href={`/reports/csv?${qs}`} download>
                {t("report.csv")}
              </a>
              <a className="btn" href={`/reports/xlsx?${qs}`} download>
                {t("report.xlsx")}
              </a>
            </p>
          </section>
          <article className="card" id="report">
            <h2>{doc.title}</h2>
            {doc.sections.map((s) => (
              <ReportSection key={s.section.key} s={s as DocSection} locale={doc.locale} />
            ))}
          </article>
          {canEdit ? (
            <section className="card" id="report-texts">
              <h2>{t("report.texts")}</h2>
              <p className="hint">{t("report.textsHint")}</p>
              {actionData?.saved ? (
                <p className="alert alert-ok" role="status">
                  {t("common.saved")}
                </p>
              ) : null}
              <ErrorSummary errors={errors} />
              <AppForm noValidate action={`/reports?${qs}`}>
                {TEXT_SECTIONS.map((key) => {
                  const s = SECTIONS.find((x) => x.key === key)!;
                  return (
                    <TextArea
                      key={key}
                      label={sectionHeading(s, t.locale)}
                      name={key}
                      rows={4}
                      maxLength={TEXT_MAX}
                      hint={s.guide ? (t.locale === "en" ? s.guide.en : s.guide.vi) : undefined}
                      defaultValue={value(key)}
                      errors={errors}
                    />
                  );
                })}
                <Field label={t("report.signer")} name="signer" maxLength={TEXT_MAX} defaultValue={value("signer")} errors={errors} />
                <Field label={t("report.signerTitle")} name="signerTitle" maxLength={TEXT_MAX} defaultValue={value("signerTitle")} errors={errors} />
                <Field label={t("report.reportDate")} name="reportDate" type="date" defaultValue={value("reportDate")} errors={errors} />
                <SubmitButton>{t("report.saveTexts")}</SubmitButton>
              </AppForm>
            </section>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("report.noData")}</p>
      )}
    </>
  );
}

function ReportSection({ s, locale }: { s: DocSection; locale: "vi" | "en" }) {
  const t = useT();
  const Heading = s.section.number && s.section.number.includes(".") ? "h4" : "h3";
  return (
    <section className="report-section" id={`section-${s.section.key}`}>
      <Heading>{s.heading}</Heading>
      {s.blocks.map((b, i) => {
        if (b.kind === "facts")
          return (
            <dl key={i} className="report-facts">
              {b.rows.map((r, j) => (
                <div key={j}>
                  <dt>{r.item}</dt>
                  <dd>{formatCell(r.value, locale)}</dd>
                </div>
              ))}
            </dl>
          );
        if (b.kind === "table")
          return (
            <div key={i} className="table-wrap">
              <table className="table">
                <caption>{b.title}</caption>
                <thead>
                  <tr>
                    {b.columns.map((c, j) => (
                      <th key={j} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j} className={r.flag ? "warn" : undefined}>
                      <th scope="row">{r.item}</th>
                      {r.cells.map((c, k) => (
                        <td key={k} className="num">
                          {formatCell(c, locale)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        if (b.kind === "text")
          return (
            <p key={i} className={b.text ? "report-text" : "muted"}>
              {b.text ?? t("report.notWritten")}
            </p>
          );
        return (
          <p key={i} className="hint">
            {b.text}
          </p>
        );
      })}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
