import type { viGroupPages } from "./vi-group-pages";

export const enGroupPages: Record<keyof typeof viGroupPages, string> = {
  "group.created": "Group {name} was created. Next: add its member households.",
  "rota.dayHint": "Pick a day to see who is on it. Tick who rides along that day; untick to take them off that day.",
  "rota.saved": "Saved the rota for {date}: {names}.",
  "rota.savedEmpty": "Saved: nobody is on the rota for {date} any more.",
  "rota.checkDay": "Not saved. This is the list stored for {date}: tick who rides along, then press Save.",
};
