import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapOrganisationRow, mapPersonRow, parseDay } from "./import-rows.ts";

const muni = (text: string) => ({ helsinki: "091", "091": "091", helsingfors: "091" })[text.toLowerCase()] ?? null;

describe("parseDay", () => {
  it.each([
    ["2026-01-31", "2026-01-31"],
    ["31.1.2026", "2026-01-31"],
    ["1.12.2025", "2025-12-01"],
    ["29.2.2024", "2024-02-29"],
    ["29.2.2025", null],
    ["2026-02-30", null],
    ["", null],
    ["31/1/2026", null],
    ["2026-1-31", null],
  ])("%s → %s", (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });
});

describe("mapOrganisationRow", () => {
  const good = {
    name_fi: "Diakonissalaitos",
    business_id: "0116480-8",
    type: "foundation",
    name_sv: "",
    home_municipality: "Helsinki",
    website: "",
  };
  it("accepts a valid row and normalises the business ID", () => {
    expect(mapOrganisationRow({ ...good, business_id: "116480-8" }, muni)).toEqual({
      ok: true,
      value: {
        nameFi: "Diakonissalaitos",
        nameSv: null,
        businessId: "0116480-8",
        type: "foundation",
        homeMunicipalityCode: "091",
        website: null,
      },
    });
  });
  it("refuses an empty row with every reason", () => {
    const r = mapOrganisationRow({}, muni);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.column).sort()).toEqual(["business_id", "name_fi", "type"]);
  });
  it.each([
    [{ business_id: "0116480-9" }, "business_id", "errors.businessId"],
    [{ type: "club" }, "type", "errors.organisationType"],
    [{ home_municipality: "Atlantis" }, "home_municipality", "errors.unknownMunicipality"],
    [{ website: "javascript:alert(1)" }, "website", "errors.url"],
    [{ website: "ftp://x.fi" }, "website", "errors.url"],
    [{ name_fi: "Nimi\u0000" }, "name_fi", "errors.controlCharacters"],
    [{ name_fi: "x".repeat(301) }, "name_fi", "errors.textTooLong"],
  ])("refuses %j", (change, column, key) => {
    const r = mapOrganisationRow({ ...good, ...change }, muni);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ column, key });
  });
  it("accepts the type in any case and an http(s) website", () => {
    const r = mapOrganisationRow({ ...good, type: "NGO", website: "https://example.fi/" }, muni);
    expect(r.ok && r.value.type).toBe("ngo");
  });
  it("never throws on random cells", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("name_fi", "business_id", "type", "name_sv", "home_municipality", "website"), fc.string()),
        (cells) => {
          mapOrganisationRow(cells, muni);
        },
      ),
    );
  });
});

describe("mapPersonRow", () => {
  const good = { name: "Aino Malli", visibility: "public", consent_date: "1.2.2026", phone: "040 123 4567", email: "Aino@Example.fi" };
  it("accepts a valid row", () => {
    const r = mapPersonRow(good);
    expect(r).toMatchObject({
      ok: true,
      value: { name: "Aino Malli", email: "aino@example.fi", phone: "+358401234567", consentOn: "2026-02-01" },
    });
  });
  it.each([
    [{ name: "" }, "name", "errors.nameRequired"],
    [{ visibility: "friends" }, "visibility", "errors.visibilityRequired"],
    [{ consent_date: "31.2.2026" }, "consent_date", "errors.date"],
    [{ email: "aino@" }, "email", "errors.emailInvalid"],
    [{ phone: "12" }, "phone", "errors.phoneInvalid"],
    [{ organisation_business_id: "1234567-0" }, "organisation_business_id", "errors.businessId"],
    [{ area: "east" }, "area_role", "errors.required"],
    [{ project_role: "worker" }, "project_code", "errors.required"],
    [{ area: "east", area_role: "boss" }, "area_role", "errors.unknownChoice"],
  ])("refuses %j", (change, column, key) => {
    const r = mapPersonRow({ ...good, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ column, key });
  });
  it("never throws on random cells, NUL included", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("name", "visibility", "consent_date", "email", "phone", "area", "area_role", "project_code", "project_role"),
          fc.string({ unit: fc.constantFrom("a", "0", "\u0000", "@", ".", "-", "+", " ") }),
        ),
        (cells) => {
          mapPersonRow(cells);
        },
      ),
    );
  });
});
