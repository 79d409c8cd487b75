import type { LoaderFunctionArgs } from "@remix-run/node";
import { traceResponse } from "~/domain/trace/respond.server";

// The same page in the shape of a GS1 Digital Link (/01/{GTIN}/10/{lot}), the address a label's
// QR holds when the buyer has a GTIN for the product. The GTIN must be that buyer's for that
// product, or the answer is the same "not found" as for an unknown code.
// server.js answers these addresses itself, ahead of Remix (it costs a fraction); this route
// gives the same answer to anything that still reaches Remix.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return traceResponse(request, params.lot ?? "", params.gtin ?? "");
}
