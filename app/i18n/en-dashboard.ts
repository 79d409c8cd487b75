import type { viDashboard } from "./vi-dashboard";

export const enDashboard: Record<keyof typeof viDashboard, string> = {
  "nav.dashboard": "Indicators",
  "nav.map": "Map",
};
