// The import's problems in the reader's language (issue 15): every problem a bundle can get
// carries a catalogue key, so the import page says it in Vietnamese or English, while `reason`
// stays the English text the API and the command line have always printed.
import { afterAll, describe, expect, it } from "vitest";
import { loadBundle } from "../support/bundle-fixtures";
import { tempDatabase } from "../support/temp-db";

tempDatabase("import-language");
const { disconnect } = await import("~/utils/db.server");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { problemText } = await import("~/domain/bundle/problems");
const { isMessageKey } = await import("~/i18n");

afterAll(() => disconnect());

describe("a refused bundle's problems in both languages", () => {
  it("tare above gross, a negative weight, a wrong type, an unknown ref, a bad date: each said in Vietnamese and in English", async () => {
    const r = await importBundle(loadBundle("invalid"), OPERATOR);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toHaveLength(8);
    for (const p of problems) {
      expect(p.code && isMessageKey(p.code), `${p.path}: ${p.reason}`).toBe(true);
      expect(problemText("vi", p), p.path).not.toBe(problemText("en", p));
    }
    const at = (path: string) => problems.find((p) => p.path === path)!;
    const tare = at("$.pickups[0].lots[1].tareKg");
    expect(tare.reason).toBe("tare above gross");
    expect(problemText("en", tare)).toBe("tare above gross");
    expect(problemText("vi", tare)).toBe("Bì lớn hơn tổng khối lượng cân.");
    expect(problemText("vi", at("$.pickups[0].lots[0].tareKg"))).toBe("Khối lượng không được âm.");
    expect(problemText("vi", at("$.pickups[0].lots[2].grade"))).toBe("Loại “Z” không có trong hợp đồng “x-c-1”.");
    expect(problemText("vi", at("$.contracts[2].buyerRef"))).toBe("Không có tổ chức mang mã “x-nobody”.");
    expect(problemText("vi", at("$.contracts[1].areaHa"))).toBe("Sai kiểu dữ liệu: cần number.");
    expect(problemText("vi", at("$.payments[0].paidOn"))).toBe("Không có ngày này trong lịch.");
    // The English reason is what it always was.
    expect(at("$.contracts[2].buyerRef").reason).toBe('no organisation with ref "x-nobody"');
    expect(at("$.households[2].ref").reason).toMatch(/^duplicate ref "x-hh-1" \(also at \$\.households\[\d\]\)$/);
  });
});
