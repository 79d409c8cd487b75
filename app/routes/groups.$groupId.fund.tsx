import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess, requireGroupLeader, requireWholeGroup } from "~/domain/access.server";
import { counterpartShare, fundSummary, recordFundEntry } from "~/domain/funds.server";
import { householdsOf } from "~/domain/groups.server";
import { FUND_KINDS, fundEntrySchema } from "~/domain/money.schema";
import { translator } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate, formatPercent, formatVnd } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group, role } = await requireWholeGroup(access, params.groupId!);
  // A member receives the fund's balance and their own household's line, nothing of the other
  // households (and not the fund's ledger); the leader and viewers receive every line.
  const own = memberHousehold(access, group.id, role);
  const canEdit = role === "group_leader" || role === "admin";
  const [summary, households, counterpart] = await Promise.all([
    fundSummary(group.id),
    householdsOf(group.id, own),
    group.projectOwnerId ? counterpartShare(group.projectOwnerId) : Promise.resolve(null),
  ]);
  const names = new Map(households.map((h) => [h.id, h.headName]));
  return {
    group: { id: group.id, name: group.name, project: group.projectOwner?.name ?? null },
    balance: summary.balance,
    members: [...summary.members]
      .filter(([id]) => own === null || id === own)
      .map(([id, m]) => ({ id, name: names.get(id) ?? "?", ...m, owes: m.borrowed - m.repaid })),
    entries:
      own !== null
        ? []
        : summary.entries.map((e) => ({
            id: e.id,
            on: e.on,
            kind: e.kind,
            amountVnd: e.amountVnd,
            inKind: e.inKind,
            note: e.note,
            household: e.household?.headName ?? null,
          })),
    // The names for the form's household list, to whoever may add an entry.
    households: canEdit ? households.map((h) => ({ id: h.id, headName: h.headName })) : [],
    counterpart,
    canEdit,
    today: todayInVietnam(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, params.groupId!, { whole: true });
  const form = await readForm(request);
  const parsed = parseForm(fundEntrySchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, saved: false }, { status: 400 });
  const r = await recordFundEntry(group.id, access.user.id, parsed.data);
  if (!r.ok) {
    // Sums in the message ("the fund holds only 954.339 ₫") are written in the reader's language.
    const t = translator(await getLocale(request, access.user.locale));
    const params = r.params && Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, formatVnd(v, t.locale)]));
    return data({ errors: { [r.field]: [params ? t.dynamic(r.error, params) : r.error] } as FieldErrors, saved: false }, { status: 400 });
  }
  return { errors: {} as FieldErrors, saved: true };
}

export default function FundPage() {
  const { group, balance, members, entries, households, counterpart, canEdit, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const e = actionData?.errors;
  const pct = counterpart?.share ?? null;
  return (
    <>
      <h1>{t("fund.title", { group: group.name })}</h1>
      <div className="grid-3">
        <p className="card stat">
          <span>{t("fund.balance")}</span>
          <strong id="fund-balance">{formatVnd(balance)}</strong>
        </p>
        {counterpart ? (
          <p className="card stat">
            <span>{t("fund.counterpart", { project: group.project ?? "" })}</span>
            <strong className={pct !== null && pct < counterpart.target[0] ? "warn" : ""}>{pct === null ? "—" : formatPercent(pct * 100)}</strong>
            <small>{t("fund.counterpartTarget", { support: formatVnd(counterpart.supportVnd), counterpart: formatVnd(counterpart.counterpartVnd) })}</small>
          </p>
        ) : null}
      </div>
      <section className="card">
        <h2>{t("fund.members")}</h2>
        <div className="table-wrap">
          <table className="table" id="fund-members">
            <thead>
              <tr>
                <th>{t("household.one")}</th>
                <th className="num">{t("fund.paidIn")}</th>
                <th className="num">{t("fund.borrowed")}</th>
                <th className="num">{t("fund.owes")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td className="num">{formatVnd(m.paidIn)}</td>
                  <td className="num">{formatVnd(m.borrowed)}</td>
                  <td className="num">{formatVnd(m.owes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {entries.length ? (
        <section className="card">
          <h2>{t("fund.ledger")}</h2>
          <ul className="list" id="fund-ledger">
            {entries.map((x) => (
              <li key={x.id}>
                {formatDate(x.on)} · {t.dynamic(`fundKind.${x.kind}`)} {x.household ? `· ${x.household}` : ""} · <strong>{formatVnd(x.amountVnd)}</strong>
                {x.inKind ? ` · ${x.inKind}` : ""}
                {x.note ? <small className="hint">{x.note}</small> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canEdit ? (
        <section className="card">
          <h2>{t("fund.add")}</h2>
          <p className="hint">{t("fund.addHint")}</p>
          {actionData?.saved ? <p className="alert alert-ok">{t("common.saved")}</p> : null}
          <AppForm noValidate>
            <FormError errors={e} />
            <div className="row">
              <SelectField label={t("fund.kind")} name="kind" options={FUND_KINDS.map((k) => ({ value: k, label: t(`fundKind.${k}`) }))} errors={e} />
              <SelectField
                label={t("household.one")}
                name="householdId"
                options={[{ value: "", label: t("fund.noHousehold") }, ...households.map((h) => ({ value: h.id, label: h.headName }))]}
                errors={e}
              />
            </div>
            <div className="row">
              <Field label={t("invoice.amount")} name="amountVnd" inputMode="numeric" errors={e} />
              <Field label={t("fund.inKind")} name="inKind" errors={e} hint={t("fund.inKindHint")} />
              <Field label={t("rota.on")} name="on" type="date" defaultValue={today} errors={e} />
            </div>
            <Field label={t("offer.notes")} name="note" errors={e} />
            <SubmitButton>{t("fund.save")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
