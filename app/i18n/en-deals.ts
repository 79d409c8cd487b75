import type { viDeals } from "./vi-deals";

export const enDeals: Record<keyof typeof viDeals, string> = {
  "confirm.required": "Tick the confirmation box: this step cannot be undone.",
  "confirm.closeOffer": "I confirm closing the offer: groups can no longer take it up and it cannot be reopened.",
  "confirm.closeOfferHint": "Contracts already signed from this offer stay as they are. To stop take-ups for a while, use “Pause”.",
  "confirm.publishOffer": "I confirm publishing the offer: every farmer group sees it and can take it up on these terms, which can no longer be edited.",
  "confirm.publishOfferHint": "Once published, the offer can only be paused or closed. Each take-up still waits for your organisation's confirmation.",
  "confirm.confirmAcceptance":
    "I confirm: a contract to buy {tonnes} tonnes from {group} is made and signed in the organisation's name, on the offer's terms (this cannot be undone).",
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

  "draft.edit": "Edit draft",
  "draft.title": "Edit draft contract {ref}",
  "draft.intro":
    "A draft (usually a renewal from last season) binds neither party yet: adjust the area, volume, price per grade, payment terms and the households' shares for the new season, then sign. Once signed it can no longer be edited.",
  "draft.gradePrice": "Price of grade {code} — {label} (₫/kg)",
  "draft.back": "Back to the contract",
  "draft.notYet": "A draft, not signed: the buyer can change its terms before signing; no pickups can be recorded yet.",
  "error.contractNotDraft": "The contract is signed: its terms can no longer be edited.",
  "contractMoveHint.signed": "Fixes the draft's terms; once signed they can no longer be edited.",
  "contractMoveHint.active":
    "Opens the contract for weighing: only from this step can the buyer record pickups. A signed contract with no deliveries can still be cancelled; after this step it can only be completed or marked breached.",
  "contractMoveHint.completed": "Ends the season's deliveries: no more pickups; it can then be renewed for the next season.",
  "contractMoveHint.breached": "One party did not keep the contract: it stops here. A reason is required.",
  "contractMoveHint.cancelled": "Cancels a contract before any delivery: it no longer applies. A reason is required.",
  "contract.pickupsAfterStart": "Pickups cannot be recorded yet: press “Start deliveries” when weighing begins at the collection point.",

  "offer.pointMapHint": "Click or tap the map to place the collection point, drag the pin to adjust it; or type the latitude and longitude above.",
};
