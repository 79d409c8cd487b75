// Certificates held by a farmer group or a buyer (issue 16): recorded with their file, listed
// with where they stand today, withdrawn with a reason (a withdrawn one stays listed, struck:
// what was relied on stays on record). Who may see and do what is decided here, once, for the
// pages and the file download (docs/decisions/0027-certifications.md).
import type { Access } from "../access.server";
import { BUYER_KINDS, isAdminRole, type OrgKind } from "../roles";
import { db, write } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import type { CertificationInput } from "./certification.schema";
import { certState, inForce, type CertState } from "./state";

/** Whose certificate: a farmer group's or an organisation's (a buyer's). */
export type CertHolder = { groupId: string; orgId?: never } | { orgId: string; groupId?: never };

export type CertAccess = { holder: CertHolder; name: string; canManage: boolean };

const holderWhere = (h: CertHolder) => (h.groupId ? { groupId: h.groupId } : { orgId: h.orgId });

/**
 * Who sees a group's certificates: its own people (the leader manages them), the project that
 * took it in, and the buyers that deal with it — a contract, or a take-up still pending or
 * confirmed — since they must check what they buy. Nobody else learns the group exists (404).
 */
export async function groupCertAccess(access: Access, groupId: string): Promise<CertAccess> {
  return (await findGroupCertAccess(access, groupId)) ?? notFound();
}

/** groupCertAccess for a page that shows the certificates only to those who may see them: null for the others. */
export async function findGroupCertAccess(access: Access, groupId: string): Promise<CertAccess | null> {
  const group = await db.farmerGroup.findUnique({ where: { id: groupId }, select: { id: true, name: true, projectOwnerId: true } });
  if (!group) return null;
  const holder = { groupId: group.id };
  const own = access.groups.find((g) => g.id === group.id);
  if (access.user.isSiteAdmin || own) return { holder, name: group.name, canManage: access.user.isSiteAdmin || own?.role === "group_leader" };
  if (group.projectOwnerId && access.orgs.some((o) => o.kind === "project_owner" && o.id === group.projectOwnerId))
    return { holder, name: group.name, canManage: false };
  const buyers = access.orgs.filter((o) => BUYER_KINDS.includes(o.kind)).map((o) => o.id);
  if (buyers.length) {
    const [contracts, takeUps] = await Promise.all([
      db.contract.count({ where: { groupId: group.id, buyerId: { in: buyers } } }),
      db.offerAcceptance.count({ where: { groupId: group.id, status: { in: ["pending", "confirmed"] }, offer: { buyerId: { in: buyers } } } }),
    ]);
    if (contracts + takeUps > 0) return { holder, name: group.name, canManage: false };
  }
  return null;
}

/** A buyer's own certificates: its administrators manage them, its staff see them; nobody else. */
export async function orgCertAccess(access: Access, orgId: string): Promise<CertAccess> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, kind: true } });
  if (!org || !BUYER_KINDS.includes(org.kind as OrgKind)) notFound();
  const m = access.orgs.find((o) => o.id === org.id);
  if (!m && !access.user.isSiteAdmin) notFound();
  return { holder: { orgId: org.id }, name: org.name, canManage: access.user.isSiteAdmin || (!!m && isAdminRole(m.role)) };
}

const LISTED = {
  id: true,
  scheme: true,
  schemeName: true,
  number: true,
  body: true,
  products: true,
  areaHa: true,
  membersCovered: true,
  validFrom: true,
  validTo: true,
  fileName: true,
  fileMime: true,
  fileSize: true,
  withdrawnAt: true,
  withdrawnReason: true,
  createdAt: true,
} as const;

export type ListedCertification = {
  id: string;
  scheme: string;
  schemeName: string | null;
  number: string;
  body: string;
  /** The products covered, by name; empty: every product. */
  products: { id: string; name: string; nameEn: string | null }[];
  areaHa: number | null;
  membersCovered: number | null;
  validFrom: string;
  validTo: string;
  file: { name: string; mime: string; size: number } | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  state: CertState;
};

/**
 * A holder's certificates (never their files' bytes), in force first, then by expiry; withdrawn
 * and expired ones stay listed. `today` is Vietnam's (todayInVietnam).
 */
export async function listCertifications(holder: CertHolder, today: string, opts: { inForceOnly?: boolean } = {}): Promise<ListedCertification[]> {
  const rows = await db.certification.findMany({
    where: { ...holderWhere(holder), ...(opts.inForceOnly ? { withdrawnAt: null, validFrom: { lte: today }, validTo: { gte: today } } : {}) },
    select: LISTED,
    orderBy: [{ validTo: "desc" }, { createdAt: "desc" }],
  });
  const ids = [...new Set(rows.flatMap((r) => productIdsOf(r.products)))];
  const products = new Map((await db.product.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true } })).map((p) => [p.id, p]));
  const rank = (s: CertState) => (inForce(s) ? 0 : s === "upcoming" ? 1 : 2);
  return rows
    .map((r) => ({
      id: r.id,
      scheme: r.scheme,
      schemeName: r.schemeName,
      number: r.number,
      body: r.body,
      products: productIdsOf(r.products).flatMap((id) => products.get(id) ?? []),
      areaHa: r.areaHa,
      membersCovered: r.membersCovered,
      validFrom: r.validFrom,
      validTo: r.validTo,
      file: r.fileName && r.fileMime ? { name: r.fileName, mime: r.fileMime, size: r.fileSize ?? 0 } : null,
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
      withdrawnReason: r.withdrawnReason,
      state: certState(r, today),
    }))
    .sort((a, b) => rank(a.state) - rank(b.state));
}

function productIdsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** The products a certificate may cover, for the form and the schema's "must exist" check. */
export function productChoices() {
  return db.product.findMany({ select: { id: true, name: true, nameEn: true }, orderBy: { name: "asc" } });
}

export async function createCertification(holder: CertHolder, input: CertificationInput, byUserId: string): Promise<string> {
  const row = await write((tx) =>
    tx.certification.create({
      data: {
        ...holderWhere(holder),
        scheme: input.scheme,
        schemeName: input.schemeName,
        number: input.number,
        body: input.body,
        products: JSON.stringify(input.products),
        areaHa: input.areaHa,
        membersCovered: input.membersCovered,
        validFrom: input.validFrom,
        validTo: input.validTo,
        fileName: input.file?.name ?? null,
        fileMime: input.file?.mime ?? null,
        fileSize: input.file?.bytes.byteLength ?? null,
        file: input.file ? new Uint8Array(input.file.bytes) : null,
        createdById: byUserId,
      },
      select: { id: true },
    }),
  );
  return row.id;
}

/**
 * Withdraws one of the holder's certificates. Another holder's, or one that does not exist, is
 * "not found" alike; one withdrawn already keeps its first reason.
 */
export async function withdrawCertification(
  holder: CertHolder,
  certificationId: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; error: "error.notFound" | "error.cert.alreadyWithdrawn" }> {
  return write(async (tx) => {
    const cert = await tx.certification.findFirst({ where: { id: certificationId, ...holderWhere(holder) }, select: { id: true, withdrawnAt: true } });
    if (!cert) return { ok: false as const, error: "error.notFound" as const };
    if (cert.withdrawnAt) return { ok: false as const, error: "error.cert.alreadyWithdrawn" as const };
    await tx.certification.update({ where: { id: cert.id }, data: { withdrawnAt: new Date(), withdrawnReason: reason } });
    return { ok: true as const };
  });
}

/** A certificate's file for whoever may see its holder's certificates, else 404 (as for one without a file). */
export async function readCertificationFile(access: Access, certificationId: string): Promise<{ name: string; mime: string; bytes: Uint8Array }> {
  const cert = await db.certification.findUnique({ where: { id: certificationId }, select: { groupId: true, orgId: true } });
  if (!cert) notFound();
  if (cert.groupId) await groupCertAccess(access, cert.groupId);
  else if (cert.orgId) await orgCertAccess(access, cert.orgId);
  else notFound();
  const file = await db.certification.findUnique({ where: { id: certificationId }, select: { file: true, fileName: true, fileMime: true } });
  if (!file?.file || !file.fileName || !file.fileMime) notFound();
  return { name: file.fileName, mime: file.fileMime, bytes: file.file };
}
