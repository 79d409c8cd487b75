// Vietnamese mobile numbers as people write them (0912 345 678, +84 912.345.678, 84912345678),
// kept in one form, 84xxxxxxxxx, the form SMS gateways and Zalo ZNS take. Only the mobile
// prefixes in use since the 2018 renumbering (11-digit numbers moved to 03x/05x/07x/08x):
// a landline (02x), a short code or an old 01xx number cannot receive a text from us.

/** The current mobile prefixes (after the leading 0), per carrier. */
export const MOBILE_PREFIXES = {
  viettel: ["86", "96", "97", "98", "32", "33", "34", "35", "36", "37", "38", "39"],
  vinaphone: ["88", "91", "94", "81", "82", "83", "84", "85"],
  mobifone: ["89", "90", "93", "70", "76", "77", "78", "79"],
  vietnamobile: ["92", "52", "56", "58"],
  gmobile: ["99", "59"],
  itel: ["87"],
  reddi: ["55"],
} as const;

export type Carrier = keyof typeof MOBILE_PREFIXES;

const CARRIER_BY_PREFIX = new Map<string, Carrier>(
  Object.entries(MOBILE_PREFIXES).flatMap(([carrier, prefixes]) => prefixes.map((p) => [p, carrier as Carrier] as const)),
);

/** The message a form shows for a number that is not one (catalogue key and its Vietnamese). */
export const PHONE_ERROR = "error.vnMobile";

/**
 * "0912 345 678", "+84 912.345.678", "(+84) 912-345-678", "84912345678" → "84912345678";
 * null when it is not a current Vietnamese mobile number.
 */
export function normaliseVnMobile(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  const digits = compact.replace(/^\+/, "");
  let national: string;
  if (digits.startsWith("84") && digits.length === 11) national = digits.slice(2);
  else if (digits.startsWith("0") && digits.length === 10) national = digits.slice(1);
  else return null;
  return CARRIER_BY_PREFIX.has(national.slice(0, 2)) ? `84${national}` : null;
}

export function carrierOf(normalised: string): Carrier | null {
  return CARRIER_BY_PREFIX.get(normalised.slice(2, 4)) ?? null;
}

/** 84912345678 → "0912 345 678", as Vietnamese write a number for a reader. */
export function displayVnMobile(normalised: string): string {
  const n = `0${normalised.slice(2)}`;
  return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
}
