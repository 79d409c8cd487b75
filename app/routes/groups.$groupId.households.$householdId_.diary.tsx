// A household's diary, a week at a time, on a phone: the week's lines, a quick form per kind of
// line, and beside them the week's sales to the contract buyer read from the ledger.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { COST_CATEGORIES, DIARY_KINDS, LABOUR_CATEGORIES, diaryEntrySchema, plusDays, weekStart, type DiaryKind } from "~/domain/diary/diary.schema";
import { addDiaryEntry, deleteDiaryEntry, diaryEntries, diaryProducts, ledgerSales, requireDiary } from "~/domain/diary/diary.server";
import { useT } from "~/i18n/use-t";
import diaryCss from "~/styles/diary.css";
import { readForm } from "~/utils/csrf.server";
import { isCalendarDate, todayInVietnam } from "~/utils/dates";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { productName } from "~/domain/product-name";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: diaryCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const view = await requireDiary(access, params.groupId!, params.householdId!);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const picked = url.searchParams.get("week") ?? "";
  const from = weekStart(isCalendarDate(picked) ? picked : today);
  const to = plusDays(from, 6);
  const [entries, sales, products] = await Promise.all([diaryEntries(view.household.id, from, to), ledgerSales(view.household.id, from, to), diaryProducts()]);
  return {
    ...view,
    from,
    to,
    today,
    // A new line is dated today in this week, else the week's last day (never a day to come).
    defaultOn: today >= from && today <= to ? today : to < today ? to : from,
    entries,
    sales,
    products,
    saved: url.searchParams.get("saved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { household, group } = await requireDiary(access, params.groupId!, params.householdId!, { write: true });
  const form = await readForm(request);
  const back = (week: string, saved: string) => `/groups/${group.id}/households/${household.id}/diary?week=${week}&saved=${saved}`;
  if (form.get("intent") === "delete") {
    await deleteDiaryEntry(household.id, String(form.get("entryId") ?? ""));
    const week = String(form.get("week") ?? "");
    throw redirect(back(isCalendarDate(week) ? week : weekStart(todayInVietnam()), "deleted"));
  }
  const parsed = parseForm(diaryEntrySchema, form);
  const kind = String(form.get("kind") ?? "");
  if (!parsed.ok) return data({ kind, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await addDiaryEntry(household.id, access.user.id, parsed.data);
  if (!r.ok) return data({ kind, errors: r.errors as FieldErrors, values: Object.fromEntries(form) as Record<string, unknown> }, { status: 400 });
  throw redirect(back(weekStart(parsed.data.on), "1"));
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

export default function DiaryWeek() {
  const { group, household, canWrite, from, to, today, defaultOn, entries, sales, products, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const productNames = new Map(products.map((p) => [p.id, productName(p, t.locale)]));
  const base = `/groups/${group.id}/households/${household.id}/diary`;
  const costs = entries.filter((e) => e.kind === "cost").reduce((s, e) => s + (e.amountVnd ?? 0), 0);
  const salesOut = entries.filter((e) => e.kind === "sale").reduce((s, e) => s + (e.amountVnd ?? 0), 0);
  const salesIn = sales.reduce((s, l) => s + l.amountVnd, 0);
  const open: DiaryKind = (actionData?.kind as DiaryKind) ?? "cost";
  const describe = (e: Entry) => {
    if (e.kind === "cost") return `${t.dynamic(`diary.cost.${e.category}`)} · ${formatVnd(e.amountVnd ?? 0)}`;
    if (e.kind === "labour") return `${t.dynamic(`diary.labour.${e.category}`)} · ${t("diary.daysUnit", { n: formatNumber(e.days ?? 0) })}`;
    if (e.kind === "harvest") return `${productNames.get(e.productId ?? "") ?? ""} · ${formatNumber(e.quantityKg ?? 0)} kg`;
    return `${productNames.get(e.productId ?? "") ?? ""} · ${t("diary.kgAt", { kg: formatNumber(e.quantityKg ?? 0), price: formatVnd(e.priceVnd ?? 0) })} = ${formatVnd(e.amountVnd ?? 0)}${e.buyer ? ` · ${e.buyer}` : ""}`;
  };
  return (
    <div className="diary">
      <h1>{t("diary.title", { household: household.headName })}</h1>
      <p className="muted">{group.name}</p>
      <section className="card">
        <h2 id="diary-week">{t("diary.week", { from: formatDate(from), to: formatDate(to) })}</h2>
        <p className="diary-nav">
          <Link to={`${base}?week=${plusDays(from, -7)}`} className="btn btn-small">
            {t("diary.prevWeek")}
          </Link>
          {from !== weekStart(today) ? (
            <Link to={base} className="btn btn-small">
              {t("diary.thisWeek")}
            </Link>
          ) : null}
          {to < today ? (
            <Link to={`${base}?week=${plusDays(from, 7)}`} className="btn btn-small">
              {t("diary.nextWeek")}
            </Link>
          ) : null}
        </p>
        <Form method="get" className="diary-pick">
          <Field label={t("diary.pickWeek")} name="week" type="date" defaultValue={from} max={today} />
          <button type="submit" className="btn">
            {t("diary.show")}
          </button>
        </Form>
        <p>
          {/* The month of the day a new line gets: a week across two months links to the one being written. */}
          <Link to={`${base}/month?month=${defaultOn.slice(0, 7)}`} id="diary-month-link">
            {t("diary.monthLink", { month: `${defaultOn.slice(5, 7)}/${defaultOn.slice(0, 4)}` })}
          </Link>
        </p>
      </section>

      {saved ? (
        <p className="alert alert-ok" role="status">
          {saved === "deleted" ? t("diary.deleted") : t("diary.saved")}
        </p>
      ) : null}

      {canWrite ? (
        <section className="card">
          <h2>{t("diary.add")}</h2>
          <p className="hint">{t("diary.addHint")}</p>
          {actionData && !(DIARY_KINDS as readonly string[]).includes(actionData.kind) ? <ErrorSummary errors={actionData.errors} /> : null}
          {DIARY_KINDS.map((kind) => {
            const e = actionData?.kind === kind ? actionData.errors : undefined;
            const v = actionData?.kind === kind ? actionData.values : undefined;
            const val = (name: string, fallback = "") => String(v?.[name] ?? fallback);
            return (
              <details key={kind} className="diary-kind" open={kind === open} id={`diary-add-${kind}`}>
                <summary>{t(`diary.kind.${kind}`)}</summary>
                <AppForm noValidate>
                  <FormError errors={e} />
                  <input type="hidden" name="kind" value={kind} />
                  <Field label={t("diary.on")} name="on" type="date" defaultValue={val("on", defaultOn)} max={today} errors={e} />
                  {kind === "cost" ? (
                    <>
                      <SelectField
                        label={t("diary.costCategory")}
                        name="category"
                        defaultValue={val("category")}
                        options={COST_CATEGORIES.map((c) => ({ value: c, label: t(`diary.cost.${c}`) }))}
                        errors={e}
                      />
                      <Field label={t("diary.amount")} name="amountVnd" inputMode="numeric" defaultValue={val("amountVnd")} errors={e} />
                    </>
                  ) : null}
                  {kind === "labour" ? (
                    <>
                      <SelectField
                        label={t("diary.labourCategory")}
                        name="category"
                        defaultValue={val("category")}
                        options={LABOUR_CATEGORIES.map((c) => ({ value: c, label: t(`diary.labour.${c}`) }))}
                        errors={e}
                      />
                      <Field label={t("diary.days")} name="days" inputMode="decimal" defaultValue={val("days")} errors={e} />
                    </>
                  ) : null}
                  {kind === "harvest" || kind === "sale" ? (
                    <>
                      <SelectField
                        label={t("diary.product")}
                        name="productId"
                        defaultValue={val("productId")}
                        options={products.map((p) => ({ value: p.id, label: productNames.get(p.id) ?? p.name }))}
                        errors={e}
                      />
                      <Field label={t("diary.kg")} name="quantityKg" inputMode="decimal" defaultValue={val("quantityKg")} errors={e} />
                    </>
                  ) : null}
                  {kind === "sale" ? (
                    <>
                      <Field label={t("diary.price")} name="priceVnd" inputMode="numeric" defaultValue={val("priceVnd")} errors={e} />
                      <Field label={t("diary.buyer")} name="buyer" defaultValue={val("buyer")} errors={e} />
                    </>
                  ) : null}
                  <Field label={t("diary.note")} name="note" defaultValue={val("note")} errors={e} />
                  <SubmitButton className="btn btn-primary btn-block">{t("diary.save")}</SubmitButton>
                  {kind === "sale" ? <p className="hint">{t("diary.rule")}</p> : null}
                </AppForm>
              </details>
            );
          })}
        </section>
      ) : (
        <p className="hint">{t("diary.readOnly")}</p>
      )}

      <section className="card">
        <h2>{t("diary.lines")}</h2>
        {entries.length === 0 ? <p className="muted">{t("diary.noLines")}</p> : null}
        <ul className="list diary-lines" id="diary-lines">
          {entries.map((e) => (
            <li key={e.id}>
              <span>
                {formatDate(e.on)} · <strong>{t.dynamic(`diary.kind.${e.kind}`)}</strong> · {describe(e)}
                {e.note ? <small className="hint">{e.note}</small> : null}
              </span>
              {canWrite ? (
                <AppForm>
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <input type="hidden" name="week" value={from} />
                  <button type="submit" className="btn btn-small">
                    {t("diary.delete")}
                  </button>
                </AppForm>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="diary-totals">
          {t("diary.weekCosts")}: <strong id="week-costs">{formatVnd(costs)}</strong> · {t("diary.weekSales")}:{" "}
          <strong id="week-sales">{formatVnd(salesIn + salesOut)}</strong>
        </p>
      </section>

      <section className="card">
        <h2>{t("diary.ledgerTitle")}</h2>
        {sales.length === 0 ? (
          <p className="muted">{t("diary.ledgerNone")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" id="diary-ledger">
              <thead>
                <tr>
                  <th>{t("diary.on")}</th>
                  <th className="hide-sm">{t("diary.product")}</th>
                  <th className="hide-sm">{t("diary.buyerCol")}</th>
                  <th className="num">{t("diary.kg")}</th>
                  <th className="num hide-sm">{t("diary.price")}</th>
                  <th className="num">{t("diary.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {sales.map((l) => (
                  <tr key={l.lotId}>
                    <td>{formatDate(l.on)}</td>
                    <td className="hide-sm">{productNames.get(l.productId) ?? l.product}</td>
                    <td className="hide-sm">{l.buyer}</td>
                    <td className="num">{formatNumber(l.kg, 1)}</td>
                    <td className="num hide-sm">{formatVnd(l.priceVnd)}</td>
                    <td className="num">{formatVnd(l.amountVnd)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t("diary.total")}</th>
                  <td className="hide-sm" />
                  <td className="hide-sm" />
                  <td className="num">
                    {formatNumber(
                      sales.reduce((s, l) => s + l.kg, 0),
                      1,
                    )}
                  </td>
                  <td className="hide-sm" />
                  <td className="num">{formatVnd(salesIn)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
