// A household without an account gets its pickup receipts and payment notices by SMS at a phone
// the group's leader records, only with the household's consent (ticked each time a number is
// recorded, kept with who and when), and stops them here or by replying TC/STOP. The group's
// leader (and the site administrator) only: others who see the group 403, everyone else 404.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, ErrorSummary, Field, fieldValue, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireGroupLeader } from "~/domain/access.server";
import { displayVnMobile } from "~/domain/reach/phone";
import { householdContactSchema } from "~/domain/reach/preferences.schema";
import { householdContact, saveHouseholdContact, stopHouseholdContact } from "~/domain/reach/preferences.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

async function load(request: Request, groupId: string, householdId: string) {
  const access = await requireAccess(request);
  const { group } = await requireGroupLeader(access, groupId);
  const household = await db.household.findFirst({ where: { id: householdId, groupId: group.id }, select: { id: true, headName: true } });
  if (!household) notFound();
  return { access, group, household };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, household } = await load(request, params.groupId!, params.householdId!);
  const c = await householdContact(household.id);
  const q = new URL(request.url).searchParams;
  return {
    group: { id: group.id, name: group.name },
    household,
    contact: c?.smsPhone
      ? {
          phone: displayVnMobile(c.smsPhone),
          smsPlain: c.smsPlain,
          consentOn: c.consentAt ? formatDate(c.consentAt) : null,
          stoppedOn: c.stoppedAt ? formatDate(c.stoppedAt) : null,
        }
      : null,
    done: q.get("saved") === "1" ? ("saved" as const) : q.get("stopped") === "1" ? ("stopped" as const) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, group, household } = await load(request, params.groupId!, params.householdId!);
  const form = await readForm(request);
  const back = `/groups/${group.id}/households/${household.id}/contact`;
  if (form.get("intent") === "stop") {
    await stopHouseholdContact(household.id);
    throw redirect(`${back}?stopped=1`);
  }
  const parsed = parseForm(householdContactSchema, form);
  if (!parsed.ok) return data<{ errors: FieldErrors; values: Record<string, unknown> }>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveHouseholdContact(household.id, access.user.id, parsed.data);
  throw redirect(`${back}?saved=1`);
}

export default function HouseholdContact() {
  const { group, household, contact, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const values = actionData?.values;
  const texting = contact && !contact.stoppedOn;
  return (
    <section className="card">
      <p>
        <Link to={`/groups/${group.id}/households/${household.id}`}>← {household.headName}</Link>
      </p>
      <h1>{t("reach.household.title", { name: household.headName })}</h1>
      <p className="hint">{t("reach.household.intro")}</p>
      {done === "saved" && !actionData && contact ? (
        <p className="alert alert-ok" role="status" id="contact-result">
          {t("reach.household.saved", { phone: contact.phone })}
        </p>
      ) : null}
      {done === "stopped" && !actionData ? (
        <p className="alert alert-ok" role="status" id="contact-result">
          {t("reach.household.stoppedNow")}
        </p>
      ) : null}
      <p id="contact-state">
        {!contact
          ? t("reach.household.none")
          : contact.stoppedOn
            ? t("reach.household.stoppedNote", { phone: contact.phone, date: contact.stoppedOn })
            : t("reach.household.active", { phone: contact.phone, date: contact.consentOn ?? "" })}
      </p>
      <ErrorSummary errors={actionData?.errors} />
      {/* Keyed on what is stored, so after saving the field shows the number as kept and the
          consent box is empty again: consent is given for each number recorded. */}
      <AppForm noValidate key={JSON.stringify(contact)}>
        <Field
          label={t("reach.household.phone")}
          name="smsPhone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          hint={t("reach.settings.phoneHint")}
          defaultValue={fieldValue(values, "smsPhone", contact?.phone ?? "")}
          errors={actionData?.errors}
        />
        <CheckboxField
          label={t("reach.settings.smsPlain")}
          name="smsPlain"
          defaultChecked={values ? values.smsPlain === "on" : (contact?.smsPlain ?? false)}
          aria-describedby="hh-plain-hint"
        />
        <p className="hint" id="hh-plain-hint">
          {t("reach.settings.smsPlainHint")}
        </p>
        <CheckboxField label={t("reach.household.consent")} name="consent" errors={actionData?.errors} />
        <p className="hint">{t("reach.household.consentHint")}</p>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
      {texting ? (
        <AppForm noValidate>
          <input type="hidden" name="intent" value="stop" />
          <SubmitButton className="btn btn-small btn-danger">{t("reach.household.stop")}</SubmitButton>
        </AppForm>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
