// The dashboard's certified area and volume by scheme (issue 16; figures from
// app/domain/dashboard/certified.server.ts, which says how each is counted).
import { schemeLabel } from "~/domain/certifications/schemes";
import type { Certified } from "~/domain/dashboard/certified.server";
import { useT } from "~/i18n/use-t";
import { formatNumber } from "~/utils/format";

export function CertifiedSection({ certified }: { certified: Certified }) {
  const t = useT();
  const rows = [
    ...certified.bySchemes.map((r) => ({ ...r, label: schemeLabel(t, r.scheme) })),
    ...(certified.bySchemes.length > 1 ? [{ ...certified.any, label: t("certuse.dash.anyScheme") }] : []),
  ];
  return (
    <section className="card" aria-labelledby="certified-h" id="certified">
      <h2 id="certified-h">{t("certuse.dash.title")}</h2>
      <p className="muted small">{t("certuse.dash.hint")}</p>
      <div className="table-wrap">
        <table className="table dash-table" id="table-certified">
          <thead>
            <tr>
              <th scope="col">{t("certuse.dash.scheme")}</th>
              <th scope="col" className="num">
                {t("certuse.dash.groups")}
              </th>
              <th scope="col" className="num">
                {t("certuse.dash.area")}
              </th>
              <th scope="col" className="num">
                {t("certuse.dash.volume")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {t("certuse.dash.none")}
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.scheme} data-scheme={r.scheme}>
                <td>{r.label}</td>
                <td className="num">{formatNumber(r.groups, 0, t.locale)}</td>
                <td className="num">{formatNumber(r.areaHa, 2, t.locale)}</td>
                <td className="num">{formatNumber(r.deliveredTonnes, 3, t.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
