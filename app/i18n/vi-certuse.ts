// Vietnamese strings of what certificates change: offers that require a scheme, take-ups refused
// for want of one, the certificates a pickup records, expiry reminders, the dashboard's certified
// area and volume (merged into vi.ts). The certificate forms' own strings are vi-certifications.ts.
export const viCertuse = {
  "certuse.requiredScheme": "Yêu cầu chứng nhận",
  "certuse.requiredSchemeNone": "Không yêu cầu",
  "certuse.requiredSchemeHint":
    "Chỉ tổ có chứng nhận này còn hiệu lực cho sản phẩm của đơn — vào ngày nhận đơn và cả ngày bắt đầu thu mua — mới nhận được đơn.",
  "certuse.requires": "Yêu cầu chứng nhận {scheme}",
  "certuse.required.vietgap": "Đơn này yêu cầu chứng nhận VietGAP còn hiệu lực; tổ chưa có.",
  "certuse.required.organic": "Đơn này yêu cầu chứng nhận Hữu cơ còn hiệu lực; tổ chưa có.",
  "certuse.required.pgs": "Đơn này yêu cầu chứng nhận PGS còn hiệu lực; tổ chưa có.",
  "certuse.required.globalgap": "Đơn này yêu cầu chứng nhận GlobalG.A.P. còn hiệu lực; tổ chưa có.",
  "certuse.required.rainforest": "Đơn này yêu cầu chứng nhận Rainforest Alliance còn hiệu lực; tổ chưa có.",
  "certuse.required.fairtrade": "Đơn này yêu cầu chứng nhận Fairtrade còn hiệu lực; tổ chưa có.",
  "certuse.required.other": "Đơn này yêu cầu một chứng nhận còn hiệu lực; tổ chưa có.",
  "certuse.missingFor": "{group}:",
  "certuse.missingHint":
    "Chứng nhận phải còn hiệu lực cho sản phẩm của đơn vào ngày nhận đơn và đến ngày bắt đầu thu mua ({date}), và chưa bị thu hồi. Tổ ghi chứng nhận ở trang của tổ.",
  "certuse.pickupCerts": "Chứng nhận",
  "certuse.pickupCert": "{scheme} số {number} (đến {date})",
  "certuse.pickupNone": "Không có chứng nhận nào còn hiệu lực vào ngày cân.",
  "notify.certificate_expiring": "Chứng nhận {scheme} số {number} của {holder} hết hạn ngày {date} (còn {days} ngày).",
  "certuse.dash.title": "Chứng nhận",
  "certuse.dash.hint":
    "Diện tích: tổng ha của các chứng nhận còn hiệu lực hôm nay của các tổ trong phạm vi, mỗi tổ tính một lần cho mỗi loại chứng nhận. Sản lượng: khối lượng tịnh các lô (sau sửa) của vụ này thuộc lần cân có ghi chứng nhận.",
  "certuse.dash.scheme": "Chứng nhận",
  "certuse.dash.groups": "Số tổ",
  "certuse.dash.area": "Diện tích (ha)",
  "certuse.dash.volume": "Sản lượng (tấn)",
  "certuse.dash.anyScheme": "Có ít nhất một chứng nhận",
  "certuse.dash.none": "Chưa có chứng nhận nào trong phạm vi này.",
} as const;
