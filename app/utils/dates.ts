/** Today's calendar date in Vietnam (UTC+7, no daylight saving), as "YYYY-MM-DD". */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
