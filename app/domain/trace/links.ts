// The address a label's QR holds (issue 16), on the app's own domain in the shape of a GS1
// Digital Link: /01/{GTIN}/10/{lot} when the buyer has a GTIN for the product, so GS1 resolvers
// can take it later; /t/{code} otherwise. Any phone camera opens either.

/** GTIN-8/12/13/14 with a valid GS1 check digit, as the 14 digits Digital Link uses; else null. */
export function normaliseGtin(input: string): string | null {
  const digits = input.replace(/\s/g, "");
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) return null;
  const gtin = digits.padStart(14, "0");
  const body = gtin.slice(0, 13);
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  const check = (10 - (sum % 10)) % 10;
  return check === Number(gtin[13]) ? gtin : null;
}

export function tracePath(code: string, gtin?: string | null): string {
  return gtin ? `/01/${gtin}/10/${code}` : `/t/${code}`;
}

export function traceUrl(origin: string, code: string, gtin?: string | null): string {
  return `${origin.replace(/\/$/, "")}${tracePath(code, gtin)}`;
}
