import { useT } from "~/i18n/use-t";
import { AppForm } from "./form";
import { placeLine } from "~/domain/places/place";

type Request = { id: string; name: string; commune: string; province: string; _count: { households: number } };

/** Groups asking to join a project, for its administrator to take in or decline. */
export function ProjectRequests({ requests }: { requests: Request[] }) {
  const t = useT();
  return (
    <section className="card" id="project-requests">
      <h2>{t("enrolment.title")}</h2>
      <p className="hint">{t("enrolment.intro")}</p>
      {requests.length === 0 ? <p className="muted">{t("enrolment.none")}</p> : null}
      <ul className="list">
        {requests.map((g) => (
          <li key={g.id}>
            <strong>{g.name}</strong> · {placeLine(g)} · {t("enrolment.households", { n: g._count.households })}
            <AppForm className="inline">
              <input type="hidden" name="intent" value="decideGroup" />
              <input type="hidden" name="groupId" value={g.id} />
              <button type="submit" name="decision" value="accept" className="btn btn-small">
                {t("enrolment.accept")}
              </button>{" "}
              <button type="submit" name="decision" value="decline" className="btn btn-small btn-danger">
                {t("enrolment.decline")}
              </button>
            </AppForm>
          </li>
        ))}
      </ul>
    </section>
  );
}
