// Weight and money arithmetic from shared/interchange.md, in integers so every installation
// rounds the same way: weights are grams, prices VND per kg, amounts whole VND (round half up).

export function kgToGrams(kg: number): number {
  return Math.round(kg * 1000);
}

export function gramsToKg(g: number): number {
  return g / 1000;
}

/** round(net kg × price per kg), half up, computed exactly from grams. */
export function lotAmountVnd(netG: number, priceVndPerKg: number): number {
  const milli = netG * priceVndPerKg; // VND × 1000
  return Math.floor((milli + 500) / 1000);
}

/** Calendar date + n days, both "YYYY-MM-DD" (UTC arithmetic: no DST, no time zone). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
