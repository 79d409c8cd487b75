import { describe, expect, it } from "vitest";
import { vndInWords } from "~/domain/vnd-words";

describe("amounts in Vietnamese words", () => {
  it.each([
    [0, "Không đồng"],
    [5, "Năm đồng"],
    [10, "Mười đồng"],
    [15, "Mười lăm đồng"],
    [21, "Hai mươi mốt đồng"],
    [24, "Hai mươi tư đồng"],
    [25, "Hai mươi lăm đồng"],
    [105, "Một trăm linh năm đồng"],
    [110, "Một trăm mười đồng"],
    [1_000, "Một nghìn đồng"],
    [1_005, "Một nghìn không trăm linh năm đồng"],
    [14_500, "Mười bốn nghìn năm trăm đồng"],
    [1_050_000, "Một triệu không trăm năm mươi nghìn đồng"],
    [1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"],
    [8_890_000, "Tám triệu tám trăm chín mươi nghìn đồng"],
    [2_912_000, "Hai triệu chín trăm mười hai nghìn đồng"],
    [1_000_000_000, "Một tỷ đồng"],
    [2_000_300_000, "Hai tỷ ba trăm nghìn đồng"],
    [1_000_000_000_000, "Một nghìn tỷ đồng"],
    [-14_500, "Âm mười bốn nghìn năm trăm đồng"],
  ])("%i → %s", (n, words) => {
    expect(vndInWords(n)).toBe(words);
  });
});
