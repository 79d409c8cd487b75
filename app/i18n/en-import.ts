// English reasons an import gives for refusing a record (merged into en.ts).
import type { viImport } from "./vi-import";

export const enImport: Record<keyof typeof viImport, string> = {
  "import.rights":
    "The file is written with exactly your rights: only what you could do in the app. Stored records that differ from the file are reported as conflicts, never overwritten.",
  "import.asSiteAdmin": "Site administrator (full rights)",
  "bundle.problem.orgKindArea": 'The kind and area of organisation "{ref}" are changed only by the site administrator.',
  "bundle.problem.orgNotYours": 'Organisation "{ref}" exists and is run by its own people: your bundle cannot change it.',
  "bundle.problem.authorityByAdmin": 'Only the site administrator creates authorities ("{ref}").',
  "bundle.problem.referenceData": 'Shared reference data ({what} "{ref}") is added or changed only by the site administrator.',
  "bundle.problem.refTaken": 'The ref "{ref}" is already used by a record outside your project.',
  "bundle.problem.notYours": '"{ref}" is not in your project.',
  "bundle.problem.groupProject": 'The group must belong to your project ("{project}").',
  "bundle.problem.groupOwnPeople": 'Group "{ref}" has its own people in the app: only the group changes its details and adds households.',
  "bundle.problem.conflict":
    '"{ref}" already exists with a different {field} (here: {stored}; in the file: {given}). A bundle never overwrites what is stored.',
  "bundle.problem.contractBuyer": 'A contract in the name of "{buyer}" is made by that buyer, through an offer in the app: your project does not act for it.',
  "bundle.problem.contractGroup": 'Group "{group}" has its own people in the app: a contract with it is taken up by the group in the app.',
  "bundle.problem.contractMove": 'Contract "{ref}" cannot move from "{from}" to "{to}" with your rights.',
  "bundle.problem.contractTerms": 'The terms of contract "{ref}" ({field}) cannot change once it is made.',
  "bundle.problem.renewal": 'Contract "{ref}" is not yours: a bundle cannot mark it as renewed.',
  "bundle.problem.buyerPickup": 'Pickups under contract "{contract}" are recorded only by its buyer "{buyer}".',
  "bundle.problem.buyerCorrection": 'Corrections under contract "{contract}" are recorded only by its buyer "{buyer}".',
  "bundle.problem.buyerStatement": 'Payment statements of contract "{contract}" are issued only by its buyer "{buyer}".',
  "bundle.problem.buyerPayment": 'Payments on statement "{invoice}" are recorded only by its buyer "{buyer}".',
  "bundle.problem.pickupStatus": 'No pickup can be recorded under contract "{contract}" while it is "{status}".',
  "bundle.problem.groupDispute": 'Only the group of lot "{ref}" can dispute it.',
  "bundle.problem.disputeRemoved": 'Lot "{ref}" has a dispute; a dispute cannot be removed.',
  "bundle.problem.appendOnly":
    '"{ref}" is already recorded differently ({field}). The weighing record is append-only: record a correcting lot (supersedesRef).',
  "bundle.problem.alreadyCorrected": 'Lot "{ref}" is already corrected by lot "{by}": correct the newest one.',
  "bundle.problem.alreadyInvoiced": 'Pickup "{ref}" is already on payment statement "{invoice}".',
  "bundle.problem.statementCancelled": 'Payment statement "{ref}" was cancelled.',
  "bundle.problem.overpayment": 'The payments exceed what statement "{ref}" still owes ({remaining} ₫ left).',
  "bundle.problem.futurePayment": "The payment date {date} is in the future.",
  "bundle.problem.refused": "Not recorded: {reason}",
};
