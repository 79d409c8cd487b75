import { useT } from "~/i18n/use-t";

/** One member in a member list; a pending invitation shows only the login the inviter typed. */
export function MemberCell({ m }: { m: { pending: boolean; user: { name: string | null; contact: string | null } } }) {
  const t = useT();
  if (m.pending) {
    return (
      <>
        {m.user.contact} <span className="badge">{t("member.pending")}</span>
      </>
    );
  }
  return (
    <>
      {m.user.name}
      <br />
      <small className="muted">{m.user.contact}</small>
    </>
  );
}
