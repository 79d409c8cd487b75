import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CertificationsPage } from "~/components/certifications";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { orgCertAccess } from "~/domain/certifications/certifications.server";
import { certificationAction, certificationsPage } from "~/domain/certifications/http.server";
import certCss from "~/styles/certifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certCss }];

// A buyer's own certificates: its administrators record and withdraw them, its staff read them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return certificationsPage(await orgCertAccess(await requireAccess(request), params.orgId!));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const cert = await orgCertAccess(access, params.orgId!);
  const r = await certificationAction(request, context, cert, access.user.id);
  return data(r.body, { status: r.status });
}

export default function OrgCertificationsPage() {
  return <CertificationsPage {...useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />;
}

export const ErrorBoundary = RouteErrorBoundary;
