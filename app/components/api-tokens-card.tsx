import { AppForm, Field, SubmitButton } from "~/components/form";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { formatDate } from "~/utils/format";

type When = string | Date;
type Token = { id: string; name: string; prefix: string; createdAt: When; lastUsedAt: When | null; revokedAt: When | null };

// An organisation's API tokens (project owners: /api/v1 indicators, export, import; buyers:
// /api/v1/epcis). The new token is shown once, in the answer to the form that made it.
export function ApiTokensCard({ tokens, newToken, errors, intro }: { tokens: Token[]; newToken?: string; errors?: FieldErrors; intro: string }) {
  const t = useT();
  return (
    <section className="card" id="tokens">
      <h2>{t("token.title")}</h2>
      <p className="hint">{intro}</p>
      {newToken ? (
        <div className="alert alert-ok" role="status">
          <p>{t("token.once")}</p>
          <code id="new-token">{newToken}</code>
        </div>
      ) : null}
      <ul className="list">
        {tokens.map((k) => (
          <li key={k.id}>
            <strong>{k.name}</strong> <code>{k.prefix}…</code> · {formatDate(k.createdAt)}
            {k.lastUsedAt ? ` · ${t("token.lastUsed", { date: formatDate(k.lastUsedAt) })}` : ""}
            {k.revokedAt ? (
              <span className="badge status-cancelled">{t("token.revoked")}</span>
            ) : (
              <AppForm className="inline">
                <input type="hidden" name="intent" value="revokeToken" />
                <input type="hidden" name="tokenId" value={k.id} />
                <button type="submit" className="btn btn-small btn-danger">
                  {t("token.revoke")}
                </button>
              </AppForm>
            )}
          </li>
        ))}
      </ul>
      <AppForm noValidate className="subform">
        <input type="hidden" name="intent" value="createToken" />
        <Field label={t("token.name")} name="name" errors={errors} hint={t("token.nameHint")} />
        <SubmitButton>{t("token.create")}</SubmitButton>
      </AppForm>
    </section>
  );
}
