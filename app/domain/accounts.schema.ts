import * as z from "zod";
import { blankOr } from "./fields";
import { passwordHasIdentity, weakPassword } from "./passwords";

/** Vietnamese mobile numbers: 0xxxxxxxxx or +84xxxxxxxxx, stored as 0xxxxxxxxx. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s.-]/g, "");
  return digits.startsWith("+84") ? `0${digits.slice(3)}` : digits;
}

export const phoneSchema = z
  .string()
  .trim()
  .transform(normalisePhone)
  .pipe(z.string().regex(/^0\d{9,10}$/, "error.phone"));

/** Email or phone, as typed at login. */
export function normaliseLogin(raw: string): { email: string } | { phone: string } {
  const v = raw.trim();
  return v.includes("@") ? { email: v.toLowerCase() } : { phone: normalisePhone(v) };
}

export const passwordSchema = z
  .string()
  .min(8, "error.passwordShort")
  .max(200, "error.tooLong")
  .superRefine((v, ctx) => {
    const weak = v.length >= 8 ? weakPassword(v) : null;
    if (weak) ctx.addIssue({ code: "custom", message: weak });
  });

/** For forms that set a password for a login: the password must not contain that login. */
export const notOwnLogin = (v: { login: { email: string } | { phone: string }; password?: string | null }) =>
  !v.password || !passwordHasIdentity(v.password, v.login);

export const loginSchema = z.object({
  login: z.string().trim().min(1, "error.required").max(200, "error.tooLong"),
  password: z.string().min(1, "error.required").max(200, "error.tooLong"),
  redirectTo: z.string().optional(),
});

export const signupSchema = z
  .object({
    name: z.string().trim().min(2, "error.nameShort").max(120, "error.tooLong"),
    email: blankOr(z.string().trim().toLowerCase().pipe(z.email("error.email"))),
    phone: blankOr(phoneSchema),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.email || v.phone, { message: "error.emailOrPhone", path: ["email"] })
  .refine((v) => v.password === v.confirm, { message: "error.passwordMismatch", path: ["confirm"] })
  .refine((v) => !passwordHasIdentity(v.password, v), { message: "error.passwordPersonal", path: ["password"] });
