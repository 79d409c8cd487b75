// The rota form: one day, and exactly who rides along that day.
import * as z from "zod";
import { asList, isoDate } from "./fields";

export const rotaDaySchema = z.object({
  on: isoDate,
  // The day whose stored ticks the form showed. A browser without scripts can change the date
  // without reloading the ticks; saving those ticks onto another day would add or drop people
  // the leader never saw, so the server asks again instead (see the rota route).
  shownOn: isoDate.optional(),
  // None ticked is allowed: it clears the day.
  householdIds: z.preprocess(asList, z.array(z.string().min(1).max(40)).max(40, "error.tooLong")),
});
