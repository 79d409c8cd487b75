// Irreversible steps (closing an offer, declining a take-up, moving a contract, cancelling a
// statement) need a second, deliberate act: a ticked "Tôi xác nhận…" box that the server
// checks, so the step is guarded with or without JavaScript, from any client.
import type { FieldErrors } from "./forms";

export const CONFIRM_FIELD = "confirm";

export function isConfirmed(form: FormData): boolean {
  return form.get(CONFIRM_FIELD) === "on";
}

export const confirmMissing: FieldErrors = { [CONFIRM_FIELD]: ["confirm.required"] };
