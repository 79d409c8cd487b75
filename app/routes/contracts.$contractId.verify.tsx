import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { verifyChain } from "~/domain/pickups.server";
import { useT } from "~/i18n/use-t";
import { notFound } from "~/utils/http.server";

// Verifying only reads, so it is a GET anyone who may see the contract can run.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const found = await findContractForViewer(access, params.contractId!);
  if (!found) notFound();
  return { contract: { id: found.contract.id, ref: found.contract.ref }, report: await verifyChain(found.contract.id) };
}

export default function VerifyPage() {
  const { contract, report } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="card">
      <p>
        <Link to={`/contracts/${contract.id}`}>← {t("contract.heading", { ref: contract.ref })}</Link>
      </p>
      <h1>{t("verify.title")}</h1>
      {report.intact ? (
        <p className="alert alert-ok" role="status" id="verify-result">
          {t("verify.intact", { n: report.entries })}
          <br />
          <code>{report.head}</code>
        </p>
      ) : (
        <p className="alert alert-error" role="alert" id="verify-result">
          {t("verify.broken", { seq: report.brokenAt.seq, kind: t.dynamic(`verify.kind.${report.brokenAt.kind}`), ref: report.brokenAt.ref, reason: t.dynamic(`verify.reason.${report.brokenAt.reason}`) })}
        </p>
      )}
      <p className="hint">{t("verify.explain")}</p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
