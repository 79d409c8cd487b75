// The pickup form's values as the phone reads them, with no zod: the form loads these at once
// and the schema (pickups.schema.ts, with zod, half of the page's script) only when it is
// submitted, so the page is usable sooner on a slow network (issue 15's 3G budget).

/** Parallel lot fields (lot.householdId, lot.grossKg, lot.m.ripePct…) → one object per form row. */
export function pickupFormValues(form: Record<string, unknown>): Record<string, unknown> {
  const all = (k: string): string[] => {
    const v = form[k];
    return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  };
  const measureKeys = Object.keys(form)
    .filter((k) => k.startsWith("lot.m."))
    .map((k) => k.slice(6));
  const cols = { householdId: all("lot.householdId"), grossKg: all("lot.grossKg"), tareKg: all("lot.tareKg"), grade: all("lot.grade") };
  const n = Math.max(0, ...Object.values(cols).map((c) => c.length));
  const lots = Array.from({ length: n }, (_, i) => ({
    householdId: cols.householdId[i] ?? "",
    grossKg: cols.grossKg[i] ?? "",
    tareKg: cols.tareKg[i] ?? "",
    grade: cols.grade[i] ?? "",
    measurements: Object.fromEntries(measureKeys.map((k) => [k, all(`lot.m.${k}`)[i] ?? ""]).filter(([, v]) => v.trim() !== "")),
  }));
  const rest = Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith("lot.")));
  return { ...rest, witnesses: all("witnesses"), lots };
}

/** A typed weight as the form reads it (12,5 or 12.5); null when blank or not a number. */
export function typedKg(s: string): number | null {
  const v = s.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null;
}

export type NetWarning = { row: number; kind: "aboveBound" | "aboveMedian"; limitKg: number };

/**
 * Nets that are possible but unlikely, so the person confirms them before the pickup is sent:
 * a lot above what its household agreed to deliver in the whole season (`boundKg`: its
 * allocation, or the contract's volume shared among the group), or a lot more than three
 * times the median of the pickup's lots (from three lots on, where a median means something).
 * A net of zero or less is not here: it is an error (pickupSchema).
 */
export function netWarnings(lots: { row: number; householdId: string; netKg: number }[], boundKg: (householdId: string) => number | null): NetWarning[] {
  const positive = lots.filter((l) => l.netKg > 0);
  const sorted = positive.map((l) => l.netKg).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length >= 3 ? (sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2) : null;
  const out: NetWarning[] = [];
  for (const l of positive) {
    const bound = l.householdId ? boundKg(l.householdId) : null;
    if (bound !== null && bound > 0 && l.netKg > bound) out.push({ row: l.row, kind: "aboveBound", limitKg: bound });
    else if (median !== null && l.netKg > 3 * median) out.push({ row: l.row, kind: "aboveMedian", limitKg: 3 * median });
  }
  return out;
}
