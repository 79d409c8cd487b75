import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, toCsv } from "~/utils/csv.server";

describe("the app's CSV writer", () => {
  it("starts with a UTF-8 byte-order mark and ends every row with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c", "d"],
      ]),
    ).toBe("\uFEFFa,b\r\nc,d\r\n");
  });

  it("quotes per RFC 4180: commas, quotes, line ends (and semicolons, for Excel in Vietnamese)", () => {
    expect(csvCell("Hồ Thị Lan")).toBe("Hồ Thị Lan");
    expect(csvCell("Khe Sanh, Hướng Hóa")).toBe('"Khe Sanh, Hướng Hóa"');
    expect(csvCell('HTX "Đoàn Kết"')).toBe('"HTX ""Đoàn Kết"""');
    expect(csvCell("dòng 1\r\ndòng 2")).toBe('"dòng 1\r\ndòng 2"');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell("Hướng Hóa; Vân Hồ")).toBe('"Hướng Hóa; Vân Hồ"');
  });

  it("writes text a spreadsheet would run as a formula behind an apostrophe", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
    // Only at the start: a formula sign inside text is harmless.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("Tổ 1 - Khe Sanh")).toBe("Tổ 1 - Khe Sanh");
  });

  it("writes numbers as numbers, negative ones included, and nothing for empty or non-finite values", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.125)).toBe("0.125");
    expect(csvCell(28_000_000)).toBe("28000000");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Infinity)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("answers a download that is not cached, with an ASCII and a UTF-8 file name", async () => {
    const res = csvResponse("báo-cáo-Đắk Lắk\uD800", [["x", 1]]);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="bao-cao-Dak-Lak.csv"; filename*=UTF-8''${encodeURIComponent("báo-cáo-Đắk Lắk")}.csv`,
    );
    expect(await res.text()).toBe("x,1\r\n"); // the BOM is read away by text()
  });
});
