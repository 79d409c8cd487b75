// Vietnamese strings of offers and contracts: confirmations, eligibility, draft editing, grade
// and allocation checks (merged into vi.ts).
export const viDeals = {
  "confirm.required": "Hãy đánh dấu ô xác nhận: bước này không hoàn tác được.",
  "confirm.closeOffer": "Tôi xác nhận đóng đơn: các tổ không nhận đơn được nữa và đơn không mở lại được.",
  "confirm.closeOfferHint": "Các hợp đồng đã ký từ đơn này vẫn giữ nguyên. Muốn tạm ngừng nhận thì bấm “Tạm dừng”.",
  "confirm.declineAcceptance": "Tôi xác nhận từ chối đề nghị của tổ này (không hoàn tác được).",
  "confirm.contractMove": "Tôi xác nhận bước này: hợp đồng không quay lại trạng thái trước được.",
  "confirm.cancelStatement": "Tôi xác nhận huỷ phiếu thanh toán này (không hoàn tác được).",
  "eligibility.outside": "Tổ {group} ({place}) không nhận được đơn này: đơn chỉ thu mua ở {area}.",
  "eligibility.placeWithFormer": "{place}; trước 7/2025: {former}",
  "eligibility.outsideHint": "Bên mua chọn nơi thu mua khi lập đơn. Tổ có thể xem các đơn khác đang mở cho địa bàn của mình ở trang Đơn chào mua.",
  "grade.err.price": "Hạng {row}: giá phải từ {min} đến {max} ₫/kg, là số nguyên.",
  "grade.err.duplicate": "Mã hạng “{code}” bị trùng (hạng {first} và hạng {row}).",
  "grade.err.code": "Hạng {row}: cần mã hạng, tối đa {max} ký tự.",
  "grade.err.label": "Hạng {row}: cần tên hạng, tối đa 80 ký tự.",
  "grade.err.row": "Hạng {row}: {message}",
  "grade.priceHint": "Từ {min} đến {max} ₫/kg.",
  "offer.pointRowError": "Điểm thu mua {row}: {message}",
  "alloc.total": "Đã chia cho các hộ: {total} / {volume} tấn đề xuất.",
  "alloc.matches": "Khớp với sản lượng đề xuất.",
  "alloc.short": "Còn thiếu {n} tấn.",
  "alloc.over": "Vượt {n} tấn.",
} as const;
