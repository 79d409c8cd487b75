// The audit log an administrator reads: who logged in (or failed to), who was refused, what
// was exported or imported. Written in its own small write so it never blocks the request.
import { db, write } from "~/utils/db.server";

export type AuditAction = "login" | "login_failed" | "denied" | "export" | "import";

export async function audit(entry: {
  action: AuditAction;
  userId?: string | null;
  organisationId?: string | null;
  detail?: Record<string, unknown>;
}): Promise<void> {
  await write((tx) =>
    tx.auditLog.create({
      data: { action: entry.action, userId: entry.userId ?? null, organisationId: entry.organisationId ?? null, detail: JSON.stringify(entry.detail ?? {}) },
    }),
  );
}

export function recentAudit(limit = 200) {
  return db.auditLog.findMany({ orderBy: { at: "desc" }, take: limit });
}
