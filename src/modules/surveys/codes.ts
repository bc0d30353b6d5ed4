import { randomInt } from "node:crypto";

/**
 * Pseudonymous respondent codes: seven random characters and one check character, printed as
 * "XXXX-XXXX". The alphabet leaves out characters that are easy to confuse on paper or aloud
 * (no 0/O/Q, 1/I, 2/Z, 5/S, 8/B; 6 but not G, V but not U) and has a prime number of symbols (23), so a weighted
 * check sum modulo 23 catches every single mistyped character and every swap of two neighbours.
 */
export const CODE_ALPHABET = "ACDEFHJKLMNPRTVWXY34679";
const P = CODE_ALPHABET.length; // 23, prime
export const CODE_PAYLOAD_LENGTH = 7;
export const CODE_LENGTH = CODE_PAYLOAD_LENGTH + 1;

/** Weights 2..8 for the payload and 1 for the check character: all distinct and non-zero modulo 23. */
function weightedSum(values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (i + 2) * (values[i] as number);
  return sum % P;
}

/** The check character for a payload of CODE_PAYLOAD_LENGTH alphabet characters. */
export function checkCharacter(payload: string): string {
  const values = [...payload].map((c) => CODE_ALPHABET.indexOf(c));
  if (values.length !== CODE_PAYLOAD_LENGTH || values.some((v) => v < 0)) throw new Error("invalid payload");
  return CODE_ALPHABET[(P - weightedSum(values)) % P] as string;
}

/** A new random code (without the hyphen); `random(n)` returns an integer in [0, n). */
export function generateCode(random: (n: number) => number = (n) => randomInt(n)): string {
  let payload = "";
  for (let i = 0; i < CODE_PAYLOAD_LENGTH; i++) payload += CODE_ALPHABET[random(P)];
  return payload + checkCharacter(payload);
}

/** `count` distinct new codes, none of them in `taken`. */
export function generateCodes(count: number, taken: ReadonlySet<string> = new Set(), random?: (n: number) => number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const code = generateCode(random);
    if (!taken.has(code)) out.add(code);
  }
  return [...out];
}

/** "ACDE-FHJK" for reading aloud and printing. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: "empty" | "length" | "character" | "check" };

/**
 * Reads what a participant typed: case, spaces and hyphens do not matter; a character outside the
 * alphabet, a wrong length or a failing check character is refused (never looked up).
 */
export function parseCode(input: string): CodeCheck {
  const code = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-–—]/g, "");
  if (code === "") return { ok: false, reason: "empty" };
  if (code.length !== CODE_LENGTH) return { ok: false, reason: "length" };
  const values = [...code].map((c) => CODE_ALPHABET.indexOf(c));
  if (values.some((v) => v < 0)) return { ok: false, reason: "character" };
  let sum = 0;
  for (let i = 0; i < CODE_PAYLOAD_LENGTH; i++) sum += (i + 2) * (values[i] as number);
  sum += values[CODE_PAYLOAD_LENGTH] as number;
  if (sum % P !== 0) return { ok: false, reason: "check" };
  return { ok: true, code };
}
