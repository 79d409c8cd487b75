// The public trace page as a whole HTML document, rendered once on the server to static markup
// (no hydration, no script): what a phone camera opens from a bag's QR label. See
// docs/decisions/0028-public-trace-page.md for why it is not an ordinary Remix page.
import { schemeLabel } from "~/domain/certifications/schemes";
import type { TraceLot, TraceView } from "~/domain/trace/page.server";
import type { Sketch } from "~/domain/trace/sketch.server";
import type { Locale, Translator } from "~/i18n";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { productName } from "~/domain/product-name";

type Shell = { t: Translator; css: string; switchTo: { href: string; label: string; lang: Locale }; title: string; children: React.ReactNode };

function Document({ t, css, switchTo, title, children }: Shell) {
  return (
    <html lang={t.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* A code is for whoever holds the bag: search engines get no list of them. */}
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="stylesheet" href={css} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" /> {t("app.name")}
          </a>
          <div className="site-tools">
            <a href={switchTo.href} className="btn btn-small" lang={switchTo.lang} hrefLang={switchTo.lang}>
              {switchTo.label}
            </a>
          </div>
        </header>
        <main className="container">{children}</main>
      </body>
    </html>
  );
}

export type TracePageProps = {
  t: Translator;
  css: string;
  view: TraceView;
  sketch: Sketch | null;
  link: (code: string) => string;
  switchTo: Shell["switchTo"];
};

const kg = (g: number, locale: Locale) => formatNumber(g / 1000, 1, locale);

export function TracePage({ t, css, view, sketch, link, switchTo }: TracePageProps) {
  const product = productName(view.product, t.locale);
  const lot = view.kind === "lot" ? view.lots[0] : null;
  const effective = view.lots.filter((l) => !l.corrected);
  const totalG = effective.reduce((s, l) => s + l.netG, 0);
  return (
    <Document t={t} css={css} switchTo={switchTo} title={`${product} · ${t("trace.title")}`}>
      <section className="card" id="trace">
        <p className="hint">{t(lot ? "trace.lotCode" : "trace.pickupCode", { code: view.code })}</p>
        <h1>{product}</h1>
        <Verdict t={t} view={view} />
        {lot ? <LotNotes t={t} lot={lot} link={link} /> : null}
        <dl className="facts" id="trace-facts">
          {lot ? (
            <>
              <dt>{t("trace.grade")}</dt>
              <dd>
                <strong>{lot.gradeLabel}</strong>
                {lot.gradeCriteria ? <span className="hint"> — {lot.gradeCriteria}</span> : null}
              </dd>
              <dt>{t("trace.net")}</dt>
              <dd>{t("trace.kg", { n: kg(lot.netG, t.locale) })}</dd>
              {lot.unitPriceVnd !== null ? (
                <>
                  <dt>{t("trace.price")}</dt>
                  <dd>{t("trace.perKg", { price: formatVnd(lot.unitPriceVnd, t.locale) })}</dd>
                </>
              ) : null}
              {lot.givenName ? (
                <>
                  <dt>{t("trace.grower")}</dt>
                  <dd>{lot.givenName}</dd>
                </>
              ) : null}
            </>
          ) : (
            <>
              <dt>{t("trace.lots")}</dt>
              <dd>{effective.length}</dd>
              <dt>{t("trace.totalNet")}</dt>
              <dd>{t("trace.kg", { n: kg(totalG, t.locale) })}</dd>
            </>
          )}
          <dt>{t("trace.date")}</dt>
          <dd>{formatDate(view.date)}</dd>
          {view.collectionPoint ? (
            <>
              <dt>{t("trace.collectionPoint")}</dt>
              <dd>{view.collectionPoint}</dd>
            </>
          ) : null}
          <dt>{t("trace.place")}</dt>
          <dd>
            {view.place.commune}, {view.place.province}
          </dd>
          <dt>{t("trace.group")}</dt>
          <dd>{view.group}</dd>
          <dt>{t("trace.buyer")}</dt>
          <dd>{view.buyer}</dd>
        </dl>
        {sketch ? <Map t={t} sketch={sketch} /> : null}
      </section>

      <section className="card" id="trace-certificates">
        <h2>{t("trace.certificates")}</h2>
        {view.certificates.length ? (
          <ul className="list">
            {view.certificates.map((c) => (
              <li key={`${c.scheme}-${c.number}`}>
                <strong>{schemeLabel(t, c.scheme, c.schemeName, { standard: true })}</strong> —{" "}
                {t("trace.certificate", { number: c.number, body: c.body, to: formatDate(c.validTo) })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t("trace.noCertificates")}</p>
        )}
      </section>

      {lot ? null : <PickupLots t={t} lots={view.lots} link={link} />}

      <section className="card">
        <h2>{t("trace.aboutTitle")}</h2>
        <p className="hint">{t("trace.about")}</p>
      </section>
    </Document>
  );
}

function Verdict({ t, view }: { t: Translator; view: TraceView }) {
  return (
    <div className={`alert ${view.verdict.intact ? "alert-ok" : "alert-error"}`} id="trace-verdict" role="status">
      <p>
        <strong>{view.verdict.intact ? t("trace.intact") : t("trace.altered")}</strong>
      </p>
      <p className="hint">{t(view.verdict.intact ? "trace.intactExplain" : "trace.alteredExplain", { contract: view.contractRef, seq: view.head.seq })}</p>
      <p>
        {t("trace.head", { seq: view.head.seq })}{" "}
        <code id="trace-head" className="hash">
          {view.head.hash}
        </code>
      </p>
    </div>
  );
}

function LotNotes({ t, lot, link }: { t: Translator; lot: TraceLot; link: (code: string) => string }) {
  return (
    <>
      {lot.corrected ? (
        <p className="alert alert-warn" id="trace-corrected">
          {t("trace.corrected")}{" "}
          {lot.correctedByCode ? <a href={link(lot.correctedByCode)}>{t("trace.seeCorrection", { code: lot.correctedByCode })}</a> : null}
        </p>
      ) : null}
      {lot.correctsCode ? (
        <p className="notice">
          {t("trace.corrects")} <a href={link(lot.correctsCode)}>{lot.correctsCode}</a>
          {lot.correctionReason ? ` — ${lot.correctionReason}` : ""}
        </p>
      ) : null}
    </>
  );
}

function PickupLots({ t, lots, link }: { t: Translator; lots: TraceLot[]; link: (code: string) => string }) {
  return (
    <section className="card" id="trace-lots">
      <h2>{t("trace.lots")}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("trace.code")}</th>
              <th>{t("trace.grade")}</th>
              <th className="num">{t("trace.netKg")}</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((l, i) => (
              <tr key={l.code ?? i} className={l.corrected ? "superseded" : undefined}>
                <td>
                  {l.code ? <a href={link(l.code)}>{l.code}</a> : "—"}
                  {l.givenName ? ` · ${l.givenName}` : ""}
                  {l.corrected ? <span className="hint"> ({t("trace.correctedShort")})</span> : null}
                </td>
                <td>{l.gradeLabel}</td>
                <td className="num">{formatNumber(l.netG / 1000, 1, t.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Map({ t, sketch }: { t: Translator; sketch: Sketch }) {
  return (
    <figure className="trace-map">
      <svg viewBox={sketch.viewBox} width="120" height="240" role="img" aria-label={t("trace.mapLabel")}>
        <path d={sketch.country} fill="#eef2ec" stroke="#9aa79a" strokeWidth="0.6" strokeLinejoin="round" />
        {sketch.province ? <path d={sketch.province} fill="#9cc98a" stroke="#2e6b1f" strokeWidth="0.8" strokeLinejoin="round" /> : null}
        {sketch.point ? <circle cx={sketch.point[0]} cy={sketch.point[1]} r="4" fill="#c0392b" stroke="#fff" strokeWidth="1.2" /> : null}
      </svg>
    </figure>
  );
}

export function TraceNotFound({ t, css, switchTo }: { t: Translator; css: string; switchTo: Shell["switchTo"] }) {
  return (
    <Document t={t} css={css} switchTo={switchTo} title={t("trace.notFound")}>
      <section className="card narrow" id="trace-not-found">
        <h1>{t("trace.notFound")}</h1>
        <p>{t("trace.notFoundHint")}</p>
      </section>
    </Document>
  );
}
