import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { inbox, markRead } from "~/domain/notifications.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { write } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { items: await inbox(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const ids = form.getAll("id").map(String).slice(0, 500);
  // Scoped to the caller: another user's notification id matches nothing.
  const count = await write((tx) => markRead(tx, user.id, ids));
  return { marked: count };
}

export default function InboxPage() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("inbox.title")}</h1>
        {items.some((i) => !i.readAt) ? (
          <AppForm>
            <SubmitButton className="btn">{t("inbox.markAll")}</SubmitButton>
          </AppForm>
        ) : null}
      </div>
      {items.length === 0 ? <p className="muted">{t("inbox.empty")}</p> : null}
      <ul className="cards" id="inbox">
        {items.map((n) => {
          // Status codes in a notice read as words in the reader's language.
          const params = n.params.status ? { ...n.params, status: t.dynamic(`contractStatus.${n.params.status}`) } : n.params;
          return (
          <li key={n.id} className={`card notice${n.readAt ? "" : " unread"}`}>
            <p>
              {n.link ? <Link to={n.link}>{t.dynamic(`notify.${n.kind}`, params)}</Link> : t.dynamic(`notify.${n.kind}`, params)}
            </p>
            <small className="muted">{formatDateTime(n.createdAt)}</small>
            {!n.readAt ? (
              <AppForm className="inline">
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="btn btn-small">
                  {t("inbox.markRead")}
                </button>
              </AppForm>
            ) : null}
          </li>
          );
        })}
      </ul>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
