// A household's month in large type, printable, for the group to read aloud at its meeting:
// costs by item, labour days, harvest, sales inside and outside the linkage, and the margin.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { isMonth, monthRange, weekStart } from "~/domain/diary/diary.schema";
import { diaryMonth, requireDiary } from "~/domain/diary/diary.server";
import { useT } from "~/i18n/use-t";
import diaryCss from "~/styles/diary.css";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { productName } from "~/domain/product-name";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: diaryCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const view = await requireDiary(access, params.groupId!, params.householdId!);
  const picked = new URL(request.url).searchParams.get("month") ?? "";
  const month = isMonth(picked) ? picked : todayInVietnam().slice(0, 7);
  const { from, to } = monthRange(month);
  return { ...view, month, summary: await diaryMonth(view.household.id, from, to) };
}

export default function DiaryMonth() {
  const { group, household, month, summary: s } = useLoaderData<typeof loader>();
  const t = useT();
  const label = `${month.slice(5, 7)}/${month.slice(0, 4)}`;
  const base = `/groups/${group.id}/households/${household.id}/diary`;
  const none = <p className="muted">{t("diary.month.none")}</p>;
  const nameOf = (r: { product: string; productEn: string | null }) => productName({ name: r.product, nameEn: r.productEn }, t.locale);
  return (
    <article className="diary-month card">
      <h1>{t("diary.monthTitle", { month: label })}</h1>
      <p>
        <strong>{household.headName}</strong> · {group.name} · {formatDate(s.from)} – {formatDate(s.to)}
      </p>
      <div className="no-print diary-nav">
        <Link to={`${base}?week=${weekStart(s.from)}`} className="btn btn-small">
          {t("diary.backToWeek")}
        </Link>
        <button type="button" className="btn btn-small" onClick={() => window.print()}>
          {t("diary.print")}
        </button>
        <Form method="get" className="diary-pick">
          <Field label={t("diary.pickMonth")} name="month" type="month" defaultValue={month} />
          <button type="submit" className="btn btn-small">
            {t("diary.show")}
          </button>
        </Form>
      </div>

      <h2>{t("diary.month.costs")}</h2>
      {s.costs.length ? (
        <table className="table" id="month-costs">
          <tbody>
            {s.costs.map((c) => (
              <tr key={c.category}>
                <td>{t.dynamic(`diary.cost.${c.category}`)}</td>
                <td className="num">{formatVnd(c.amountVnd)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t("diary.month.costsTotal")}</th>
              <td className="num" id="month-costs-total">
                {formatVnd(s.costsVnd)}
              </td>
            </tr>
          </tfoot>
        </table>
      ) : (
        none
      )}

      <h2>{t("diary.month.labour")}</h2>
      {s.labour.length ? (
        <table className="table" id="month-labour">
          <tbody>
            {s.labour.map((l) => (
              <tr key={l.category}>
                <td>{t.dynamic(`diary.labour.${l.category}`)}</td>
                <td className="num">{t("diary.daysUnit", { n: formatNumber(l.days) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}

      <h2>{t("diary.month.harvest")}</h2>
      {s.harvest.length ? (
        <table className="table" id="month-harvest">
          <tbody>
            {s.harvest.map((h) => (
              <tr key={h.productId}>
                <td>{nameOf(h)}</td>
                <td className="num">{formatNumber(h.kg)} kg</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}

      {(
        [
          ["inside", t("diary.month.salesInside"), s.salesInside, s.salesInsideVnd],
          ["outside", t("diary.month.salesOutside"), s.salesOutside, s.salesOutsideVnd],
        ] as const
      ).map(([key, title, rows, total]) => (
        <section key={key}>
          <h2>{title}</h2>
          {rows.length ? (
            <table className="table" id={`month-sales-${key}`}>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.productId}>
                    <td>{nameOf(r)}</td>
                    <td className="num">{formatNumber(r.kg, 1)} kg</td>
                    <td className="num">{formatVnd(r.amountVnd)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={2}>{t("diary.total")}</th>
                  <td className="num">{formatVnd(total)}</td>
                </tr>
              </tfoot>
            </table>
          ) : (
            none
          )}
        </section>
      ))}

      <h2>{t("diary.month.salesTotal")}</h2>
      <p id="month-sales-total">{formatVnd(s.salesInsideVnd + s.salesOutsideVnd)}</p>
      <h2>{t("diary.month.margin")}</h2>
      <p className={`margin${s.marginVnd < 0 ? " neg" : ""}`} id="month-margin">
        {formatVnd(s.marginVnd)}
      </p>
      <p className="hint">{t("diary.month.marginHint")}</p>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
