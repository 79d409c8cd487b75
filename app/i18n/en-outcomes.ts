// English strings of the poverty history, survey rounds and household outcomes (issue 14; merged into en.ts).
import type { viOutcomes } from "./vi-outcomes";

export const enOutcomes: Record<keyof typeof viOutcomes, string> = {
  "household.membersFemale": "Female members",
  "poverty.certifiedOn": "Certified by the commune on",
  "poverty.certifiedOnHint": "The date of the commune's certification decision",
  "poverty.historyTitle": "Poverty status history",
  "poverty.history.date": "Certified on",
  "poverty.history.status": "Status",
  "poverty.history.source": "Source",
  "poverty.history.by": "Recorded by",
  "poverty.history.undated": "At registration (date unknown)",
  "poverty.source.registration": "Registration",
  "poverty.source.edit": "Update",
  "poverty.source.survey": "Survey",
  "poverty.source.import": "Data import",
  "poverty.updateTitle": "Update poverty status",
  "poverty.updateSave": "Record the new status",
  "poverty.updated": "New status recorded.",
  "error.dateInFuture": "The date cannot be after today.",
  "error.femaleAboveMembers": "Female members cannot exceed the household's members.",
};
