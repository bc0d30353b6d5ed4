import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNamedLines, parseNamedLines, slugify } from "./lines.ts";

const CODE = /^[0-9.]{1,10}$/;

describe("parseNamedLines", () => {
  it("empty text gives no items and no errors", () => {
    expect(parseNamedLines("", CODE)).toEqual({ items: [], errors: [] });
    expect(parseNamedLines("\n  \n", CODE)).toEqual({ items: [], errors: [] });
  });

  it("reads one item per line, trimming spaces, with Windows line ends", () => {
    const r = parseNamedLines(" 4.1 | Työ | Arbete | Work \r\n\r\n4.2|Osallisuus|Delaktighet|Inclusion", CODE);
    expect(r.errors).toEqual([]);
    expect(r.items).toEqual([
      { code: "4.1", name: { fi: "Työ", sv: "Arbete", en: "Work" } },
      { code: "4.2", name: { fi: "Osallisuus", sv: "Delaktighet", en: "Inclusion" } },
    ]);
  });

  it("names the line of each mistake", () => {
    const r = parseNamedLines(
      ["4.1 | Työ | Arbete", "x | a | b | c", "4.1 | a | b | c", "4.1 | a | b | c", "4.3 | a |  | c"].join("\n"),
      CODE,
    );
    expect(r.errors).toEqual([
      { line: 1, key: "errors.lineParts" },
      { line: 2, key: "errors.lineCode" },
      { line: 4, key: "errors.lineDuplicate" },
      { line: 5, key: "errors.lineParts" },
    ]);
    expect(r.items.map((i) => i.code)).toEqual(["4.1"]);
  });

  it("refuses control characters and over-long names, and too many items", () => {
    expect(parseNamedLines("4.1 | a\u0000 | b | c", CODE).errors[0]?.key).toBe("errors.controlCharacters");
    expect(parseNamedLines(`4.1 | ${"a".repeat(301)} | b | c`, CODE).errors[0]?.key).toBe("errors.textTooLong");
    expect(parseNamedLines(`4.1 | ${"a".repeat(300)} | b | c`, CODE).errors).toEqual([]);
    const many = Array.from({ length: 3 }, (_, i) => `${i} | a | b | c`).join("\n");
    expect(parseNamedLines(many, CODE, 2).errors).toEqual([{ line: 3, key: "errors.textTooLong" }]);
  });

  it("round-trips what it formats, and never throws", () => {
    const items = [{ code: "1", name: { fi: "Yksi", sv: "Ett", en: "One" } }];
    expect(parseNamedLines(formatNamedLines(items), CODE).items).toEqual(items);
    fc.assert(fc.property(fc.string(), (s) => void parseNamedLines(s, CODE)));
  });
});

describe("slugify", () => {
  it.each([
    ["Pitkäaikaistyöttömät", "pitkaaikaistyottomat"],
    ["Romanit ja muut etniset vähemmistöt", "romanit-ja-muut-etniset-vahemmistot"],
    ["  ESR+ 2021–2027  ", "esr-2021-2027"],
    ["Ålands landskapsregering", "alands-landskapsregering"],
    ["!!!", ""],
  ])("%s → %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
  it("is at most 60 characters and never ends with a dash", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const slug = slugify(s);
        expect(slug.length).toBeLessThanOrEqual(60);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      }),
    );
  });
});
