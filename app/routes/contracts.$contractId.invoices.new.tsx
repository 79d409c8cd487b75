import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, Field, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { InvoiceError, issueInvoice, uninvoicedPickups } from "~/domain/invoices.server";
import { announceStatement } from "~/domain/reach/money-notices.server";
import { issueSchema } from "~/domain/money.schema";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { write } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { formatDate } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";

async function load(request: Request, contractId: string) {
  const access = await requireAccess(request);
  const found = await findContractForViewer(access, contractId);
  if (!found) notFound();
  if (found.role !== "buyer" && found.role !== "admin") forbidden();
  return { access, contract: found.contract };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contract } = await load(request, params.contractId!);
  return {
    contract: { id: contract.id, ref: contract.ref, group: contract.group.name, terms: contract.paymentTermsDays },
    pickups: await uninvoicedPickups(contract.id),
    today: todayInVietnam(),
  };
}

const ERRORS: Record<InvoiceError["code"], string> = {
  no_pickups: "error.onePickup",
  already_invoiced: "error.alreadyInvoiced",
  wrong_contract: "error.invalid",
  no_lots: "error.noLots",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, contract } = await load(request, params.contractId!);
  const form = await readForm(request);
  const parsed = parseForm(issueSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  if (parsed.data.issuedOn > todayInVietnam()) return data({ errors: { issuedOn: ["error.futureDate"] } as FieldErrors }, { status: 400 });
  try {
    const invoice = await write(async (tx) => {
      const issued = await issueInvoice(tx, {
        contractId: contract.id,
        pickupIds: parsed.data.pickupIds,
        issuedOn: parsed.data.issuedOn,
        byUserId: access.user.id,
      });
      await announceStatement(tx, issued.id);
      return issued;
    });
    throw redirect(`/invoices/${invoice.id}`);
  } catch (e) {
    if (e instanceof InvoiceError)
      return data({ errors: { pickupIds: [ERRORS[e.code]] } as FieldErrors }, { status: e.code === "already_invoiced" ? 409 : 400 });
    throw e;
  }
}

export default function NewInvoice() {
  const { contract, pickups, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="card">
      <p>
        <Link to={`/contracts/${contract.id}`}>← {t("contract.heading", { ref: contract.ref })}</Link>
      </p>
      <h1>{t("invoice.newTitle", { group: contract.group })}</h1>
      <p className="hint">{t("invoice.newIntro", { days: contract.terms })}</p>
      <ErrorSummary errors={actionData?.errors} />
      <AppForm noValidate>
        <fieldset className="rows">
          <legend>{t("invoice.pickups")}</legend>
          {actionData?.errors?.pickupIds ? <p className="field-error">{actionData.errors.pickupIds.map((k) => t.dynamic(k)).join(" ")}</p> : null}
          {pickups.length === 0 ? <p className="muted">{t("invoice.nothingToInvoice")}</p> : null}
          {pickups.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" name="pickupIds" value={p.id} /> {formatDate(p.date)} · {p.collectionPoint ?? ""} ·{" "}
              {t("pickup.lotCount", { n: p._count.lots })}
            </label>
          ))}
        </fieldset>
        <Field label={t("invoice.issuedOn")} name="issuedOn" type="date" defaultValue={today} max={today} errors={actionData?.errors} />
        <SubmitButton>{t("invoice.issue")}</SubmitButton>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
