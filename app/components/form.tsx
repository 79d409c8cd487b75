// Form building blocks: every form posts its CSRF token, every field has a label, and its
// errors are tied to it (aria-invalid + aria-describedby) in the reader's language.
import { Form, useNavigation, useRouteLoaderData, type FormProps } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n/use-t";
import type { loader as rootLoader } from "~/root";
import type { FieldErrors } from "~/utils/forms";

export function CsrfInput() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}

export function AppForm({ children, method = "post", ...props }: FormProps) {
  return (
    <Form method={method} {...props}>
      <CsrfInput />
      {children}
    </Form>
  );
}

type Common = { label: string; name: string; errors?: FieldErrors; hint?: string };

function useFieldIds(name: string, errors?: FieldErrors) {
  const id = useId();
  const list = errors?.[name] ?? [];
  return { inputId: `${id}-${name}`, errorId: `${id}-${name}-err`, hintId: `${id}-${name}-hint`, list };
}

function FieldMessages({ errorId, hintId, list, hint }: { errorId: string; hintId: string; list: string[]; hint?: string }) {
  const t = useT();
  return (
    <>
      {hint ? (
        <small id={hintId} className="hint">
          {hint}
        </small>
      ) : null}
      {list.length ? (
        <p id={errorId} className="field-error" role="alert">
          {list.map((k) => t.dynamic(k)).join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function Field({ label, name, errors, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { inputId, errorId, hintId, list } = useFieldIds(name, errors);
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        aria-invalid={list.length ? true : undefined}
        aria-describedby={[list.length ? errorId : "", hint ? hintId : ""].join(" ").trim() || undefined}
        {...input}
      />
      <FieldMessages errorId={errorId} hintId={hintId} list={list} hint={hint} />
    </div>
  );
}

export function TextArea({ label, name, errors, hint, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { inputId, errorId, hintId, list } = useFieldIds(name, errors);
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <textarea id={inputId} name={name} aria-invalid={list.length ? true : undefined} aria-describedby={list.length ? errorId : undefined} {...input} />
      <FieldMessages errorId={errorId} hintId={hintId} list={list} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const { inputId, errorId, hintId, list } = useFieldIds(name, errors);
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <select id={inputId} name={name} aria-invalid={list.length ? true : undefined} aria-describedby={list.length ? errorId : undefined} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages errorId={errorId} hintId={hintId} list={list} hint={hint} />
    </div>
  );
}

export function CheckboxField({ label, name, errors, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { inputId, errorId, hintId, list } = useFieldIds(name, errors);
  return (
    <div className="field field-check">
      <input id={inputId} type="checkbox" name={name} value="on" {...input} />
      <label htmlFor={inputId}>{label}</label>
      <FieldMessages errorId={errorId} hintId={hintId} list={list} />
    </div>
  );
}

/** Errors that belong to no single field (wrong password, stale form…). */
export function FormError({ errors }: { errors?: FieldErrors }) {
  const t = useT();
  const list = errors?._form ?? [];
  if (!list.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      {list.map((k) => t.dynamic(k)).join(" ")}
    </div>
  );
}

export function SubmitButton({ children, name, value, className }: { children: ReactNode; name?: string; value?: string; className?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" name={name} value={value} className={className ?? "btn btn-primary"} disabled={busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

/** A value for a field: what the user typed (after an error) or the record's current value. */
export function fieldValue(values: Record<string, unknown> | undefined, name: string, fallback: unknown): string {
  const v = values?.[name] ?? fallback;
  return v === null || v === undefined ? "" : String(v);
}

/**
 * Every message of a refused action, at the top of a page that has several forms: the form an
 * error belongs to may not be on the page for this person or this state of the record.
 */
export function ErrorSummary({ errors }: { errors?: FieldErrors }) {
  const t = useT();
  const keys = [...new Set(Object.values(errors ?? {}).flat())];
  if (!keys.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      {keys.map((k) => t.dynamic(k)).join(" ")}
    </div>
  );
}
