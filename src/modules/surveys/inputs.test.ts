import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchInput, parseAnswerForm, roundInput } from "./inputs.ts";
import { instrumentSchema } from "./instrument.ts";

const esis = instrumentSchema.parse(JSON.parse(readFileSync(new URL("../../../data/instruments/esis-v1.json", import.meta.url), "utf8")));
const full = Object.fromEntries(esis.items.map((it, i) => [it.id, String((i % 5) + 1)]));

describe("parseAnswerForm", () => {
  it("reads a complete form", () => {
    const r = parseAnswerForm(esis, "fi", { _csrf: "x", ...full, gender: "other", withWorker: "yes" });
    expect(r).toEqual({
      ok: true,
      input: { answers: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5], background: { gender: "other" }, withWorker: true, language: "fi" },
    });
  });
  it("unanswered items and questions are null / absent", () => {
    const r = parseAnswerForm(esis, "sv", { item1: "3", item2: "", ageGroup: "" });
    expect(r.ok && r.input.answers).toEqual([3, null, null, null, null, null, null, null, null, null]);
    expect(r.ok && r.input.background).toEqual({});
  });
  it("nothing answered is refused kindly", () =>
    expect(parseAnswerForm(esis, "fi", { _csrf: "x" })).toEqual({ ok: false, error: "errors.surveyNothingAnswered" }));
  it.each([
    [{ ...full, item1: "6" }],
    [{ ...full, item1: "0" }],
    [{ ...full, item1: "2.5" }],
    [{ ...full, item1: " 3" }],
    [{ ...full, item1: ["1", "2"] }],
    [{ ...full, item11: "3" }],
    [{ ...full, name: "Matti" }],
    [{ ...full, gender: "robot" }],
    [{ ...full, withWorker: "no" }],
    [{ ...full, item3: "3\u0000" }],
  ])("refuses a forged form %#", (body) => expect(parseAnswerForm(esis, "fi", body)).toEqual({ ok: false, error: "errors.surveyForged" }));
  it.each([null, undefined, "x", 3, []])("refuses a body that is not a form: %j", (body) =>
    expect(parseAnswerForm(esis, "fi", body).ok).toBe(false),
  );
  it("never throws, and whatever it accepts fits the scale", () => {
    const value = fc.oneof(fc.string(), fc.constantFrom("1", "5", "", "yes", "other", "\u0000"), fc.array(fc.string(), { maxLength: 2 }));
    const key = fc.oneof(fc.constantFrom(...esis.items.map((i) => i.id), "gender", "withWorker", "_csrf"), fc.string());
    fc.assert(
      fc.property(fc.dictionary(key, value), (body) => {
        const r = parseAnswerForm(esis, "en", body);
        if (r.ok) {
          expect(r.input.answers).toHaveLength(10);
          for (const a of r.input.answers) expect(a === null || (a >= 1 && a <= 5)).toBe(true);
        }
      }),
    );
  });
});

describe("roundInput and batchInput", () => {
  it("accepts dates in order, including the same day", () => {
    expect(roundInput.safeParse({ opensOn: "2026-01-01", closesOn: "2026-01-01" }).success).toBe(true);
  });
  it("refuses a close before the open", () => {
    const r = roundInput.safeParse({ opensOn: "2026-02-01", closesOn: "2026-01-31" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["closesOn"]);
  });
  it.each(["", "1.1.2026", "2026-13-01", "2026-02-30"])("refuses the date %j", (d) =>
    expect(roundInput.safeParse({ opensOn: d, closesOn: "2026-12-31" }).success).toBe(false),
  );
  it.each([
    ["1", true],
    ["500", true],
    ["0", false],
    ["501", false],
    ["-1", false],
    ["ten", false],
    ["", false],
  ])("batch size %j → %s", (size, ok) => expect(batchInput.safeParse({ size }).success).toBe(ok));
});
