import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { AppForm, Field, FormError, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { loginSchema } from "~/domain/accounts.schema";
import { login } from "~/domain/accounts.server";
import { useT } from "~/i18n/use-t";
import { readForm, rotateCsrfCookie } from "~/utils/csrf.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { safeRedirect } from "~/utils/http.server";
import { createSession, getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Đăng nhập · Cầu Nối" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  // Too many attempts from this address (server.js): refused before any password is checked.
  if (context.loginLimited === true)
    return data({ errors: { _form: ["error.tooManyFromAddress"] } as FieldErrors, login: String(form.get("login") ?? "") }, { status: 429 });
  const parsed = parseForm(loginSchema, form);
  const login_ = String(form.get("login") ?? "");
  if (!parsed.ok) return data({ errors: parsed.errors, login: login_ }, { status: 400 });
  // Decided before anything is written, so the answer cannot fail after a session exists.
  const to = safeRedirect(parsed.data.redirectTo);
  const result = await login(parsed.data.login, parsed.data.password);
  if (!result.ok) {
    const errors: FieldErrors = { _form: [result.reason === "locked" ? "error.loginLocked" : "error.loginInvalid"] };
    return data({ errors, login: login_ }, { status: result.reason === "locked" ? 429 : 401 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(request, result.userId));
  headers.append("Set-Cookie", await rotateCsrfCookie(request));
  throw redirect(to, { headers });
}

export default function LoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      {params.get("signedUp") && !actionData ? (
        <p className="alert alert-ok" role="status">
          {t("login.signedUp")}
        </p>
      ) : null}
      <AppForm noValidate>
        <FormError errors={actionData?.errors} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("login.login")}
          name="login"
          autoComplete="username"
          inputMode="email"
          defaultValue={actionData?.login}
          errors={actionData?.errors}
          hint={t("login.loginHint")}
          required
        />
        <Field label={t("login.password")} name="password" type="password" autoComplete="current-password" errors={actionData?.errors} required />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </AppForm>
      <p>
        {t("login.noAccount")} <Link to="/signup">{t("login.signupLink")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
