import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReceiptCheckForm } from "~/components/receipt-check";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import type { AnchorProblem } from "~/domain/chain-anchors.server";
import { checkReceiptOf, signingKeyInfo, verifyChain } from "~/domain/chain-verify.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { receiptSchema } from "~/domain/receipts.schema";
import { useT } from "~/i18n/use-t";
import { notFound } from "~/utils/http.server";

// Verifying only reads, so it is a GET anyone who may see the contract can run; so is checking
// a receipt against it (?seq=&hash=, filled in by /verify).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const found = await findContractForViewer(access, params.contractId!);
  if (!found) notFound();
  const contract = { id: found.contract.id, ref: found.contract.ref };
  const q = new URL(request.url).searchParams;
  const query = { seq: q.get("seq") ?? "", hash: q.get("hash") ?? "" };
  let receipt = null;
  if (q.has("seq") || q.has("hash")) {
    const parsed = receiptSchema.safeParse({ contract: contract.ref, ...query });
    receipt = parsed.success ? await checkReceiptOf(contract.id, parsed.data.seq, parsed.data.hash) : ("invalid" as const);
  }
  return { contract, report: await verifyChain(contract.id), key: signingKeyInfo(), receipt, query };
}

export default function VerifyPage() {
  const { contract, report, key, receipt, query } = useLoaderData<typeof loader>();
  const t = useT();
  const { chain, anchors } = report;
  const problem = (p: AnchorProblem) => t.dynamic(`verify.anchor.${p.kind}`, { ...p, source: "source" in p ? t.dynamic(`verify.source.${p.source}`) : "" });
  return (
    <section className="card">
      <p>
        <Link to={`/contracts/${contract.id}`}>← {t("contract.heading", { ref: contract.ref })}</Link>
      </p>
      <h1>{t("verify.title")}</h1>
      {report.intact && chain.intact ? (
        <div className="alert alert-ok" role="status" id="verify-result">
          <p>{t("verify.intact", { n: chain.entries })}</p>
          {anchors.newest ? <p>{t("verify.anchors.ok", { n: anchors.checkpoints, last: anchors.newest.n, seq: anchors.newest.seq })}</p> : null}
          <code>{chain.head}</code>
        </div>
      ) : (
        <div className="alert alert-error" role="alert" id="verify-result">
          <p>{t("verify.notAsRecorded")}</p>
          <ul>
            {!chain.intact ? (
              <li>
                {t("verify.broken", {
                  seq: chain.brokenAt.seq,
                  kind: t.dynamic(`verify.kind.${chain.brokenAt.kind}`),
                  ref: chain.brokenAt.ref,
                  reason: t.dynamic(`verify.reason.${chain.brokenAt.reason}`),
                })}
              </li>
            ) : null}
            {anchors.problems.map((p) => (
              <li key={`${p.kind}-${"source" in p ? p.source : ""}`}>{problem(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {anchors.notInLog.length ? <p className="hint">{t("verify.anchors.notInLog", { n: anchors.notInLog.length })}</p> : null}
      <p className="hint">{t("verify.explain")}</p>

      <h2 id="receipt">{t("verify.receipt.title")}</h2>
      <p className="hint">{t("verify.receipt.explain")}</p>
      {receipt ? (
        <p className={`alert ${receipt !== "invalid" && receipt.result === "found" ? "alert-ok" : "alert-error"}`} role="status" id="receipt-result">
          {receipt === "invalid"
            ? t("verify.receipt.invalid")
            : t.dynamic(`verify.receipt.${receipt.result}`, { seq: receipt.seq, hash: receipt.hash, length: receipt.length })}
        </p>
      ) : null}
      <ReceiptCheckForm contract={contract.ref} seq={query.seq} hash={query.hash} />

      <h2>{t("verify.key", { keyId: key.keyId })}</h2>
      <p>
        <code id="public-key">{key.publicKey}</code>
      </p>
      <p className="hint">{t("verify.keyExplain")}</p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
