// A person's own notification settings: which channels besides the inbox (SMS, Zalo, email),
// quiet hours, and which events. Saved with field errors in the reader's language, nothing
// written on a mistake (app/domain/reach/preferences.schema.ts).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, ErrorSummary, Field, fieldValue, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { displayVnMobile } from "~/domain/reach/phone";
import { EVENT_GROUP_NAMES, groupsOfKinds } from "~/domain/reach/preferences";
import { userPreferencesSchema } from "~/domain/reach/preferences.schema";
import { saveUserPreferences, userPreferences } from "~/domain/reach/preferences.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { parseForm, type FieldErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const p = await userPreferences(access.user.id);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return {
    saved,
    prefs: {
      smsPhone: p.smsPhone ? displayVnMobile(p.smsPhone) : "",
      smsPlain: p.smsPlain,
      zaloPhone: p.zaloPhone ? displayVnMobile(p.zaloPhone) : "",
      email: p.email ?? "",
      quietStart: p.quietStart ?? "",
      quietEnd: p.quietEnd ?? "",
      groups: groupsOfKinds(p.events),
      stopped: p.stoppedAt && (p.smsPhone || p.zaloPhone) ? { phone: displayVnMobile((p.smsPhone ?? p.zaloPhone)!), date: formatDate(p.stoppedAt) } : null,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const form = await readForm(request);
  const parsed = parseForm(userPreferencesSchema, form);
  if (!parsed.ok) return data<{ errors: FieldErrors; values: Record<string, unknown> }>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveUserPreferences(access.user.id, parsed.data);
  throw redirect("/settings/notifications?saved=1");
}

export default function NotificationSettings() {
  const { prefs, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors;
  const values = actionData?.values;
  const chosen = new Set<string>(values ? (Array.isArray(values.groups) ? values.groups : values.groups ? [values.groups] : []).map(String) : prefs.groups);
  return (
    <section className="card">
      <h1>{t("reach.settings.title")}</h1>
      <p className="hint">{t("reach.settings.intro")}</p>
      {saved && !actionData ? (
        <p className="alert alert-ok" role="status" id="settings-saved">
          {t("reach.settings.saved")}
        </p>
      ) : null}
      {prefs.stopped && !saved ? (
        <p className="alert" role="status">
          {t("reach.settings.stopped", prefs.stopped)}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      {/* Keyed on what is stored: after saving, the fields show the settings as kept (a number
          as 0912 345 678 however it was typed), not what was typed. */}
      <AppForm noValidate key={JSON.stringify(prefs)}>
        <fieldset>
          <legend>{t("reach.settings.channels")}</legend>
          <Field
            label={t("reach.settings.smsPhone")}
            name="smsPhone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            hint={t("reach.settings.phoneHint")}
            defaultValue={fieldValue(values, "smsPhone", prefs.smsPhone)}
            errors={errors}
          />
          <CheckboxField
            label={t("reach.settings.smsPlain")}
            name="smsPlain"
            defaultChecked={values ? values.smsPlain === "on" : prefs.smsPlain}
            aria-describedby="sms-plain-hint"
          />
          <p className="hint" id="sms-plain-hint">
            {t("reach.settings.smsPlainHint")}
          </p>
          <Field
            label={t("reach.settings.zaloPhone")}
            name="zaloPhone"
            type="tel"
            inputMode="tel"
            defaultValue={fieldValue(values, "zaloPhone", prefs.zaloPhone)}
            errors={errors}
          />
          <Field
            label={t("reach.settings.email")}
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={fieldValue(values, "email", prefs.email)}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>{t("reach.settings.quiet")}</legend>
          <p className="hint">{t("reach.settings.quietHint")}</p>
          <div className="row">
            <Field
              label={t("reach.settings.quietStart")}
              name="quietStart"
              type="time"
              defaultValue={fieldValue(values, "quietStart", prefs.quietStart)}
              errors={errors}
            />
            <Field
              label={t("reach.settings.quietEnd")}
              name="quietEnd"
              type="time"
              defaultValue={fieldValue(values, "quietEnd", prefs.quietEnd)}
              errors={errors}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("reach.settings.events")}</legend>
          {EVENT_GROUP_NAMES.map((g) => (
            <CheckboxField key={g} label={t.dynamic(`reach.group.${g}`)} name="groups" value={g} defaultChecked={chosen.has(g)} />
          ))}
        </fieldset>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
