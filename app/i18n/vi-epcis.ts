// Vietnamese words for the EPCIS export on a buyer's page (issue 16; merged into vi.ts).
export const viEpcis = {
  "epcis.title": "Chia sẻ dữ liệu truy xuất (EPCIS 2.0)",
  "epcis.intro":
    "Các lần thu mua dưới dạng sự kiện EPCIS 2.0 (chuẩn GS1) để nhập vào hệ thống truy xuất của khách hàng: lô theo mã, khối lượng tịnh, ngày, điểm thu mua và chứng nhận. Không có tên hay thông tin cá nhân của hộ.",
  "epcis.season": "Vụ",
  "epcis.bySeason": "Tải theo vụ",
  "epcis.from": "Từ ngày",
  "epcis.to": "Đến ngày",
  "epcis.byDates": "Tải theo khoảng ngày",
  "epcis.noSeasons": "Chưa có lần thu mua nào để chia sẻ.",
  "epcis.apiHint": "Hệ thống của khách hàng có thể lấy trực tiếp qua /api/v1/epcis bằng khoá API của tổ chức.",
  "epcis.tokenIntro":
    "Cho hệ thống khác lấy dữ liệu truy xuất các lần thu mua của tổ chức này (EPCIS 2.0) qua /api/v1/epcis. Khoá chỉ truy cập được dữ liệu của tổ chức này.",
} as const;
