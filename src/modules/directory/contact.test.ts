import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPhone, normalisePhone } from "./contact.ts";

describe("normalisePhone", () => {
  it.each([
    ["040 123 4567", "+358401234567"],
    ["040-1234567", "+358401234567"],
    ["(09) 1234 567", null],
    ["09 1234 567", "+35891234567"],
    ["0800 123 456", "+358800123456"],
    ["+358 40 123 4567", "+358401234567"],
    ["00358 40 1234567", "+358401234567"],
    ["+46 8 123 456 78", "+46812345678"],
    ["+1 (202) 555-0143", "+12025550143"],
    ["  050 555 1234  ", "+358505551234"],
  ])("%s → %s", (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    "",
    " ",
    "+",
    "0",
    "12345",
    "401234567",
    "+0 123 4567",
    "+358 1",
    "040 123 4567 ext 5",
    "040\u0000123",
    "+358 40 123 4567 8901 2345",
    "phone",
    "040 12a 4567",
  ])("refuses %j", (input) => {
    expect(normalisePhone(input)).toBeNull();
  });

  it("never throws and returns E.164 or null for any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("0", "4", "+", " ", "-", "\u0000", "\n", "9") })), (s) => {
        const r = normalisePhone(s);
        if (r !== null) expect(r).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });

  it("is idempotent on its own output", () => {
    for (const n of ["040 123 4567", "+46 8 123 456 78", "09 1234 567"]) {
      const once = normalisePhone(n);
      expect(once && normalisePhone(once)).toBe(once);
    }
  });
});

describe("formatPhone", () => {
  it("writes Finnish numbers in the national form and keeps others", () => {
    expect(formatPhone("+358401234567")).toBe("040 1234567");
    expect(formatPhone("+46812345678")).toBe("+46812345678");
  });
});
