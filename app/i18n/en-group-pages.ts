import type { viGroupPages } from "./vi-group-pages";

export const enGroupPages: Record<keyof typeof viGroupPages, string> = {
  "group.created": "Group {name} was created. Next: add its member households.",
  "rota.dayHint": "Pick a day to see who is on it. Tick who rides along that day; untick to take them off that day.",
  "rota.saved": "Saved the rota for {date}: {names}.",
  "rota.savedEmpty": "Saved: nobody is on the rota for {date} any more.",
  "rota.checkDay": "Not saved. This is the list stored for {date}: tick who rides along, then press Save.",
  "notify.dispute_corrected": "{buyer} corrected the disputed lot of {household} weighed on {pickupDate} (contract {contract}): {explanation}",
  "notify.dispute_upheld": "{buyer} kept the disputed lot of {household} weighed on {pickupDate} as it was (contract {contract}): {explanation}",
  "notify.lot_corrected": "{buyer} corrected, on its own, the lot of {household} weighed on {pickupDate} (contract {contract}): {explanation}",
  "passbook.statements": "Money by payment statement",
  "passbook.noStatements": "No payment statement for this household yet.",
  "passbook.statementHead": "{code} of {date} · {buyer}",
  "passbook.notesApplied": "Including the adjustment notes: {codes}",
  "passbook.gross": "The household's produce",
  "passbook.deductionAdvance": "Advanced inputs recovered: {item}",
  "passbook.deductionFromNote": "{label} (note {code})",
  "passbook.net": "The household receives",
  "passbook.paymentsTitle": "The buyer's payments on this statement",
  "passbook.noPayments": "The buyer has not paid this statement yet.",
  "passbook.paymentLine": "the buyer paid the group {paid}, the household's part {share}",
  "passbook.shareRule":
    "The buyer pays the whole group per statement. The household's part = amount paid × {net} ÷ {due} (what the household receives over what the statement is due).",
  "passbook.statementReceived": "The household has received {received}; {waiting} still to come.",
};
