import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { answerInvitation, myInvitations } from "~/domain/invitations.server";
import { inbox, markRead } from "~/domain/notifications.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { write } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [items, invitations] = await Promise.all([inbox(user.id), myInvitations(user.id)]);
  return { items, invitations };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "accept" || intent === "decline") {
    // Only the caller's own pending invitation: another's id is not found.
    if (!(await answerInvitation(user.id, String(form.get("membershipId") ?? ""), intent === "accept"))) notFound();
    return { marked: 0, answered: intent };
  }
  const ids = form.getAll("id").map(String).slice(0, 500);
  // Scoped to the caller: another user's notification id matches nothing.
  const count = await write((tx) => markRead(tx, user.id, ids));
  return { marked: count };
}

export default function InboxPage() {
  const { items, invitations } = useLoaderData<typeof loader>();
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
      {invitations.length ? (
        <section className="card" id="invitations">
          <h2>{t("member.invitations")}</h2>
          <ul className="list">
            {invitations.map((i) => (
              <li key={i.id}>
                {t("member.invitationLine", { place: i.place, role: t.dynamic(`role.${i.role}`) })}{" "}
                <AppForm className="inline">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="membershipId" value={i.id} />
                  <button type="submit" className="btn btn-small">
                    {t("member.accept")}
                  </button>
                </AppForm>{" "}
                <AppForm className="inline">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="membershipId" value={i.id} />
                  <button type="submit" className="btn btn-small btn-danger">
                    {t("member.decline")}
                  </button>
                </AppForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 ? <p className="muted">{t("inbox.empty")}</p> : null}
      <ul className="cards" id="inbox">
        {items.map((n) => {
          // Status codes in a notice read as words in the reader's language.
          let params = n.params.status ? { ...n.params, status: t.dynamic(`contractStatus.${n.params.status}`) } : n.params;
          if (n.kind === "membership_invitation") params = { ...params, role: t.dynamic(`role.${n.params.role}`) };
          return (
            <li key={n.id} className={`card notice${n.readAt ? "" : " unread"}`}>
              <p>{n.link ? <Link to={n.link}>{t.dynamic(`notify.${n.kind}`, params)}</Link> : t.dynamic(`notify.${n.kind}`, params)}</p>
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
