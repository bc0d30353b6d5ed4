/**
 * Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit, e.g. 2229500-6.
 * The check digit is computed with the weights 7, 9, 10, 5, 8, 4, 2 modulo 11; a remainder of 1
 * is never issued, a remainder of 0 gives 0, otherwise the digit is 11 − remainder.
 * Older IDs with six digits are written with a leading zero.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

export function businessIdCheckDigit(sevenDigits: string): number | null {
  if (!/^\d{7}$/.test(sevenDigits)) return null;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(sevenDigits[i]) * (WEIGHTS[i] ?? 0);
  const remainder = sum % 11;
  if (remainder === 1) return null;
  return remainder === 0 ? 0 : 11 - remainder;
}

/** The normalised form (`1234567-8`) of a valid business ID, or null. Accepts spaces and a six-digit body. */
export function normaliseBusinessId(input: string): string | null {
  const m = /^\s*(\d{6,7})\s*-\s*(\d)\s*$/.exec(input);
  if (!m?.[1] || m[2] === undefined) return null;
  const body = m[1].padStart(7, "0");
  const check = businessIdCheckDigit(body);
  return check !== null && check === Number(m[2]) ? `${body}-${m[2]}` : null;
}

export function isValidBusinessId(input: string): boolean {
  return normaliseBusinessId(input) !== null;
}
