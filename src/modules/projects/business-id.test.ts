import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessIdCheckDigit, isValidBusinessId, normaliseBusinessId } from "./business-id.ts";

describe("Finnish business ID", () => {
  it.each([
    ["2229500-6", "2229500-6"], // from the EURA sample
    ["0112038-9", "0112038-9"],
    [" 2229500 - 6 ", "2229500-6"],
    ["112038-9", "0112038-9"], // six-digit body gets its leading zero
  ])("accepts %s as %s", (input, normalised) => {
    expect(normaliseBusinessId(input)).toBe(normalised);
  });

  it.each([
    "",
    "2229500-7", // wrong check digit
    "2229500",
    "22295006",
    "2229500-",
    "12345-6",
    "123456789-0",
    "abcdefg-h",
    "2229500–6", // en dash
    "2229500-66",
  ])("rejects %j", (input) => {
    expect(isValidBusinessId(input)).toBe(false);
  });

  it("never issues a body whose remainder is 1", () => {
    // 1000000: 1*7 = 7 → remainder 7, check 4; find a body with remainder 1 and see it refused for every digit.
    let body = "";
    for (let n = 0; n < 10_000_000 && !body; n++) {
      const candidate = String(n).padStart(7, "0");
      const sum = [...candidate].reduce((s, d, i) => s + Number(d) * ([7, 9, 10, 5, 8, 4, 2][i] ?? 0), 0);
      if (sum % 11 === 1) body = candidate;
    }
    expect(businessIdCheckDigit(body)).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidBusinessId(`${body}-${d}`)).toBe(false);
  });

  it("exactly one check digit makes a valid ID for every issuable body", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const body = String(n).padStart(7, "0");
        const valid = [...Array(10).keys()].filter((d) => isValidBusinessId(`${body}-${d}`));
        expect(valid.length).toBe(businessIdCheckDigit(body) === null ? 0 : 1);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(typeof isValidBusinessId(s)).toBe("boolean");
      }),
    );
  });
});
