// Public trace codes (app/domain/trace/codes.server.ts): ten Crockford base-32 characters,
// random, and forgiving of how a person types them.
import { describe, expect, it } from "vitest";
import { givenName } from "~/domain/trace/names";
import { tempDatabase } from "../support/temp-db";

tempDatabase("trace-codes"); // the module sits beside the database helpers it writes with
const { newTraceCode, normaliseTraceCode, TRACE_CODE_LENGTH, TRACE_CODE_RE } = await import("~/domain/trace/codes.server");

describe("trace codes", () => {
  it("are ten characters of the Crockford alphabet (no I, L, O, U)", () => {
    const codes = Array.from({ length: 2000 }, newTraceCode);
    expect(TRACE_CODE_LENGTH).toBe(10);
    for (const c of codes) {
      expect(c).toHaveLength(10);
      expect(c).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
      expect(c).toMatch(TRACE_CODE_RE);
    }
    // Random: 2000 draws of 50 bits never repeat, and every one of the 32 characters turns up.
    expect(new Set(codes).size).toBe(2000);
    expect(new Set(codes.join("")).size).toBe(32);
  });

  it("normalise what a person types: case, dashes, spaces, O for 0, I and L for 1", () => {
    expect(normaliseTraceCode("7yebvy13da")).toBe("7YEBVY13DA");
    expect(normaliseTraceCode("7YEB-VY13 DA")).toBe("7YEBVY13DA");
    expect(normaliseTraceCode("O0IL1ABCDE")).toBe("00111ABCDE");
    expect(normaliseTraceCode("7YEBVY13D")).toBeNull(); // too short
    expect(normaliseTraceCode("7YEBVY13DAX")).toBeNull(); // too long
    expect(normaliseTraceCode("7YEBVY13DU")).toBeNull(); // U is not in the alphabet
    expect(normaliseTraceCode("../../etc")).toBeNull();
    expect(normaliseTraceCode("")).toBeNull();
  });

  it("a household is named on a trace page by its given name only", () => {
    expect(givenName("Nguyễn Thị Lan")).toBe("Lan");
    expect(givenName("  Lò Văn  Ánh ")).toBe("Ánh");
    expect(givenName("Hùng")).toBe("Hùng");
  });
});
