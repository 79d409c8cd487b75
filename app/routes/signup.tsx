import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { AppForm, Field, FormError, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { signupSchema } from "~/domain/accounts.schema";
import { signup } from "~/domain/accounts.server";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formToObject, parseForm, type FieldErrors } from "~/utils/forms";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Đăng ký · Cầu Nối" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const { password: _p, confirm: _c, ...values } = formToObject(form);
  // Too many attempts from this address (server.js): nothing is checked or written.
  if (context.loginLimited === true) return data({ errors: { _form: ["error.tooManyFromAddress"] } as FieldErrors, values }, { status: 429 });
  const parsed = parseForm(signupSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  // The same answer whether or not the email or phone already had an account, and nobody is
  // signed in by it: a stranger cannot learn who has an account (docs/decisions/0014-passwords.md).
  await signup({ ...parsed.data, locale: await getLocale(request) });
  throw redirect("/login?signedUp=1");
}

export default function SignupPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const v = (actionData?.values ?? {}) as Record<string, string | undefined>;
  return (
    <section className="card narrow">
      <h1>{t("signup.title")}</h1>
      <p className="muted">{t("signup.intro")}</p>
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <Field label={t("signup.name")} name="name" autoComplete="name" defaultValue={v.name} errors={actionData?.errors} required />
        <Field label={t("signup.email")} name="email" type="email" autoComplete="email" defaultValue={v.email} errors={actionData?.errors} />
        <Field
          label={t("signup.phone")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          defaultValue={v.phone}
          errors={actionData?.errors}
          hint={t("signup.phoneHint")}
        />
        <Field
          label={t("signup.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          errors={actionData?.errors}
          hint={t("signup.passwordHint")}
          required
        />
        <Field label={t("signup.confirm")} name="confirm" type="password" autoComplete="new-password" errors={actionData?.errors} required />
        <SubmitButton>{t("signup.submit")}</SubmitButton>
      </AppForm>
      <p>
        {t("signup.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
