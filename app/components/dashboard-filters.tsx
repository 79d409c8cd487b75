// The filters shared by the dashboard and the map: "view as" (when a reader acts for several
// organisations), product and season, then the place: province (current, or as it was named
// before July 2025), commune, and for a season of before July 2025 the former district; plus
// the drill-down trail. Plain GET forms, so they work before the JavaScript arrives; with it,
// changing a choice jumps at once and drops the choices below it that no longer apply.
import { Form, Link, useNavigate } from "@remix-run/react";
import type { ChangeEvent } from "react";
import type { TrailStep, View } from "~/domain/dashboard/dashboard.server";
import { useT } from "~/i18n/use-t";
import { SelectField } from "./form";
import { productName } from "~/domain/product-name";

export type ViewData = Pick<
  View,
  "orgs" | "org" | "canAll" | "forced" | "scope" | "level" | "trail" | "options" | "problems" | "products" | "product" | "seasons" | "season" | "query"
>;

const PLACES = ["province", "district", "commune"];

/** `keep`: the page's own choices that the filters carry along (the map's outlines). */
export function ScopeFilters({ view, action, keep = {} }: { view: ViewData; action: string; keep?: Record<string, string> }) {
  const t = useT();
  const navigate = useNavigate();
  // A new choice starts from its own defaults (drop what no longer applies).
  const jump = (drop: string[]) => (e: ChangeEvent<HTMLSelectElement>) => {
    const data = new FormData(e.currentTarget.form!);
    for (const k of drop) data.delete(k);
    const next = new URLSearchParams([...data.entries()].filter(([, v]) => v !== "").map(([k, v]) => [k, String(v)]));
    navigate(`${action}?${next.toString()}`);
  };

  const showOrgs = view.canAll || view.orgs.length > 1;
  const { options, scope } = view;
  const all = { value: "", label: t("dash.filter.all") };
  return (
    <Form method="get" action={action} className="card filters dash-filters" key={view.query}>
      {view.problems.length ? (
        <div className="alert alert-error" role="alert">
          <p>{t("dash.filter.problems")}</p>
          <ul>
            {view.problems.map((p, i) => (
              <li key={i}>
                {t.dynamic(p.code, { value: p.value })}
                {p.candidates.length ? ` ${t("place.didYouMean", { candidates: p.candidates.map((c) => `${c.name} (${c.province})`).join("; ") })}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="row">
        {showOrgs ? (
          <SelectField
            label={t("dash.viewAs")}
            name="org"
            defaultValue={view.org?.id ?? ""}
            onChange={jump(["product", "season", ...PLACES])}
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
          options={view.products.map((p) => ({ value: p.ref, label: productName(p, t.locale) }))}
        />
        <SelectField
          label={t("dash.season")}
          name="season"
          defaultValue={view.season?.ref ?? ""}
          options={view.seasons.map((s) => ({ value: s.ref, label: s.name }))}
        />
      </div>
      {options.provinces || options.communes || options.districts ? (
        <div className="row">
          {options.provinces ? (
            <SelectField
              label={t("dash.filter.province")}
              name="province"
              defaultValue={scope.province ?? ""}
              onChange={jump(["district", "commune"])}
              options={[
                all,
                ...options.provinces.map((p) => ({ value: p.name, label: p.former ? t("dash.filter.former", { name: p.name }) : p.name })),
                // A filter from a link that the list does not hold (a province with no group yet) stays chosen.
                ...(scope.province && !options.provinces.some((p) => p.name === scope.province) ? [{ value: scope.province, label: scope.province }] : []),
              ]}
            />
          ) : null}
          {options.districts ? (
            <SelectField
              label={t("dash.filter.district")}
              name="district"
              defaultValue={scope.district ?? ""}
              onChange={jump(["commune"])}
              options={[
                all,
                ...options.districts.map((d) => ({ value: d, label: d })),
                ...(scope.district && !options.districts.includes(scope.district) ? [{ value: scope.district, label: scope.district }] : []),
              ]}
            />
          ) : null}
          {options.communes ? (
            <SelectField
              label={t("dash.filter.commune")}
              name="commune"
              defaultValue={scope.commune ?? ""}
              onChange={jump([])}
              options={[
                all,
                ...options.communes.map((c) => ({ value: c.code, label: c.name })),
                ...(scope.commune && !options.communes.some((c) => c.code === scope.commune)
                  ? [{ value: scope.commune, label: trailName(view.trail, "commune") }]
                  : []),
              ]}
            />
          ) : null}
        </div>
      ) : null}
      {!showOrgs && view.org ? <input type="hidden" name="org" value={view.org.id} /> : null}
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="btn">
        {t("dash.show")}
      </button>
    </Form>
  );
}

const trailName = (trail: TrailStep[], kind: TrailStep["kind"]) => [...trail].reverse().find((s) => s.kind === kind)?.name ?? "";

/** Whose scope this is, and the drill-down trail back up (only the steps the role leaves open). */
export function ScopeTrail({ view, base, keep = {} }: { view: ViewData; base: string; keep?: Record<string, string> }) {
  const t = useT();
  const link = (query: string) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(keep)) q.set(k, v);
    return `${base}?${q.toString()}`;
  };
  const who = view.org ? `${t.dynamic(`kind.${view.org.kind}`)}: ${view.org.name}` : t("dash.wholeProgramme");
  const label = (s: TrailStep) =>
    s.kind === "all"
      ? t("dash.allProvinces")
      : s.kind === "formerProvince"
        ? t("dash.filter.former", { name: s.name })
        : s.kind === "district"
          ? t("dash.filter.formerDistrict", { name: s.name })
          : s.name;
  const steps = view.trail;
  return (
    <div className="scope-trail">
      <p className="muted scope-who">
        {t("dash.scope")}: <strong>{who}</strong>
      </p>
      {steps.length > 1 || view.forced.area ? (
        <nav aria-label={t("dash.drillTrail")}>
          <ol className="trail">
            {steps.map((s, i) => (
              <li key={i}>
                {s.query !== null ? (
                  <Link to={link(s.query)}>{label(s)}</Link>
                ) : (
                  <span aria-current={i === steps.length - 1 ? "location" : undefined}>{label(s)}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
    </div>
  );
}
