// The report's figures as each reader gets them (app/domain/report/format.ts) and the periods a
// link can name (period.ts), worked out by hand.
import { describe, expect, it } from "vitest";
import { fig, formatFigure, plain } from "~/domain/report/format";
import { periodChoices, resolvePeriod, type PeriodSeason } from "~/domain/report/period";

describe("figures for a reader and for a spreadsheet", () => {
  it("writes Vietnamese and English numbers each their way", () => {
    expect(formatFigure(fig(10.75, "t"), "vi")).toBe("10,75 tấn");
    expect(formatFigure(fig(10.75, "t"), "en")).toBe("10.75 t");
    expect(formatFigure(fig(1_250_000, "vnd"), "vi")).toBe("1.250.000 ₫");
    expect(formatFigure(fig(1_250_000, "vnd"), "en")).toBe("1,250,000 ₫");
    expect(formatFigure(fig(0.3889, "ratio"), "vi")).toBe("38,9%");
    expect(formatFigure(fig(0.3889, "ratio"), "en")).toBe("38.9%");
    expect(formatFigure(fig(1234.56, "ha"), "vi")).toBe("1.234,56 ha");
    expect(formatFigure(fig(1234.56, "ha"), "en")).toBe("1,234.56 ha");
    expect(formatFigure(fig(-0.5, "ha"), "en")).toBe("-0.5 ha");
    expect(formatFigure(fig(1_250, "count"), "vi")).toBe("1.250");
    expect(formatFigure(fig(null, "ratio"), "vi")).toBe("—");
  });

  it("rounds once for the CSV: tonnes to 3 decimals, ha to 2, shares as ratios to 4, money to whole đồng", () => {
    expect(plain(fig(11.88494, "t"))).toBe(11.885);
    expect(plain(fig(32.499, "ha"))).toBe(32.5);
    expect(plain(fig(0.3896688524590164, "ratio"))).toBe(0.3897);
    expect(plain(fig(1_250_000.4, "vnd"))).toBe(1_250_000);
    expect(plain(fig(null, "t"))).toBeNull();
    expect(plain(fig(Number.NaN, "t"))).toBeNull();
  });
});

const season = (ref: string, start: string, product: string): PeriodSeason => ({
  id: `id-${ref}`,
  ref,
  name: ref,
  start,
  end: start,
  productId: `p-${product}`,
  productRef: product,
  productName: product,
  productNameEn: null,
});
// Oldest first, as the project's seasons are read.
const SEASONS = [
  season("veg-2025a", "2025-02-01", "veg"),
  season("bamboo-2025", "2025-05-01", "bamboo"),
  season("veg-2025b", "2025-09-15", "veg"),
  season("veg-2026a", "2026-02-01", "veg"),
];

describe("periods", () => {
  it("a season, a year of every product, a year of one product; the latest season when none is named; null for one the project has not", () => {
    expect(resolvePeriod("po", "veg-2025b", SEASONS)).toMatchObject({ kind: "season", key: "veg-2025b", from: "2025-09-15", seasons: [{ ref: "veg-2025b" }] });
    const year = resolvePeriod("po", "2025", SEASONS)!;
    expect(year).toMatchObject({ kind: "year", key: "2025", product: null, from: "2025-01-01", to: "2025-12-31" });
    expect(year.seasons.map((s) => s.ref)).toEqual(["veg-2025a", "bamboo-2025", "veg-2025b"]);
    expect(resolvePeriod("po", "2025:veg", SEASONS)!.seasons.map((s) => s.ref)).toEqual(["veg-2025a", "veg-2025b"]);
    expect(resolvePeriod("po", null, SEASONS)!.key).toBe("veg-2026a");
    for (const key of ["2024", "2025:orange", "orange-2025", "20255"]) expect(resolvePeriod("po", key, SEASONS), key).toBeNull();
    expect(resolvePeriod("po", null, [])).toBeNull();
  });

  it("offers each season newest first, then each year, with a choice per product where a year has several", () => {
    expect(periodChoices(SEASONS).map((c) => c.key)).toEqual(["veg-2026a", "veg-2025b", "bamboo-2025", "veg-2025a", "2026", "2025", "2025:veg", "2025:bamboo"]);
  });
});
