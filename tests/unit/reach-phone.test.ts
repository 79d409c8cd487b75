// Vietnamese mobile numbers, the settings form's checks, message texts that fit one SMS
// segment, quiet hours and the receipt code: the pure parts of reaching people (issue 17).
import { describe, expect, it } from "vitest";
import { carrierOf, displayVnMobile, MOBILE_PREFIXES, normaliseVnMobile } from "~/domain/reach/phone";
import { householdContactSchema, userPreferencesSchema } from "~/domain/reach/preferences.schema";
import { ALL_REACH_KINDS, groupsOfKinds, kindsOfGroups, quietUntil, wantsKind } from "~/domain/reach/preferences";
import { renderMessage, withoutDiacritics } from "~/domain/reach/messages.server";
import { normaliseReceiptCode, receiptCode } from "~/domain/reach/receipt-code";
import { translate } from "~/i18n";
import { parseWith } from "~/utils/forms";

describe("Vietnamese mobile numbers", () => {
  it("accepts 0…, +84…, 84… with spaces, dots, dashes and brackets, kept as 84xxxxxxxxx", () => {
    for (const input of [
      "0912345678",
      "0912 345 678",
      "0912.345.678",
      "+84912345678",
      "+84 912 345 678",
      "84912345678",
      "(+84) 912-345-678",
      " 091 234 5678 ",
    ]) {
      expect(normaliseVnMobile(input), input).toBe("84912345678");
    }
  });

  it("knows every current prefix per carrier (Viettel 086 096 097 098 032–039, …, Reddi 055)", () => {
    const expected: Record<string, string[]> = {
      viettel: ["086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"],
      vinaphone: ["088", "091", "094", "081", "082", "083", "084", "085"],
      mobifone: ["089", "090", "093", "070", "076", "077", "078", "079"],
      vietnamobile: ["092", "052", "056", "058"],
      gmobile: ["099", "059"],
      itel: ["087"],
      reddi: ["055"],
    };
    for (const [carrier, prefixes] of Object.entries(expected)) {
      expect([...MOBILE_PREFIXES[carrier as keyof typeof MOBILE_PREFIXES]].map((p) => `0${p}`).sort()).toEqual([...prefixes].sort());
      for (const p of prefixes) {
        const n = normaliseVnMobile(`${p}1234567`);
        expect(n, p).toBe(`84${p.slice(1)}1234567`);
        expect(carrierOf(n!)).toBe(carrier);
      }
    }
  });

  it("refuses landlines, short numbers, old 11-digit numbers, unused prefixes and words", () => {
    for (const input of [
      "02433123456", // Hà Nội landline
      "+842838123456", // Hồ Chí Minh landline
      "1900545411", // hotline
      "113",
      "0912 345 67", // a digit short
      "09123456789", // a digit too many
      "01662345678", // an old 11-digit Viettel number, renumbered in 2018
      "0801234567", // 080: not a mobile prefix
      "0951234567", // 095: not in use
      "0531234567",
      "0741234567",
      "+1 912 345 6789",
      "0912abc678",
      "",
    ]) {
      expect(normaliseVnMobile(input), input).toBeNull();
    }
  });

  it("writes a number back the way people read it", () => {
    expect(displayVnMobile("84912345678")).toBe("0912 345 678");
  });
});

describe("the settings form", () => {
  const base = { smsPhone: "", zaloPhone: "", email: "", quietStart: "", quietEnd: "" };

  it("says in Vietnamese what is wrong with a phone or an email", () => {
    const r = parseWith(userPreferencesSchema, { ...base, smsPhone: "024 3312 3456", zaloPhone: "12345", email: "lan@" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.smsPhone).toEqual(["error.vnMobile"]);
    expect(r.errors.zaloPhone).toEqual(["error.vnMobile"]);
    expect(r.errors.email).toEqual(["error.email"]);
    expect(translate("vi", "error.vnMobile")).toBe("Số điện thoại di động Việt Nam không hợp lệ");
    expect(translate("en", "error.vnMobile")).toBe("Not a valid Vietnamese mobile number");
  });

  it("keeps numbers normalised, blanks as none, and needs both ends of quiet hours", () => {
    const ok = parseWith(userPreferencesSchema, {
      ...base,
      smsPhone: "0912 345 678",
      smsPlain: "on",
      quietStart: "21:00",
      quietEnd: "06:00",
      groups: ["pickups", "payments"],
    });
    expect(ok.ok && ok.data).toEqual({
      smsPhone: "84912345678",
      smsPlain: true,
      zaloPhone: null,
      email: null,
      quietStart: "21:00",
      quietEnd: "06:00",
      groups: ["pickups", "payments"],
    });
    const half = parseWith(userPreferencesSchema, { ...base, quietStart: "21:00" });
    expect(!half.ok && half.errors.quietEnd).toEqual(["error.quietBoth"]);
    const badTime = parseWith(userPreferencesSchema, { ...base, quietStart: "25:00", quietEnd: "06:00" });
    expect(!badTime.ok && badTime.errors.quietStart).toEqual(["error.quietTime"]);
  });

  it("a household's phone needs the consent box ticked", () => {
    const r = parseWith(householdContactSchema, { smsPhone: "0987654321" });
    expect(!r.ok && r.errors.consent).toEqual(["error.consentRequired"]);
    const ok = parseWith(householdContactSchema, { smsPhone: "0987 654 321", consent: "on" });
    expect(ok.ok && ok.data).toEqual({ smsPhone: "84987654321", smsPlain: false, consent: true });
  });
});

describe("which events", () => {
  it("maps the groups a person ticks to notice kinds, and back", () => {
    expect(kindsOfGroups(["certificates", "payments"])).toEqual(["certificate_expiring", "payment_recorded"]);
    expect(groupsOfKinds(["pickup_receipt", "offer_published"])).toEqual(["offers", "pickups"]);
    expect(groupsOfKinds(null)).toHaveLength(9);
    expect(wantsKind(null, "dispute_opened")).toBe(true);
    expect(wantsKind('["pickup_receipt"]', "dispute_opened")).toBe(false);
    expect(wantsKind('["pickup_receipt"]', "pickup_receipt")).toBe(true);
  });

  it("holds messages in quiet hours over midnight, Vietnam time", () => {
    const quiet = { quietStart: "21:00", quietEnd: "06:00" };
    // 22:30 in Vietnam is 15:30 UTC: held until 06:00 Vietnam = 23:00 UTC.
    expect(quietUntil(quiet, new Date("2026-12-02T15:30:00Z"))?.toISOString()).toBe("2026-12-02T23:00:00.000Z");
    expect(quietUntil(quiet, new Date("2026-12-02T22:59:00Z"))?.toISOString()).toBe("2026-12-02T23:00:00.000Z");
    expect(quietUntil(quiet, new Date("2026-12-02T23:00:00Z"))).toBeNull();
    expect(quietUntil(quiet, new Date("2026-12-02T05:00:00Z"))).toBeNull(); // 12:00 in Vietnam
    expect(quietUntil({ quietStart: "12:00", quietEnd: "13:30" }, new Date("2026-12-02T05:15:00Z"))?.toISOString()).toBe("2026-12-02T06:30:00.000Z");
    expect(quietUntil({ quietStart: null, quietEnd: null }, new Date())).toBeNull();
  });
});

// Typical values for every kind's parameters, as notify() passes them.
const SAMPLE: Record<string, Record<string, string | number>> = {
  offer_published: { buyer: "Công ty Cà phê Khe Sanh", offer: "Cà phê quả tươi vụ 2026" },
  acceptance_submitted: { group: "Tổ cà phê Hướng Phùng", offer: "Cà phê quả tươi", tonnes: 12.5 },
  acceptance_confirmed: { offer: "Cà phê quả tươi", group: "Tổ Hướng Phùng" },
  acceptance_declined: { offer: "Cà phê quả tươi", reason: "Hết chỉ tiêu" },
  contract_status: { contract: "HD-2026-014", group: "Tổ Hướng Phùng", status: "completed" },
  renewal_created: { contract: "HD-2026-014", group: "Tổ Hướng Phùng", season: "Vụ 2027" },
  renewal_due: { contract: "HD-2026-014", group: "Tổ Hướng Phùng" },
  pickup_recorded: { contract: "HD-2026-014", lots: 12, kg: 1234.5, date: "2026-12-02" },
  pickup_unwitnessed: { contract: "HD-2026-014", lots: 3, kg: 804.2, date: "2026-12-02" },
  dispute_opened: { contract: "HD-2026-014", lot: "l-x", reason: "Cân thiếu" },
  dispute_resolved: { contract: "HD-2026-014", lot: "l-x", outcome: "corrected", explanation: "Đã cân lại" },
  lot_corrected: { contract: "HD-2026-014", lot: "l-x", outcome: "corrected", explanation: "Gõ nhầm bì" },
  project_request: { group: "Tổ Hướng Phùng" },
  project_accepted: { group: "Tổ Hướng Phùng", project: "Dự án GIZ" },
  project_declined: { group: "Tổ Hướng Phùng", project: "Dự án GIZ" },
  membership_invitation: { place: "HTX Khe Sanh", role: "group_member", invitationId: "x" },
  certificate_expiring: { certificate: "VietGAP 123", date: "2027-01-15" },
  pickup_receipt: { kg: 268.1, grades: "A", amount: 4959850, code: "7F3A9K", contract: "HD-2026-014", date: "2026-12-02" },
  statement_issued: { number: "BK-2026-0042", amount: 12500000 },
  payment_recorded: { amount: 12500000, date: "2026-12-02" },
};

describe("message texts", () => {
  it("every kind has a text in both languages that fits one SMS segment (70 with diacritics, 160 without)", () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...ALL_REACH_KINDS].sort());
    for (const kind of ALL_REACH_KINDS) {
      for (const locale of ["vi", "en"] as const) {
        const rich = renderMessage(kind, SAMPLE[kind], { channel: "sms", locale }).body;
        const plain = renderMessage(kind, SAMPLE[kind], { channel: "sms", locale, plain: true }).body;
        expect([...rich].length, `${kind} ${locale}: ${rich}`).toBeLessThanOrEqual(70);
        expect(plain.length, `${kind} ${locale}: ${plain}`).toBeLessThanOrEqual(160);
        expect(plain, plain).toMatch(/^[\x20-\x7e]+$/);
        expect(rich, `${kind} ${locale}`).not.toMatch(/[{}]/);
        expect(rich.endsWith("…"), `${kind} ${locale} cut short: ${rich}`).toBe(false);
      }
    }
  });

  it("a pickup receipt reads as the household keeps it", () => {
    expect(renderMessage("pickup_receipt", SAMPLE.pickup_receipt, { channel: "sms", locale: "vi" }).body).toBe(
      "Đã cân 268,1 kg loại A, 4.959.850 ₫, mã 7F3A9K, HĐ HD-2026-014",
    );
    expect(renderMessage("pickup_receipt", SAMPLE.pickup_receipt, { channel: "sms", locale: "vi", plain: true }).body).toBe(
      "Da can 268,1 kg loai A, 4.959.850 VND, ma 7F3A9K, HD HD-2026-014",
    );
    // A long contract number: the shorter text, still with the figures and the code.
    const long = { ...SAMPLE.pickup_receipt, contract: "HD-HUONG-PHUNG-2026-0001", grades: "A+B" };
    expect(renderMessage("pickup_receipt", long, { channel: "sms", locale: "vi" }).body).toBe("Đã cân 268,1 kg loại A+B, 4.959.850 ₫, mã 7F3A9K");
  });

  it("shortens what a person typed, never the figures", () => {
    const long = { buyer: "Công ty TNHH Thương mại và Dịch vụ Cà phê Khe Sanh Quảng Trị", offer: "Thu mua cà phê quả tươi chín đỏ vụ 2026–2027 tại Hướng Hóa" };
    const body = renderMessage("offer_published", long, { channel: "sms", locale: "vi" }).body;
    expect([...body].length).toBeLessThanOrEqual(70);
    expect(body).toContain("đăng đơn thu mua mới");
    const tonnes = renderMessage(
      "acceptance_submitted",
      { group: "Tổ cà phê thôn Hướng Phùng xã Hướng Phùng", offer: "Cà phê quả tươi chín đỏ", tonnes: 12.5 },
      { channel: "sms", locale: "vi" },
    ).body;
    expect(tonnes).toContain("12,5 tấn");
    expect([...tonnes].length).toBeLessThanOrEqual(70);
  });

  it("numbers and dates in the reader's way: 1.234,5 kg for Vietnamese, 1,234.5 kg for English", () => {
    expect(renderMessage("pickup_recorded", SAMPLE.pickup_recorded, { channel: "sms", locale: "vi" }).body).toBe(
      "Đã cân ngày 02/12/2026, HĐ HD-2026-014: 12 lô, 1.234,5 kg",
    );
    expect(renderMessage("pickup_recorded", SAMPLE.pickup_recorded, { channel: "sms", locale: "en" }).body).toBe(
      "Pickup 02/12/2026, contract HD-2026-014: 12 lots, 1,234.5 kg",
    );
    expect(renderMessage("contract_status", SAMPLE.contract_status, { channel: "sms", locale: "vi" }).body).toBe(
      "Hợp đồng HD-2026-014 chuyển sang: Hoàn thành",
    );
  });

  it("an email has a subject, text and HTML with what people typed escaped", () => {
    const m = renderMessage(
      "acceptance_declined",
      { offer: "Cà phê <b>đỏ</b>", reason: 'Hết "chỉ tiêu" & kho' },
      { channel: "email", locale: "vi", link: "https://caunoi.vn/offers/1?a=1&b=2" },
    );
    expect(m.subject).toBe("Đơn Cà phê <b>đỏ</b> bị từ chối");
    expect(m.body).toContain('Bên mua từ chối đề nghị nhận đơn Cà phê <b>đỏ</b>: Hết "chỉ tiêu" & kho.');
    expect(m.body).toContain("Xem chi tiết: https://caunoi.vn/offers/1?a=1&b=2");
    expect(m.html).toContain("Cà phê &lt;b&gt;đỏ&lt;/b&gt;: Hết &quot;chỉ tiêu&quot; &amp; kho.");
    expect(m.html).toContain('href="https://caunoi.vn/offers/1?a=1&amp;b=2"');
    expect(m.html).not.toContain("<b>");
  });

  it("Zalo gets a flat map of strings named like the parameters", () => {
    const m = renderMessage("pickup_receipt", SAMPLE.pickup_receipt, { channel: "zalo", locale: "vi" });
    expect(m.params).toMatchObject({ kg: "268,1", grades: "A", amount: "4.959.850 ₫", code: "7F3A9K", contract: "HD-2026-014", date: "02/12/2026" });
    for (const v of Object.values(m.params!)) expect(typeof v).toBe("string");
  });

  it("removes diacritics the way basic phones need", () => {
    expect(withoutDiacritics("Đã cân 268,1 kg loại A, 4.959.850 ₫ — Hướng Phùng")).toBe("Da can 268,1 kg loai A, 4.959.850 d - Huong Phung");
  });
});

describe("the receipt code", () => {
  const head = "3f5e6a2b9c1d".padEnd(64, "0");
  it("is six Crockford base32 symbols, the same for the same head and household", () => {
    const code = receiptCode(head, "hh-1");
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(receiptCode(head, "hh-1")).toBe(code);
    expect(receiptCode(head, "hh-2")).not.toBe(code);
    expect(receiptCode(head.replace(/^3/, "4"), "hh-1")).not.toBe(code);
  });

  it("matches the documented recipe: sha256 of receipt:<head>:<household>, first 30 bits", async () => {
    const crypto = await import("node:crypto");
    const digest = crypto.createHash("sha256").update(`receipt:${head}:hh-1`).digest();
    const bits = [...digest.subarray(0, 4)]
      .map((b) => b.toString(2).padStart(8, "0"))
      .join("")
      .slice(0, 30);
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const expected = bits
      .match(/.{5}/g)!
      .map((b) => alphabet[parseInt(b, 2)])
      .join("");
    expect(receiptCode(head, "hh-1")).toBe(expected);
  });

  it("reads a code back as people type it", () => {
    expect(normaliseReceiptCode("7f3a 9k")).toBe("7F3A9K");
    expect(normaliseReceiptCode("7F3-A9K")).toBe("7F3A9K");
    expect(normaliseReceiptCode("O1LI23")).toBe("011123");
    expect(normaliseReceiptCode("7F3A9")).toBeNull();
    expect(normaliseReceiptCode("7F3A9U")).toBeNull();
  });
});
