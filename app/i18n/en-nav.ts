import type { viNav } from "./vi-nav";

export const enNav: Record<keyof typeof viNav, string> = {
  "nav.menu": "Menu",
  "nav.passbook": "Passbook",
  "nav.reports": "Reports",
};
