import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIRST_YEAR, LAST_YEAR, parseDay, portfolioQuery } from "./portfolio-inputs.ts";

describe("parseDay", () => {
  it.each([
    ["2019-01-31", "2019-01-31"],
    ["31.1.2019", "2019-01-31"],
    ["31.01.2019", "2019-01-31"],
    [" 1.2.2019 ", "2019-02-01"],
    ["1/2/2019", "2019-02-01"],
    ["2019-1-5", "2019-01-05"],
    ["29.2.2020", "2020-02-29"],
    ["29.2.2000", "2000-02-29"],
    [`1.1.${FIRST_YEAR}`, `${FIRST_YEAR}-01-01`],
    [`31.12.${LAST_YEAR}`, `${LAST_YEAR}-12-31`],
  ])("%j → %s", (input, day) => expect(parseDay(input)).toBe(day));

  it.each([
    "",
    "2019",
    "31.2.2019",
    "29.2.2019",
    "29.2.1900",
    "0.1.2019",
    "1.13.2019",
    "2019-00-10",
    "2019-02-30",
    "31-1-2019",
    "2019/01/31",
    "2019-01-31T00:00",
    "31.1.19",
    `31.12.${FIRST_YEAR - 1}`,
    `1.1.${LAST_YEAR + 1}`,
    "٣١.١.٢٠١٩",
    "31.1.2019; drop table projects",
  ])("refuses %j", (input) => expect(parseDay(input)).toBeNull());

  it("reads every real day in both forms", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(`${FIRST_YEAR}-01-01T00:00:00Z`), max: new Date(`${LAST_YEAR}-12-31T00:00:00Z`), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const fi = `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`;
          return parseDay(iso) === iso && parseDay(fi) === iso;
        },
      ),
    );
  });

  it("never throws, and returns either null or a real ISO day", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,4}[.\-/]\d{1,2}[.\-/]\d{1,4}$/)), (s) => {
        const day = parseDay(s);
        return day === null || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
      }),
    );
  });
});

describe("portfolioQuery", () => {
  const schema = portfolioQuery({ programmes: new Set(["esf-2014-2020-tl5"]), areas: new Set(["east", "south"]) }, "2026-11-25");

  it("defaults to today and no filters", () => {
    expect(schema.parse({})).toEqual({ date: "2026-11-25", programme: null, area: null });
    expect(schema.parse({ date: "  ", programme: "", area: "" })).toEqual({ date: "2026-11-25", programme: null, area: null });
  });

  it("reads the date and known choices", () => {
    expect(schema.parse({ date: "31.1.2019", programme: "esf-2014-2020-tl5", area: "east", other: "x" })).toEqual({
      date: "2019-01-31",
      programme: "esf-2014-2020-tl5",
      area: "east",
    });
  });

  it.each([
    [{ date: "31.2.2019" }, "date", "errors.date"],
    [{ date: "x".repeat(100) }, "date", "errors.date"],
    [{ date: ["2019-01-31", "2019-02-01"] }, "date", "errors.date"],
    [{ programme: "nope" }, "programme", "errors.unknownChoice"],
    [{ area: "east'; --" }, "area", "errors.unknownChoice"],
    [{ area: ["east", "south"] }, "area", "errors.unknownChoice"],
    [{ area: { x: "1" } }, "area", "errors.unknownChoice"],
  ])("refuses %j with a message key on the field", (query, field, message) => {
    const r = schema.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([[field, message]]);
  });

  it("answers any query object with data or field messages, never an exception", () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.record({ date: value, programme: value, area: value }, { requiredKeys: [] }), (q) => {
        const r = schema.safeParse(q);
        return r.success || r.error.issues.every((i) => String(i.message).startsWith("errors."));
      }),
    );
  });
});
