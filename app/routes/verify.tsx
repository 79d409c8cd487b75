import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ReceiptCheckForm } from "~/components/receipt-check";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { checkReceiptCode } from "~/domain/reach/receipt-code.server";
import { receiptSchema } from "~/domain/receipts.schema";
import { useT } from "~/i18n/use-t";
import { db } from "~/utils/db.server";
import { formatDate, formatNumber, formatVnd } from "~/utils/format";
import { getLocale } from "~/i18n/i18n.server";

// "Check a receipt": the contract ref, entry number and code printed on a pickup receipt,
// passbook or statement lead to that contract's verify page, which says whether the chain
// still holds that entry. The 6-character code of a receipt text (?contract=&code=) is checked
// here (app/domain/reach/receipt-code.server.ts). Signed in, and only for contracts the reader
// may see (else 404).
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const q = new URL(request.url).searchParams;
  const values = { contract: q.get("contract") ?? "", seq: q.get("seq") ?? "", hash: q.get("hash") ?? "", code: q.get("code") ?? "" };
  if (![...q.keys()].length) return { values, error: null, code: null };
  if (q.has("code")) return checkCode(request, access, values);
  const parsed = receiptSchema.safeParse(values);
  if (!parsed.success) return data({ values, error: { key: "verify.receipt.invalid", ref: values.contract }, code: null }, { status: 400 });
  const byRef = await db.contract.findUnique({ where: { ref: parsed.data.contract }, select: { id: true } });
  const found = byRef ? await findContractForViewer(access, byRef.id) : null;
  if (!found) return data({ values, error: { key: "verify.receipt.notFound", ref: parsed.data.contract }, code: null }, { status: 404 });
  throw redirect(`/contracts/${found.contract.id}/verify?${new URLSearchParams({ seq: String(parsed.data.seq), hash: parsed.data.hash })}#receipt`);
}

async function checkCode(request: Request, access: Awaited<ReturnType<typeof requireAccess>>, values: Record<"contract" | "seq" | "hash" | "code", string>) {
  const ref = values.contract.trim();
  const byRef = ref ? await db.contract.findUnique({ where: { ref }, select: { id: true } }) : null;
  const found = byRef ? await findContractForViewer(access, byRef.id) : null;
  if (!found) return data({ values, error: { key: "verify.receipt.notFound", ref }, code: null }, { status: 404 });
  const result = await checkReceiptCode(found.contract.id, values.code);
  if (result === "invalid") return data({ values, error: { key: "reach.code.invalid", ref }, code: null }, { status: 400 });
  if (!result.match) return { values, error: null, code: { match: false as const } };
  const locale = await getLocale(request, access.user.locale);
  return {
    values,
    error: null,
    code: {
      match: true as const,
      date: formatDate(result.date),
      household: result.household,
      kg: formatNumber(result.kg, 2, locale),
      grades: result.grades,
      amount: formatVnd(result.amount, locale),
      now: result.now ? { kg: formatNumber(result.now.kg, 2, locale), amount: formatVnd(result.now.amount, locale) } : null,
    },
  };
}

export default function ReceiptCheckPage() {
  const { values, error, code } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
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
      <section className="card" id="code-check">
        <h2>{t("reach.code.title")}</h2>
        <p className="hint">{t("reach.code.explain")}</p>
        {code ? (
          code.match ? (
            <div className="alert alert-ok" role="status" id="code-result">
              <p>{t("reach.code.match", { date: code.date, kg: code.kg, grades: code.grades, amount: code.amount, household: code.household })}</p>
              {code.now ? <p>{t("reach.code.corrected", code.now)}</p> : null}
            </div>
          ) : (
            <p className="alert alert-error" role="alert" id="code-result">
              {t("reach.code.noMatch")}
            </p>
          )
        ) : null}
        <Form method="get" action="/verify" className="row" id="code-form">
          <div className="field">
            <label htmlFor="code-contract">{t("verify.receipt.contract")}</label>
            <input id="code-contract" name="contract" defaultValue={values.contract} required maxLength={80} />
          </div>
          <div className="field">
            <label htmlFor="code-code">{t("reach.code.code")}</label>
            <input id="code-code" name="code" defaultValue={values.code} required maxLength={12} autoCapitalize="characters" spellCheck={false} />
          </div>
          <button type="submit" className="btn">
            {t("reach.code.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
