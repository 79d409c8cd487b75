import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/domain/access.server";
import { readCertificationFile } from "~/domain/certifications/certifications.server";
import { certificationFileResponse } from "~/domain/certifications/http.server";

// A certificate's file, to whoever may see its holder's certificates; 404 to anyone else.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  return certificationFileResponse(await readCertificationFile(access, params.certificationId!));
}
