import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReceiptCheckForm } from "~/components/receipt-check";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { receiptSchema } from "~/domain/receipts.schema";
import { useT } from "~/i18n/use-t";
import { db } from "~/utils/db.server";

// "Check a receipt": the contract ref, entry number and code printed on a pickup receipt,
// passbook or statement lead to that contract's verify page, which says whether the chain
// still holds that entry. Signed in, and only for contracts the reader may see (else 404).
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  const values = { contract: q.get("contract") ?? "", seq: q.get("seq") ?? "", hash: q.get("hash") ?? "" };
  if (![...q.keys()].length) return { values, error: null };
  const parsed = receiptSchema.safeParse(values);
  if (!parsed.success) return data({ values, error: { key: "verify.receipt.invalid", ref: values.contract } }, { status: 400 });
  const byRef = await db.contract.findUnique({ where: { ref: parsed.data.contract }, select: { id: true } });
  const found = byRef ? await findContractForViewer(access, byRef.id) : null;
  if (!found) return data({ values, error: { key: "verify.receipt.notFound", ref: parsed.data.contract } }, { status: 404 });
  throw redirect(`/contracts/${found.contract.id}/verify?${new URLSearchParams({ seq: String(parsed.data.seq), hash: parsed.data.hash })}#receipt`);
}

export default function ReceiptCheckPage() {
  const { values, error } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="card">
      <h1>{t("verify.receipt.title")}</h1>
      <p className="hint">{t("verify.receipt.explain")}</p>
      {error ? (
        <p className="alert alert-error" role="alert" id="receipt-result">
          {t.dynamic(error.key, { ref: error.ref })}
        </p>
      ) : null}
      <ReceiptCheckForm contract={values.contract} seq={values.seq} hash={values.hash} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
