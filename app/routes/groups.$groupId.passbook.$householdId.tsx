import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { memberHousehold, requireAccess, requireGroup } from "~/domain/access.server";
import { productName } from "~/domain/product-name";
import { passbookStatements } from "~/domain/passbook-money.server";
import { passbook } from "~/domain/pickups.server";
import { receiptCheckPath, shortHead } from "~/domain/receipts.schema";
import { useT } from "~/i18n/use-t";
import { db } from "~/utils/db.server";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const { group, role } = await requireGroup(access, params.groupId!);
  // A member opens only their own household's passbook; the leader any of the group's. Viewers
  // none: a passbook holds the household's lots and money with every buyer, and a buyer
  // reading the group must not read what it sold to another.
  const own = memberHousehold(access, group.id, role);
  if (role === "viewer" || (own !== null && own !== params.householdId)) notFound();
  const household = await db.household.findFirst({ where: { id: params.householdId!, groupId: group.id }, select: { id: true, headName: true } });
  if (!household) notFound();
  const [lots, statements] = await Promise.all([passbook(access, household.id), passbookStatements(access, household.id)]);
  const effective = lots.filter((l) => l.effective);
  return {
    group: { id: group.id, name: group.name },
    household,
    lots,
    totals: { kg: effective.reduce((s, l) => s + l.netG, 0) / 1000, vnd: effective.reduce((s, l) => s + l.amountVnd, 0) },
    // The figures at the top are the sums of the statements listed below them.
    statement: { owedVnd: statements.reduce((s, x) => s + x.netVnd, 0), receivedVnd: statements.reduce((s, x) => s + x.receivedVnd, 0) },
    statements,
  };
}

export default function PassbookPage() {
  const { group, household, lots, totals, statement, statements } = useLoaderData<typeof loader>();
  const t = useT();
  const vnd = (n: number) => formatVnd(n, t.locale);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("passbook.title", { name: household.headName })}</h1>
          <p className="muted">{group.name}</p>
        </div>
        <button type="button" className="btn" onClick={() => window.print()}>
          {t("passbook.print")}
        </button>
      </div>
      <section className="card">
        <p className="big-number">
          {vnd(totals.vnd)} <span>{t("passbook.totalFor", { kg: formatNumber(totals.kg, 1, t.locale) })}</span>
        </p>
        <p className="hint">{t("passbook.explain")}</p>
        <dl className="facts" id="money">
          <dt>{t("passbook.owed")}</dt>
          <dd>{vnd(statement.owedVnd)}</dd>
          <dt>{t("passbook.received")}</dt>
          <dd>
            <strong>{vnd(statement.receivedVnd)}</strong>
          </dd>
          <dt>{t("passbook.waiting")}</dt>
          <dd>{vnd(statement.owedVnd - statement.receivedVnd)}</dd>
        </dl>
        <p className="hint">{t("passbook.moneyExplain")}</p>
      </section>
      <section className="card" id="statements">
        <h2>{t("passbook.statements")}</h2>
        {statements.length === 0 ? <p className="muted">{t("passbook.noStatements")}</p> : null}
        {statements.map((st) => (
          <article key={st.id} className="passbook-statement" id={`statement-${st.code}`}>
            <h3>{t("passbook.statementHead", { code: st.code, date: formatDate(st.issuedOn), buyer: st.buyer })}</h3>
            {st.notes.length ? <p className="hint">{t("passbook.notesApplied", { codes: st.notes.join(", ") })}</p> : null}
            <div className="table-wrap">
              <table className="table statement-money">
                <tbody>
                  <tr>
                    <th scope="row">{t("passbook.gross")}</th>
                    <td className="num">{vnd(st.grossVnd)}</td>
                  </tr>
                  {st.deductions.map((d, i) => {
                    const label = d.kind === "advance_recovery" && d.item ? t("passbook.deductionAdvance", { item: d.item }) : t.dynamic(`deduction.${d.kind}`);
                    return (
                      <tr key={i} className="deduction">
                        <th scope="row">{d.note ? t("passbook.deductionFromNote", { label, code: d.note }) : label}</th>
                        <td className="num">{vnd(-d.amountVnd)}</td>
                      </tr>
                    );
                  })}
                  <tr>
                    <th scope="row">{t("passbook.net")}</th>
                    <td className="num">
                      <strong>{vnd(st.netVnd)}</strong>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            <h4>{t("passbook.paymentsTitle")}</h4>
            {st.payments.length === 0 ? (
              <p className="muted">{t("passbook.noPayments")}</p>
            ) : (
              // A list, not a table: four columns do not fit a 360 px phone.
              <ul className="list statement-payments">
                {st.payments.map((p) => (
                  <li key={p.id}>
                    <strong>{formatDate(p.paidOn)}</strong> · {t.dynamic(`paymentMethod.${p.method}`)}:{" "}
                    {t("passbook.paymentLine", { paid: vnd(p.amountVnd), share: vnd(p.shareVnd) })}
                  </li>
                ))}
              </ul>
            )}
            <p className="hint">{t("passbook.shareRule", { net: vnd(st.netVnd), due: vnd(st.dueVnd) })}</p>
            <p>{t("passbook.statementReceived", { received: vnd(st.receivedVnd), waiting: vnd(st.netVnd - st.receivedVnd) })}</p>
          </article>
        ))}
      </section>
      {lots.length === 0 ? <p className="muted">{t("passbook.empty")}</p> : null}
      <ul className="cards" id="passbook">
        {lots.map((l) => (
          <li key={l.id} className={`card passbook-line${l.effective ? "" : " superseded"}`}>
            <p>
              <strong>{formatDate(l.pickup.date)}</strong> · {l.contract.buyer.name} · {productName(l.contract.season.product, t.locale)} ·{" "}
              {l.contract.season.name}
              {!l.effective ? <span className="badge status-closed">{t("lot.superseded")}</span> : null}
              {l.supersedes ? <span className="badge status-completed">{t("lot.correction")}</span> : null}
            </p>
            <p>
              {t("passbook.line", { kg: formatNumber(l.netG / 1000, 1, t.locale), grade: l.grade, price: vnd(l.unitPriceVnd) })} ={" "}
              <strong>{vnd(l.amountVnd)}</strong>
            </p>
            <p className="hint">
              {t("grade.code")} {l.grade} — {l.gradeLabel}
              {l.gradeCriteria ? `: ${l.gradeCriteria}` : ""}
            </p>
            {l.correctionReason ? <p className="muted">{t("lot.reason", { reason: l.correctionReason })}</p> : null}
            {l.disputes.map((d, i) => (
              <p key={i} className="muted">
                {t("dispute.raised")}: {d.reason} → {t.dynamic(`disputeStatus.${d.status}`)}
                {d.resolution ? `: ${d.resolution}` : ""}
              </p>
            ))}
            <p className="hint lot-chain">
              {`${t("chain.position")}: ${l.contract.ref} · ${t("chain.at", { seq: l.chainSeq ?? 0, hash: shortHead(l.hash) })} · `}
              <Link to={receiptCheckPath(l.contract.ref, l.chainSeq ?? 0, shortHead(l.hash))}>{t("chain.check")}</Link>
            </p>
            <Link to={`/pickups/${l.pickup.id}#lot-${l.id}`} className="hint">
              {t("passbook.seePickup")}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
