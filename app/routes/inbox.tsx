import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { schemeLabel } from "~/domain/certifications/schemes";
import { Link, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { answerInvitation, myInvitations } from "~/domain/invitations.server";
import { inbox, markRead } from "~/domain/notifications.server";
import type { Params, Translator } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { write } from "~/utils/db.server";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";
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

/**
 * A notice in its reader's words: codes as words, days as dd/mm/yyyy, weights with the reader's
 * decimal mark (408,4 kg in Vietnamese), and a dispute's answer by what the buyer did.
 */
function noticeText(t: Translator, n: { kind: string; params: Params }): string {
  const p: Params = { ...n.params };
  if (p.status) p.status = t.dynamic(`contractStatus.${p.status}`);
  if (n.kind === "membership_invitation") p.role = t.dynamic(`role.${p.role}`);
  if (n.kind === "certificate_expiring") p.scheme = schemeLabel(t, String(p.scheme), p.schemeName ? String(p.schemeName) : null);
  for (const k of ["date", "pickupDate"]) if (typeof p[k] === "string") p[k] = formatDate(String(p[k]));
  if (typeof p.kg === "number") p.kg = formatNumber(p.kg, 1, t.locale);
  if (typeof p.tonnes === "number") p.tonnes = formatNumber(p.tonnes, 3, t.locale);
  const key = n.kind === "dispute_resolved" && (p.outcome === "corrected" || p.outcome === "upheld") ? `notify.dispute_${p.outcome}` : `notify.${n.kind}`;
  return t.dynamic(key, p);
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
      <p>
        <Link to="/settings/notifications" id="notification-settings-link">
          {t("nav.notificationSettings")}
        </Link>
      </p>
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
          const text = noticeText(t, n);
          return (
            <li key={n.id} className={`card notice${n.readAt ? "" : " unread"}`}>
              <p>{n.link ? <Link to={n.link}>{text}</Link> : text}</p>
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
