import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHosFile, periodYear } from "./parse-hos.ts";
import { parseSotkanetFile } from "./parse-sotkanet.ts";
import { indicatorIdOf, parseTidyCsv } from "./parse-tidy.ts";
import {
  checkRows,
  hasControlCharacter,
  normaliseRegionCode,
  parseGender,
  parseLevel,
  parseNumber,
  parseYear,
  type ValueRow,
} from "./rows.ts";

const enc = (s: string) => new TextEncoder().encode(s);
// Printable text plus the control characters (NUL included) fast-check leaves out by default.
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("\u0000", "\u0001", "\u001f", "\u007f", "\r", "\n", '"', ",", ";"),
    fc.string({ minLength: 1, maxLength: 1 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  ),
});

describe("cell parsers", () => {
  it("parseNumber accepts decimal points and commas, signs and exponents, and nothing else", () => {
    expect(parseNumber("12")).toBe(12);
    expect(parseNumber("-1,5")).toBe(-1.5);
    expect(parseNumber("\u22123.25")).toBe(-3.25);
    expect(parseNumber("1e3")).toBe(1000);
    expect(parseNumber(".5")).toBe(0.5);
    for (const bad of ["", "abc", "1 000", "1.000,5", "NaN", "Infinity", "1e999", "12%", "0x10"]) expect(parseNumber(bad)).toBeNull();
  });
  it("parseNumber round-trips every finite double (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseNumber(String(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
  it("parseYear takes four digits in 1900–2100", () => {
    expect(parseYear("2019")).toBe(2019);
    for (const bad of ["19", "2019.0", "1899", "2101", "", "kaksi"]) expect(parseYear(bad)).toBeNull();
  });
  it("parseLevel knows Sokra's levels and Sotkanet's categories", () => {
    expect(parseLevel("KUNTA")).toBe("kunta");
    expect(parseLevel("Hyvinvointialue")).toBe("hyvinvointialue");
    expect(parseLevel("koko maa")).toBe("koko_maa");
    expect(parseLevel("ELY-KESKUS")).toBeNull();
  });
  it("parseGender defaults to total", () => {
    expect(parseGender("")).toBe("total");
    expect(parseGender("Female")).toBe("female");
    expect(parseGender("both")).toBeNull();
  });
  it("normaliseRegionCode pads as the level's codes are written", () => {
    expect(normaliseRegionCode("kunta", "5")).toBe("005");
    expect(normaliseRegionCode("maakunta", "1")).toBe("01");
    expect(normaliseRegionCode("hyvinvointialue", "01")).toBe("1");
    expect(normaliseRegionCode("koko_maa", "SSS")).toBe("SSS");
  });
  it("hasControlCharacter finds NUL and other control characters but not tabs or line ends", () => {
    expect(hasControlCharacter("a\u0000b")).toBe(true);
    expect(hasControlCharacter("a\u007f")).toBe(true);
    expect(hasControlCharacter("a\tb\r\n")).toBe(false);
  });
  it("periodYear: a year, a window's centre, latest", () => {
    expect(periodYear("2019", null)).toBe(2019);
    expect(periodYear("2018-2020", null)).toBe(2019);
    expect(periodYear("2018-2019", null)).toBeNull();
    expect(periodYear("latest", 2019)).toBe(2019);
    expect(periodYear("latest", null)).toBeNull();
  });
  it("indicatorIdOf maps bare numbers to Sotkanet ids", () => {
    expect(indicatorIdOf("127")).toBe("sotkanet-127");
    expect(indicatorIdOf("hos-nuorisotyottomyys")).toBe("hos-nuorisotyottomyys");
  });
});

describe("file parsers never throw, whatever the bytes (property)", () => {
  it("tidy CSV", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseTidyCsv(enc(`indicator,level,region_code,year,value\n${text}`));
        if (r.ok) for (const row of r.rows) expect(Number.isFinite(row.value)).toBe(true);
      }),
    );
    fc.assert(fc.property(fc.uint8Array(), (bytes) => void parseTidyCsv(bytes)));
  });
  it("the Diak format", () => {
    const ids = new Map([["Nuorisotyöttömyys", "hos-nuorisotyottomyys"]]);
    fc.assert(
      fc.property(
        anyText,
        (text) => void parseHosFile(enc(`data_version,level,region_code,variable,dimension,year_or_period,value\n${text}`), ids),
      ),
    );
  });
  it("Sotkanet JSON", () => {
    fc.assert(fc.property(anyText, (text) => void parseSotkanetFile(enc(text))));
    fc.assert(fc.property(fc.json(), (json) => void parseSotkanetFile(enc(json))));
  });
});

describe("tidy CSV rows (property)", () => {
  const row = fc.record({
    indicator: fc.constantFrom("127", "hos-nuorisotyottomyys"),
    level: fc.constantFrom("KUNTA", "kunta", "maakunta"),
    code: fc.integer({ min: 1, max: 99 }),
    year: fc.integer({ min: 1900, max: 2100 }),
    value: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    gender: fc.constantFrom("total", "male", "female", ""),
  });
  it("reads back every generated row with its row number", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const text = [
          "indicator,level,region_code,year,value,gender",
          ...rows.map((r) => `${r.indicator},${r.level},${r.code},${r.year},${r.value},${r.gender}`),
        ].join("\n");
        const parsed = parseTidyCsv(enc(text));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.messages).toEqual([]);
        parsed.rows.forEach((p, i) => {
          const r = rows[i] as (typeof rows)[number];
          expect(p.row).toBe(i + 2);
          expect(p.value).toBe(r.value === 0 ? 0 : r.value);
          expect(p.year).toBe(r.year);
          expect(p.gender).toBe(r.gender || "total");
          expect(p.regionCode).toBe(r.level === "maakunta" ? String(r.code).padStart(2, "0") : String(r.code).padStart(3, "0"));
        });
      }),
    );
  });
  it("a control character in a row refuses that row only; a NUL refuses the file (it is not text)", () => {
    const parsed = parseTidyCsv(enc("indicator,level,region_code,year,value\n127,kunta,005,2020,1\n127,kunta,0\u000105,2020,1\n"));
    expect(parsed.ok && parsed.messages.map((m) => [m.row, m.key])).toEqual([[3, "controlCharacter"]]);
    const nul = parseTidyCsv(enc("indicator,level,region_code,year,value\n127,kunta,0\u000005,2020,1\n"));
    expect(!nul.ok && nul.problem.key).toBe("binary");
  });
});

describe("checkRows", () => {
  const reference = { indicators: new Map([["x", { unit: "%", kind: "raw" }]]), regions: new Set(["kunta:005", "kunta:009"]) };
  const r = (row: number, over: Partial<ValueRow> = {}): ValueRow => ({
    row,
    indicatorId: "x",
    level: "kunta",
    regionCode: "005",
    year: 2020,
    gender: "total",
    value: 1,
    ...over,
  });
  it("refuses every copy of a duplicated key, unknown indicators and regions", () => {
    const { accepted, refused } = checkRows(
      [r(2), r(3, { regionCode: "009" }), r(4, { regionCode: "009" }), r(5, { indicatorId: "y" }), r(6, { regionCode: "999" })],
      reference,
    );
    expect(accepted.map((a) => a.row)).toEqual([2]);
    expect(refused.map((x) => [x.message.row, x.message.key])).toEqual([
      [3, "duplicate"],
      [4, "duplicate"],
      [5, "unknownIndicator"],
      [6, "unknownRegion"],
    ]);
  });
  it("accepts the same area and year for another gender", () => {
    expect(checkRows([r(2), r(3, { gender: "male" })], reference).accepted).toHaveLength(2);
  });
});

describe("Sotkanet data rows: the fast path and zod agree (property)", () => {
  it("accepts exactly the rows the schema accepts", async () => {
    const { sotkanetRowSchema } = await import("./parse-sotkanet.ts");
    const anyValue = fc.oneof(
      fc.integer({ min: -5, max: 3000 }),
      fc.double(),
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            indicator: fc.oneof(fc.integer({ min: -1, max: 10 }), fc.constantFrom(2 ** 53, Number.MAX_VALUE), anyValue),
            region: fc.oneof(fc.integer({ min: -1, max: 10 }), fc.constantFrom(2 ** 53, 2 ** 60), anyValue),
            year: fc.oneof(fc.integer({ min: 1890, max: 2110 }), anyValue),
            gender: fc.oneof(fc.constantFrom("total", "male", "female", "x"), anyValue),
            value: fc.oneof(fc.double(), anyValue),
            absValue: anyValue,
          },
          { requiredKeys: ["indicator", "region", "year", "gender"] },
        ),
        (row) => {
          const parsed = parseSotkanetFile(enc(JSON.stringify([{ indicator: 1, region: 1, year: 2000, gender: "total", value: 1 }, row])));
          if (!parsed.ok || parsed.kind !== "data") return;
          const json = JSON.parse(JSON.stringify(row));
          const viaZod = sotkanetRowSchema.safeParse(json);
          const hasValue = viaZod.success && viaZod.data.value !== null && viaZod.data.value !== undefined;
          expect(parsed.rows.length === 2).toBe(hasValue);
        },
      ),
    );
  });
});
