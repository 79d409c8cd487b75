// Which menu items a reader may open. Each rule is the check the page's loader makes (or the
// predicate it calls), so what the menu shows and what the page allows cannot drift apart
// (tests/integration/navigation.test.ts opens every item as every kind of account).
import { readsIndicators, readsProjectReports, type Access } from "./access.server";
import { NAV_ITEMS, type NavKey } from "./navigation";

const MAY_OPEN: Record<NavKey, (access: Access) => boolean> = {
  home: () => true,
  // Lists scoped to the reader (an empty list is still a page): anyone signed in.
  offers: () => true,
  contracts: () => true,
  invoices: () => true,
  groups: () => true,
  // passbook.tsx: the first membership with a household of its own, else 404.
  passbook: (a) => a.groups.some((g) => g.householdId),
  dashboard: readsIndicators,
  map: readsIndicators,
  reports: readsProjectReports,
  // admin.tsx: site administrators only (404 to anyone else).
  admin: (a) => a.user.isSiteAdmin,
};

/** The menu items the reader may open, in menu order (none for a visitor: the header offers the login). */
export function navFor(access: Access | null): NavKey[] {
  if (!access) return [];
  return NAV_ITEMS.filter((item) => MAY_OPEN[item.key](access)).map((item) => item.key);
}
