// The parts of certificates that need no server: what a file is by its first bytes, the name it
// is kept under, where a certificate stands on a day (both dates included, 60 days "expiring"),
// and the form's checks.
import { describe, expect, it } from "vitest";
import { certificationSchema, MAX_CERT_FILE_BYTES, safeFileName, sniffCertFile } from "~/domain/certifications/certification.schema";
import { certState } from "~/domain/certifications/state";

const bytes = (...b: (number | string)[]) => new Uint8Array(b.flatMap((x) => (typeof x === "string" ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe("a certificate file is what its first bytes say", () => {
  it("knows PDF, JPEG, PNG and WebP", () => {
    expect(sniffCertFile(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffCertFile(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe("image/jpeg");
    expect(sniffCertFile(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffCertFile(bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses text, HTML, SVG, a WAV (RIFF but not WebP), a zip and an empty file", () => {
    for (const b of [
      bytes("Giấy chứng nhận"),
      bytes("<!DOCTYPE html><script>"),
      bytes("<svg xmlns="),
      bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt "),
      bytes("PK", 3, 4),
      bytes(),
      bytes(" %PDF-1.4"),
    ])
      expect(sniffCertFile(b)).toBeNull();
  });
});

describe("the name a file is kept under", () => {
  it("keeps the person's name, drops any path and header-breaking characters, and ends in the real type's extension", () => {
    expect(safeFileName("Giấy chứng nhận VietGAP.pdf", "application/pdf")).toBe("Giấy chứng nhận VietGAP.pdf");
    expect(safeFileName("C:\\Ảnh\\chụp.jpg", "image/png")).toBe("chụp.png");
    expect(safeFileName('../../etc/"a";\r\nb.pdf', "application/pdf")).toBe("ab.pdf");
    expect(safeFileName("", "image/webp")).toBe("chung-nhan.webp");
    expect(safeFileName("x".repeat(300) + ".pdf", "application/pdf")).toHaveLength(104);
  });
});

describe("where a certificate stands on a day", () => {
  const c = { validFrom: "2026-01-01", validTo: "2026-12-31", withdrawnAt: null };
  it("counts both dates as valid days and the last 60 days as expiring", () => {
    expect(certState(c, "2025-12-31")).toBe("upcoming");
    expect(certState(c, "2026-01-01")).toBe("valid");
    expect(certState(c, "2026-10-31")).toBe("valid"); // 61 days left
    expect(certState(c, "2026-11-01")).toBe("expiring"); // 60 days left: 2026-11-01 + 60 = 2026-12-31
    expect(certState(c, "2026-12-31")).toBe("expiring");
    expect(certState(c, "2027-01-01")).toBe("expired");
  });
  it("a withdrawn one is withdrawn whatever its dates", () => {
    expect(certState({ ...c, withdrawnAt: "2026-03-01T00:00:00.000Z" }, "2026-06-01")).toBe("withdrawn");
  });
});

describe("the certificate form's checks", () => {
  const schema = certificationSchema(["p-coffee"]);
  const form = { scheme: "vietgap", number: "VG-1", body: "Trung tâm", validFrom: "2026-01-01", validTo: "2026-12-31" };
  const issues = (v: Record<string, unknown>) => schema.safeParse(v).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

  it("takes a well-filled form, with a comma decimal area and no file", () => {
    const r = schema.parse({ ...form, areaHa: "12,5", membersCovered: "18", products: "p-coffee" });
    expect(r).toMatchObject({ areaHa: 12.5, membersCovered: 18, products: ["p-coffee"], file: null, schemeName: null });
  });

  it("one valid day (from = to) is allowed; to before from is an error on “valid to”", () => {
    expect(issues({ ...form, validTo: "2026-01-01" })).toEqual([]);
    expect(issues({ ...form, validTo: "2025-12-31" })).toEqual(["validTo: error.cert.toBeforeFrom"]);
    expect(issues({ ...form, validFrom: "2026-02-30" })).toEqual(["validFrom: error.date"]);
  });

  it("refuses a negative area, a fractional or negative member count, “other” without a name, an unknown product", () => {
    expect(issues({ ...form, areaHa: "-0,5" })).toEqual(["areaHa: error.range"]);
    expect(issues({ ...form, membersCovered: "2,5" })).toEqual(["membersCovered: error.integer"]);
    expect(issues({ ...form, membersCovered: "-3" })).toEqual(["membersCovered: error.range"]);
    expect(issues({ ...form, scheme: "other" })).toEqual(["schemeName: error.cert.otherName"]);
    expect(issues({ ...form, products: ["p-coffee", "p-ghost"] })).toEqual(["products: error.cert.unknownProduct"]);
    expect(issues({ ...form, scheme: "halal" })).toEqual(["scheme: error.required"]);
  });

  it("checks the file by its bytes and its size, and names it by what it is", () => {
    const pdf = bytes("%PDF-1.4\n");
    expect(schema.parse({ ...form, file: { name: "scan.jpg", bytes: pdf } }).file).toMatchObject({ name: "scan.pdf", mime: "application/pdf" });
    expect(issues({ ...form, file: { name: "scan.pdf", bytes: bytes("hello") } })).toEqual(["file: error.cert.fileType"]);
    const big = new Uint8Array(MAX_CERT_FILE_BYTES + 1);
    big.set(pdf);
    expect(issues({ ...form, file: { name: "big.pdf", bytes: big } })).toEqual(["file: error.cert.fileTooBig"]);
    const exact = new Uint8Array(MAX_CERT_FILE_BYTES);
    exact.set(pdf);
    expect(issues({ ...form, file: { name: "ok.pdf", bytes: exact } })).toEqual([]);
  });
});
