// The outbox for site administrators (docs/decisions/0031-outbox.md): counts by channel and
// status, costs for a period, failed messages with every attempt, and "retry now".
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, Field, FormError } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { costPeriod, OUTBOX_STATUSES, outboxOverview, retryFailed } from "~/domain/reach/outbox-admin.server";
import { useT } from "~/i18n/use-t";
import { confirmMissing, isConfirmed } from "~/utils/confirm";
import { readForm } from "~/utils/csrf.server";
import { write } from "~/utils/db.server";
import { formatDateTime, formatVnd } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { requireSiteAdmin } from "~/utils/session.server";

// As on /admin: anyone else is told the page does not exist.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSiteAdmin(request);
  const period = costPeriod(new URL(request.url).searchParams);
  // The statuses travel with the data: a .server module's constants are not in the browser bundle.
  return { period, statuses: OUTBOX_STATUSES, ...(await outboxOverview(period)) };
}

type ActionData = { errors: FieldErrors; retried?: number; messageId?: string };

export async function action({ request }: ActionFunctionArgs) {
  await requireSiteAdmin(request);
  const form = await readForm(request);
  const messageId = typeof form.get("messageId") === "string" ? String(form.get("messageId")) : "";
  const all = form.get("intent") === "retryAll";
  if (!all && !messageId) return data<ActionData>({ errors: { _form: ["error.page.400"] } }, { status: 400 });
  if (!isConfirmed(form)) return data<ActionData>({ errors: confirmMissing, messageId }, { status: 400 });
  const retried = await write((tx) => retryFailed(tx, all ? "all" : [messageId]));
  return data<ActionData>({ errors: {}, retried });
}

export default function OutboxPage() {
  const { period, statuses, counts, costs, failed, failedTotal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (id: string) => (actionData && actionData.messageId === id ? actionData.errors : undefined);
  return (
    <>
      <p>
        <Link to="/admin">← {t("admin.title")}</Link>
      </p>
      <h1>{t("outbox.title")}</h1>
      <p className="hint">{t("outbox.intro")}</p>
      {actionData?.retried !== undefined ? (
        <p className="alert alert-ok" role="status">
          {t("outbox.retried", { n: actionData.retried })}
        </p>
      ) : null}
      {actionData && !actionData.messageId ? <FormError errors={actionData.errors} /> : null}

      <section className="card">
        <h2>{t("outbox.counts")}</h2>
        <div className="table-wrap">
          <table className="table" id="outbox-counts">
            <thead>
              <tr>
                <th>{t("outbox.channel")}</th>
                {statuses.map((s) => (
                  <th key={s} className="num">
                    {t(`outbox.status.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.channel} data-channel={c.channel}>
                  <td>{t(`outbox.channel.${c.channel}`)}</td>
                  {statuses.map((s) => (
                    <td key={s} className="num" data-status={s}>
                      {c.byStatus[s]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>{t("outbox.costs")}</h2>
        <Form method="get" className="filters">
          <div className="row">
            <Field label={t("outbox.from")} name="from" type="date" defaultValue={period.from} />
            <Field label={t("outbox.to")} name="to" type="date" defaultValue={period.to} />
          </div>
          <button type="submit" className="btn">
            {t("outbox.show")}
          </button>
        </Form>
        {period.invalid ? (
          <p className="field-error" role="alert">
            {t("outbox.badPeriod")}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="table" id="outbox-costs">
            <thead>
              <tr>
                <th>{t("outbox.channel")}</th>
                <th className="num">{t("outbox.sentCount")}</th>
                <th className="num">{t("outbox.cost")}</th>
              </tr>
            </thead>
            <tbody>
              {costs.map((c) => (
                <tr key={c.channel} data-channel={c.channel}>
                  <td>{t(`outbox.channel.${c.channel}`)}</td>
                  <td className="num">{c.sent}</td>
                  <td className="num">{formatVnd(c.costVnd, t.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" id="outbox-failed">
        <h2>{t("outbox.failures", { n: failedTotal })}</h2>
        {failed.length === 0 ? <p className="muted">{t("outbox.noFailures")}</p> : null}
        {failed.length ? (
          <AppForm>
            <input type="hidden" name="intent" value="retryAll" />
            <CheckboxField label={t("confirm.outboxRetry")} name="confirm" errors={actionData && !actionData.messageId ? actionData.errors : undefined} />
            <button type="submit" className="btn">
              {t("outbox.retryAll")}
            </button>
          </AppForm>
        ) : null}
        {failed.map((m) => (
          <details key={m.id} className="outbox-failure" data-message={m.id}>
            <summary>
              {t(`outbox.channel.${m.channel as "sms"}`)} · {m.address} · <code>{m.kind}</code> · {t("outbox.attempts")}: {m.attempts}
            </summary>
            <p>
              {t("outbox.lastError")}: <code>{m.lastError}</code>
            </p>
            <h3>{t("outbox.attemptsLog")}</h3>
            <ol>
              {m.attemptsLog.map((a) => (
                <li key={a.id}>
                  {formatDateTime(a.at)} · {a.ok ? t("outbox.attemptOk") : t("outbox.attemptFailed")}
                  {a.httpStatus ? ` · HTTP ${a.httpStatus}` : ""}
                  {a.durationMs !== null ? ` · ${a.durationMs} ms` : ""}
                  {a.answer ? (
                    <>
                      {" "}
                      · <code>{a.answer}</code>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
            <AppForm>
              <input type="hidden" name="messageId" value={m.id} />
              <CheckboxField label={t("confirm.outboxRetry")} name="confirm" errors={errorsFor(m.id)} />
              <button type="submit" className="btn btn-small">
                {t("outbox.retry")}
              </button>
            </AppForm>
          </details>
        ))}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
