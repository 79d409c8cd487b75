// English strings of the pickup form and the saved pickup (merged into en.ts).
import type { viPickup } from "./vi-pickup";

export const enPickup: Record<keyof typeof viPickup, string> = {
  "error.netNotPositive": "The tare must weigh less than the gross: the net must be above 0.",
  "pickup.lotsHint": "One line per lot: household, gross, tare, grade and the measures. Empty lines are not sent.",
  "pickup.lotNo": "Lot",
  "pickup.netShort": "Net",
  "pickup.removeLot": "Remove lot {n}",
  "pickup.removed": "Lot {n} removed.",
  "pickup.undo": "Undo",
  "pickup.pickupTotal": "Whole pickup ({n} lots)",
  "pickup.errorSummary": "The pickup was not sent: {n} errors. Tap an error to fix it.",
  "pickup.errorAt": "{where}: {message}",
  "pickup.clientKey": "Form key",
  "pickup.warnTitle": "Check before sending",
  "pickup.warnIntro": "Some nets look unusual. Weigh again or correct a typo; if they are right, press “Save anyway”.",
  "pickup.warnAboveBound": "{lot} ({household}): net {net} kg, more than the household's whole-season allocation ({limit} kg).",
  "pickup.warnAboveMedian": "{lot} ({household}): net {net} kg, more than 3 times this pickup's usual lot (up to {limit} kg).",
  "pickup.confirmSave": "Save anyway",
  "pickup.fixFirst": "Correct",
};
