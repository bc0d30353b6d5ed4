import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { close, compareWithR, dir, expected, readFixtureResponses } from "../../../tests/helpers/r-fixture.ts";
import { analyse } from "./analysis.ts";
import { score } from "./instrument.ts";

const rule = { method: "mean-of-answered" as const, minAnswered: 8 };

describe("statistics agree with R (shared fixture set A)", () => {
  const rows = readFixtureResponses();
  it.each(expected.meta.group_order)("group %s", (group) => {
    const a = analyse(rule, group === "ALL" ? rows : rows.filter((r) => r.group === group));
    compareWithR(a, expected.groups[group] as Record<string, unknown>);
  });
  it("scores agree with scores.csv", () => {
    const lines = readFileSync(new URL("scores.csv", dir), "utf8").trim().split("\n").slice(1);
    expect(lines.length).toBe(rows.length);
    const byKey = new Map(rows.map((r) => [`${r.group},${r.code},${r.round}`, r.answers]));
    for (const line of lines) {
      const [group, code, round, , , want] = line.split(",");
      const answers = byKey.get(`${group},${code},${round}`);
      expect(answers).toBeDefined();
      const got = score(rule, answers ?? []);
      if (want === "") expect(got).toBeNull();
      else close(got, Number(want));
    }
  });
  it("rose + stayed + fell is the paired n, and stayed is the zero changes", () => {
    const a = analyse(rule, rows);
    expect(a.rose + a.stayed + a.fell).toBe(a.n);
    expect(a.stayed).toBe(a.wilcoxon.zero);
  });
  it("anonymous answers count but never pair", () => {
    const anon = rows.filter((r) => r.group === "S91104").map((r) => ({ ...r, code: null }));
    const a = analyse(rule, anon);
    expect(a.nPreResponses).toBe(15);
    expect(a.n).toBe(0);
    expect(a.meanChange).toBeNull();
    expect(a.wilcoxon.V).toBeNull();
  });
});
