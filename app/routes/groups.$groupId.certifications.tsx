import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CertificationsPage } from "~/components/certifications";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess } from "~/domain/access.server";
import { groupCertAccess } from "~/domain/certifications/certifications.server";
import { certificationAction, certificationsPage } from "~/domain/certifications/http.server";
import certCss from "~/styles/certifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certCss }];

// A group's certificates: its leader records and withdraws them; its members, its project and
// the buyers dealing with it read them and their files (certifications.server.ts says who).
export async function loader({ request, params }: LoaderFunctionArgs) {
  return certificationsPage(await groupCertAccess(await requireAccess(request), params.groupId!));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const cert = await groupCertAccess(access, params.groupId!);
  const r = await certificationAction(request, context, cert, access.user.id);
  return data(r.body, { status: r.status });
}

export default function GroupCertificationsPage() {
  return <CertificationsPage {...useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />;
}

export const ErrorBoundary = RouteErrorBoundary;
