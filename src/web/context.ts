import type { Role } from "../modules/accounts/roles.ts";
import type { T } from "./i18n.ts";
import type { Locale } from "./locales.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  areaId: string | null;
}

/** What every page view needs to know about the request it answers. */
export interface PageContext {
  locale: Locale;
  t: T;
  user: SessionUser | null;
  /** CSRF token for the forms of this page. */
  csrfToken: string;
  /** The same page in each language, for the language switch; null when there is no twin. */
  alternates: Record<Locale, string> | null;
  /** Whether the user may see the administration link (decided by the policy module). */
  showAdmin: boolean;
}
