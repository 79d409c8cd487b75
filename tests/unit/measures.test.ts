import { describe, expect, it } from "vitest";
import { checkMeasurements, measurementProblems, productMeasures, type MeasureDef } from "~/domain/measures";

const COFFEE: MeasureDef[] = [
  { key: "ripePct", label: "Quả chín (%)", type: "number", min: 0, max: 100 },
  { key: "residueTest", label: "Test nhanh", type: "text", options: ["đạt", "không đạt"] },
  { key: "note", label: "Ghi chú" }, // written before measures had types
];

const errors = (m: Record<string, unknown>, defs = COFFEE) => checkMeasurements(defs, m).problems.map((p) => [p.key, p.error]);

describe("a lot's measurements against its product's definitions", () => {
  it("keeps the defined ones, numbers as numbers (Vietnamese decimal comma included)", () => {
    expect(checkMeasurements(COFFEE, { ripePct: "96,5", residueTest: " đạt ", note: "mưa" })).toEqual({
      values: { ripePct: 96.5, residueTest: "đạt", note: "mưa" },
      problems: [],
    });
    expect(checkMeasurements(COFFEE, { ripePct: 92 }).values).toEqual({ ripePct: 92 });
    expect(checkMeasurements(COFFEE, {}).values).toEqual({});
    expect(checkMeasurements(COFFEE, undefined).values).toEqual({});
  });

  it("names every key the product does not define", () => {
    expect(errors({ evil: "1", ripePct: "90", __proto__x: 1 })).toEqual([
      ["evil", "error.unknownMeasure"],
      ["__proto__x", "error.unknownMeasure"],
    ]);
    expect(errors(JSON.parse('{"__proto__": 1, "constructor": 2}'))).toEqual([
      ["__proto__", "error.unknownMeasure"],
      ["constructor", "error.unknownMeasure"],
    ]);
    const [p] = measurementProblems({ measures: JSON.stringify(COFFEE) }, { evil: 1 });
    expect(p.reason).toMatch(/"evil".*ripePct, residueTest, note/);
  });

  it("a product that defines no measures accepts none", () => {
    expect(errors({ ripePct: 96 }, [])).toEqual([["ripePct", "error.unknownMeasure"]]);
  });

  it("refuses values of the wrong kind or outside the range", () => {
    expect(errors({ ripePct: "abc" })).toEqual([["ripePct", "error.number"]]);
    expect(errors({ ripePct: "1e3" })).toEqual([["ripePct", "error.number"]]);
    expect(errors({ ripePct: "150" })).toEqual([["ripePct", "error.range"]]);
    expect(errors({ ripePct: -1 })).toEqual([["ripePct", "error.range"]]);
    expect(errors({ ripePct: Number.NaN })).toEqual([["ripePct", "error.number"]]);
    expect(errors({ ripePct: Infinity })).toEqual([["ripePct", "error.number"]]);
    expect(errors({ residueTest: "tốt" })).toEqual([["residueTest", "error.measureOption"]]);
    expect(errors({ note: "x".repeat(41) })).toEqual([["note", "error.tooLong"]]);
    expect(errors({ note: { $gt: 1 } })).toEqual([["note", "error.invalid"]]);
  });

  it("reads a product's definitions, and an unreadable one as none", () => {
    expect(productMeasures({ measures: JSON.stringify(COFFEE) })).toEqual(COFFEE);
    expect(productMeasures({ measures: "[" })).toEqual([]);
    expect(productMeasures({ measures: '[{"key":"has space","label":"x"}]' })).toEqual([]);
  });
});
