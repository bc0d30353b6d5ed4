import { describe, expect, it } from "vitest";
import { HOS_FILES, readCatalogue, readDataFile } from "./catalogue.ts";
import { parseHosFile } from "./parse-hos.ts";
import { compareWithPublished } from "./published.ts";
import type { ValueRow } from "./rows.ts";

// Sokra's aggregation against EVERY published dimension and total value of the shipped data set
// (data/indicators/hos/). The data set's README documents that Kauniainen's social dimension
// (and so its total) cannot be reproduced from the rows present; the same comparison finds that
// the time series' kunta rows of 2018 lack sub-indicator rows their published composites used.
const catalogue = new Map(readCatalogue().map((i) => [i.id, i]));
const variableIds = new Map(
  readCatalogue()
    .filter((i) => i.source === "diak")
    .map((i) => [i.sourceId, i.id]),
);
const rows: ValueRow[] = [];
for (const name of HOS_FILES) {
  const parsed = parseHosFile(readDataFile(name), variableIds);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problem.key}`);
  expect(parsed.messages).toEqual([]);
  rows.push(...parsed.rows);
}
const comparison = compareWithPublished(rows, catalogue);
const published = rows.filter((r) => catalogue.get(r.indicatorId)?.kind === "published");

describe("the published composites of the shipped data set", () => {
  it("reads every row of the three files", () => {
    expect(rows).toHaveLength(19_672 + 27_495 + 21_929);
    expect(published).toHaveLength(14_364);
  });

  it("compares every published value; each either reproduces within the source's rounding or is an anomaly", () => {
    expect(comparison.compared).toBe(published.length);
    expect(comparison.reproduced + comparison.anomalies.length).toBe(published.length);
    expect(comparison.maxDifference).toBeLessThanOrEqual(1e-6);
  });

  it("reproduces every value at the wellbeing services county, seutukunta and maakunta levels", () => {
    expect(comparison.anomalies.filter((a) => a.level !== "kunta")).toEqual([]);
  });

  it("flags Kauniainen 2019 (the README's documented case) with both numbers", () => {
    const kauniainen = comparison.anomalies.filter((a) => a.regionCode === "235" && a.year === 2019);
    expect(kauniainen.map((a) => a.indicatorId).sort()).toEqual(["hos-huono-osaisuus-yhteensa", "hos-sosiaaliset-seuraukset"]);
    const social = kauniainen.find((a) => a.indicatorId === "hos-sosiaaliset-seuraukset");
    expect(social?.published).toBe(57.038782);
    expect(social?.computed).toBeCloseTo(58.3652376, 6);
    const total = kauniainen.find((a) => a.indicatorId === "hos-huono-osaisuus-yhteensa");
    expect(Math.abs((total?.computed as number) - (total?.published as number))).toBeCloseTo(0.44, 2);
  });

  it("finds no other anomaly than those (kunta 2018: human dimension and total of 122 municipalities)", () => {
    const others = comparison.anomalies.filter((a) => !(a.regionCode === "235" && a.year === 2019));
    expect(new Set(others.map((a) => a.year))).toEqual(new Set([2018]));
    expect(new Set(others.map((a) => a.indicatorId))).toEqual(new Set(["hos-inhimillinen-huono-osaisuus", "hos-huono-osaisuus-yhteensa"]));
    expect(others).toHaveLength(244);
    for (const a of comparison.anomalies) expect(a.computed).not.toBeNull();
  });
});
