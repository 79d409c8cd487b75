import { describe, expect, it } from "vitest";
import { addDays, gramsToKg, kgToGrams, lotAmountVnd } from "~/domain/money";
import { formatDate, formatDateTime, formatNumber, formatPercent, formatVnd, plainNumber } from "~/utils/format";

describe("Vietnamese formats", () => {
  it("writes money as 1.250.000 ₫ with no decimals", () => {
    expect(formatVnd(1_250_000)).toBe("1.250.000 ₫");
    expect(formatVnd(0)).toBe("0 ₫");
    expect(formatVnd(999)).toBe("999 ₫");
    expect(formatVnd(-14_500)).toBe("-14.500 ₫");
    expect(formatVnd(1_000_000_000)).toBe("1.000.000.000 ₫");
  });

  it("writes dates as dd/mm/yyyy, in Vietnam's time zone for timestamps", () => {
    expect(formatDate("2024-10-03")).toBe("03/10/2024");
    expect(formatDate(new Date("2024-10-03T12:00:00Z"))).toBe("03/10/2024");
    expect(formatDate(null)).toBe("");
    expect(formatDateTime("2024-10-03T18:30:00Z")).toBe("04/10/2024 01:30");
  });

  it("writes decimals with a comma", () => {
    expect(formatNumber(12.5)).toBe("12,5");
    expect(formatNumber(1234.567)).toBe("1.234,57");
    expect(formatNumber(60)).toBe("60");
    expect(formatNumber(10, 0)).toBe("10");
    expect(formatNumber(100, 0)).toBe("100");
    expect(formatNumber(1200.5, 0)).toBe("1.201");
    expect(formatNumber(20, 1)).toBe("20");
  });
});

describe("the reader's locale", () => {
  it("writes 10,748 and 38,9% for a Vietnamese reader, 10.748 and 38.9% for an English one", () => {
    expect(formatNumber(10.748, 3, "vi")).toBe("10,748");
    expect(formatNumber(10.748, 3, "en")).toBe("10.748");
    expect(formatNumber(1234.567, 2, "en")).toBe("1,234.57");
    expect(formatPercent(38.9, 1, "vi")).toBe("38,9%");
    expect(formatPercent(38.9, 1, "en")).toBe("38.9%");
    expect(formatVnd(1_250_000, "en")).toBe("1,250,000 ₫");
    expect(formatNumber(-0.4, 2)).toBe("-0,4");
  });

  it("rounds a figure for a machine without float noise", () => {
    expect(plainNumber(0.3896688524590164, 4)).toBe(0.3897);
    expect(String(plainNumber(17.8184, 3))).toBe("17.818");
    expect(String(plainNumber(0.1 + 0.2, 4))).toBe("0.3");
    expect(Object.is(plainNumber(-0.0001, 3), 0)).toBe(true);
  });
});

describe("lot arithmetic (shared/interchange.md)", () => {
  it("rounds amounts half up in whole VND, exactly", () => {
    expect(lotAmountVnd(kgToGrams(400), 14_500)).toBe(5_800_000);
    expect(lotAmountVnd(kgToGrams(224), 13_000)).toBe(2_912_000);
    expect(lotAmountVnd(1, 500)).toBe(1); // 0.5 VND rounds up
    expect(lotAmountVnd(1, 499)).toBe(0);
    // 100.3 kg − 0.1 kg is 100.2 kg exactly in grams, never 100.19999…
    expect(lotAmountVnd(kgToGrams(100.3) - kgToGrams(0.1), 14_505)).toBe(1_453_401);
  });

  it("converts kilograms and grams without drift", () => {
    expect(kgToGrams(230.5)).toBe(230_500);
    expect(kgToGrams(0.001)).toBe(1);
    expect(gramsToKg(412_000)).toBe(412);
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-10-04", 7)).toBe("2024-10-11");
    expect(addDays("2024-12-28", 7)).toBe("2025-01-04");
    expect(addDays("2024-02-25", 5)).toBe("2024-03-01");
    expect(addDays("2023-02-25", 5)).toBe("2023-03-02");
  });
});
