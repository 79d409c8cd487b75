// The pickup form's checks that run on the phone before anything is sent: the shared schema
// (a net of zero or less on its row's tare, rows numbered as the form shows them) and the
// nets that are possible but unlikely, which the person must confirm.
import { describe, expect, it } from "vitest";
import { measureLabel } from "~/domain/measures";
import { netWarnings, pickupFormValues, pickupSchema } from "~/domain/pickups.schema";
import { parseWith } from "~/utils/forms";

const lots = (...nets: number[]) => nets.map((netKg, row) => ({ row, householdId: `h${row}`, netKg }));

describe("unlikely nets", () => {
  it("flags a lot above its household's whole-season bound", () => {
    const bound = (id: string) => (id === "h1" ? 610 : 800);
    expect(netWarnings(lots(118, 1198), bound)).toEqual([{ row: 1, kind: "aboveBound", limitKg: 610 }]);
    expect(netWarnings(lots(118, 610), bound)).toEqual([]);
  });

  it("flags a lot more than three times the pickup's median, from three lots on", () => {
    const none = () => null;
    // median of 80, 90, 100, 400 is 95: 400 > 285.
    expect(netWarnings(lots(80, 90, 100, 400), none)).toEqual([{ row: 3, kind: "aboveMedian", limitKg: 285 }]);
    expect(netWarnings(lots(80, 90, 270), none)).toEqual([]);
    // Two lots say nothing about what is usual.
    expect(netWarnings(lots(10, 400), none)).toEqual([]);
  });

  it("leaves nets of zero or less to the schema, and keeps them out of the median", () => {
    expect(netWarnings(lots(-21, 0, 100, 100, 100), () => null)).toEqual([]);
  });
});

describe("the shared schema on the form's rows", () => {
  const form = (gross: string[], tare: string[]) => ({
    clientKey: "k-12345678",
    date: "2026-12-01",
    "lot.householdId": gross.map((g) => (g ? "h1" : "")),
    "lot.grossKg": gross,
    "lot.tareKg": tare,
    "lot.grade": gross.map((g) => (g ? "A" : "")),
  });

  it("refuses a tare equal to or above the gross on that row, counting blank rows", () => {
    const r = parseWith(pickupSchema, pickupFormValues(form(["", "100", "", "50"], ["", "121", "", "50"])));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ "lots.1.tareKg": ["error.netNotPositive"], "lots.3.tareKg": ["error.netNotPositive"] });
  });

  it("keeps each lot's form row", () => {
    const r = parseWith(pickupSchema, pickupFormValues(form(["", "100", "", "50"], ["", "2", "", "1,5"])));
    expect(r.ok && r.data.lots.map((l) => [l.row, l.grossKg - l.tareKg])).toEqual([
      [1, 98],
      [3, 48.5],
    ]);
  });
});

describe("a measure's label", () => {
  it("is in the reader's language, with its unit", () => {
    const def = { key: "ripePct", label: "Quả chín", labelEn: "Ripe cherries", unit: "%" };
    expect(measureLabel(def, "vi")).toBe("Quả chín (%)");
    expect(measureLabel(def, "en")).toBe("Ripe cherries (%)");
    expect(measureLabel(def, "en", false)).toBe("Ripe cherries");
    expect(measureLabel({ key: "note", label: "Ghi chú" }, "en")).toBe("Ghi chú");
  });
});
