import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, FormError, SubmitButton } from "~/components/form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireAccess, requireOrgAdmin, requireOrgMember } from "~/domain/access.server";
import { productName } from "~/domain/product-name";
import { BUYER_KINDS, isAdminRole, type OrgKind } from "~/domain/roles";
import { gtinSchema } from "~/domain/trace/gtins.schema";
import { buyerProducts, setGtin } from "~/domain/trace/gtins.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

// A buyer's GTIN for each product it buys (issue 16): its members read them, its administrators set them.
async function loadBuyer(request: Request, orgId: string) {
  const access = await requireAccess(request);
  const membership = requireOrgMember(access, orgId);
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, kind: true } });
  if (!org || !BUYER_KINDS.includes(org.kind as OrgKind)) notFound();
  const isAdmin = access.user.isSiteAdmin || (!!membership && isAdminRole(membership.role));
  return { access, org, isAdmin };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, isAdmin } = await loadBuyer(request, params.orgId!);
  return { org: { id: org.id, name: org.name }, isAdmin, products: await buyerProducts(org.id) };
}

type ActionData = { productId: string; errors: FieldErrors; done?: "gtin.saved" | "gtin.cleared" };

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, org } = await loadBuyer(request, params.orgId!);
  requireOrgAdmin(access, org.id);
  const form = await readForm(request);
  const productId = String(form.get("productId") ?? "");
  const reply = (d: ActionData, status = 200) => data(d, { status });
  const parsed = parseForm(gtinSchema, form);
  if (!parsed.ok) return reply({ productId, errors: parsed.errors }, 400);
  const result = await setGtin(org.id, parsed.data.productId, parsed.data.gtin);
  // A product this buyer does not buy is not found, like any record one may not see.
  if (!result) notFound();
  if (!result.ok) return reply({ productId, errors: result.errors }, 400);
  return reply({ productId, errors: {}, done: parsed.data.gtin ? "gtin.saved" : "gtin.cleared" });
}

export default function GtinsPage() {
  const { org, isAdmin, products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (productId: string) => (actionData?.productId === productId ? actionData.errors : undefined);
  return (
    <>
      <p>
        <Link to={`/orgs/${org.id}`}>← {org.name}</Link>
      </p>
      <h1>{t("gtin.title")}</h1>
      <p className="hint">{t("gtin.intro")}</p>
      {products.length === 0 ? <p>{t("gtin.none")}</p> : null}
      <div id="gtins">
        {products.map((p) => {
          const name = productName(p, t.locale);
          const done = actionData?.productId === p.id ? actionData.done : undefined;
          return (
            <section key={p.id} className="card">
              <h2>{name}</h2>
              {done ? (
                <p className="alert alert-ok" role="status">
                  {t(done, { product: name })}
                </p>
              ) : null}
              {isAdmin ? (
                // Keyed by the stored value: after a save the field shows what is stored now.
                <AppForm noValidate key={`${p.id}-${p.gtin ?? ""}`}>
                  <input type="hidden" name="productId" value={p.id} />
                  <FormError errors={errorsFor(p.id)} />
                  <Field label={t("gtin.field")} name="gtin" inputMode="numeric" autoComplete="off" defaultValue={p.gtin ?? ""} errors={errorsFor(p.id)} />
                  <SubmitButton>{t("gtin.save")}</SubmitButton>
                </AppForm>
              ) : (
                <p>{p.gtin ? <code>{p.gtin}</code> : t("gtin.unset")}</p>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
