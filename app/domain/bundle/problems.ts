// A problem with a bundle: where (JSON path) and why. Problems found by rights and conflict
// checks carry a catalogue key and its values, so the web page can say them in the reader's
// language; `reason` is the English text, for the API and the command line.
import { translate, type MessageKey, type Params } from "~/i18n";
import type { BundleProblem } from "./bundle.schema";

export type ProblemCode = Extract<MessageKey, `bundle.problem.${string}`>;

export function problem(path: string, code: ProblemCode, params: Params): BundleProblem {
  return { path, reason: translate("en", code, params), code, params };
}

/** Thrown inside the import's write() to roll it back and answer with these problems. */
export class ImportRefused extends Error {
  constructor(public problems: BundleProblem[]) {
    super(`${problems.length} problem(s)`);
  }
}
