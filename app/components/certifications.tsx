// Certificates as their holders and readers see them (issue 16): the full list with the add and
// withdraw forms (the group's and the buyer's certificate pages), and the short list of those in
// force that the group's and the organisation's pages show.
import { Link } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { CERT_FILE_ACCEPT, MAX_CERT_FILE_BYTES } from "~/domain/certifications/certification.schema";
import { CERT_SCHEMES, SCHEME_STANDARD, type CertScheme, schemeLabel } from "~/domain/certifications/schemes";
import type { ListedCertification } from "~/domain/certifications/certifications.server";
import type { CertActionData } from "~/domain/certifications/http.server";
import type { CertState } from "~/domain/certifications/state";
import { productName } from "~/domain/product-name";
import { useT } from "~/i18n/use-t";
import { formatDate, formatNumber } from "~/utils/format";
import { todayInVietnam } from "~/utils/dates";
import type { FieldErrors } from "~/utils/forms";
import { AppForm, CheckboxField, Field, fieldValue, FormError, SelectField, SubmitButton } from "./form";

/** A certificate as the loaders send it (JSON: its dates are strings already). */
export type CertRow = ListedCertification;
export type { CertActionData };

const STATE_BADGE: Record<CertState, string> = {
  upcoming: "badge badge-warn",
  valid: "badge",
  expiring: "badge badge-warn",
  expired: "badge badge-off",
  withdrawn: "badge badge-off",
};

export function CertStateBadge({ state }: { state: CertState }) {
  const t = useT();
  return <span className={STATE_BADGE[state]}>{t(`cert.state.${state}`)}</span>;
}

const fileSize = (bytes: number, locale: "vi" | "en") =>
  bytes >= 1024 * 1024 ? `${formatNumber(bytes / 1024 / 1024, 1, locale)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0, locale)} KB`;

function CertDetails({ c }: { c: CertRow }) {
  const t = useT();
  const standard = SCHEME_STANDARD[c.scheme as CertScheme] ?? null;
  const scope = c.products.length ? c.products.map((p) => productName(p, t.locale)).join(", ") : t("cert.allProducts");
  return (
    <>
      <p className="cert-head">
        <strong>{schemeLabel(t, c.scheme, c.schemeName)}</strong> {standard ? <span className="muted">{t("cert.standard", { standard })}</span> : null}{" "}
        <CertStateBadge state={c.state} />
      </p>
      <p className="cert-facts">
        <span>{t("cert.numberShort", { number: c.number })}</span> · <span>{t("cert.issuedBy", { body: c.body })}</span> ·{" "}
        <span>{t("cert.validity", { from: formatDate(c.validFrom), to: formatDate(c.validTo) })}</span>
      </p>
      <p className="cert-facts">
        {t("cert.covers", { products: scope })}
        {c.areaHa !== null ? ` · ${t("cert.areaShort", { ha: formatNumber(c.areaHa, 2, t.locale) })}` : ""}
        {c.membersCovered !== null ? ` · ${t("cert.membersShort", { n: c.membersCovered })}` : ""}
      </p>
      {c.withdrawnAt ? (
        <p className="cert-withdrawn-note">
          {t("cert.withdrawnNote", { date: formatDate(todayInVietnam(new Date(c.withdrawnAt))), reason: c.withdrawnReason ?? "" })}
        </p>
      ) : null}
      <p>
        {c.file ? (
          <a href={`/certifications/${c.id}/file`} download={c.file.name} className="cert-file">
            {t("cert.download", { size: fileSize(c.file.size, t.locale) })}
          </a>
        ) : (
          <span className="muted">{t("cert.noFile")}</span>
        )}
      </p>
    </>
  );
}

/** Every certificate of the holder; withdrawn and expired ones stay, struck. */
export function CertificationList({ certs, canManage, actionData }: { certs: CertRow[]; canManage: boolean; actionData?: CertActionData }) {
  const t = useT();
  if (!certs.length) return <p className="muted">{t("cert.none")}</p>;
  return (
    <ul className="cert-list" id="certifications">
      {certs.map((c) => {
        const mine = actionData?.intent === "withdraw" && actionData.certificationId === c.id ? actionData : undefined;
        return (
          <li key={c.id} className={`cert cert-${c.state}`} data-state={c.state}>
            <CertDetails c={c} />
            {canManage && !c.withdrawnAt ? (
              <details className="subform confirm-step" open={!!mine && !mine.withdrawn && Object.keys(mine.errors).length > 0}>
                <summary className="btn btn-small btn-danger">{t("cert.withdraw")}…</summary>
                <AppForm noValidate>
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="certificationId" value={c.id} />
                  <FormError errors={mine?.errors} />
                  <Field label={t("cert.withdrawReason")} name="reason" defaultValue={fieldValue(mine?.values, "reason", "")} errors={mine?.errors} />
                  <CheckboxField label={t("cert.withdrawConfirm")} name="confirm" errors={mine?.errors} />
                  <SubmitButton className="btn btn-danger">{t("cert.withdraw")}</SubmitButton>
                </AppForm>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The form that records a certificate, with its file. */
export function CertificationForm({ products, actionData }: { products: { id: string; name: string; nameEn: string | null }[]; actionData?: CertActionData }) {
  const t = useT();
  const [tooBig, setTooBig] = useState(false);
  const add = actionData?.intent === "add" ? actionData : undefined;
  const values = add?.savedId ? undefined : add?.values;
  const errors: FieldErrors = { ...(add?.errors ?? {}), ...(tooBig ? { file: ["error.cert.fileTooBig"] } : {}) };
  const ticked = new Set(values ? [values.products ?? []].flat().map(String) : []);
  // Said before a large file is sent at all, on a slow connection; the server checks anyway.
  const checkSize = (e: FormEvent<HTMLFormElement>) => {
    const input = e.currentTarget.elements.namedItem("file");
    const big = input instanceof HTMLInputElement && Array.from(input.files ?? []).some((f) => f.size > MAX_CERT_FILE_BYTES);
    setTooBig(big);
    if (big) e.preventDefault();
  };
  return (
    // A new key after each save empties the form for the next certificate.
    <AppForm noValidate encType="multipart/form-data" onSubmit={checkSize} key={add?.savedId ?? "new"} id="cert-form">
      <input type="hidden" name="intent" value="add" />
      {add?.savedId ? (
        <p className="alert alert-ok" role="status">
          {t("cert.saved")}
        </p>
      ) : null}
      <FormError errors={errors} />
      <div className="row">
        <SelectField
          label={t("cert.scheme")}
          name="scheme"
          defaultValue={fieldValue(values, "scheme", "vietgap")}
          options={CERT_SCHEMES.map((s) => ({
            value: s,
            label: schemeLabel(t, s, null, { standard: true }),
          }))}
          errors={errors}
        />
        <Field label={t("cert.schemeName")} name="schemeName" defaultValue={fieldValue(values, "schemeName", "")} errors={errors} />
      </div>
      <div className="row">
        <Field label={t("cert.number")} name="number" defaultValue={fieldValue(values, "number", "")} errors={errors} />
        <Field label={t("cert.body")} name="body" defaultValue={fieldValue(values, "body", "")} errors={errors} />
      </div>
      <div className="row">
        <Field label={t("cert.validFrom")} name="validFrom" type="date" defaultValue={fieldValue(values, "validFrom", "")} errors={errors} />
        <Field label={t("cert.validTo")} name="validTo" type="date" defaultValue={fieldValue(values, "validTo", "")} errors={errors} />
      </div>
      {products.length ? (
        <fieldset className="cert-products" aria-describedby={errors.products ? "cert-products-err" : "cert-products-hint"}>
          <legend>{t("cert.products")}</legend>
          <small className="hint" id="cert-products-hint">
            {t("cert.productsHint")}
          </small>
          {products.map((p) => (
            <div key={p.id} className="field field-check">
              <input id={`cert-product-${p.id}`} type="checkbox" name="products" value={p.id} defaultChecked={ticked.has(p.id)} />
              <label htmlFor={`cert-product-${p.id}`}>{productName(p, t.locale)}</label>
            </div>
          ))}
          {errors.products ? (
            <p id="cert-products-err" className="field-error" role="alert">
              {errors.products.map((k) => t.dynamic(k)).join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="row">
        <Field label={t("cert.areaHa")} name="areaHa" inputMode="decimal" defaultValue={fieldValue(values, "areaHa", "")} errors={errors} />
        <Field
          label={t("cert.membersCovered")}
          name="membersCovered"
          inputMode="numeric"
          defaultValue={fieldValue(values, "membersCovered", "")}
          errors={errors}
        />
      </div>
      <Field
        label={t("cert.file")}
        name="file"
        type="file"
        accept={CERT_FILE_ACCEPT}
        hint={t("cert.fileHint")}
        errors={errors}
        onChange={() => setTooBig(false)}
      />
      <SubmitButton>{t("cert.save")}</SubmitButton>
    </AppForm>
  );
}

/** The certificates in force, in a line each, with a link to all of them. */
export function CertificationSummary({
  certs,
  to,
}: {
  certs: Pick<CertRow, "id" | "scheme" | "schemeName" | "number" | "validFrom" | "validTo" | "state">[];
  to: string;
}) {
  const t = useT();
  return (
    <section className="card" id="cert-summary">
      <h2>{t("cert.inForce")}</h2>
      {certs.length ? (
        <ul className="list">
          {certs.map((c) => (
            <li key={c.id}>
              <strong>{schemeLabel(t, c.scheme, c.schemeName)}</strong> · {t("cert.numberShort", { number: c.number })} ·{" "}
              {t("cert.validity", { from: formatDate(c.validFrom), to: formatDate(c.validTo) })} <CertStateBadge state={c.state} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("cert.noneInForce")}</p>
      )}
      <p>
        <Link to={to}>{t("cert.seeAll")}</Link>
      </p>
    </section>
  );
}

/** The whole certificates page, a group's or a buyer's (the two routes differ only in who may act). */
export function CertificationsPage({
  name,
  canManage,
  certs,
  products,
  actionData,
}: {
  name: string;
  canManage: boolean;
  certs: CertRow[];
  products: Parameters<typeof CertificationForm>[0]["products"];
  actionData?: CertActionData;
}) {
  const t = useT();
  return (
    <>
      <h1>{t("cert.title", { name })}</h1>
      <p className="hint">{t("cert.intro")}</p>
      {actionData?.withdrawn ? (
        <p className="alert alert-ok" role="status">
          {t("cert.withdrawnSaved")}
        </p>
      ) : null}
      <section className="card">
        <CertificationList certs={certs} canManage={canManage} actionData={actionData} />
      </section>
      {canManage ? (
        <section className="card">
          <h2>{t("cert.add")}</h2>
          <CertificationForm products={products} actionData={actionData} />
        </section>
      ) : (
        <p className="hint">{t("cert.viewOnly")}</p>
      )}
    </>
  );
}
