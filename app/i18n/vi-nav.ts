// Vietnamese strings of the main navigation and its phone menu (merged into vi.ts).
export const viNav = {
  "nav.menu": "Danh mục",
  "nav.passbook": "Sổ giao hàng",
  "nav.reports": "Báo cáo",
};
