export const LOCALES = ["fi", "sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fi";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The locale a URL path starts with (`/sv/...` → sv), or the default. */
export function localeOfPath(path: string): Locale {
  const first = path.split("/")[1]?.split("?")[0];
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

/** BCP 47 tags for Intl. */
export const INTL_LOCALE: Record<Locale, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

/**
 * One object per page language, made once (e.g. an Intl formatter: building one with a time zone
 * costs far more than formatting with it).
 */
export function perLocale<T>(make: (tag: string) => T): Record<Locale, T> {
  return Object.fromEntries(LOCALES.map((l) => [l, make(INTL_LOCALE[l])])) as Record<Locale, T>;
}
