import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, checkCharacter, formatCode, generateCode, generateCodes, parseCode } from "./codes.ts";

describe("respondent codes", () => {
  it("the alphabet has a prime number of distinct symbols and no look-alikes", () => {
    expect(new Set(CODE_ALPHABET).size).toBe(23);
    for (const c of "0O Q1IZ2S5B8GU") expect(CODE_ALPHABET.includes(c)).toBe(false);
  });
  it("a generated code has the right length and passes its check", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(parseCode(code)).toEqual({ ok: true, code });
    }
  });
  it("a fixed random source gives a known code", () => {
    expect(generateCode(() => 0)).toBe(`AAAAAAA${checkCharacter("AAAAAAA")}`);
    expect(checkCharacter("AAAAAAA")).toBe("A");
  });
  it("reads what was typed: case, spaces and hyphens do not matter", () => {
    const code = generateCode();
    expect(parseCode(` ${formatCode(code).toLowerCase()} `)).toEqual({ ok: true, code });
    expect(parseCode(code.split("").join(" "))).toEqual({ ok: true, code });
  });
  it("formats as two groups of four", () => expect(formatCode("ACDEFHJK")).toBe("ACDE-FHJK"));
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["ACDE", "length"],
    ["ACDEFHJKL", "length"],
    ["ACDEFHJ0", "character"],
    ["ACDEFHJÄ", "character"],
  ])("refuses %j (%s)", (input, reason) => expect(parseCode(input)).toEqual({ ok: false, reason }));
  it("catches every single mistyped character", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 0, max: CODE_LENGTH - 1 }), fc.integer({ min: 1, max: 22 }), (seed, pos, shift) => {
        let s = seed;
        const code = generateCode((n) => {
          s = (s * 1103515245 + 12345) % 2147483648;
          return s % n;
        });
        const i = CODE_ALPHABET.indexOf(code[pos] as string);
        const typo = code.slice(0, pos) + CODE_ALPHABET[(i + shift) % 23] + code.slice(pos + 1);
        expect(parseCode(typo)).toEqual({ ok: false, reason: "check" });
      }),
    );
  });
  it("catches every swap of two different neighbours", () => {
    for (let k = 0; k < 500; k++) {
      const code = generateCode();
      for (let pos = 0; pos < CODE_LENGTH - 1; pos++) {
        if (code[pos] === code[pos + 1]) continue;
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(parseCode(swapped).ok).toBe(false);
      }
    }
  });
  it("a batch has distinct codes and avoids the taken ones", () => {
    let calls = 0;
    const taken = new Set([generateCode(() => 0)]);
    // A source that first repeats the taken code, then counts up.
    const codes = generateCodes(3, taken, (n) => {
      calls++;
      return calls <= 14 ? 0 : ((calls % n) as number);
    });
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    expect(codes.some((c) => taken.has(c))).toBe(false);
  });
  it("never throws on any input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(typeof parseCode(s).ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
    expect(parseCode("\u0000ACDEFHJK").ok).toBe(false);
  });
  it("checkCharacter refuses a bad payload", () => expect(() => checkCharacter("ACD")).toThrow());
});
