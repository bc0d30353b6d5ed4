import i18next, { type TFunction } from "i18next";
import en from "../../locales/en.json" with { type: "json" };
import fi from "../../locales/fi.json" with { type: "json" };
import sv from "../../locales/sv.json" with { type: "json" };
import { DEFAULT_LOCALE, INTL_LOCALE, LOCALES, type Locale } from "./locales.ts";

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

export function translator(locale: Locale): T {
  return i18n.getFixedT(locale);
}

export function formatDateTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Helsinki",
  }).format(date);
}
