// Shared by forms and actions: FormData → object → zod, with errors as catalogue keys so
// the form shows them in the reader's language. See app/components/form.tsx.
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Repeated keys become arrays; the CSRF field is dropped. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key === "csrf" || typeof value !== "string") continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function messageKey(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.message.startsWith("error.")) return issue.message;
  if (issue.code === "invalid_type" && (input === undefined || input === "")) return "error.required";
  if (issue.code === "too_big") return "error.tooLong";
  return "error.invalid";
}

function at(obj: unknown, path: PropertyKey[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === "object" ? (cur as Record<PropertyKey, unknown>)[p] : undefined;
  return cur;
}

export function parseWith<S extends z.ZodType>(schema: S, values: Record<string, unknown>): FormResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    (errors[key] ??= []).push(messageKey(issue, at(values, issue.path)));
  }
  return { ok: false, errors, values };
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.output<S>> {
  return parseWith(schema, formToObject(form));
}
