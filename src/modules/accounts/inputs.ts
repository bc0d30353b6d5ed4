import { z } from "zod";
import { LOCALES } from "../../web/locales.ts";
import { AREA_BOUND_ROLES, ROLES } from "./roles.ts";

const email = z
  .string({ message: "errors.emailRequired" })
  .trim()
  .min(1, "errors.emailRequired")
  .max(254, "errors.emailInvalid")
  .pipe(z.email("errors.emailInvalid"))
  .transform((v) => v.toLowerCase());

/**
 * One line of free text: trimmed, required, bounded, and without control characters (PostgreSQL
 * cannot store NUL, and line breaks or escapes have no place in a name).
 */
export function singleLineText(requiredKey: string, max: number, tooLongKey: string) {
  return z
    .string({ message: requiredKey })
    .trim()
    .min(1, requiredKey)
    .max(max, tooLongKey)
    .refine((v) => !/\p{Cc}/u.test(v), "errors.controlCharacters");
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const newPassword = z
  .string({ message: "errors.passwordRequired" })
  .min(1, "errors.passwordRequired")
  .min(PASSWORD_MIN, "errors.passwordTooShort")
  .max(PASSWORD_MAX, "errors.passwordTooLong");

export const loginInput = z.object({
  email,
  password: z.string({ message: "errors.passwordRequired" }).min(1, "errors.passwordRequired").max(PASSWORD_MAX, "errors.passwordTooLong"),
  next: z.string().optional(),
});

export const forgotPasswordInput = z.object({ email });

const passwordPair = z
  .object({ password: newPassword, passwordConfirm: z.string({ message: "errors.passwordConfirm" }) })
  .refine((v) => v.password === v.passwordConfirm, {
    message: "errors.passwordMismatch",
    path: ["passwordConfirm"],
  });

export const resetPasswordInput = passwordPair;

export const acceptInvitationInput = z
  .object({
    name: singleLineText("errors.nameRequired", 200, "errors.nameTooLong"),
    password: newPassword,
    passwordConfirm: z.string({ message: "errors.passwordConfirm" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    message: "errors.passwordMismatch",
    path: ["passwordConfirm"],
  });

const role = z.enum(ROLES, { message: "errors.roleRequired" });
const areaId = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();

/** Area-bound roles need an area; others must not have one. */
function checkArea(v: { role: (typeof ROLES)[number]; areaId?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (AREA_BOUND_ROLES.includes(v.role) && !v.areaId) {
    ctx.addIssue({ code: "custom", message: "errors.areaRequired", path: ["areaId"] });
  }
}

export const inviteUserInput = z
  .object({ email, role, areaId, locale: z.enum(LOCALES).default("fi") })
  .superRefine(checkArea)
  .transform((v) => ({ ...v, areaId: AREA_BOUND_ROLES.includes(v.role) ? (v.areaId ?? null) : null }));

export const updateUserInput = z
  .object({ role, areaId, status: z.enum(["active", "disabled"], { message: "errors.invalid" }) })
  .superRefine(checkArea)
  .transform((v) => ({ ...v, areaId: AREA_BOUND_ROLES.includes(v.role) ? (v.areaId ?? null) : null }));

export const uuidParam = z.object({ id: z.uuid() });
export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
