// The error boundary for routes: the header stays, only the page area shows the error.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function RouteErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404
      ? "error.page.404"
      : status === 403
        ? "error.page.403"
        : status === 400
          ? "error.page.400"
          : status === 503
            ? "error.page.503"
            : "error.page.500";
  return (
    <section className="card error-panel" role="alert">
      <h1>{status}</h1>
      <p>{t(key)}</p>
      <Link to="/">{t("error.page.back")}</Link>
    </section>
  );
}
