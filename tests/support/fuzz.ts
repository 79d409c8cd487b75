// A small, deterministic generator of bad input for the robustness test
// (tests/integration/bad-input.test.ts). Everything comes from a seeded PRNG, so a failing
// case is reproduced by running the test again: same seed, same payloads, same order.
//
// Values are plain strings (form fields arrive as strings) or string arrays (a repeated field).
// `isValidFor` mirrors the app's zod field builders (app/domain/fields.ts), so `invalidFor`
// can promise that a value really fails its field: payloads are invalid by construction.

// ───────────────────────── PRNG ─────────────────────────

export type Rng = {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  sample<T>(xs: readonly T[], n: number): T[];
};

/** mulberry32: tiny, fast and good enough to spread cases around. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (xs) => xs[int(xs.length)],
    sample: (xs, n) => {
      const copy = [...xs];
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(int(copy.length), 1)[0]);
      return out;
    },
  };
}

// ───────────────────────── value pools ─────────────────────────

const KB = 1024;
/** Long strings are built once: 10 KB and 200 KB of mixed ASCII and Vietnamese. */
export const LONG_10K = "Cà phê ".repeat(Math.ceil((10 * KB) / 7)).slice(0, 10 * KB);
export const LONG_200K = "xyz<>&'\"".repeat(Math.ceil((200 * KB) / 8)).slice(0, 200 * KB);

export const BLANK = ["", " ", "   ", "\t\n", "\u00A0\u3000", "\r\n \t"] as const;

export const NUMBERISH = [
  "-1",
  "0",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "-Infinity",
  "1.2.3",
  "١٢٣",
  "１２３",
  "0x1F",
  "+5",
  "1,5,0",
  "99999999999999999999999999",
  "-0",
  "5e-324",
  "1_000",
  "½",
  "٣",
  "00",
  "12abc",
  "1 2",
  " 7 ",
  "2^53",
] as const;

export const DATES = [
  "2025-02-30",
  "0000-00-00",
  "2025-13-01",
  "tomorrow",
  "2025-2-3",
  "31/12/2025",
  "2025-12-31T00:00:00Z",
  "+275760-09-13",
  "9999-99-99",
  "2024-02-29x",
  "1900-02-29",
  "２０２５-０１-０１",
  "2025-00-10",
  "2025-01-32",
  "-2025-01-01",
  "20250101",
] as const;

const NFC_NAME = "Nguyễn Thị Ánh";
const NFD_NAME = NFC_NAME.normalize("NFD");

export const UNICODE = [
  "Ho\u0302\u0300",
  "\u0000",
  "a\u0000b",
  "\u202Eabc\u202C",
  "🧑‍🌾☕🇻🇳",
  "\uD800",
  "x\uDC00y",
  "a\u200Db",
  "\u200B",
  "\uFEFFBOM",
  NFC_NAME,
  NFD_NAME,
  "e\u0301".repeat(200),
  "𝕍𝕚ệ𝕥",
  "\u0085\u2028\u2029",
  "\u00AD",
  "Ǆǅǆ",
  "İıŞ",
  "ﷺ",
  "\u0301",
] as const;

export const INJECTION = [
  "' OR 1=1 --",
  '"; DROP TABLE "Lot"; --',
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${7*7}",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "prototype",
  "%00",
  "%0d%0aSet-Cookie:x=1",
  "\r\nSet-Cookie: x=1",
  "javascript:alert(1)",
  "//evil.example/",
  "</textarea><img src=x onerror=alert(1)>",
  "' UNION SELECT passwordHash FROM User --",
  "$where",
  '{"$gt":""}',
  "..\\..\\windows",
  '<!--#exec cmd="ls"-->',
  "a".repeat(41),
] as const;

/** Field names that are not in any form, some of them dangerous to a naive object merge. */
export const EXTRA_FIELDS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isSiteAdmin",
  "role",
  "buyerId",
  "id",
  "status",
  "groupId",
  "organisationId",
  "userId",
  "createdAt",
  "grades",
  "lots",
  "allocations",
  "csrf[]",
  "intent[]",
  "a.b.c",
  "",
] as const;

/** Everything, for noise in a field whose validity we do not care about. */
export function anyValue(r: Rng): string {
  switch (r.int(7)) {
    case 0:
      return r.pick(BLANK);
    case 1:
      return r.pick(NUMBERISH);
    case 2:
      return r.pick(DATES);
    case 3:
      return r.pick(UNICODE);
    case 4:
      return r.pick(INJECTION);
    case 5:
      return r.chance(0.85) ? LONG_10K : LONG_200K;
    default:
      return `${r.pick(INJECTION)}${r.pick(UNICODE)}`;
  }
}

/** Something shaped like a database id that matches nothing. */
export function garbageId(r: Rng): string {
  return r.pick([
    "zz-not-a-real-id",
    `c${"0".repeat(24)}`,
    "' OR 1=1 --",
    "../../etc/passwd",
    "__proto__",
    "constructor",
    "%00",
    "١٢٣",
    "\u202Eabc",
    "🧑‍🌾",
    "null",
    "undefined",
    "0",
    "-1",
    "a".repeat(300),
  ] as const);
}

// ───────────────────────── field specs ─────────────────────────

export type FieldSpec =
  | { kind: "text"; max: number; min?: number } // text(max): trimmed, 1..max (min overrides 1)
  | { kind: "optText"; max: number }
  | { kind: "int"; min: number; max: number }
  | { kind: "optInt"; min: number; max: number }
  | { kind: "decimal"; min: number; max: number }
  | { kind: "optDecimal"; min: number; max: number }
  | { kind: "date" }
  | { kind: "optDate" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "email" } // blankOr(email): blank, or an email address
  | { kind: "phone" } // blankOr(phone): blank, or 0 + 9–10 digits after normalising
  | { kind: "password" } // 8..200
  | { kind: "optPassword" } // blankOr(password)
  | { kind: "regex"; re: RegExp } // z.string().regex(re), untrimmed
  | { kind: "list"; max: number; itemMax: number } // preprocess(asList, array of 1..itemMax chars, 1..max items)
  | { kind: "checkbox" }
  | { kind: "any" }; // read by the route as it comes (form.get): no value is "invalid" to the field itself

export type Value = string | string[] | undefined; // undefined: the field is left out

const isStr = (v: Value): v is string => typeof v === "string";

function intOk(raw: string, min: number, max: number): boolean {
  const v = raw.trim();
  if (!v) return false;
  const digits = v.replace(/[.\s]/g, "");
  if (!/^-?\d+$/.test(digits)) return false;
  const n = Number(digits);
  return Number.isFinite(n) && n >= min && n <= max;
}

function decimalOk(raw: string, min: number, max: number): boolean {
  const v = raw.trim();
  if (!v) return false;
  const d = v.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(d)) return false;
  const n = Number(d);
  return Number.isFinite(n) && n >= min && n <= max;
}

function dateOk(raw: string): boolean {
  const v = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** Mirrors app/domain/fields.ts and the account schemas: would this value pass the field? */
export function isValidFor(spec: FieldSpec, v: Value): boolean {
  if (spec.kind === "list") {
    const items = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return items.length >= 1 && items.length <= spec.max && items.every((x) => x.length >= 1 && x.length <= spec.itemMax);
  }
  if (Array.isArray(v)) return spec.kind === "any"; // a repeated field is an array: z.string() refuses it
  switch (spec.kind) {
    case "text": {
      if (!isStr(v)) return false;
      const t = v.trim();
      return t.length >= (spec.min ?? 1) && t.length <= spec.max;
    }
    case "optText":
      return v === undefined || v.trim().length <= spec.max;
    case "int":
      return isStr(v) && intOk(v, spec.min, spec.max);
    case "optInt":
      return v === undefined || v.trim() === "" || intOk(v, spec.min, spec.max);
    case "decimal":
      return isStr(v) && decimalOk(v, spec.min, spec.max);
    case "optDecimal":
      return v === undefined || v.trim() === "" || decimalOk(v, spec.min, spec.max);
    case "date":
      return isStr(v) && dateOk(v);
    case "optDate":
      return v === undefined || v.trim() === "" || dateOk(v);
    case "enum":
      return isStr(v) && spec.values.includes(v);
    case "email":
      // Conservative: only a blank value counts as surely valid; anything with an "@" might be.
      return v === undefined || v.trim() === "" || v.includes("@");
    case "phone": {
      if (v === undefined || v.trim() === "") return true;
      const d = v.trim().replace(/[\s.-]/g, "");
      return /^0\d{9,10}$/.test(d.startsWith("+84") ? `0${d.slice(3)}` : d);
    }
    case "password":
      return isStr(v) && v.length >= 8 && v.length <= 200;
    case "optPassword":
      return v === undefined || v.trim() === "" || (v.length >= 8 && v.length <= 200);
    case "regex":
      return isStr(v) && spec.re.test(v);
    case "checkbox":
      return true;
    case "any":
      return true;
  }
}

/** Candidates for a value that breaks a field of this kind (checked with isValidFor). */
function breakers(spec: FieldSpec, r: Rng): Value[] {
  const common: Value[] = [
    [r.pick(INJECTION), r.pick(UNICODE)],
    ["", ""],
    [anyValue(r), anyValue(r), anyValue(r)],
  ];
  switch (spec.kind) {
    case "text":
      return [
        ...common,
        undefined,
        ...BLANK,
        LONG_10K.slice(0, spec.max + 1 + r.int(5)),
        LONG_200K,
        r.pick(UNICODE).slice(0, Math.max(0, (spec.min ?? 1) - 1)),
      ];
    case "optText":
      return [...common, LONG_10K.slice(0, spec.max + 1 + r.int(5)), LONG_200K, `${"é".repeat(spec.max)}x`];
    case "int":
    case "optInt":
    case "decimal":
    case "optDecimal": {
      const edge = [String(spec.min - 1), String(spec.max + 1), String(spec.max * 10 + 7), `-${spec.max}`, `${spec.max}.5`];
      return [
        ...common,
        ...(spec.kind === "int" || spec.kind === "decimal" ? [undefined, ...BLANK] : []),
        ...NUMBERISH,
        ...edge,
        r.pick(INJECTION),
        r.pick(UNICODE),
        LONG_10K,
        "1".repeat(400),
      ];
    }
    case "date":
    case "optDate":
      return [...common, ...(spec.kind === "date" ? [undefined, ...BLANK] : []), ...DATES, r.pick(INJECTION), r.pick(NUMBERISH), LONG_10K];
    case "enum":
      return [
        ...common,
        undefined,
        "",
        " ",
        `${spec.values[0]} `,
        spec.values[0].toUpperCase(),
        `${spec.values[0]}\u0000`,
        spec.values[0].normalize("NFD") + "\u0301",
        r.pick(INJECTION),
        r.pick(UNICODE),
        LONG_10K,
        [spec.values[0], spec.values[0]],
      ];
    case "email":
      return [...common, "no-at-sign", r.pick(INJECTION).replace(/@/g, ""), r.pick(UNICODE), "١٢٣", LONG_10K];
    case "phone":
      return [...common, "12345", "0912", "+84", "0912 000 00x", "١٢٣٤٥٦٧٨٩٠", "０９１２０００００１", r.pick(INJECTION), "0".repeat(40)];
    case "password":
      return [...common, undefined, "", "short", "1234567", LONG_10K];
    case "optPassword":
      return [...common, "short", "1234567", " 12345 ", LONG_10K];
    case "regex":
      return [...common, undefined, "", "short", "has space in it", "ünïcødé-key", "a".repeat(65), r.pick(INJECTION), r.pick(UNICODE), LONG_10K];
    case "list":
      return [undefined, "", [""], Array.from({ length: spec.max + 1 + r.int(5) }, (_, i) => `id-${i}`), ["x".repeat(spec.itemMax + 1)], LONG_10K, [LONG_200K]];
    case "checkbox":
      return common;
    case "any":
      return [];
  }
}

/** A value that certainly fails the field, or null when the field takes anything. */
export function invalidFor(spec: FieldSpec, r: Rng, noArrays = false): { value: Value } | null {
  const candidates = breakers(spec, r).filter((v) => !isValidFor(spec, v) && !(noArrays && Array.isArray(v)));
  if (!candidates.length) return null;
  return { value: r.pick(candidates) };
}

/** Noise: an edgy value that may or may not pass (injection-shaped text is valid text). */
export function noiseFor(spec: FieldSpec, r: Rng): Value {
  if (spec.kind === "enum" && r.chance(0.5)) return r.pick(spec.values);
  return r.chance(0.15) ? [anyValue(r), anyValue(r)] : anyValue(r);
}

// ───────────────────────── form payloads ─────────────────────────

/**
 * `repeatOk`: a repeated value is not an error for this field: one column of repeated rows
 * (grade.code, lot.grossKg…), or a field the route reads with form.get() (the first value wins).
 */
export type FieldDef = { spec: FieldSpec; valid: () => Value; repeatOk?: boolean };
export type Form = Record<string, FieldDef>;
export type Payload = Record<string, string | string[]>;

export type Mutation = { field: string; how: "broken" | "missing" | "noise" | "extra" };

/**
 * A payload for a form: every field starts valid, then `breaks` fields (at least one) get a
 * value that certainly fails, a few others get noise, and sometimes unknown fields are added.
 * `mustBreak` (optional) limits which fields may be the broken ones, for doors where only
 * some fields protect against a write.
 */
export function badForm(form: Form, r: Rng, opts: { mustBreak?: string[]; extra?: Payload } = {}): { payload: Payload; mutations: Mutation[] } {
  const values: Record<string, Value> = {};
  for (const [k, def] of Object.entries(form)) values[k] = def.valid();
  const mutations: Mutation[] = [];
  const breakable = (opts.mustBreak ?? Object.keys(form)).filter((k) => form[k] && invalidFor(form[k].spec, r, form[k].repeatOk));
  const nBreak = breakable.length ? 1 + (r.chance(0.3) ? r.int(Math.min(3, breakable.length)) : 0) : 0;
  for (const k of r.sample(breakable, nBreak)) {
    const bad = invalidFor(form[k].spec, r, form[k].repeatOk)!;
    values[k] = bad.value;
    mutations.push({ field: k, how: bad.value === undefined ? "missing" : "broken" });
  }
  const broken = new Set(mutations.map((m) => m.field));
  for (const k of Object.keys(form)) {
    if (broken.has(k) || !r.chance(0.25)) continue;
    values[k] = noiseFor(form[k].spec, r);
    mutations.push({ field: k, how: "noise" });
  }
  // No prototype, so "__proto__" and "constructor" are ordinary field names here.
  const payload: Payload = Object.create(null);
  for (const [k, v] of Object.entries(values)) if (v !== undefined) payload[k] = v;
  if (r.chance(0.2)) {
    for (const k of r.sample(EXTRA_FIELDS, 1 + r.int(3))) {
      if (Object.hasOwn(payload, k) || Object.hasOwn(form, k)) continue; // never overwrite (and so repair) a field of the form
      payload[k] = r.chance(0.3) ? [anyValue(r), anyValue(r)] : r.chance(0.5) ? "true" : anyValue(r);
      mutations.push({ field: k, how: "extra" });
    }
  }
  Object.assign(payload, opts.extra ?? {});
  return { payload, mutations };
}

/** Encodes a payload as application/x-www-form-urlencoded (repeated keys for arrays). */
export function formBody(fields: Payload, csrf: string | string[] | null): URLSearchParams {
  const body = new URLSearchParams();
  if (csrf !== null) for (const c of Array.isArray(csrf) ? csrf : [csrf]) body.append("csrf", c);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}

/** A short, printable description of a payload for failure reports. */
export function summarise(payload: unknown, max = 240): string {
  const s = JSON.stringify(payload, (_k, v) => (typeof v === "string" && v.length > 40 ? `${v.slice(0, 24)}…(${v.length} chars)` : v));
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

// ───────────────────────── JSON bodies ─────────────────────────

/** Nested n deep: {"a":{"a":…}} or [[[…]]]. Built as text so no recursion is needed. */
export function deeplyNested(depth: number, kind: "object" | "array"): string {
  return kind === "object" ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

/** A JSON array of about `bytes` bytes. */
export function bigArray(bytes: number, item = '"x"'): string {
  const n = Math.floor(bytes / (item.length + 1));
  return `[${Array(n).fill(item).join(",")}]`;
}

/** Bodies that are not JSON at all. */
export const NOT_JSON = [
  "",
  " ",
  "{not json",
  "{'single':'quotes'}",
  "undefined",
  "NaN",
  '{"a":1,}',
  "[1,2",
  "\u0000",
  "\uFEFF{}",
  "<xml/>",
  "format=linkage-bundle/1",
  '{"format":"linkage-bundle/1"',
  '"unterminated',
  '{"a":"\\uD800"',
  "1e309e",
  '--\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n----',
] as const;

/** A bundle-shaped JSON value with wrong types in it (numbers as strings, objects as arrays…). */
export function badBundle(r: Rng, valid: Record<string, unknown> | null): unknown {
  const FORMAT = "linkage-bundle/1";
  const keys = ["organisations", "farmerGroups", "households", "products", "seasons", "contracts", "pickups", "invoices", "payments"];
  // Never a valid value in any slot: no bundle field takes null, an object with a "length",
  // a prototype-polluting object or a nested array of nulls.
  const wrong = (): unknown =>
    r.pick<() => unknown>([
      () => null,
      () => ({ 0: "a", length: 1 }),
      () => [null],
      () => JSON.parse('{"__proto__":{"isSiteAdmin":true}}'),
      () => ({ constructor: { prototype: { polluted: true } } }),
      () => [[[]]],
    ])();
  /** A value of another type than `orig`: a string for a number, a number for a string… */
  const wrongTypeFor = (orig: unknown, nullable = false): unknown => {
    const options: unknown[] = [{ v: orig }, [orig], ...(nullable ? [] : [null])];
    if (typeof orig !== "string") options.push(String(orig), "", r.pick(INJECTION));
    if (typeof orig !== "number") options.push(1, -1, 1e308, 0.5);
    if (typeof orig !== "boolean") options.push(true, false);
    return r.pick(options);
  };
  switch (r.int(9)) {
    case 0:
      return wrong();
    case 1:
      return { format: r.pick([null, 1, "linkage-bundle/2", "LINKAGE-BUNDLE/1", `${FORMAT} `, [FORMAT], { v: FORMAT }]) };
    case 2:
      return { format: FORMAT, [r.pick(keys)]: wrong() };
    case 3:
      return { format: FORMAT, [r.pick(keys)]: [wrong(), wrong()] };
    case 4: {
      // A record of the right kind with one field of the wrong type.
      const key = r.pick(["organisations", "farmerGroups", "households"]);
      const base: Record<string, unknown> =
        key === "organisations"
          ? { ref: "fuzz-org", kind: "cooperative", name: "Fuzz" }
          : key === "farmerGroups"
            ? { ref: "fuzz-group", name: "Fuzz", province: "Quảng Trị", district: "Hướng Hóa", commune: "Xã A" }
            : { ref: "fuzz-hh", groupRef: "fuzz-group-missing", headName: "Fuzz", headSex: "female", ethnicMinority: true, povertyStatus: "poor", members: 4 };
      const field = r.pick(Object.keys(base));
      return { format: FORMAT, [key]: [{ ...base, [field]: wrongTypeFor(base[field]) }] };
    }
    case 5: {
      // The caller's own valid export with one record spoiled: all or nothing must hold.
      if (!valid) return { format: FORMAT, households: [{ ref: 1 }] };
      const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown[]>;
      const key = r.pick(keys.filter((k) => Array.isArray(copy[k]) && copy[k].length));
      if (!key) return { format: FORMAT, households: "x" };
      const list = copy[key] as Record<string, unknown>[];
      const i = r.int(list.length);
      const field = r.pick(Object.keys(list[i]));
      list[i] = { ...list[i], [field]: wrongTypeFor(list[i][field], /^(renewsRef|supersedesRef)$/.test(field)) };
      return copy;
    }
    case 6:
      return {
        format: FORMAT,
        households: [
          {
            ref: "fuzz-hh",
            groupRef: r.pick(INJECTION),
            headName: r.pick(UNICODE),
            headSex: "female",
            ethnicMinority: "true",
            povertyStatus: "poor",
            members: "5",
          },
        ],
      };
    case 7:
      return [{ format: FORMAT }];
    default:
      return { format: FORMAT, organisations: [{ ref: r.pick(INJECTION), kind: "authority", name: LONG_10K }] };
  }
}
