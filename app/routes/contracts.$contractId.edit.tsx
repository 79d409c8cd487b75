import { useState } from "react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, Field, SubmitButton } from "~/components/form";
import { AllocationShares } from "~/components/allocation-shares";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { draftFormValues, parseDraftContract } from "~/domain/contracts/draft.schema";
import { updateDraftContract } from "~/domain/contracts/draft.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { GRADE_PRICE } from "~/domain/offers.schema";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { formToObject, type FieldErrors } from "~/utils/forms";
import { forbidden, notFound } from "~/utils/http.server";

async function load(request: Request, contractId: string) {
  const access = await requireAccess(request);
  const found = await findContractForViewer(access, contractId);
  if (!found) notFound();
  if (found.role !== "buyer" && found.role !== "admin") forbidden();
  return found.contract;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await load(request, params.contractId!);
  const households = await db.household.findMany({ where: { groupId: c.group.id }, select: { id: true, headName: true }, orderBy: { headName: "asc" } });
  return {
    contract: {
      id: c.id,
      ref: c.ref,
      status: c.status,
      group: c.group.name,
      season: c.season.name,
      areaHa: c.areaHa,
      volumeTonnes: c.volumeTonnes,
      paymentTermsDays: c.paymentTermsDays,
      grades: c.grades.map((g) => ({ code: g.code, label: g.label, priceVndPerKg: g.priceVndPerKg })),
      allocations: Object.fromEntries(c.allocations.map((a) => [a.householdId, a.tonnes])),
    },
    households,
  };
}

type ActionData = { errors: FieldErrors; values: Record<string, unknown> };

export async function action({ request, params }: ActionFunctionArgs) {
  const c = await load(request, params.contractId!);
  const values = draftFormValues(formToObject(await readForm(request)));
  const parsed = parseDraftContract(values);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const r = await updateDraftContract(c.id, parsed.data);
  if (!r.ok) return data<ActionData>({ errors: r.errors, values }, { status: r.status });
  throw redirect(`/contracts/${c.id}`);
}

export default function EditDraftContract() {
  const { contract: c, households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors;
  const posted = actionData?.values;
  // Plain digits in the inputs (no thousands separator, which a decimal field would misread).
  const plain = (n: number) => (t.locale === "vi" ? String(n).replace(".", ",") : String(n));
  const [volume, setVolume] = useState(String(posted?.volumeTonnes ?? plain(c.volumeTonnes)));
  const [shares, setShares] = useState<Record<string, string>>(() =>
    Object.fromEntries(households.map((h) => [h.id, String(posted?.[`alloc.${h.id}`] ?? (c.allocations[h.id] ? plain(c.allocations[h.id]) : ""))])),
  );
  const postedPrice = (i: number) => (posted?.grades as { priceVndPerKg?: string }[] | undefined)?.[i]?.priceVndPerKg;
  const gradeError = (i: number) =>
    errors?.[`grades.${i}.priceVndPerKg`]
      ? [t("grade.err.price", { row: i + 1, min: formatNumber(GRADE_PRICE.min, 0, t.locale), max: formatNumber(GRADE_PRICE.max, 0, t.locale) })]
      : [];
  if (c.status !== "draft") {
    return (
      <section className="card">
        <h1>{t("draft.title", { ref: c.ref })}</h1>
        <p className="alert alert-error" role="alert">
          {t("error.contractNotDraft")} <Link to={`/contracts/${c.id}`}>{c.ref}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card">
      <h1>{t("draft.title", { ref: c.ref })}</h1>
      <p className="muted">
        {c.group} · {c.season}
      </p>
      <p className="hint">{t("draft.intro")}</p>
      <ErrorSummary errors={errors} />
      <AppForm noValidate>
        <div className="row">
          <Field
            label={t("contract.area")}
            name="areaHa"
            inputMode="decimal"
            defaultValue={String(posted?.areaHa ?? plain(c.areaHa))}
            errors={errors}
            required
          />
          <Field
            label={t("contract.volume")}
            name="volumeTonnes"
            inputMode="decimal"
            value={volume}
            onChange={(e) => setVolume(e.target.value)}
            errors={errors}
            required
          />
          <Field
            label={t("contract.paymentTermsDays")}
            name="paymentTermsDays"
            inputMode="numeric"
            defaultValue={String(posted?.paymentTermsDays ?? c.paymentTermsDays)}
            errors={errors}
            required
          />
        </div>
        <fieldset className="rows">
          <legend>{t("contract.grades")}</legend>
          {c.grades.map((g, i) => (
            <div className="grade-row" key={g.code}>
              <input type="hidden" name="grade.code" value={g.code} />
              <Field
                label={t("draft.gradePrice", { code: g.code, label: g.label })}
                name="grade.priceVndPerKg"
                inputMode="numeric"
                defaultValue={postedPrice(i) ?? String(g.priceVndPerKg)}
                errors={{ "grade.priceVndPerKg": gradeError(i) }}
              />
            </div>
          ))}
        </fieldset>
        <AllocationShares
          households={households}
          volume={volume}
          shares={shares}
          onShare={(id, v) => setShares((cur) => ({ ...cur, [id]: v }))}
          errors={errors}
        />
        <p className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
          <Link to={`/contracts/${c.id}`} className="btn">
            {t("draft.back")}
          </Link>
        </p>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
