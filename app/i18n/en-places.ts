// English words for places in the 2025 units (merged into en.ts; keys follow vi-places.ts).
import type { viPlaces } from "./vi-places";

export const enPlaces: Record<keyof typeof viPlaces, string> = {
  "place.province": "Province or city",
  "place.commune": "Commune, ward or special zone",
  "place.former": "Before July 2025: {place}",
  "place.formerDistrict": "District (before July 2025)",
  "place.formerProvince": "Province (before July 2025)",
  "place.unknownProvince": "There is no province or city “{value}”.",
  "place.unknownDistrict": "There was no district “{value}” in this province (before July 2025).",
  "place.unknownCommune": "There is no commune or ward “{value}” in this province.",
  "place.communeOutsideProvince": "The commune or ward “{value}” is not in the chosen province.",
  "place.required": "Choose a province and a commune or ward.",
  "place.didYouMean": "Did you mean: {candidates}?",
};
