import i18next, { type TFunction } from "i18next";
import en from "../../locales/en.json" with { type: "json" };
import fi from "../../locales/fi.json" with { type: "json" };
import sv from "../../locales/sv.json" with { type: "json" };
import { DEFAULT_LOCALE, LOCALES, type Locale, perLocale } from "./locales.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof fi };
  }
}

export const resources = { fi, sv, en } as const;

const i18n = i18next.createInstance();
await i18n.init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: resources[l] }])),
  lng: DEFAULT_LOCALE,
  fallbackLng: false,
  supportedLngs: [...LOCALES],
  // Output is escaped by Preact when rendered; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export type T = TFunction;

/** Every plain string of a locale by its dotted key: those without interpolation or nesting. */
function plainStrings(tree: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") {
      if (!value.includes("{{") && !value.includes("$t(")) out.set(path, value);
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      plainStrings(value, path, out);
    }
  }
  return out;
}

const translators = Object.fromEntries(
  LOCALES.map((locale) => {
    const full = i18n.getFixedT(locale);
    const plain = plainStrings(resources[locale]);
    // A page calls t() hundreds of times; most calls are a plain key without options, which is a
    // map lookup here (i18next's own path costs about a tenth of a page's CPU). Everything else —
    // options, interpolation, plurals, several keys — goes to i18next.
    const t = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length === 0 && typeof key === "string") {
        const found = plain.get(key);
        if (found !== undefined) return found;
      }
      return (full as unknown as (...args: unknown[]) => string)(key, ...rest);
    }) as unknown as T;
    return [locale, t];
  }),
) as Record<Locale, T>;

export function translator(locale: Locale): T {
  return translators[locale];
}

/** i18next's own translator, for the test that the fast path above answers the same. */
export function i18nextTranslator(locale: Locale): T {
  return i18n.getFixedT(locale);
}

const DATE_TIME = perLocale((tag) => new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Helsinki" }));
export function formatDateTime(locale: Locale, date: Date): string {
  return DATE_TIME[locale].format(date);
}
