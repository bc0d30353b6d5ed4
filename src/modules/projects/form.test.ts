import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coRowCount, EMPTY_CO_ROWS, formFieldOf, formToInput, MAX_CO_ROWS, splitNames } from "./form.ts";
import { projectInput } from "./inputs.ts";

const known: Record<string, string> = { kuopio: "297", joensuu: "167", "297": "297", helsingfors: "091", helsinki: "091" };
const find = (name: string) => known[name.trim().toLowerCase()];

describe("splitNames", () => {
  it.each([
    ["", []],
    ["   ", []],
    ["Kuopio", ["Kuopio"]],
    ["Kuopio, Joensuu", ["Kuopio", "Joensuu"]],
    ["Kuopio;Joensuu\nLieksa", ["Kuopio", "Joensuu", "Lieksa"]],
    ["Kuopio,, ,Kuopio", ["Kuopio"]],
  ])("%j → %j", (text, names) => {
    expect(splitNames(text)).toEqual(names);
  });
});

describe("formToInput", () => {
  it("resolves municipality names in any case and language, and reports the unknown ones", () => {
    const r = formToInput({ municipalities: "KUOPIO, helsingfors, Narnia, 297" }, find);
    expect(r.raw.municipalityCodes).toEqual(["297", "091", "297"]);
    expect(r.unknownMunicipalities).toEqual(["Narnia"]);
  });

  it("nests the lead and skips empty co-implementer rows (the type select alone does not count)", () => {
    const r = formToInput(
      {
        code: "S20001",
        contactName: "Maija",
        leadName: "Kuopion kaupunki",
        leadType: "municipality",
        leadBusinessId: "0171450-7",
        coName_0: "",
        coType_0: "ngo",
        coBusinessId_0: "",
        coName_1: "Yhdistys ry",
        coType_1: "ngo",
        coBusinessId_1: "",
        coName_2: "",
        coType_2: "ngo",
        coBusinessId_2: "0116480-8",
        coName_3: "Kumppani ry",
        coType_3: "ngo",
        coRole_3: "partner",
      },
      find,
    );
    expect(r.raw.lead).toEqual({ name: "Kuopion kaupunki", type: "municipality", businessId: "0171450-7" });
    expect(r.raw.coImplementers).toEqual([
      { name: "Yhdistys ry", type: "ngo", businessId: "", role: "co_implementer" },
      { name: "", type: "ngo", businessId: "0116480-8", role: "co_implementer" },
      { name: "Kumppani ry", type: "ngo", businessId: "", role: "partner" },
    ]);
    expect(r.coRows).toEqual([1, 2, 3]);
    // Fields that only look like form-only names are kept.
    expect(r.raw.code).toBe("S20001");
    expect(r.raw.contactName).toBe("Maija");
    expect(r.raw).not.toHaveProperty("leadName");
    expect(r.raw).not.toHaveProperty("coName_1");
  });

  it("takes the first value when a single field is sent twice, and keeps lists for checkboxes", () => {
    const r = formToInput({ nameFi: ["A", "B"], maakuntaCodes: ["08", "11"], targetGroupIds: "young-people" }, find);
    expect(r.raw.nameFi).toBe("A");
    expect(r.raw.maakuntaCodes).toEqual(["08", "11"]);
    expect(r.raw.targetGroupIds).toBe("young-people");
  });

  it("never throws, and its result never makes the schema throw", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined))), (body) => {
        const r = formToInput(body, find);
        expect(() => projectInput.safeParse(r.raw)).not.toThrow();
      }),
    );
    for (const body of [null, undefined, 1, "x", []]) expect(() => formToInput(body, find)).not.toThrow();
  });
});

describe("formFieldOf", () => {
  it.each([
    [["nameFi"], "nameFi"],
    [["lead", "businessId"], "leadBusinessId"],
    [["coImplementers", 0, "name"], "coName_3"],
    [["coImplementers", 1, "businessId"], "coBusinessId_5"],
    [["municipalityCodes"], "municipalities"],
    [[], "form"],
  ] as const)("%j → %s", (path, field) => {
    expect(formFieldOf(path, [3, 5])).toBe(field);
  });
});

describe("coRowCount", () => {
  it("offers empty rows under the filled ones, up to the maximum", () => {
    expect(coRowCount({})).toBe(EMPTY_CO_ROWS);
    expect(coRowCount({ coName_0: "A" })).toBe(1 + EMPTY_CO_ROWS);
    expect(coRowCount({ coType_4: "ngo" })).toBe(EMPTY_CO_ROWS); // a type alone is not a filled row
    expect(coRowCount({ coBusinessId_4: "0116480-8" })).toBe(5 + EMPTY_CO_ROWS);
    expect(coRowCount({ [`coName_${MAX_CO_ROWS - 1}`]: "A" })).toBe(MAX_CO_ROWS);
  });
});
