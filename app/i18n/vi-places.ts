// Vietnamese words for places in the 2025 units (merged into vi.ts): the pickers, the problems
// a place can have in a form or an import, and how a record of before July 2025 is shown.
export const viPlaces = {
  "place.province": "Tỉnh, thành phố",
  "place.commune": "Xã, phường, đặc khu",
  "place.former": "Trước 7/2025: {place}",
  "place.formerDistrict": "Huyện (trước 7/2025)",
  "place.formerProvince": "Tỉnh (trước 7/2025)",
  "place.unknownProvince": "Không có tỉnh, thành phố “{value}”.",
  "place.unknownDistrict": "Không có huyện “{value}” trong tỉnh này (trước 7/2025).",
  "place.unknownCommune": "Không có xã, phường “{value}” trong tỉnh này.",
  "place.communeOutsideProvince": "Xã, phường “{value}” không thuộc tỉnh đã chọn.",
  "place.required": "Chọn tỉnh và xã, phường.",
  "place.didYouMean": "Có phải: {candidates}?",
};
