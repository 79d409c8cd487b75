// English strings of the maps' province outlines (merged into en.ts).
import type { viMaps } from "./vi-maps";

export const enMaps: Record<keyof typeof viMaps, string> = {
  "map.outlines": "Province boundaries",
  "map.outlines.2025": "34 provinces and cities (since July 2025)",
  "map.outlines.2019": "63 provinces and cities (before July 2025)",
  "map.outlines.show": "Change boundaries",
  "map.outlines.hint2019":
    "Shaded by the former province written in records made before July 2025. A group registered in the new units counts in the old province that has its new province's name.",
  "map.province.formerly": "before July 2025: {names}",
  "map.province.now": "now part of {name}",
};
