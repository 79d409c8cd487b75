// Vietnamese strings of the maps' province outlines (merged into vi.ts): the 34 provinces since
// July 2025 by default, the 63 before it on request (docs/decisions/0020).
export const viMaps = {
  "map.outlines": "Ranh giới tỉnh",
  "map.outlines.2025": "34 tỉnh, thành (từ 7/2025)",
  "map.outlines.2019": "63 tỉnh, thành (trước 7/2025)",
  "map.outlines.show": "Đổi ranh giới",
  "map.outlines.hint2019": "Tô màu theo tỉnh cũ ghi trong hồ sơ trước 7/2025. Tổ nhóm đăng ký theo đơn vị mới được tính vào tỉnh cũ cùng tên với tỉnh mới.",
  "map.province.formerly": "trước 7/2025: {names}",
  "map.province.now": "nay thuộc {name}",
} as const;
