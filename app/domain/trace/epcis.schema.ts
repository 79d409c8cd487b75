// Which pickups an EPCIS export covers (issue 16, item 4): one season by its ref, or a date
// range of pickup days. Shared by the API and the buyer's download form.
import * as z from "zod";
import { isCalendarDate } from "~/utils/dates";

/** A range longer than this is refused: one answer stays a size a buyer's system can take. */
export const MAX_RANGE_DAYS = 366;

const day = z.string().refine(isCalendarDate, "must be a real date, yyyy-mm-dd");
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const epcisQuerySchema = z.union([
  z.strictObject({ season: z.string().trim().min(1, "must be a season ref").max(80) }),
  z
    .strictObject({ from: day, to: day })
    .refine((v) => v.from <= v.to, { message: "must not be before from", path: ["to"] })
    .refine((v) => daysBetween(v.from, v.to) < MAX_RANGE_DAYS, { message: `at most ${MAX_RANGE_DAYS} days`, path: ["to"] }),
]);

export type EpcisQuery = z.infer<typeof epcisQuerySchema>;
export type EpcisProblem = { field: string; message: string };

/**
 * The query string as an EPCIS query, or the problems with it. Exactly one of `season` or
 * `from`+`to`; an empty parameter counts as absent (a form sends empty fields).
 */
export function parseEpcisQuery(params: URLSearchParams): { ok: true; query: EpcisQuery } | { ok: false; problems: EpcisProblem[] } {
  const input: Record<string, string> = {};
  for (const [k, v] of params) if (v.trim() !== "") input[k] = v;
  const keys = Object.keys(input);
  const unknown = keys.filter((k) => k !== "season" && k !== "from" && k !== "to");
  if (unknown.length) return { ok: false, problems: unknown.map((field) => ({ field, message: "unknown parameter" })) };
  if (input.season !== undefined && (input.from !== undefined || input.to !== undefined))
    return { ok: false, problems: [{ field: "season", message: "give either season or from and to, not both" }] };
  if (!keys.length) return { ok: false, problems: [{ field: "season", message: "give season=<ref> or from=yyyy-mm-dd&to=yyyy-mm-dd" }] };
  if (input.season === undefined) {
    // Both ends named, so the problem lists say which one is missing.
    const problems: EpcisProblem[] = [];
    for (const f of ["from", "to"] as const) if (input[f] === undefined) problems.push({ field: f, message: "is required with a date range" });
    if (problems.length) return { ok: false, problems };
  }
  const parsed = epcisQuerySchema.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  // A union reports each branch's issues; the branch the caller meant is the one with its keys.
  const issues = parsed.error.issues.flatMap((i) => (i.code === "invalid_union" ? i.errors.flat() : [i]));
  const meant = input.season !== undefined ? ["season"] : ["from", "to"];
  const problems = issues.filter((i) => meant.includes(String(i.path[0]))).map((i) => ({ field: String(i.path[0]), message: i.message }));
  return { ok: false, problems: problems.length ? problems : [{ field: meant[0], message: "is not valid" }] };
}
