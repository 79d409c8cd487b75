// Vietnamese strings of the offline field pages (merged into vi.ts).
export const viOffline = {
  "offline.queueTitle": "Phiếu cân lưu trên máy",
  "offline.item": "Lần cân ngày {date}, {n} lô:",
  "offline.waiting": "đang chờ gửi",
  "offline.sent": "đã gửi.",
  "offline.seePickup": "Xem lần cân",
  "offline.refused": "bị từ chối",
  "offline.drop": "Bỏ phiếu này",
  "offline.queued": "Chưa có mạng: phiếu cân đã lưu trên máy và sẽ tự gửi khi có mạng (mỗi phiếu chỉ ghi một lần). Có thể ghi phiếu tiếp theo.",
  "offline.logoutLoses": "Còn {n} phiếu cân lưu trên máy chưa được ghi lên hệ thống. Đăng xuất sẽ xoá chúng khỏi máy và không lấy lại được. Vẫn đăng xuất?",
} as const;
