// A record's place as the pages show it: the current commune and province, and where the
// record was before July 2025 when it was written then. Shared by server and browser.

export type PlaceNames = {
  province: string | null;
  commune: string | null;
  hamlet?: string | null;
  formerProvince?: string | null;
  formerDistrict?: string | null;
  formerCommune?: string | null;
};

/** "Thôn Cheng, Xã Hướng Phùng, Quảng Trị". */
export function placeLine(p: PlaceNames): string {
  return [p.hamlet, p.commune, p.province].filter(Boolean).join(", ");
}

/** "Hướng Phùng, Hướng Hóa, Quảng Trị" for a record written in the former units, else null. */
export function formerLine(p: PlaceNames): string | null {
  if (!p.formerProvince && !p.formerDistrict && !p.formerCommune) return null;
  return [p.formerCommune, p.formerDistrict, p.formerProvince].filter(Boolean).join(", ");
}
