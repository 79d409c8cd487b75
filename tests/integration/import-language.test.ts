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
    expect(problemText("vi", at("$.contracts[1].areaHa"))).toBe("“areaHa” phải là một số.");
    expect(problemText("en", at("$.contracts[1].areaHa"))).toBe('"areaHa" must be a number');
    expect(problemText("vi", at("$.payments[0].paidOn"))).toBe("Không có ngày này trong lịch.");
    // The English reason is what it always was.
    expect(at("$.contracts[2].buyerRef").reason).toBe('no organisation with ref "x-nobody"');
    expect(at("$.households[2].ref").reason).toMatch(/^duplicate ref "x-hh-1" \(also at \$\.households\[\d\]\)$/);
  });
});

// The type words of JSON and of the validator, which say nothing to the person who typed the file
// ("a number" is plain English, so English may say "number"; Vietnamese never borrows it).
const TYPE_WORDS = {
  vi: /\b(number|string|boolean|array|object|undefined|null|int|nan|bigint)\b/i,
  en: /\b(string|boolean|array|object|undefined|null|int|nan|bigint|expected|received|type)\b/i,
};

describe("a bundle with values of the wrong kind", () => {
  it("says in words, in Vietnamese and in English, what each field needs, naming the field", async () => {
    const b = loadBundle("chain");
    const hh = b.households as Record<string, unknown>[];
    const contracts = b.contracts as Record<string, unknown>[];
    const payments = b.payments as Record<string, unknown>[];
    hh[0] = { ...hh[0], ethnicMinority: "có" };
    hh[1] = { ...hh[1], members: 2.5 };
    hh[2] = { ...hh[2], headSex: "nữ" };
    const { headName: _, ...noName } = hh[3];
    hh[3] = noName;
    hh[4] = { ...hh[4], headName: "" };
    contracts[0] = { ...contracts[0], areaHa: "10", grades: {} };
    contracts[1] = { ...contracts[1], paymentTermsDays: 400, grades: [] };
    payments[0] = { ...payments[0], amountVnd: 0, invoiceRef: 7 };
    const r = await importBundle(b, OPERATOR);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    const at = (path: string) => problems.find((p) => p.path === path);
    const expected: [string, string, string][] = [
      ["$.households[0].ethnicMinority", "“ethnicMinority” phải là có hoặc không (true hoặc false).", '"ethnicMinority" must be yes or no (true or false)'],
      ["$.households[1].members", "“members” phải là một số nguyên.", '"members" must be a whole number'],
      ["$.households[2].headSex", '“headSex” phải là một trong các giá trị: "female", "male".', '"headSex" must be one of: "female", "male"'],
      ["$.households[3].headName", "Thiếu trường bắt buộc “headName”.", 'the required field "headName" is missing'],
      ["$.households[4].headName", "“headName” không được để trống.", '"headName" must not be empty'],
      ["$.contracts[0].areaHa", "“areaHa” phải là một số.", '"areaHa" must be a number'],
      ["$.contracts[0].grades", "“grades” phải là một danh sách (trong ngoặc vuông [ ]).", '"grades" must be a list (in square brackets [ ])'],
      ["$.contracts[1].paymentTermsDays", "“paymentTermsDays” phải từ 365 trở xuống.", '"paymentTermsDays" must be 365 or less'],
      ["$.contracts[1].grades", "“grades” phải có ít nhất một mục.", '"grades" must list at least one item'],
      ["$.payments[0].amountVnd", "“amountVnd” phải lớn hơn 0.", '"amountVnd" must be more than 0'],
      ["$.payments[0].invoiceRef", "“invoiceRef” phải là chữ (viết trong ngoặc kép).", '"invoiceRef" must be text (in double quotes)'],
    ];
    for (const [path, vi, en] of expected) {
      const p = at(path);
      expect(p, path).toBeDefined();
      expect(problemText("vi", p!), path).toBe(vi);
      expect(problemText("en", p!), path).toBe(en);
      // The API and the command line give the same English words.
      expect(p!.reason, path).toBe(en);
    }
    // Every problem the file got, not only those above: no type word; a shape problem names its
    // field (the others, such as a witness outside the group, name the record instead).
    for (const p of problems) {
      const field = /\.([^.[\]]+)$/.exec(p.path.replace(/\[\d+\]$/, ""))![1];
      for (const locale of ["vi", "en"] as const) {
        const text = problemText(locale, p);
        expect(text, `${p.path} (${locale})`).not.toMatch(TYPE_WORDS[locale]);
        if (p.params && "field" in p.params) expect(text, `${p.path} (${locale})`).toContain(field);
      }
    }
  });
});
