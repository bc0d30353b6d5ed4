import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readProgrammeFiles } from "../programmes/seed.ts";
import { readMunicipalities, readRegionsJson } from "../regions/reference-data.ts";
import { parseCsv } from "./import-csv.ts";
import {
  funderCovers,
  type ImportReference,
  importedStatus,
  looksLikeFormula,
  mapFunder,
  mapMunicipality,
  mapObjective,
  mapOrganisationType,
  mapPriorityAxis,
  mapRow,
  mapStatus,
  OPTIONAL_COLUMNS,
  parseImportDate,
  REQUIRED_COLUMNS,
  type ReferenceProgramme,
  servedArea,
  statusDate,
} from "./import-mapping.ts";

/** The reference data as the database holds it after the seed, built from the same files. */
function realReference(): ImportReference {
  const regions = readRegionsJson();
  const ely = new Map(regions.ely_centres_2010_2025.map((e) => [`ely-${e.code}`, e]));
  const programmes: ReferenceProgramme[] = readProgrammeFiles().map((p) => ({
    id: p.id,
    nameFi: p.name.fi,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    objectives: p.specificObjectives.map((o) => ({ id: `${p.id}:${o.code}`, code: o.code })),
    funders: p.funders.map((f) => {
      if (f.kind === "ministry") return { id: f.id, kind: f.kind, nameFi: f.name.fi, nameSv: f.name.sv, nameEn: f.name.en, elyCode: null };
      const e = ely.get(f.regionalAuthority);
      if (!e) throw new Error(f.regionalAuthority);
      return { id: f.id, kind: f.kind, nameFi: e.name_fi, nameSv: e.name_sv, nameEn: e.name_en, elyCode: e.code };
    }),
    areas: regions.sokra_areas_2014_2020.map((a) => ({ id: a.id, maakuntaCodes: a.maakunta_codes })),
  }));
  const municipalities = readMunicipalities().map((m) => ({
    code: m.municipality_code,
    nameFi: m.name_fi,
    nameSv: m.name_sv,
    maakuntaCode: m.maakunta_code,
    elyCode2025: m.ely_code_2025,
  }));
  return { programmes, municipalities };
}

const ref = realReference();
const tl5 = ref.programmes.find((p) => p.id === "esf-2014-2020-tl5") as ReferenceProgramme;
const funder = (id: string) => tl5.funders.find((f) => f.id === id) as ReferenceProgramme["funders"][number];

describe("dates", () => {
  it.each([
    ["2015-01-01", "2015-01-01"],
    ["1.1.2015", "2015-01-01"],
    ["31.03.2017", "2017-03-31"],
    ["2016-2-29", "2016-02-29"],
    ["29.2.2016", "2016-02-29"],
  ])("reads %j as %s", (text, iso) => {
    expect(parseImportDate(text)).toBe(iso);
  });
  it.each([
    "",
    " ",
    "2015-02-29", // not a leap year
    "31.4.2015",
    "2015-13-01",
    "0.1.2015",
    "1.1.15",
    "2015/01/01",
    "1989-12-31", // before the earliest limit
    "2101-01-01",
    "01-01-2015",
    "2015-01-01T00:00",
  ])("refuses %j", (text) => {
    expect(parseImportDate(text)).toBeNull();
  });
  it("accepts the boundary years 1990 and 2100", () => {
    expect(parseImportDate("1.1.1990")).toBe("1990-01-01");
    expect(parseImportDate("2100-12-31")).toBe("2100-12-31");
  });
  it("gives a real date or null for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const d = parseImportDate(text);
        if (d !== null) expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
      }),
    );
  });
});

describe("priority axis → programme", () => {
  it.each([
    "5. Sosiaalinen osallisuus ja köyhyyden torjunta",
    "5. SOSIAALINEN OSALLISUUS JA KÖYHYYDEN TORJUNTA.",
    "5",
    "5.",
    "TL5",
    "Toimintalinja 5",
    " 5 Sosiaalinen osallisuus ja köyhyyden torjunta ",
  ])("%j → ESF 2014–2020 TL5", (text) => {
    expect(mapPriorityAxis(text, "2016-01-01", ref.programmes)).toBe("esf-2014-2020-tl5");
  });
  it.each(["", "4. Työllisyys ja työvoiman liikkuvuus", "5. Jotain muuta", "55", "Sosiaalinen osallisuus", "x5"])("%j → none", (text) => {
    expect(mapPriorityAxis(text, "2016-01-01", ref.programmes)).toBeNull();
  });
  it("tells programmes with the same axis number apart by the project's start", () => {
    const later: ReferenceProgramme = { ...tl5, id: "later", periodStart: "2024-01-01", periodEnd: "2030-12-31" };
    const both = [tl5, later];
    expect(mapPriorityAxis("5", "2016-01-01", both)).toBe("esf-2014-2020-tl5");
    expect(mapPriorityAxis("5", "2025-06-01", both)).toBe("later");
    expect(mapPriorityAxis("5", "2050-01-01", both)).toBeNull();
    expect(mapPriorityAxis("5", null, both)).toBeNull();
  });
});

describe("specific objective", () => {
  it.each([
    ["10.1. Työelämän ulkopuolella olevien työ- ja toimintakyvyn parantaminen", "esf-2014-2020-tl5:10.1"],
    ["10.1", "esf-2014-2020-tl5:10.1"],
    ["10.1.", "esf-2014-2020-tl5:10.1"],
    ["10.1 jotain", "esf-2014-2020-tl5:10.1"],
  ])("%j → %s", (text, id) => {
    expect(mapObjective(text, tl5)).toBe(id);
  });
  it.each(["", "10.2. Toinen", "10", "10.11", "Työelämän ulkopuolella", "10.1x"])("%j → none", (text) => {
    expect(mapObjective(text, tl5)).toBeNull();
  });
});

describe("status", () => {
  it.each([
    ["Toiminnassa", "running"],
    ["toiminnassa ", "running"],
    ["Toiminta päättynyt", "ended"],
    ["TOIMINTA  PÄÄTTYNYT", "ended"],
    ["Päättynyt", "ended"],
  ])("%j → %s", (text, status) => {
    expect(mapStatus(text)).toBe(status);
  });
  it.each(["", "Käynnissä?", "running", "Toiminta keskeytetty"])("%j → none", (text) => {
    expect(mapStatus(text)).toBeNull();
  });
  it.each([
    [null, "running", "running", false],
    [null, "ended", "ended", false],
    ["idea", "running", "running", false],
    ["applied", "ended", "ended", false],
    ["running", "running", "running", false],
    ["running", "ended", "ended", false],
    ["ended", "ended", "ended", false],
    ["ended", "running", "ended", true], // an older file never moves a project back
    ["embedded", "ended", "embedded", true],
    ["embedded", "running", "embedded", true],
  ] as const)("in Sokra %s, in the file %s → %s (kept: %s)", (inSokra, fromFile, status, kept) => {
    expect(importedStatus(inSokra, fromFile)).toEqual({ status, kept });
  });
  it("dates running from the planned start and ended at the planned end", () => {
    expect(statusDate("running", "2015-01-01", "2017-03-31")).toBe("2015-01-01");
    expect(statusDate("ended", "2015-01-01", "2017-03-31")).toBe("2017-03-31");
  });
});

describe("responsible authority → funder", () => {
  it.each([
    ["Hämeen elinkeino-, liikenne- ja ympäristökeskus", "ely-4"],
    ["Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus", "ely-10"],
    ["Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus", "ely-7"],
    ["Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus", "ely-13"],
    ["Hämeen ELY-keskus", "ely-4"],
    ["hämeen ely", "ely-4"],
    ["Hämeen elinkeino–, liikenne– ja ympäristökeskus", "ely-4"], // en dashes
    ["NTM-centralen i Tavastland", "ely-4"],
    ["STM", "stm"],
    ["Sosiaali- ja terveysministeriö", "stm"],
    ["Social- och hälsovårdsministeriet", "stm"],
    ["Ministry of Social Affairs and Health", "stm"],
  ])("%j → %s", (text, id) => {
    expect(mapFunder(text, tl5)?.id).toBe(id);
  });
  it.each(["", "Uudenmaan elinkeino-, liikenne- ja ympäristökeskus", "TEM", "ELY-keskus", "Hämeen"])(
    "%j → none (not a TL5 funder)",
    (text) => {
      expect(mapFunder(text, tl5)).toBeNull();
    },
  );
});

describe("beneficiary type → organisation type", () => {
  it.each([
    ["Kunta", "municipality"],
    ["Kuntayhtymä", "municipality"],
    ["Ammattikorkeakoulu", "university"],
    ["Yliopisto", "university"],
    ["Säätiö", "foundation"],
    ["Yhdistys", "ngo"],
    ["järjestö", "ngo"],
    ["Seurakunta", "parish"],
    ["Oppilaitos", "educational"],
    ["Osakeyhtiö", "company"],
    ["Hyvinvointialue", "wellbeing_county"],
    ["Valtion virasto", "state_authority"],
    ["Muu", "other"],
    ["Järjestö tai yhdistys", "ngo"], // Sokra's own Finnish label
    ["Stiftelse", "foundation"], // Swedish label
    ["University or university of applied sciences", "university"], // English label
    ["ngo", "ngo"],
  ])("%j → %s", (text, type) => {
    expect(mapOrganisationType(text)).toBe(type);
  });
  it.each(["", "Kerho", "Kunta ja säätiö"])("%j → none", (text) => {
    expect(mapOrganisationType(text)).toBeNull();
  });
});

describe("beneficiary city → municipality", () => {
  it.each([
    ["Lappeenranta", "405"],
    [" lappeenranta ", "405"],
    ["Villmanstrand", "405"], // Swedish name
    ["Helsinki", "091"],
    ["Helsingfors", "091"],
    ["Pori", "609"],
    ["405", "405"],
    ["Mäntyharju", "507"],
  ])("%j → %s", (text, code) => {
    expect(mapMunicipality(text, ref.municipalities)).toBe(code);
  });
  it.each(["", "Atlantis", "Pertunmaa" /* merged into Mäntyharju in 2025 */, "999", "Helsinki, Espoo"])("%j → none", (text) => {
    expect(mapMunicipality(text, ref.municipalities)).toBeNull();
  });
});

describe("served area", () => {
  it("is the whole country when the ministry funds", () => {
    expect(servedArea("ministry", "091", ["405"])).toEqual({ scope: "national", municipalityCodes: [], assumed: false });
  });
  it("is the listed municipalities when the file lists them", () => {
    expect(servedArea("regional_authority", "091", ["405", "405", "609"])).toEqual({
      scope: "regional",
      municipalityCodes: ["405", "609"],
      assumed: false,
    });
  });
  it("is otherwise the lead organisation's municipality, stated as an assumption", () => {
    expect(servedArea("regional_authority", "091", [])).toEqual({ scope: "regional", municipalityCodes: ["091"], assumed: true });
  });
  it("is checked against the regional funder's area", () => {
    expect(funderCovers(funder("ely-4"), "405", tl5, ref)).toBe(true); // Lappeenranta: South, Häme ELY
    expect(funderCovers(funder("ely-10"), "609", tl5, ref)).toBe(true); // Pori: Central & West, Keski-Suomi ELY
    expect(funderCovers(funder("ely-10"), "091", tl5, ref)).toBe(false); // Helsinki is in the South area
    expect(funderCovers(funder("stm"), "091", tl5, ref)).toBe(true);
  });
});

describe("formula-looking text", () => {
  it.each(["=SUM(A1)", "+358", "-1", "@x", "\tx", "\rx"])("%j looks like a formula", (text) => {
    expect(looksLikeFormula(text)).toBe(true);
  });
  it.each(["", "Toimari", "TUKEE!", "1=1", "a-b", " =x"])("%j does not", (text) => {
    expect(looksLikeFormula(text)).toBe(false);
  });
});

describe("a whole row", () => {
  const sample = readFileSync(resolve(import.meta.dirname, "../../../data/projects/esr-tl5-projects-sample.csv"));
  const csv = parseCsv(sample, { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS, maxBytes: 1e6, maxRows: 10 });
  if (!csv.ok) throw new Error("sample not read");
  const rows = csv.csv.rows;

  it("maps the three real sample projects", () => {
    const mapped = rows.map((r) => mapRow(r, ref, "2026-11-25"));
    expect(mapped.map((m) => m.ok)).toEqual([true, true, true]);
    const [toimari, tukee, romaniportti] = mapped.map((m) => (m.ok ? m.row : null));
    expect(toimari).toMatchObject({
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      funderId: "ely-4",
      funderKind: "regional_authority",
      leadInFunderArea: true,
      nameFi: "Toimari",
      summaryFi: null,
      sourceUrl: "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20064",
      plannedStart: "2015-01-01",
      plannedEnd: "2017-03-31",
      status: "ended",
      statusChangedOn: "2017-03-31",
      lead: { name: "Etelä-Karjalan sosiaali- ja terveyden huollon ky", type: "municipality", businessId: "0725937-3" },
      leadMunicipality: "405",
    });
    expect(tukee).toMatchObject({ funderId: "ely-10", lead: { type: "university", businessId: "2388924-4" }, leadMunicipality: "609" });
    expect(romaniportti).toMatchObject({
      status: "running",
      statusChangedOn: "2020-08-01",
      leadMunicipality: "091",
      leadInFunderArea: false,
    });
  });

  it("warns when a project is still running after its planned end", () => {
    const romaniportti = mapRow(rows[2] as (typeof rows)[number], ref, "2026-11-25");
    expect(romaniportti.ok && romaniportti.warnings.map((w) => w.key)).toEqual(["import.warnings.runningPastEnd"]);
    const before = mapRow(rows[2] as (typeof rows)[number], ref, "2021-01-01");
    expect(before.ok && before.warnings).toEqual([]);
  });

  it("reports every problem of a row, each with its column and the cell's text", () => {
    const row = {
      row: 7,
      cellCount: 13,
      missingCells: [],
      cells: {
        project_code: "S30001",
        project_name: "=HYPERLINK(1)",
        priority_axis: "5",
        specific_objective: "10.9",
        planned_start: "2019-01-01",
        planned_end: "31.12.2018",
        status_at_capture: "Käynnissä",
        responsible_authority: "Uudenmaan ELY-keskus",
        beneficiary_name: "",
        beneficiary_type: "Kerho",
        beneficiary_business_id: "0725937-4",
        beneficiary_city: "Atlantis",
        municipalities: "Pori, Narnia",
      },
    };
    const m = mapRow(row, ref, "2026-11-25");
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.code).toBe("S30001");
    expect(m.errors.map((e) => [e.column, e.key, e.value ?? null])).toEqual([
      ["project_name", "import.rowErrors.formula", "=HYPERLINK(1)"],
      ["planned_end", "errors.endBeforeStart", "31.12.2018"],
      ["specific_objective", "import.rowErrors.unknownObjective", "10.9"],
      ["responsible_authority", "import.rowErrors.unknownFunder", "Uudenmaan ELY-keskus"],
      ["status_at_capture", "import.rowErrors.unknownStatus", "Käynnissä"],
      ["beneficiary_name", "errors.required", null],
      ["beneficiary_type", "import.rowErrors.unknownOrganisationType", "Kerho"],
      ["beneficiary_business_id", "errors.businessId", "0725937-4"],
      ["beneficiary_city", "import.rowErrors.unknownMunicipality", "Atlantis"],
      ["municipalities", "import.rowErrors.unknownListedMunicipality", "Pori, Narnia"],
    ]);
    expect(m.errors.find((e) => e.column === "responsible_authority")?.params?.funders).toContain("Hämeen ELY-keskus");
  });

  it("reports a row with too few cells and every empty required cell", () => {
    const m = mapRow(
      { row: 3, cellCount: 1, missingCells: ["project_name"], cells: Object.fromEntries(REQUIRED_COLUMNS.map((c) => [c, ""])) },
      ref,
      "2026-11-25",
    );
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.code).toBeNull();
    expect(m.errors[0]).toEqual({ column: null, key: "import.rowErrors.tooFewCells", params: { cells: 1 } });
    const required = m.errors.filter((e) => e.key === "errors.required").map((e) => e.column ?? "");
    expect(required.sort()).toEqual([...REQUIRED_COLUMNS].sort());
  });

  it("shortens a long cell in the report", () => {
    const m = mapRow(
      { ...(rows[0] as (typeof rows)[number]), cells: { ...rows[0]?.cells, beneficiary_city: "x".repeat(500) } },
      ref,
      "2026-11-25",
    );
    expect(!m.ok && m.errors[0]?.value?.length).toBe(80);
  });

  it("never throws, whatever the cells hold", () => {
    const cellText = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("5", "10.1", "Toiminnassa", "STM", "Kunta", "Pori", "2015-01-01"),
    );
    fc.assert(
      fc.property(fc.tuple(...REQUIRED_COLUMNS.map(() => cellText)), fc.nat(20), (cells, cellCount) => {
        const m = mapRow(
          {
            row: 2,
            cellCount,
            missingCells: REQUIRED_COLUMNS.slice(cellCount),
            cells: Object.fromEntries(REQUIRED_COLUMNS.map((c, i) => [c, cells[i] ?? ""])),
          },
          ref,
          "2026-11-25",
        );
        if (!m.ok) expect(m.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
