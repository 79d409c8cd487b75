// Vietnamese words for the buyers' bảng kê 01/TNDN (purchases without invoices) and the
// household ID number it needs (merged into vi.ts).
export const viPurchase = {
  "household.idNumber": "Số CCCD của chủ hộ",
  "household.idNumberHint": "12 số (hoặc CMND cũ 9 số). Chỉ dùng để người mua lập bảng kê mua hàng; không bắt buộc.",
  "household.idConsent": "Hộ đã đồng ý cho ghi số CCCD để lập bảng kê mua hàng",
  "error.idNumberShape": "Số CCCD phải gồm 12 chữ số (hoặc CMND cũ 9 chữ số).",
  "error.idConsentRequired": "Cần hộ đồng ý trước khi ghi số CCCD: đánh dấu ô đồng ý hoặc để trống số CCCD.",
  "purchase.title": "Bảng kê thu mua hàng hóa không có hóa đơn (01/TNDN)",
  "purchase.intro": "Bảng kê các lần mua nông sản trực tiếp của hộ gia đình không có hóa đơn, để hạch toán chi phí (mẫu 01/TNDN, Thông tư 78/2014/TT-BTC).",
  "purchase.from": "Từ ngày",
  "purchase.to": "Đến ngày",
  "purchase.pdf": "Tải PDF",
  "purchase.csv": "Tải CSV",
  "purchase.xlsx": "Tải Excel (XLSX)",
  "purchase.preview": "Xem",
  "purchase.rows": "{count} lần mua, {kg} kg, {amount}",
  "purchase.none": "Không có lần mua nào trong kỳ này.",
  "purchase.link": "Bảng kê mua hàng (01/TNDN)",
  "purchase.badPeriod": "Kỳ không hợp lệ: chọn ngày bắt đầu không sau ngày kết thúc.",
} as const;
