import { useT } from "~/i18n/use-t";

// The buyer's EPCIS download (issue 16): plain GET forms, so the browser saves the file the
// resource route answers with (/orgs/:orgId/epcis, docs/decisions/0029-epcis-export.md).
export function EpcisDownload({ orgId, seasons }: { orgId: string; seasons: { ref: string; name: string }[] }) {
  const t = useT();
  const action = `/orgs/${orgId}/epcis`;
  return (
    <section className="card" id="epcis">
      <h2>{t("epcis.title")}</h2>
      <p className="hint">{t("epcis.intro")}</p>
      {seasons.length ? (
        <>
          <form method="get" action={action} className="subform">
            <div className="field">
              <label htmlFor="epcis-season">{t("epcis.season")}</label>
              <select id="epcis-season" name="season">
                {seasons.map((s) => (
                  <option key={s.ref} value={s.ref}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn">
              {t("epcis.bySeason")}
            </button>
          </form>
          <form method="get" action={action} className="subform">
            <div className="row">
              <div className="field">
                <label htmlFor="epcis-from">{t("epcis.from")}</label>
                <input id="epcis-from" type="date" name="from" required />
              </div>
              <div className="field">
                <label htmlFor="epcis-to">{t("epcis.to")}</label>
                <input id="epcis-to" type="date" name="to" required />
              </div>
            </div>
            <button type="submit" className="btn">
              {t("epcis.byDates")}
            </button>
          </form>
        </>
      ) : (
        <p>{t("epcis.noSeasons")}</p>
      )}
      <p className="hint">{t("epcis.apiHint")}</p>
    </section>
  );
}
