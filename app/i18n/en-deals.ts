import type { viDeals } from "./vi-deals";

export const enDeals: Record<keyof typeof viDeals, string> = {
  "confirm.required": "Tick the confirmation box: this step cannot be undone.",
  "confirm.closeOffer": "I confirm closing the offer: groups can no longer take it up and it cannot be reopened.",
  "confirm.closeOfferHint": "Contracts already signed from this offer stay as they are. To stop take-ups for a while, use “Pause”.",
  "confirm.declineAcceptance": "I confirm declining this group's take-up (this cannot be undone).",
  "confirm.contractMove": "I confirm this step: the contract cannot go back to its previous status.",
  "confirm.cancelStatement": "I confirm cancelling this payment statement (this cannot be undone).",

  "eligibility.outside": "Group {group} ({place}) cannot take up this offer: it buys only in {area}.",
  "eligibility.placeWithFormer": "{place}; before July 2025: {former}",
  "eligibility.outsideHint": "The buyer chooses where an offer buys when making it. The group can find other offers open in its area on the Offers page.",

  "grade.err.price": "Grade {row}: the price must be a whole number from {min} to {max} ₫/kg.",
  "grade.err.duplicate": "Grade code “{code}” is used twice (grades {first} and {row}).",
  "grade.err.code": "Grade {row}: a code is needed, at most {max} characters.",
  "grade.err.label": "Grade {row}: a name is needed, at most 80 characters.",
  "grade.err.row": "Grade {row}: {message}",
  "grade.priceHint": "From {min} to {max} ₫/kg.",
  "offer.pointRowError": "Collection point {row}: {message}",

  "alloc.total": "Shared among households: {total} / {volume} t proposed.",
  "alloc.matches": "Matches the proposed volume.",
  "alloc.short": "{n} t still to share.",
  "alloc.over": "{n} t too many.",
};
