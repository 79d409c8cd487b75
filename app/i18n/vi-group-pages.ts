// Vietnamese strings of the group pages' feedback (new group, rota, passbook money) and of the
// inbox's notices in the reader's words (merged into vi.ts).
export const viGroupPages = {
  "group.created": "Đã tạo tổ nhóm {name}. Bước tiếp theo: thêm các hộ thành viên.",
  "rota.dayHint": "Chọn ngày để xem ai đã được xếp. Đánh dấu người đi cùng ngày đó; bỏ đánh dấu để bỏ họ khỏi ngày đó.",
  "rota.saved": "Đã lưu lịch ngày {date}: {names}.",
  "rota.savedEmpty": "Đã lưu: ngày {date} không còn ai trong lịch.",
  "rota.checkDay": "Chưa lưu. Đây là danh sách đã lưu cho ngày {date}: đánh dấu lại những người đi cùng rồi bấm Lưu lịch.",
} as const;
