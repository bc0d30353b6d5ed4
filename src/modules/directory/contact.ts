/**
 * Phone numbers of the directory: Finnish national forms (040 123 4567, 09 1234 567, 0800 123 456)
 * and international ones (+358 40 123 4567, 00358 40 1234567, +46 8 123 456 78), stored in E.164
 * (+358401234567). Returns null for anything else.
 */
export function normalisePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+0-9][0-9 ()\-./]*$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[ ()\-./]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = `358${digits.slice(1)}`;
  else return null;
  if (!/^[1-9][0-9]{6,14}$/.test(digits)) return null;
  // A Finnish number has 5 to 12 digits after the country code.
  if (digits.startsWith("358") && (digits.length < 8 || digits.length > 15)) return null;
  return `+${digits}`;
}

/** A stored number as people write it: Finnish numbers in the national form, others as stored. */
export function formatPhone(e164: string): string {
  if (!e164.startsWith("+358")) return e164;
  const national = `0${e164.slice(4)}`;
  // Mobile and most numbers: area/operator code of 2–3 digits, then the rest.
  const m = /^(0\d{1,2})(\d+)$/.exec(national);
  return m ? `${m[1]} ${m[2]}` : national;
}
