// The period an evaluation page covers: one season (its dates, that season) or a calendar year
// (1 January to 31 December, the project's seasons that start in it).
import { db } from "~/utils/db.server";
import type { EvaluationScope } from "./summary";

/** The seasons in which the project's groups have contracts, the latest first. */
export function projectSeasons(projectOwnerId: string) {
  return db.season.findMany({
    where: { contracts: { some: { group: { projectOwnerId } } } },
    select: { id: true, ref: true, name: true, start: true, end: true, product: { select: { name: true, nameEn: true } } },
    orderBy: [{ start: "desc" }, { name: "asc" }],
  });
}

export type Period = { kind: "season"; seasonId: string } | { kind: "year"; year: string };

/** `?period=season:<id>` or `?period=year:yyyy` (the page's picker), `?season=<id>` or `?year=yyyy` (links); else the given year. */
export function readPeriod(url: URL, defaultYear: string): Period {
  const [kind, value] = (url.searchParams.get("period") ?? "").split(":");
  const season = kind === "season" ? value : url.searchParams.get("season");
  if (season) return { kind: "season", seasonId: season };
  const year = (kind === "year" ? value : url.searchParams.get("year")) ?? "";
  return { kind: "year", year: /^(19|20)\d\d$/.test(year) ? year : defaultYear };
}

/** Null for a season that is not one of the project's (another project's, or none). */
export async function scopeFor(projectOwnerId: string, period: Period): Promise<EvaluationScope | null> {
  const seasons = await projectSeasons(projectOwnerId);
  if (period.kind === "season") {
    const s = seasons.find((x) => x.id === period.seasonId);
    return s ? { projectOwnerId, from: s.start, to: s.end, seasonIds: [s.id] } : null;
  }
  return {
    projectOwnerId,
    from: `${period.year}-01-01`,
    to: `${period.year}-12-31`,
    seasonIds: seasons.filter((s) => s.start.startsWith(period.year)).map((s) => s.id),
  };
}
