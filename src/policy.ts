import type { Role } from "./modules/accounts/roles.ts";
import type { SessionUser } from "./web/context.ts";
import { HttpError } from "./web/http-error.ts";

/**
 * The one place that decides who may do what. Every route calls `authorize` (or `can` to decide
 * what to show) before it reads or writes anything that is not public.
 */
export const ACTIONS = {
  /** See one's own account page. */
  "account.read": "signed-in",
  /** List users and their roles. */
  "users.list": ["admin"],
  /** Invite a user and choose the role. */
  "users.invite": ["admin"],
  /** Change another user's role, area or status. */
  "users.update": ["admin"],
  /** Read the mail outbox (mails held when no SMTP server is set). */
  "outbox.read": ["admin"],
  /** Import projects from a CSV file and read the reports of one's own imports (docs/decisions/0008). */
  "projects.import": ["admin", "national_coordinator"],
} as const satisfies Record<string, readonly Role[] | "signed-in">;

export type Action = keyof typeof ACTIONS;

export function can(user: SessionUser | null, action: Action): boolean {
  if (!user) return false;
  const rule: readonly Role[] | "signed-in" = ACTIONS[action];
  if (rule === "signed-in") return true;
  return rule.includes(user.role);
}

/** Throws 401 for an anonymous request and 403 for a user without the right. */
export function authorize(user: SessionUser | null, action: Action): asserts user is SessionUser {
  if (!user) throw new HttpError(401);
  if (!can(user, action)) throw new HttpError(403);
}

/** Whether the administration link is shown. */
export function seesAdministration(user: SessionUser | null): boolean {
  return can(user, "users.list") || can(user, "outbox.read");
}
