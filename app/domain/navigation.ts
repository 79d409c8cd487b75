// The main navigation's items, in the order the menu shows them (shared by server and UI).
// Which of them a reader sees is decided on the server (navigation.server.ts) from the same
// rules the pages' loaders apply, so the menu never offers a page that answers 403.
import type { MessageKey } from "~/i18n";

export const NAV_ITEMS = [
  { key: "home", to: "/", label: "nav.home" },
  { key: "offers", to: "/offers", label: "nav.offers" },
  { key: "contracts", to: "/contracts", label: "nav.contracts" },
  { key: "invoices", to: "/invoices", label: "nav.invoices" },
  { key: "groups", to: "/groups", label: "nav.groups" },
  { key: "passbook", to: "/passbook", label: "nav.passbook" },
  { key: "dashboard", to: "/dashboard", label: "nav.dashboard" },
  { key: "map", to: "/map", label: "nav.map" },
  { key: "reports", to: "/reports", label: "nav.reports" },
  { key: "admin", to: "/admin", label: "nav.admin" },
] as const satisfies readonly { key: string; to: string; label: MessageKey }[];

export type NavKey = (typeof NAV_ITEMS)[number]["key"];
