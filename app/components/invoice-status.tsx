import { useT } from "~/i18n/use-t";

const CLASS: Record<string, string> = {
  paid: "status-completed",
  partly_paid: "status-paused",
  unpaid: "status-draft",
  overdue: "status-closed",
  cancelled: "status-cancelled",
};

export function InvoiceStatusBadge({ state }: { state: string }) {
  const t = useT();
  return <span className={`badge ${CLASS[state] ?? ""}`}>{t.dynamic(`invoiceStatus.${state}`)}</span>;
}
