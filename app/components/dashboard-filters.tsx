// The filters shared by the dashboard and the map: "view as" (when a reader acts for several
// organisations), product and season; plus the drill-down trail. Plain GET forms, so they
// work before the JavaScript arrives; with it, changing a product jumps to its own default season.
import { Form, Link, useNavigate } from "@remix-run/react";
import type { ChangeEvent } from "react";
import type { View } from "~/domain/dashboard.server";
import { useT } from "~/i18n/use-t";
import { SelectField } from "./form";

export type ViewData = Pick<View, "orgs" | "org" | "canAll" | "forced" | "scope" | "level" | "products" | "product" | "seasons" | "season" | "query">;

export function ScopeFilters({ view, action }: { view: ViewData; action: string }) {
  const t = useT();
  const navigate = useNavigate();
  const q = new URLSearchParams(view.query);
  // A new organisation or product starts from its own defaults (drop what no longer applies).
  const jump = (drop: string[]) => (e: ChangeEvent<HTMLSelectElement>) => {
    const data = new FormData(e.currentTarget.form!);
    for (const k of drop) data.delete(k);
    const next = new URLSearchParams([...data.entries()].filter(([, v]) => v !== "").map(([k, v]) => [k, String(v)]));
    navigate(`${action}?${next.toString()}`);
  };
  const productName = (p: ViewData["products"][number]) => (t.locale === "en" && p.nameEn ? p.nameEn : p.name);
  const showOrgs = view.canAll || view.orgs.length > 1;
  return (
    <Form method="get" action={action} className="card filters dash-filters" key={view.query}>
      <div className="row">
        {showOrgs ? (
          <SelectField
            label={t("dash.viewAs")}
            name="org"
            defaultValue={view.org?.id ?? ""}
            onChange={jump(["product", "season", "province", "district"])}
            options={[
              ...(view.canAll ? [{ value: "", label: t("dash.wholeProgramme") }] : []),
              ...view.orgs.map((o) => ({ value: o.id, label: `${o.name} (${t.dynamic(`kind.${o.kind}`)})` })),
            ]}
          />
        ) : null}
        <SelectField
          label={t("dash.product")}
          name="product"
          defaultValue={view.product ?? ""}
          onChange={jump(["season"])}
          options={view.products.map((p) => ({ value: p.ref, label: productName(p) }))}
        />
        <SelectField
          label={t("dash.season")}
          name="season"
          defaultValue={view.season?.ref ?? ""}
          options={view.seasons.map((s) => ({ value: s.ref, label: s.name }))}
        />
      </div>
      {!showOrgs && view.org ? <input type="hidden" name="org" value={view.org.id} /> : null}
      {q.get("province") ? <input type="hidden" name="province" value={q.get("province")!} /> : null}
      {q.get("district") ? <input type="hidden" name="district" value={q.get("district")!} /> : null}
      <button type="submit" className="btn">
        {t("dash.show")}
      </button>
    </Form>
  );
}

/** Whose scope this is, and the drill-down trail back up (only the steps the role leaves open). */
export function ScopeTrail({ view, base }: { view: ViewData; base: string }) {
  const t = useT();
  const q = new URLSearchParams(view.query);
  const up = (drop: string[]) => {
    const next = new URLSearchParams(q);
    for (const k of drop) next.delete(k);
    return `${base}?${next.toString()}`;
  };
  const who = view.org ? `${t.dynamic(`kind.${view.org.kind}`)}: ${view.org.name}` : t("dash.wholeProgramme");
  const steps: { label: string; to?: string }[] = [];
  if (!view.forced.province) steps.push({ label: t("dash.allProvinces"), to: view.scope.province ? up(["province", "district"]) : undefined });
  if (view.scope.province) steps.push({ label: view.scope.province, to: view.scope.district && !view.forced.district ? up(["district"]) : undefined });
  if (view.scope.district) steps.push({ label: view.scope.district });
  return (
    <div className="scope-trail">
      <p className="muted scope-who">
        {t("dash.scope")}: <strong>{who}</strong>
      </p>
      {steps.length > 1 || view.forced.province ? (
        <nav aria-label={t("dash.drillTrail")}>
          <ol className="trail">
            {steps.map((s, i) => (
              <li key={i}>{s.to ? <Link to={s.to}>{s.label}</Link> : <span aria-current={i === steps.length - 1 ? "location" : undefined}>{s.label}</span>}</li>
            ))}
          </ol>
        </nav>
      ) : null}
    </div>
  );
}
