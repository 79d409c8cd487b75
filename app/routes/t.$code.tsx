import type { LoaderFunctionArgs } from "@remix-run/node";
import { traceResponse } from "~/domain/trace/respond.server";

// The public trace page of a pickup or lot code (issue 16): no login, no script, one HTML
// document built on the server (docs/decisions/0028-public-trace-page.md). A resource route:
// the app's layout, session and hydration stay out of a page read from a bag's QR label.
// server.js answers these addresses itself, ahead of Remix (it costs a fraction); this route
// gives the same answer to anything that still reaches Remix.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return traceResponse(request, params.code ?? "");
}
