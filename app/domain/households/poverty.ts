// A household's poverty status over time (docs/decisions/0022-poverty-history-and-evaluation.md).
// The database applies the same rule in SQL (migration …_evaluation) to the totals the indicators
// read; this is the rule for code that holds the records already (outcomes, the household page).
import type { POVERTY_STATUSES } from "../groups.schema";

export type PovertyStatus = (typeof POVERTY_STATUSES)[number];
/** certifiedOn null: the status the household was registered with, its date not known. */
export type PovertyRecordLike = { status: string; certifiedOn: string | null };

/**
 * The status valid on `day`: the latest record certified on or before it, an undated record
 * counting as older than any date; failing that (every record is later), the earliest record.
 * Records must be in the order they were written; among records of one day the later one wins.
 */
export function statusOn(records: readonly PovertyRecordLike[], day: string): string | null {
  let valid: { r: PovertyRecordLike; i: number } | null = null;
  let earliest: { r: PovertyRecordLike; i: number } | null = null;
  records.forEach((r, i) => {
    const on = r.certifiedOn ?? "";
    if (on <= day && (!valid || on >= (valid.r.certifiedOn ?? ""))) valid = { r, i };
    if (!earliest || on < (earliest.r.certifiedOn ?? "")) earliest = { r, i };
  });
  const pick = (valid ?? earliest) as { r: PovertyRecordLike } | null;
  return pick?.r.status ?? null;
}

/** Statuses counted as out of poverty: a household moving from poor or near-poor to one of these exited. */
export const OUT_OF_POVERTY: readonly string[] = ["newly_escaped", "non_poor"];
export const IN_POVERTY: readonly string[] = ["poor", "near_poor"];
