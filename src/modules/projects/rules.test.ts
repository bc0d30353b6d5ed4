import { describe, expect, it } from "vitest";
import {
  checkStatusChange,
  codeMatchesPattern,
  deriveAreas,
  ESF_PROJECT_CODE,
  isSafeCodePattern,
  normaliseProjectCode,
  statusOn,
} from "./rules.ts";

const structure = [
  { id: "south", maakuntaCodes: ["01", "05", "07", "08", "09"] },
  { id: "east", maakuntaCodes: ["10", "11", "12"] },
  { id: "north", maakuntaCodes: ["17", "18", "19"] },
];

describe("project code", () => {
  it.each(["S20220", "S00000", "S99999"])("accepts %s", (c) => expect(ESF_PROJECT_CODE.test(c)).toBe(true));
  it.each(["", "S2022", "S202200", "A20220", "s20220", "S2022O", " S20220"])("rejects %j", (c) =>
    expect(ESF_PROJECT_CODE.test(c)).toBe(false),
  );
  it("normalises case and spaces", () => expect(normaliseProjectCode(" s20220 ")).toBe("S20220"));
});

describe("deriveAreas", () => {
  it("a national project belongs to every area", () => {
    expect(deriveAreas(structure, { scope: "national", maakuntaCodes: [], municipalityMaakuntaCodes: [] })).toEqual([
      "east",
      "north",
      "south",
    ]);
  });
  it("nothing served gives no area", () => {
    expect(deriveAreas(structure, { scope: "local", maakuntaCodes: [], municipalityMaakuntaCodes: [] })).toEqual([]);
  });
  it("one municipality gives its maakunta's area", () => {
    expect(deriveAreas(structure, { scope: "local", maakuntaCodes: [], municipalityMaakuntaCodes: ["11"] })).toEqual(["east"]);
  });
  it("regions across two areas give both, once each", () => {
    expect(deriveAreas(structure, { scope: "regional", maakuntaCodes: ["12", "19", "10"], municipalityMaakuntaCodes: ["19"] })).toEqual([
      "east",
      "north",
    ]);
  });
  it("a maakunta outside every area (Åland) gives none", () => {
    expect(deriveAreas(structure, { scope: "local", maakuntaCodes: ["21"], municipalityMaakuntaCodes: [] })).toEqual([]);
  });
});

describe("statusOn", () => {
  const history = [
    { status: "applied" as const, changedOn: "2016-03-01" },
    { status: "running" as const, changedOn: "2016-09-01" },
    { status: "ended" as const, changedOn: "2019-01-31" },
  ];
  it.each([
    ["2016-02-28", null],
    ["2016-03-01", "applied"],
    ["2016-08-31", "applied"],
    ["2016-09-01", "running"],
    ["2019-01-30", "running"],
    ["2019-01-31", "ended"],
    ["2030-01-01", "ended"],
  ])("on %s → %s", (day, expected) => expect(statusOn(history, day)).toBe(expected));
  it("empty history has no status", () => expect(statusOn([], "2020-01-01")).toBeNull());
  it("order of the history does not matter", () => expect(statusOn([...history].reverse(), "2017-01-01")).toBe("running"));
});

describe("checkStatusChange", () => {
  const history = [
    { status: "planning" as const, changedOn: "2018-05-01" },
    { status: "running" as const, changedOn: "2019-01-15" },
  ];
  const today = "2026-11-25";
  it.each([
    ["a first status on any past day", [], "running", "2015-01-01", null],
    ["a first status today", [], "idea", today, null],
    ["a first status tomorrow", [], "idea", "2026-11-26", "errors.statusDateFuture"],
    ["a change on the day of the last change", history, "ended", "2019-01-15", null],
    ["a change after the last change", history, "ended", "2021-12-31", null],
    ["a change before the last change", history, "ended", "2019-01-14", "errors.statusDateBeforeLast"],
    ["a change in the future", history, "ended", "2027-01-01", "errors.statusDateFuture"],
    ["the same status again (nothing is recorded)", history, "running", "2010-01-01", null],
  ] as const)("%s", (_, h, status, changedOn, expected) => {
    expect(checkStatusChange(h, { status, changedOn }, today)).toBe(expected);
  });
  it("uses the latest change whatever the order of the history", () => {
    expect(checkStatusChange([...history].reverse(), { status: "ended", changedOn: "2018-12-31" }, today)).toBe(
      "errors.statusDateBeforeLast",
    );
  });
});

describe("project code formats", () => {
  it.each(["^S\\d{5}$", "S\\d{5}", "[A-Z]{2}-\\d{3,6}", "", "ESR.\\d{4}"])("accepts the safe format %j", (p) =>
    expect(isSafeCodePattern(p)).toBe(true),
  );
  it.each(["^(A|A)*$", "S\\d+", "S.*", "(S)\\d{5}", "S\\d{5}?", "[", "S\\d{5}|T", "a".repeat(101)])("refuses %j", (p) =>
    expect(isSafeCodePattern(p)).toBe(false),
  );
  it("matches the whole code, never a part of it", () => {
    expect(codeMatchesPattern("S\\d{5}", "S20220")).toBe(true);
    expect(codeMatchesPattern("S\\d{5}", "XS20220Y")).toBe(false);
    expect(codeMatchesPattern("^S\\d{5}$", "S20220")).toBe(true);
    expect(codeMatchesPattern("^(A|A|A|A)*$", "AAAAAAAAAAAAAAAAAAAA!")).toBe(false); // refused, not run
  });
});
