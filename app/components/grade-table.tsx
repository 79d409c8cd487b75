import { useT } from "~/i18n/use-t";
import { formatVnd } from "~/utils/format";

/** Grades in plain words: what each grade means and what it pays. */
export function GradeTable({ grades }: { grades: { code: string; label: string; criteria: string | null; priceVndPerKg: number }[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table grade-table">
        <thead>
          <tr>
            <th>{t("grade.code")}</th>
            <th>{t("grade.label")}</th>
            <th className="num">{t("grade.price")}</th>
          </tr>
        </thead>
        <tbody>
          {grades.map((g) => (
            <tr key={g.code}>
              <td>
                <strong>{g.code}</strong>
              </td>
              <td>
                {g.label}
                {g.criteria ? <small className="hint">{g.criteria}</small> : null}
              </td>
              <td className="num">
                <strong>{formatVnd(g.priceVndPerKg)}</strong>
                <small className="hint">{t("grade.perKg")}</small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
