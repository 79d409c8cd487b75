/** Today's calendar date in Vietnam (UTC+7, no daylight saving), as "YYYY-MM-DD". */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** "2025-02-30" is not a date, although Date.parse rolls it over to March. */
export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
