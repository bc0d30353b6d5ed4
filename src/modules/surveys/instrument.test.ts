import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { instrumentSchema, score } from "./instrument.ts";

const esis = instrumentSchema.parse(JSON.parse(readFileSync(new URL("../../../data/instruments/esis-v1.json", import.meta.url), "utf8")));
const rule = { method: "mean-of-answered" as const, minAnswered: 8 };

describe("ESIS instrument file", () => {
  it("has ten items, a five-step scale in three languages and the scoring rule", () => {
    expect(esis.items).toHaveLength(10);
    expect(esis.scale.labels.sv).toHaveLength(5);
    expect(esis.scoring).toEqual(rule);
    expect(esis.languages.fi.status).toBe("official");
    expect(esis.languages.sv.status).toBe("working");
  });
  it("keeps THL's Finnish statements verbatim", () => {
    expect(esis.items[0]?.text.fi).toBe("Tunnen, että päivittäiset tekemiseni ovat merkityksellisiä.");
    expect(esis.items[9]?.text.fi).toBe("Pystyn vaikuttamaan joihinkin elinympäristöni asioihin.");
  });
  it("gender offers 'other' and 'prefer not to say'", () => {
    const g = esis.background.find((b) => b.id === "gender");
    expect(g?.options.map((o) => o.value)).toEqual(expect.arrayContaining(["other", "noAnswer"]));
  });
  it("refuses labels that do not match the scale", () => {
    const bad = structuredClone(esis);
    bad.scale.labels.en.pop();
    expect(instrumentSchema.safeParse(bad).success).toBe(false);
  });
  it("refuses a rule asking for more items than there are", () => {
    const bad = structuredClone(esis);
    bad.scoring.minAnswered = 11;
    expect(instrumentSchema.safeParse(bad).success).toBe(false);
  });
  it("refuses duplicate ids and unknown fields", () => {
    const dup = structuredClone(esis);
    (dup.items[1] as { id: string }).id = "item1";
    expect(instrumentSchema.safeParse(dup).success).toBe(false);
    expect(instrumentSchema.safeParse({ ...esis, extra: 1 }).success).toBe(false);
  });
});

describe("score", () => {
  it("no answers: no score", () => expect(score(rule, [])).toBeNull());
  it("all ten answered: their mean", () => expect(score(rule, [3, 3, 3, 3, 3, 4, 4, 4, 4, 4])).toBe(3.5));
  it("exactly 8 answered: the mean of the 8", () => expect(score(rule, [5, 5, 5, 5, 5, 5, 5, 1, null, null])).toBe(36 / 8));
  it("7 answered: no score", () => expect(score(rule, [5, 5, 5, 5, 5, 5, 5, null, null, null])).toBeNull());
  it("is one division of exact integers (k/9)", () => expect(score(rule, [1, 2, 3, 4, 5, 1, 2, 3, 4, null])).toBe(25 / 9));
  it("a rule of 1 scores a single answer", () => expect(score({ method: "mean-of-answered", minAnswered: 1 }, [null, 4])).toBe(4));
});
