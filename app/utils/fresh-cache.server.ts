// Results that change only when the data does (indicators, dashboard cards), computed once per
// change: each entry remembers the data generation it was computed at and is recomputed when
// any write has committed since (docs/decisions/0016-totals-on-write.md). Concurrent requests
// for the same key share one computation, so 50 waiting dashboards hold one result, not 50.
import { dataGeneration } from "./db.server";

type Entry = { generation: number; value: Promise<unknown> };

const MAX_ENTRIES = 500;
const entries = new Map<string, Entry>();

/**
 * The value for `key` as of the last committed write. The generation is read before computing,
 * so a write that lands during the computation makes the next read compute again: a figure is
 * never older than the last write acknowledged before the request.
 */
export async function freshCached<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const generation = await dataGeneration();
  const hit = entries.get(key);
  if (hit && hit.generation === generation) {
    entries.delete(key); // most recently used goes last
    entries.set(key, hit);
    return (await hit.value) as T;
  }
  const value = compute();
  const entry: Entry = { generation, value };
  entries.set(key, entry);
  // A failure is not kept: the next request tries again.
  value.catch(() => entries.get(key) === entry && entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return await value;
}
