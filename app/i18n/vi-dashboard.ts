// Vietnamese strings of the dashboards, maps and programme report (merged into vi.ts).
export const viDashboard = {
  "nav.dashboard": "Chỉ số",
  "nav.map": "Bản đồ",
} as const;
