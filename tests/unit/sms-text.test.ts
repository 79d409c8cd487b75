import { describe, expect, it } from "vitest";
import { fitSms, isGsm7, smsLength, smsSegments, toPlainSms, type SmsPart } from "~/domain/reach/sms-text";

// A pickup receipt as the prefs helper would compose it: the figures are kept, the rest may go.
function receipt(extra: Partial<Record<"greeting" | "place", string>> = {}): SmsPart[] {
  return [
    { text: extra.greeting ?? "Cầu Nối:", priority: 0 },
    { text: "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C", keep: true },
    { text: extra.place ?? "tại điểm thu mua Bản Phố, xã Bắc Hà, tỉnh Lào Cai", priority: 1, shorten: true },
  ];
}

describe("GSM-7 and UCS-2 lengths", () => {
  it("knows which characters are GSM-7, counting the extension table as two", () => {
    expect(isGsm7("Da can 268,1 kg loai A")).toBe(true);
    expect(isGsm7("è é ù ì ò à")).toBe(true); // in the GSM basic set, Vietnamese or not
    expect(isGsm7("Đã cân")).toBe(false);
    expect(isGsm7("4.959.850 ₫")).toBe(false); // ₫ is not GSM-7
    expect(smsLength("abc")).toBe(3);
    expect(smsLength("€[]")).toBe(6);
    expect(smsLength("a{b}c")).toBe(7);
    expect(smsLength("Đã cân")).toBe(6); // UCS-2: code units
    expect(smsLength("ok 👍")).toBe(5); // an emoji is two UTF-16 units
  });

  it("counts segments: 160/153 for GSM-7, 70/67 for UCS-2", () => {
    expect(smsSegments("")).toBe(0);
    expect(smsSegments("a".repeat(160))).toBe(1);
    expect(smsSegments("a".repeat(161))).toBe(2);
    expect(smsSegments("a".repeat(306))).toBe(2);
    expect(smsSegments("a".repeat(307))).toBe(3);
    expect(smsSegments("€".repeat(80))).toBe(1); // 160 septets
    expect(smsSegments("€".repeat(81))).toBe(2);
    expect(smsSegments("ạ".repeat(70))).toBe(1);
    expect(smsSegments("ạ".repeat(71))).toBe(2);
    expect(smsSegments("ạ".repeat(134))).toBe(2);
    expect(smsSegments("ạ".repeat(135))).toBe(3);
  });
});

describe("plain Vietnamese", () => {
  it("removes every diacritic, đ included, and writes the dong sign as VND", () => {
    expect(toPlainSms("Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A")).toBe("Da can 268,1 kg loai A, 4.959.850 VND, ma 7F3A");
    expect(toPlainSms("Nguyễn Thị Hương, Ứng Hòa, đường Quốc lộ")).toBe("Nguyen Thi Huong, Ung Hoa, duong Quoc lo");
    expect(toPlainSms("ẮẰẲẴẶ ắằẳẵặ ỨỪỬỮỰ ứừửữự ỚỜỞỠỢ ớờởỡợ")).toBe("AAAAA aaaaa UUUUU uuuuu OOOOO ooooo");
    // Decomposed input (as some keyboards produce) ends the same.
    expect(toPlainSms("Đã cân".normalize("NFD"))).toBe("Da can");
    expect(toPlainSms("“Hạn” – 5…")).toBe('"Han" - 5...');
    expect(isGsm7(toPlainSms("漢字 and ₫ and Ω"))).toBe(true);
  });
});

describe("fitSms", () => {
  it("sends a short receipt with diacritics whole, as unicode", () => {
    const r = fitSms([{ text: "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C", keep: true }], { plain: false });
    expect(r).toMatchObject({ text: "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C", unicode: true, limit: 70, segments: 1, fits: true, cut: 0 });
    expect(r.length).toBe(46);
  });

  it("sends the same receipt plain in GSM-7", () => {
    const r = fitSms([{ text: "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C", keep: true }], { plain: true });
    expect(r).toMatchObject({ text: "Da can 268,1 kg loai A, 4.959.850 VND, ma 7F3A9C", unicode: false, limit: 160, segments: 1, fits: true });
  });

  it("with diacritics, shortens the place and drops the greeting but keeps weight, grade, amount and code", () => {
    const r = fitSms(receipt(), { plain: false });
    expect(r.unicode).toBe(true);
    expect(r.length).toBeLessThanOrEqual(70);
    expect(r.segments).toBe(1);
    expect(r.text).toContain("268,1 kg");
    expect(r.text).toContain("loại A");
    expect(r.text).toContain("4.959.850 ₫");
    expect(r.text).toContain("mã 7F3A9C");
    // The place (priority 1) is shortened with "…" only after the greeting (priority 0) went.
    expect(r.text.startsWith("Cầu Nối")).toBe(false);
    expect(r.text).toBe("Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C tại điểm thu mua Bản…");
    expect(r.cut).toBe(2);
  });

  it("plain, the whole receipt fits 160 with nothing cut", () => {
    const r = fitSms(receipt(), { plain: true });
    expect(r.text).toBe("Cau Noi: Da can 268,1 kg loai A, 4.959.850 VND, ma 7F3A9C tai diem thu mua Ban Pho, xa Bac Ha, tinh Lao Cai");
    expect(r).toMatchObject({ unicode: false, segments: 1, cut: 0, fits: true });
  });

  it("plain, a long tail is shortened with three dots (… is not GSM-7) to exactly fit", () => {
    const r = fitSms(receipt({ place: "tại " + "điểm thu mua rất xa ".repeat(10) }), { plain: true });
    expect(r.unicode).toBe(false);
    expect(r.length).toBeLessThanOrEqual(160);
    expect(r.length).toBeGreaterThan(150); // the room was used, not thrown away
    expect(r.text.endsWith("...")).toBe(true);
    expect(r.text).toContain("Da can 268,1 kg loai A, 4.959.850 VND, ma 7F3A9C");
  });

  it("drops a part whole when it may not be shortened", () => {
    const r = fitSms(
      [
        { text: "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C", keep: true },
        { text: "Xem chi tiết trong ứng dụng Cầu Nối hoặc hỏi trưởng nhóm", priority: 0 },
      ],
      { plain: false },
    );
    expect(r.text).toBe("Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9C");
    expect(r.cut).toBe(1);
  });

  it("counts extension characters as two when fitting", () => {
    const r = fitSms(
      [
        { text: "Ma [7F3A9C]", keep: true },
        { text: "x".repeat(200), shorten: true },
      ],
      { plain: true },
    );
    expect(r.length).toBeLessThanOrEqual(160);
    expect(smsLength(r.text, false)).toBe(r.length);
    expect(r.text.startsWith("Ma [7F3A9C] x")).toBe(true);
    expect(r.text.length).toBe(158); // 2 extension characters → 160 septets
  });

  it("a plain string is one shortenable part", () => {
    const r = fitSms("Thông báo: " + "phiên chợ mới ".repeat(10), { plain: false });
    expect(r.text).toBe("Thông báo: phiên chợ mới phiên chợ mới phiên chợ mới phiên chợ mới…");
    expect(r.length).toBe(67); // ends on a word rather than on "phi…"
    expect(r.segments).toBe(1);
  });

  it("when the kept figures exceed 70 with diacritics, falls back to plain rather than cut them", () => {
    const kept = "Đã cân 268,1 kg loại A và 112,4 kg loại B, 7.081.650 ₫ cho hộ Nguyễn Văn Toàn, mã 7F3A9C";
    expect(kept.length).toBeGreaterThan(70);
    const r = fitSms([{ text: kept, keep: true }], { plain: false });
    expect(r).toMatchObject({ unicode: false, fellBackToPlain: true, fits: true, segments: 1 });
    expect(r.text).toBe("Da can 268,1 kg loai A va 112,4 kg loai B, 7.081.650 VND cho ho Nguyen Van Toan, ma 7F3A9C");
  });

  it("never cuts kept parts, even beyond one plain segment", () => {
    const kept = "mã 7F3A9C ".repeat(20);
    const r = fitSms(
      [
        { text: kept, keep: true },
        { text: "tail", shorten: true },
      ],
      { plain: true },
    );
    expect(r.fits).toBe(false);
    expect(r.text).toBe(toPlainSms(kept).trim());
    expect(r.segments).toBe(2);
  });
});
