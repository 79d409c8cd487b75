// A problem with a bundle: where (JSON path) and why. Every problem carries a catalogue key and
// its values, so the web page says it in the reader's language; `reason` is the English text,
// for the API and the command line. A value named …Key is itself a catalogue key (a domain
// error such as error.futureDate), said in the same language as the sentence around it.
import { translate, translateDynamic, type Locale, type MessageKey, type Params } from "~/i18n";
import type { BundleProblem } from "./bundle.schema";

export type ProblemCode = Extract<MessageKey, `bundle.problem.${string}`>;

function localParams(locale: Locale, params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k.endsWith("Key") && typeof v === "string" ? translateDynamic(locale, v) : v]));
}

export function problem(path: string, code: ProblemCode, params: Params): BundleProblem {
  return { path, reason: translate("en", code, localParams("en", params)), code, params };
}

/** The problem in the reader's language (a problem without a code, from an older server, as its reason). */
export function problemText(locale: Locale, p: BundleProblem): string {
  return p.code ? translateDynamic(locale, p.code, localParams(locale, p.params ?? {})) : p.reason;
}

/** Thrown inside the import's write() to roll it back and answer with these problems. */
export class ImportRefused extends Error {
  constructor(public problems: BundleProblem[]) {
    super(`${problems.length} problem(s)`);
  }
}
