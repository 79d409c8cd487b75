// A farmer group's place columns from names written the pre-2025 way, as the importer reads them.
import { groupPlaceColumns, resolvePlace } from "~/domain/places/resolve.server";

export function placeOf(province: string, district: string | null, commune: string) {
  const read = resolvePlace({ province, district, commune });
  if (!read.ok) throw new Error(`test place ${commune}, ${district}, ${province}: ${read.problems.map((p) => p.code).join(", ")}`);
  return groupPlaceColumns(read.place);
}
