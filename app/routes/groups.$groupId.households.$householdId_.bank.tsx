// A household's bank account for VietQR payouts. The group's leader keeps it (and the site
// administrator); anyone else who sees the group is refused (403), others do not find it (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, Field, fieldValue, SelectField, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { bankAccountSchema } from "~/domain/payouts/bank-account.schema";
import { PAYOUT_BANKS } from "~/domain/payouts/banks";
import { saveBankAccount } from "~/domain/payouts/payouts.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

async function load(request: Request, groupId: string, householdId: string) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, groupId);
  const household = await db.household.findFirst({
    where: { id: householdId, groupId: group.id },
    select: { id: true, headName: true, bankBin: true, bankAccount: true, bankHolder: true },
  });
  if (!household) notFound();
  return { group, household };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, household } = await load(request, params.groupId!, params.householdId!);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return { group: { id: group.id, name: group.name }, household, banks: PAYOUT_BANKS, saved };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, household } = await load(request, params.groupId!, params.householdId!);
  const form = await readForm(request);
  if (form.get("intent") === "remove") {
    await saveBankAccount(household.id, null);
  } else {
    const parsed = parseForm(bankAccountSchema, form);
    if (!parsed.ok) return data<{ errors: FieldErrors; values: Record<string, unknown> }>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    await saveBankAccount(household.id, parsed.data);
  }
  throw redirect(`/groups/${group.id}/households/${household.id}/bank?saved=1`);
}

export default function HouseholdBank() {
  const { group, household, banks, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const values = actionData?.values;
  return (
    <section className="card">
      <h1>{t("bank.title", { name: household.headName })}</h1>
      <p className="hint">{t("bank.intro")}</p>
      {saved && !actionData ? (
        <p className="alert alert-ok" role="status">
          {t("bank.saved")}
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      {/* Keyed on what is stored: after saving, the fields show the account as kept (digits only,
          the holder as the bank prints it), not what was typed. */}
      <AppForm noValidate key={`${household.bankBin}|${household.bankAccount}|${household.bankHolder}`}>
        <SelectField
          label={t("bank.bank")}
          name="bankBin"
          errors={actionData?.errors}
          defaultValue={fieldValue(values, "bankBin", household.bankBin)}
          options={[{ value: "", label: t("bank.choose") }, ...banks.map((b) => ({ value: b.bin, label: `${b.shortName} (${b.bin})` }))]}
        />
        <Field
          label={t("bank.account")}
          name="bankAccount"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={fieldValue(values, "bankAccount", household.bankAccount)}
          errors={actionData?.errors}
        />
        <Field
          label={t("bank.holder")}
          name="bankHolder"
          hint={t("bank.holderHint")}
          defaultValue={fieldValue(values, "bankHolder", household.bankHolder)}
          errors={actionData?.errors}
        />
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
      {household.bankAccount ? (
        <AppForm noValidate>
          <input type="hidden" name="intent" value="remove" />
          <SubmitButton className="btn btn-small btn-danger">{t("bank.remove")}</SubmitButton>
        </AppForm>
      ) : null}
      <p>
        <Link to={`/groups/${group.id}/households/${household.id}`}>{household.headName}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
