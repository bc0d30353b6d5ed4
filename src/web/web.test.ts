import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import en from "../../locales/en.json" with { type: "json" };
import fi from "../../locales/fi.json" with { type: "json" };
import sv from "../../locales/sv.json" with { type: "json" };
import { preferredLocale } from "../app.ts";
import { fieldErrors, keepValues } from "./form.tsx";
import { i18nextTranslator, translator } from "./i18n.ts";
import { localeOfPath } from "./locales.ts";
import { alternates, PAGES, pathTo, routePattern } from "./paths.ts";
import { safeLocalPath } from "./render.ts";

function flatKeys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? flatKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("locales", () => {
  const sets = { fi: flatKeys(fi), sv: flatKeys(sv), en: flatKeys(en) };
  it.each(["sv", "en"] as const)("%s has exactly the keys of fi", (l) => {
    expect(sets[l].filter((k) => !sets.fi.includes(k))).toEqual([]);
    expect(sets.fi.filter((k) => !sets[l].includes(k))).toEqual([]);
  });
  it("has no empty strings", () => {
    for (const [l, obj] of Object.entries({ fi, sv, en })) {
      const empty = flatKeys(obj).filter((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], obj) === "");
      expect(empty, l).toEqual([]);
    }
  });
  it("has a message for every error key the input schemas and services use", () => {
    const files = readdirSync(resolve(import.meta.dirname, ".."), { recursive: true, encoding: "utf8" }).filter((f) =>
      /(inputs|service)\.ts$/.test(f),
    );
    const used = new Set(
      files.flatMap((f) =>
        [...readFileSync(resolve(import.meta.dirname, "..", f), "utf8").matchAll(/"(errors\.[a-zA-Z]+)"/g)].map((m) => m[1] ?? ""),
      ),
    );
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !sets.fi.includes(k))).toEqual([]);
  });

  it("interpolates in every language", () => {
    for (const l of ["fi", "sv", "en"] as const) {
      expect(translator(l)("layout.myAccount", { name: "Aino" })).toContain("Aino");
    }
  });
});

describe("translator", () => {
  it("answers every key in every locale as i18next does, with and without options", () => {
    for (const [locale, tree] of [
      ["fi", fi],
      ["sv", sv],
      ["en", en],
    ] as const) {
      const fast = translator(locale) as unknown as (...a: unknown[]) => unknown;
      const full = i18nextTranslator(locale) as unknown as (...a: unknown[]) => unknown;
      for (const key of flatKeys(tree)) {
        expect(fast(key)).toEqual(full(key));
        expect(fast(key, { count: 2, name: "X", n: 3 })).toEqual(full(key, { count: 2, name: "X", n: 3 }));
      }
      expect(fast("no.such.key")).toEqual(full("no.such.key"));
      expect(fast(["no.such.key", "layout.skipToContent"])).toEqual(full(["no.such.key", "layout.skipToContent"]));
    }
  });
});

describe("paths", () => {
  it("builds translated paths", () => {
    expect(pathTo("home", "fi")).toBe("/fi");
    expect(pathTo("login", "sv")).toBe("/sv/logga-in");
    expect(pathTo("resetPassword", "en", { token: "abc" })).toBe("/en/new-password/abc");
  });
  it("encodes parameters", () => {
    expect(pathTo("adminUser", "fi", { id: "a/b" })).toBe("/fi/hallinta/kayttajat/a%2Fb");
  });
  it("throws on a missing parameter", () => {
    expect(() => pathTo("invitation", "fi")).toThrow(/token/);
  });
  it("maps each page to a twin in every language", () => {
    expect(alternates("accessibility")).toEqual({
      fi: "/fi/saavutettavuusseloste",
      sv: "/sv/tillganglighetsutlatande",
      en: "/en/accessibility-statement",
    });
  });
  it("has unique route patterns", () => {
    const all = Object.keys(PAGES).flatMap((p) => (["fi", "sv", "en"] as const).map((l) => routePattern(p as keyof typeof PAGES, l)));
    expect(new Set(all).size).toBe(all.length);
  });
  it.each([
    ["/sv/logga-in", "sv"],
    ["/en", "en"],
    ["/en?x=1", "en"],
    ["/", "fi"],
    ["/de/x", "fi"],
    ["/healthz", "fi"],
  ])("locale of %s is %s", (path, locale) => expect(localeOfPath(path)).toBe(locale));
});

describe("preferredLocale", () => {
  it.each([
    [undefined, "fi"],
    ["", "fi"],
    ["sv-FI,sv;q=0.9", "sv"],
    ["en-GB,en;q=0.9,fi;q=0.8", "en"],
    ["de-DE,en;q=0.5,sv;q=0.7", "sv"],
    ["de", "fi"],
    ["fi;q=0.1,en;q=0.9", "en"],
    ["garbage;;;,,", "fi"],
  ])("%s → %s", (header, locale) => expect(preferredLocale(header)).toBe(locale));
});

describe("safeLocalPath", () => {
  it.each([
    ["/fi/oma-tili", "/fi/oma-tili"],
    ["/sv/mitt-konto?x=1", "/sv/mitt-konto?x=1"],
    ["/en", "/en"],
    ["/\t/evil.example", "/fallback"],
    ["/fi/\n/x", "/fallback"],
    ["/fi/€", "/fallback"],
    ["/evil", "/fallback"],
    ["/finnish", "/fallback"],
    ["/fi/../../x", "/fi/../../x"],
    ["//evil.example", "/fallback"],
    ["https://evil.example", "/fallback"],
    ["/\\evil.example", "/fallback"],
    ["", "/fallback"],
    [undefined, "/fallback"],
    [42, "/fallback"],
  ])("%s → %s", (next, expected) => expect(safeLocalPath(next, "/fallback")).toBe(expected));
});

describe("form helpers", () => {
  const t = translator("fi");
  it("translates i18n-key messages and keeps the first error per field", () => {
    const schema = z.object({ a: z.string().min(3, "errors.nameRequired").min(5, "errors.nameTooLong"), b: z.number() });
    const r = schema.safeParse({ a: "x", b: "y" });
    expect(r.success).toBe(false);
    if (!r.success) {
      const errors = fieldErrors(r.error, t);
      expect(errors.a).toBe(t("errors.nameRequired"));
      expect(errors.b).toBe(t("errors.invalid"));
    }
  });
  it("keeps typed strings but never the CSRF token or omitted fields", () => {
    expect(keepValues({ email: "a@b.fi", password: "x", _csrf: "t", n: 3 }, ["password"])).toEqual({ email: "a@b.fi" });
    expect(keepValues(null)).toEqual({});
    expect(keepValues("str")).toEqual({});
  });
});
