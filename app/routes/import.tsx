import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { RouteErrorBoundary } from "~/components/route-error";
import { importerFor } from "~/domain/import-access.server";
import { problemText } from "~/domain/bundle/problems";
import { useT } from "~/i18n/use-t";
import type { loader as rootLoader } from "~/root";

export async function loader({ request }: LoaderFunctionArgs) {
  const { choices } = await importerFor(request, null);
  // The site administrator's page links here to import with full rights.
  const wanted = new URL(request.url).searchParams.get("as");
  return { orgs: choices, initial: choices.find((c) => c.id === wanted)?.id ?? choices[0]?.id ?? "" };
}

type Result = {
  ok: boolean;
  problems?: { path: string; reason: string; code?: string; params?: Record<string, string | number> }[];
  counts?: Record<string, { created: number; updated: number; unchanged: number }>;
  error?: { message: string };
};

export default function ImportPage() {
  const { orgs, initial } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const t = useT();
  const [org, setOrg] = useState(initial);
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "checking" | "done">("idle");
  const [result, setResult] = useState<Result | null>(null);

  function send(file: File) {
    setResult(null);
    setPhase("uploading");
    setProgress(0);
    // XMLHttpRequest (not fetch) because it reports upload progress for large files.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/import/upload?org=${encodeURIComponent(org)}`);
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.setRequestHeader("X-CSRF-Token", root?.csrf ?? "");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.upload.onload = () => setPhase("checking");
    xhr.onload = () => {
      setPhase("done");
      try {
        setResult(JSON.parse(xhr.responseText) as Result);
      } catch {
        setResult({ ok: false, error: { message: "error.page.500" } });
      }
    };
    xhr.onerror = () => {
      setPhase("done");
      setResult({ ok: false, error: { message: "error.offline" } });
    };
    xhr.send(file);
  }

  return (
    <section className="card">
      <h1>{t("import.title")}</h1>
      <p className="hint">{t("import.intro")}</p>
      <p className="hint">{t("import.rights")}</p>
      {orgs.length > 1 ? (
        <div className="field">
          <label htmlFor="import-org">{t("import.project")}</label>
          <select id="import-org" value={org} onChange={(e) => setOrg(e.target.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name ?? t("import.asSiteAdmin")}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="import-file">{t("import.file")}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          disabled={phase === "uploading" || phase === "checking"}
          onChange={(e) => e.target.files?.[0] && send(e.target.files[0])}
        />
      </div>
      {phase === "uploading" || phase === "checking" ? (
        <div role="status" aria-live="polite">
          <progress max={100} value={progress ?? undefined} style={{ width: "100%" }} />
          <p>{phase === "uploading" ? t("import.uploading", { pct: progress ?? 0 }) : t("import.checking")}</p>
        </div>
      ) : null}
      {result?.ok ? (
        <div className="alert alert-ok" role="status" id="import-result">
          <p>{t("import.done")}</p>
          <ul className="list">
            {Object.entries(result.counts ?? {})
              .filter(([, c]) => c.created || c.updated || c.unchanged)
              .map(([k, c]) => (
                <li key={k}>{t("import.count", { what: k, created: c.created, updated: c.updated, unchanged: c.unchanged })}</li>
              ))}
          </ul>
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert" id="import-result">
          {result.problems ? (
            <>
              <p>{t("import.rejected", { n: result.problems.length })}</p>
              <ol className="problems">
                {result.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.path}</code> — {problemText(t.locale, p)}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p>{t.dynamic(result.error?.message ?? "error.page.500")}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
