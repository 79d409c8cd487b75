import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CertificationForm, CertificationList } from "~/components/certifications";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { orgCertAccess, listCertifications, productChoices } from "~/domain/certifications/certifications.server";
import { certificationAction } from "~/domain/certifications/http.server";
import { useT } from "~/i18n/use-t";
import certCss from "~/styles/certifications.css";
import { todayInVietnam } from "~/utils/dates";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certCss }];

// A buyer's own certificates: its administrators record and withdraw them, its staff read them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const cert = await orgCertAccess(access, params.orgId!);
  const [certs, products] = await Promise.all([listCertifications(cert.holder, todayInVietnam()), cert.canManage ? productChoices() : []]);
  return { name: cert.name, canManage: cert.canManage, certs, products };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const cert = await orgCertAccess(access, params.orgId!);
  const r = await certificationAction(request, context, cert, access.user.id);
  return data(r.body, { status: r.status });
}

export default function OrgCertificationsPage() {
  const { name, canManage, certs, products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t("cert.title", { name })}</h1>
      <p className="hint">{t("cert.intro")}</p>
      {actionData?.withdrawn ? (
        <p className="alert alert-ok" role="status">
          {t("cert.withdrawnSaved")}
        </p>
      ) : null}
      <section className="card">
        <CertificationList certs={certs} canManage={canManage} actionData={actionData} />
      </section>
      {canManage ? (
        <section className="card">
          <h2>{t("cert.add")}</h2>
          <CertificationForm products={products} actionData={actionData} />
        </section>
      ) : (
        <p className="hint">{t("cert.viewOnly")}</p>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
