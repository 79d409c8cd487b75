import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { contractPdf } from "~/domain/contracts/contract-pdf.server";
import { findContractForViewer } from "~/domain/contracts.server";
import { isLocale } from "~/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { notFound } from "~/utils/http.server";

// Resource route: the printable contract for anyone who may see the contract.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const found = await findContractForViewer(access, params.contractId!);
  if (!found) notFound();
  const { contract, role } = found;
  if (role === "group_member") {
    const own = access.groups.find((g) => g.id === contract.groupId)?.householdId;
    contract.allocations = contract.allocations.filter((a) => a.householdId === own);
  }
  // ?lang=en prints the English version for a foreign buyer whatever the reader's own language.
  const asked = new URL(request.url).searchParams.get("lang");
  const pdf = await contractPdf(contract, isLocale(asked) ? asked : await getLocale(request, access.user.locale));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${contract.ref}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
